#!/usr/bin/env bash
# `make demo`: the main job on bundled example data. Grows as features land.
set -euo pipefail
cd "$(dirname "$0")/.."
st=.venv/bin/skilltool
run() { printf '\n$ skilltool %s\n' "$*"; "$st" "$@"; }
# every --out is refused when it exists (--force replaces it): a second `make demo` starts afresh
rm -rf build/demo
run data info
run data validate
# intake from an answers file -> coded profile -> printable report (Dutch, with the Arabic beside it)
run intake --answers examples/answers/syria-civil-engineer.yaml --out build/demo/profile.json
run profile show build/demo/profile.json
run report build/demo/profile.json --format html --lang nl --client-lang ar --out build/demo/report.html
run report build/demo/profile.json --format md --lang en --client-lang ar --out build/demo/report.md
# suggestions: shortage-sector occupations with route, gaps and next steps; every score part of one
run suggest build/demo/profile.json --top 5 --lang en
run suggest examples/personas/iranian_nurse.json --top 3 --sector zorg --lang en
run explain examples/personas/yemeni_driver_of_lorries.json vrachtwagenchauffeur --lang en
# batch: the example export (semicolons, Windows-1252, a few planted bad rows) -> build/demo/batch/
run batch examples/batch/intakes.csv --out build/demo/batch
printf '\n$ head -4 build/demo/batch/errors.csv\n'; head -4 build/demo/batch/errors.csv
