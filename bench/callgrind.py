"""Switching callgrind's instrumentation from inside the measured process: the instruction-count
benches (``row_instructions.py``, ``coding_instructions.py``) start valgrind with it off, warm up,
and count only the rows or titles they measure."""

from __future__ import annotations

import os
import subprocess


def instrument(on: bool) -> bool:
    """Switch callgrind's instrumentation of this process; False when not under callgrind
    (``callgrind_control`` then says "not detected" and still exits 0)."""
    cmd = ["callgrind_control", "-i", "on" if on else "off", str(os.getpid())]
    try:
        done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    except OSError:
        return False
    return done.returncode == 0 and "not detected" not in done.stdout + done.stderr
