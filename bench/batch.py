"""Benchmark ``skilltool batch`` on N synthetic intakes.

    .venv/bin/python bench/batch.py 100000            # generate, run with --workers 2, report
    .venv/bin/python bench/batch.py 1000000 --keep D  # keep the input and outputs in D

The intakes are invented but shaped like a real export: the default mapping's Dutch headers,
semicolons, UTF-8 with BOM; countries weighted like the statushouder population; job titles
drawn from a skewed list so that common ones repeat (with the misspellings and variants people
type) and a tail of rarer ones; diplomas from the countries' own names; about 2% bad rows (a
birth year out of range, an unknown CEFR level, an empty or repeated client id, a ragged row).

Prints rows per second, the CPU time summed over the batch's processes (what to compare when
other work shares the machine: wall time and the stage split below are then mostly waiting), peak
memory (PSS and RSS summed over the batch's processes, sampled;
PSS counts the reference data the forked workers share once, RSS once per process; and the
largest single process) and the split of time between reading, coding, suggesting and writing
from ``manifest.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from skilltool import tabular

REPO = Path(__file__).resolve().parents[1]
HEADER = tabular.inspect(REPO / "examples" / "batch" / "intakes.csv").header  # the default mapping's

COUNTRIES = [
    ("Syrië", 34), ("Eritrea", 18), ("Afghanistan", 10), ("Turkije", 8), ("Iran", 5), ("Irak", 4),
    ("Jemen", 4), ("Somalië", 4), ("Ethiopië", 3), ("Soedan", 3), ("Oekraïne", 4), ("Syria", 2),
    ("SY", 1),
]  # fmt: skip
TITLES = [
    "lasser", "kok", "kapper", "kapster", "chauffeur", "vrachtwagenchauffeur", "schoonmaker", "bouwvakker",
    "elektricien", "timmerman", "metselaar", "schilder", "loodgieter", "monteur", "automonteur", "boer",
    "herder", "verkoper", "winkelier", "kleermaker", "naaister", "bakker", "slager", "ober", "barista",
    "magazijnmedewerker", "heftruckchauffeur", "verpleegkundige", "arts", "tandarts", "apotheker",
    "apothekersassistent", "leraar", "docent wiskunde", "docent engels", "boekhouder", "accountant",
    "software developer", "programmeur", "netwerkbeheerder", "ingenieur", "civiel ingenieur",
    "architect", "advocaat", "journalist", "tolk", "vertaler", "kassamedewerker", "beveiliger",
    "taxichauffeur", "busschauffeur", "fietsenmaker", "schoenmaker", "glazenwasser", "tegelzetter",
    "stukadoor", "dakdekker", "tuinman", "hovenier", "kinderopvang", "oppas", "verzorgende",
    "thuiszorg", "huishoudelijke hulp", "visser", "imker", "goudsmid", "fotograaf", "kapper/barbier",
    "welder", "cook", "driver", "teacher", "nurse", "electrician", "tailor", "farmer", "shop keeper",
    "electrition", "mecanicien", "kok in restaurant", "lasser (mig/mag)", "eigen winkel in kleding",
]  # fmt: skip
DIPLOMAS = {
    "Syrië": ["Baccalaureate", "Technical Baccalaureate", "Basic Education Certificate", "Bachelor",
              "Licence in Law", "Intermediate Institute Diploma"],
    "Eritrea": ["Eritrean Secondary Education Certificate", "Diploma", "Bachelor of Science"],
    "Afghanistan": ["Baccalaureate", "Bachelor", "Doctor of Medicine", "Grade 12 certificate"],
    "Turkije": ["Lise Diplomasi", "Lisans", "Yüksek Lisans", "Ön Lisans"],
    "Iran": ["Diplom", "Karshenasi", "Karshenasi Arshad", "Kardani"],
}  # fmt: skip
CEFR = [("pre-A1", 8), ("A1", 25), ("A2", 30), ("B1", 20), ("B2", 7), ("C1", 2), ("", 8)]
FIRST_TONGUE = {"Syrië": "Arabisch", "Eritrea": "Tigrinya", "Afghanistan": "Dari", "Turkije": "Turks",
                "Iran": "Perzisch", "Irak": "Arabisch", "Jemen": "Arabisch", "Somalië": "Somalisch",
                "Ethiopië": "Amhaars", "Soedan": "Arabisch", "Oekraïne": "Oekraïens"}  # fmt: skip


SKILLS = ["lassen", "koken", "haar knippen", "naaien", "autorijden", "schoonmaken", "metselen",
          "tekening lezen", "klantcontact", "Excel", "programmeren", "kinderen verzorgen",
          "ouderen verzorgen", "verkopen", "boekhouden", "tegels zetten", "elektrische installaties",
          "Engels spreken", "vrachtwagen rijden", "bakken"]  # fmt: skip
SECTORS = ["zorg", "techniek", "ict", "onderwijs", "bouw", "logistiek", "horeca"]


def _weighted(rng: random.Random, items: list[tuple[str, int]]) -> str:
    return rng.choices([i for i, _ in items], weights=[w for _, w in items])[0]


def _title(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.9:  # a skewed distribution: the first titles are much more common
        return TITLES[min(int(rng.paretovariate(1.2)) - 1, len(TITLES) - 1)]
    if r < 0.97:
        return rng.choice(TITLES)
    base = rng.choice(TITLES)  # a rare variant: typo or addition, the long tail of real exports
    i = rng.randrange(len(base))
    return (
        base[:i] + base[i + 1 :] if rng.random() < 0.5 else f"{base} bij {rng.choice(['bedrijf', 'fabriek'])}"
    )


def generate(path: Path, n: int, *, seed: int = 7) -> None:
    """Write ``n`` synthetic intakes (about 2% bad) as the default mapping's export."""
    rng = random.Random(seed)
    col = {h: i for i, h in enumerate(HEADER)}
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        w.writerow(HEADER)
        for k in range(1, n + 1):
            row = [""] * len(HEADER)
            country = _weighted(rng, COUNTRIES)
            name = {"Syria": "Syrië", "SY": "Syrië"}.get(country, country)
            row[col["klantnummer"]] = f"K{k:08d}"
            row[col["geboortejaar"]] = str(rng.randint(1960, 2006))
            row[col["land_herkomst"]] = country
            row[col["datum_verblijfsvergunning"]] = (
                f"{rng.randint(1, 28)}-{rng.randint(1, 12)}-{rng.randint(2016, 2025)}"
            )
            row[col["gemeente"]] = rng.choice(["Utrecht", "Nieuwegein", "Zeist", "Houten", "IJsselstein"])
            row[col["moedertaal"]] = FIRST_TONGUE.get(name, "Arabisch")
            row[col["niveau_nederlands"]] = _weighted(rng, CEFR)
            for j in range(1, rng.choice([1, 1, 2, 2, 3]) + 1):
                row[col[f"beroep_{j}"]] = _title(rng)
                row[col[f"beroep_{j}_land"]] = name
                row[col[f"beroep_{j}_jaren"]] = str(rng.randint(1, 20))
            if name in DIPLOMAS and rng.random() < 0.7:
                row[col["opleiding_1"]] = rng.choice(DIPLOMAS[name])
                row[col["opleiding_1_land"]] = name
                row[col["opleiding_1_afgerond"]] = rng.choice(["ja", "ja", "nee"])
            if rng.random() < 0.35:  # free-text skills as caseworkers type them, repeating like titles
                picks = rng.sample(SKILLS, rng.choice([1, 1, 2]))
                row[col["vaardigheden"]] = "|".join(picks)
            if rng.random() < 0.4:
                row[col["wens_sectoren"]] = ",".join(rng.sample(SECTORS, rng.choice([1, 1, 2])))
            if rng.random() < 0.3:
                row[col["rijbewijs"]] = rng.choice(["B", "B", "B,C", "B,C,CE"])
            if rng.random() < 0.1:
                row[col["certificaten"]] = rng.choice(["VCA", "HACCP", "heftruck"])
            row[col["uren_per_week"]] = str(rng.choice([16, 24, 32, 36, 40]))
            if rng.random() < 0.1:
                row[col["notities"]] = "Wil graag\nparttime werken."
            bad = rng.random()
            if bad < 0.005:
                row[col["geboortejaar"]] = "1850"
            elif bad < 0.01:
                row[col["niveau_nederlands"]] = "B3"
            elif bad < 0.013:
                row[col["klantnummer"]] = ""
            elif bad < 0.016:
                row[col["klantnummer"]] = f"K{max(1, k - 1):08d}"
            elif bad < 0.02:
                row.extend(["x", "y"])
            w.writerow(row)


