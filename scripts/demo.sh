#!/usr/bin/env bash
# `make demo`: the main job on bundled example data. Grows as features land.
set -euo pipefail
cd "$(dirname "$0")/.."
st=.venv/bin/skilltool
run() { printf '\n$ skilltool %s\n' "$*"; "$st" "$@"; }
run data info
run data validate
