"""Run skilltool as ``python -m skilltool``."""

from skilltool.cli import main

if __name__ == "__main__":
    main()