class MemorySampler(threading.Thread):
    """Memory of a process and its children, sampled from /proc every 0.5 s (Linux): peak PSS and
    RSS summed over the tree, peak RSS of the process itself, and peak PSS of each process (PSS
    divides shared pages among the processes sharing them; RSS counts them in each). Also used by
    ``bench/scale.py``."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.main_peak, self.stop = pid, 0, 0, threading.Event()
        self.peak_pss = 0
        self.peak_by_pid: dict[int, int] = {}
        self.private_by_pid: dict[int, int] = {}
        """Peak private memory (pages no other process maps: Private_Clean + Private_Dirty) per
        process: what a worker has copied of the shared reference data, plus its own memos."""
        self.main_cpu = 0.0
        """CPU seconds (user + system) of the process itself at the last sample."""
        self.timeline: list[tuple[float, int, int, int]] = []
        """Per sample: seconds since the start, PSS summed, the main process's PSS, processes."""
        self.started = time.perf_counter()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            pids.append(p)
            try:
                for task in Path(f"/proc/{p}/task").iterdir():
                    todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
        return pids

    @staticmethod
    def _rollup(pid: int) -> tuple[int, int]:
        """Proportional set size (shared pages divided among the processes that share them) and
        private memory (pages only this process maps), in bytes; (0, 0) when gone."""
        pss = private = 0
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
                elif line.startswith(("Private_Clean:", "Private_Dirty:")):
                    private += int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            return 0, 0
        return pss, private

    @staticmethod
    def _cpu(pid: int) -> float:
        """User + system CPU seconds of one process so far (0.0 when gone)."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return 0.0

    def run(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self.stop.is_set():
            total = pss_total = main_pss = 0
            tree = self._tree()
            for p in tree:
                pss, private = self._rollup(p)
                pss_total += pss
                if p == self.pid:
                    main_pss = pss
                self.peak_by_pid[p] = max(self.peak_by_pid.get(p, 0), pss)
                self.private_by_pid[p] = max(self.private_by_pid.get(p, 0), private)
                try:
                    rss = int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
                except (OSError, ValueError, IndexError):
                    continue
                total += rss
                if p == self.pid:
                    self.main_peak = max(self.main_peak, rss)
                    self.main_cpu = self._cpu(p) or self.main_cpu
            self.peak = max(self.peak, total)
            self.peak_pss = max(self.peak_pss, pss_total)
            self.timeline.append((time.perf_counter() - self.started, pss_total, main_pss, len(tree)))
            # smaps_rollup walks the page tables of every process: at 0.1 s it took a few percent
            # of a core from the batch; memory grows slowly (memos), so 0.5 s loses no peak
            time.sleep(0.5)

    def per_process(self) -> list[str]:
        """One line per process seen: its peak PSS and peak private memory (each sampled on its
        own, so they need not be from the same moment); the process started first ("main")."""
        lines = []
        for p in sorted(self.peak_by_pid, key=lambda q: (q != self.pid, q)):
            if self.peak_by_pid[p] < 2**20:  # a short-lived helper (the cache check), gone at once
                continue
            role = "main" if p == self.pid else "child"
            lines.append(
                f"{role} {p}: PSS {self.peak_by_pid[p] / 2**20:,.0f} MB, "
                f"private {self.private_by_pid.get(p, 0) / 2**20:,.0f} MB"
            )
        return lines

    def over_time(self, points: int = 5) -> str:
        """PSS summed (and the main process's) at evenly spaced moments of the run, and when the
        peak came: is memory there from the start (reference data), or does it grow with rows?"""
        if not self.timeline:
            return "no samples"
        n = len(self.timeline)
        picks = [self.timeline[min(n - 1, round(i * (n - 1) / (points - 1)))] for i in range(points)]
        peak = max(self.timeline, key=lambda s: s[1])
        end = self.timeline[-1][0] or 1.0
        shown = ", ".join(
            f"{t / end:.0%} {total / 2**20:,.0f} ({main / 2**20:,.0f})" for t, total, main, _ in picks
        )
        return (
            f"PSS summed (main) over the run: {shown} MB; peak {peak[1] / 2**20:,.0f} MB at "
            f"{peak[0]:,.0f} s of {end:,.0f} s with {peak[3]} processes"
        )

    def largest_worker(self) -> int:
        """The largest PSS of a process other than the one started (a pool or Dask worker)."""
        return max((v for p, v in self.peak_by_pid.items() if p != self.pid), default=0)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of synthetic intakes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep input and outputs in this folder")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument(
        "--pseudonymise", action="store_true", help="a research export (a key made for the run)"
    )
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="skilltool-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    src, out = root / f"intakes-{args.n}.csv", root / "out"
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    if not src.exists():
        generate(src, args.n)
    print(
        f"generated {args.n:,} intakes ({src.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s"
    )

    exe = Path(sys.executable).with_name("skilltool")
    cmd = [str(exe), "batch", str(src), "--out", str(out), "--workers", str(args.workers)]
    cmd += ["--format", args.format] if args.format != "jsonl" else []
    if args.pseudonymise:
        key = root / "research.key"
        key.write_text("bench-key-" + "k" * 32, encoding="utf-8")
        cmd += ["--pseudonymise", str(key)]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = MemorySampler(proc.pid)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        print(stdout, stderr, sep="\n")
        return proc.returncode
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's processes, reaped: all its CPU
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    biggest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    c, tm = manifest["counts"], manifest["timings"]
    print(f"rows read {c['rows_read']:,} = written {c['rows_written']:,} + rejected {c['rows_rejected']:,}")
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as f:
        internal = sum(1 for row in csv.reader(f) if row and "internal error" in row[-1])
    if internal:  # the generator's bad rows are all input errors: a bug rejected these
        print(f"INTERNAL ERRORS     {internal:,} rows rejected by a bug (see errors.csv); figures not valid")
    print(f"wall time           {wall:.1f} s  ({c['rows_read'] / wall:,.0f} rows/s, workers {args.workers})")
    print(
        f"CPU time            {cpu:.1f} s summed over the processes "
        f"({cpu / c['rows_read'] * 1e3:.2f} ms/row; "
        f"main process about {sampler.main_cpu:.1f} s, sampled): the figure to compare on a busy machine"
    )
    print(
        f"peak memory         {sampler.peak_pss / 2**20:,.0f} MB PSS summed over the processes "
        f"(sampled; shared pages counted once), {sampler.peak / 2**20:,.0f} MB RSS summed "
        "(shared pages counted per process)"
    )
    print(f"main process        {sampler.main_peak / 2**20:,.0f} MB (reads, dispatches, writes; sampled)")
    print(f"largest process     {biggest / 2**20:,.0f} MB (max RSS; a worker holds the reference data)")
    for line in sampler.per_process():
        print(f"  per process       {line} (peaks, sampled)")
    print(f"  over the run      {sampler.over_time()}")
    print(
        "time split          "
        f"prepare {tm['prepare']:.1f} s, reading {tm['reading']:.1f} s, coding {tm['coding']:.1f} s*, "
        f"suggesting {tm['suggesting']:.1f} s*, writing {tm['writing']:.1f} s, report {tm['report']:.1f} s"
    )
    print("                    * summed over the workers (CPU seconds in that stage)")
    sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in sorted(out.iterdir()))
    print(f"outputs             {sizes}")
    if not args.keep:
        shutil.rmtree(root)
    return 1 if internal else 0


if __name__ == "__main__":
    raise SystemExit(main())
