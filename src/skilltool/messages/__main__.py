"""``python -m skilltool.messages`` (``make messages``): compile the catalogues after editing."""

import sys

from skilltool.messages import write_compiled

for path in write_compiled():
    sys.stdout.write(f"{path}\n")
