"""Source tables -> ``data/occupations.yaml``, ``data/skills.yaml`` and
``data/cbs_title_index.yaml``, deterministically.

Reads ESCO's CSV download layout (any version, Dutch and English), the CBS ISCO-08 -> BRC 2014
crosswalk, ROA's AIS table (UWV's current spanning value and ROA's 2030 forecast per BRC group),
the older UWV tightness table and CBS's Dutch title index, as named with their SHA-256 in the
manifest ``data/sources.yaml``. The same inputs always give byte-identical output. What the
tightness values mean, and how to regenerate: ``docs/data.md``.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from skilltool import ESCO_ACKNOWLEDGEMENT, __version__, yamlio
from skilltool.errors import SourceError
from skilltool.fsio import sha256_file
from skilltool.models import (
    FORECAST_ORDER,
    TIGHTNESS_ORDER,
    BrcGroup,
    IscoGroup,
    LabelLists,
    Labels,
    Occupation,
    OccupationsFile,
    OccupationsMeta,
    Skill,
    SkillsFile,
    SourceFile,
    SourceManifest,
    Tightness,
    TightnessGap,
    TightnessValue,
    TitleIndexFile,
    TitleIndexMeta,
)
from skilltool.models.reference import Confidence, TightnessFlag, TightnessKind

REGULATED_NOTE = "http://data.europa.eu/esco/regulated-professions/regulated"
TIGHTNESS_NOTE = (
    "Tightness per BRC 2014 group: current = UWV's spanningsindicator of the newest quarter via ROA "
    "(category derived from the value by UWV's thresholds); forecast = ROA's ITKB bottleneck typering "
    "by 2030; history = older UWV categories from tightness_nl.csv. Groups are matched on identical "
    "BRC codes only. A value more than 8 quarters older than tightness_reference_period is stale. "
    "Unknown is not 'no shortage'."
)

# ESCO fields hold multi-kilobyte descriptions
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class ChecksumMismatch:
    """A source whose SHA-256 is not the one the manifest records."""

    path: str
    expected: str
    actual: str


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the two files as text, and the manifest it was checked against."""

    occupations_yaml: str
    skills_yaml: str
    title_index_yaml: str
    manifest: SourceManifest
    mismatches: tuple[ChecksumMismatch, ...]


def _read_csv(root: Path, source: SourceFile, required: set[str]) -> Iterator[dict[str, str]]:
    path = root / source.path
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(f"{path}: cannot open ({exc.strerror}); check --sources") from exc
    with fh:
        reader = csv.DictReader(fh)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise SourceError(
                f"{path}: missing column(s) {', '.join(sorted(missing))}; "
                "is this the file data/sources.yaml names, in its layout (see docs/data.md)?"
            )
        try:
            yield from reader
        except (csv.Error, UnicodeDecodeError) as exc:
            raise SourceError(f"{path}:{reader.line_num}: {exc}") from exc


def _lines(cell: str | None) -> list[str]:
    """ESCO packs alternative labels into one cell, one per line.

    A "|" inside a label becomes "/", since "|" joins label lists in the generated files.
    """
    if not cell:
        return []
    return sorted({part.strip().replace("|", "/") for part in cell.split("\n") if part.strip()})


def _skill_id(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def verify_checksums(manifest: SourceManifest, root: Path) -> list[ChecksumMismatch]:
    """Compare each source file's SHA-256 with the manifest; a missing file is an error."""
    mismatches = []
    for source in manifest.all_files():
        path = root / source.path
        if not path.is_file():
            raise SourceError(f"{path}: source file not found; check --sources and data/sources.yaml")
        actual = sha256_file(path)
        if actual != source.sha256:
            mismatches.append(ChecksumMismatch(source.path, source.sha256, actual))
    return mismatches


def updated_manifest(manifest: SourceManifest, root: Path) -> SourceManifest:
    """The same manifest with every checksum recomputed from the files under ``root``."""

    def fix(source: SourceFile) -> SourceFile:
        return SourceFile(path=source.path, sha256=sha256_file(root / source.path))

    return SourceManifest(
        esco_version=manifest.esco_version,
        occupations={k: fix(v) for k, v in manifest.occupations.items()},
        skills_en=fix(manifest.skills_en),
        skills_nl=[fix(s) for s in manifest.skills_nl],
        isco_groups={k: fix(v) for k, v in manifest.isco_groups.items()},
        occupation_skill_relations=fix(manifest.occupation_skill_relations),
        isco_brc_crosswalk=fix(manifest.isco_brc_crosswalk),
        tightness=fix(manifest.tightness),
        roa_ais=fix(manifest.roa_ais),
        cbs_title_index=fix(manifest.cbs_title_index),
    )


def _isco_groups(manifest: SourceManifest, root: Path) -> list[IscoGroup]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for lang, source in manifest.isco_groups.items():
        for row in _read_csv(root, source, {"code", "preferredLabel"}):
            labels[row["code"].strip()][lang] = row["preferredLabel"].strip()
    cbs = {
        row["isco08_unit"].strip(): row["isco08_unit_label"].strip()
        for row in _read_csv(root, manifest.isco_brc_crosswalk, {"isco08_unit", "isco08_unit_label"})
    }
    return [
        IscoGroup(code=code, label=Labels(**labels[code]), label_cbs=cbs.get(code) or None)
        for code in sorted(labels, key=lambda c: (len(c), c))
    ]


UWV_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.25, "zeer ruim"),
    (0.67, "ruim"),
    (1.5, "gemiddeld"),
    (4.0, "krap"),
)
"""UWV's published spanning thresholds (vacancies per short-term WW benefit): below 0.25 zeer
ruim, 0.25-0.67 ruim, 0.67-1.5 gemiddeld, 1.5-4 krap, above 4 zeer krap. A value on a boundary
takes the higher class, except 4 itself, which is krap (UWV: "zeer krap > 4")."""
STALE_AFTER_QUARTERS = 8
SPANNING_CAP = 16.0
"""ROA's copy of UWV's values stops at 16, which looks like UWV's display cap (SOURCES.md)."""
ROA_SOURCE = (
    "ROA (2026), Arbeidsmarktinformatiesysteem (AIS) tot 2030, editie 2026, "
    "https://doi.org/10.34894/DVQTOG (CC BY 4.0)"
)
ROA_CURRENT_SOURCE = f"UWV spanningsindicator, via {ROA_SOURCE}"
ROA_NOTE = (
    "copied unchanged from a checksum-pinned third-party build of ROA's CSV, not read from "
    "DataverseNL directly (shortage/SOURCES.md)"
)
CBS_TITLE_SOURCE = "CBS, Beroepenclassificatie BRC 2014, editie 2025 (brc2014.xlsx, sheet BRC2014 index)"
CBS_TITLE_LICENCE = "CC BY 4.0; cite CBS, Beroepenclassificatie BRC 2014, editie 2025"
_AT_LEAST = re.compile(r"^at_least=(zeer krap|krap|gemiddeld|zeer ruim|ruim)(?:\s*\((\d{4}Q[1-4]))?")


def uwv_category(value: float) -> str:
    """The UWV category of a spanning value, by UWV's published thresholds."""
    for bound, category in UWV_THRESHOLDS:
        if value < bound or (bound == 4.0 and value == bound):
            return category
    return "zeer krap"


def quarter_index(period: str | None) -> int | None:
    """``2026Q1`` -> a number that grows by one per quarter; None for anything else."""
    if period and len(period) == 6 and period[4] == "Q" and period[:4].isdigit() and period[5] in "1234":
        return int(period[:4]) * 4 + int(period[5]) - 1
    return None


def _number(path: Path, line: int, column: str, cell: str, kind: type[float] | type[int]) -> float | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        return kind(cell)
    except ValueError as exc:
        raise SourceError(f"{path}:{line}: column {column!r}: {cell!r} is not a number") from exc


def _history_value(path: Path, line: int, row: dict[str, str]) -> TightnessValue | None:
    """A row of ``tightness_nl.csv`` as a history value; None when it holds no value or bound."""
    category = row["tightness"].strip() or "unknown"
    if category != "unknown" and category not in TIGHTNESS_ORDER:
        raise SourceError(f"{path}:{line}: tightness {category!r} is not a UWV category")
    note = row["note"].strip() or None
    period = row["period"].strip() or None
    source = row["source"].strip() or None
    at_least = None
    if note and (m := _AT_LEAST.match(note)):
        at_least = m.group(1)
        period = period or m.group(2)
    if category != "unknown" and not (period and source):
        raise SourceError(f"{path}:{line}: a tightness value needs its period and source")
    if category == "unknown" and not at_least:
        return None
    lowered = (note or "").lower()
    flags: list[TightnessFlag] = []
    if "deduced" in lowered or "derived" in lowered:
        flags.append("derived")
    first_hand = source is not None and source.startswith("UWV") and "third-party" not in source
    if not first_hand:
        flags.append("second_hand")
    if at_least:
        flags.append("lower_bound")
    # high: UWV's own page, stated not deduced; low: the source note asks to verify the value;
    # medium: everything else (quoted second-hand, deduced, or the note says medium confidence)
    confidence: Confidence
    if "verify" in lowered:
        confidence = "low"
    elif first_hand and "derived" not in flags and "medium confidence" not in lowered:
        confidence = "high"
    else:
        confidence = "medium"
    if not source:
        refs = sorted(set(re.findall(r"\bS\d+\b", note or "")), key=lambda r: int(r[1:]))
        source = "shortage/SOURCES.md" + (f" ({', '.join(refs)})" if refs else "")
    return TightnessValue(
        kind="history",
        period=period or "unknown",
        source=source,
        confidence=confidence,
        flags=flags,
        category=None if category == "unknown" else category,
        at_least=at_least,  # type: ignore[arg-type]
        note=note,
    )


def _roa_values(
    path: Path, line: int, row: dict[str, str]
) -> tuple[TightnessValue | None, TightnessValue | None]:
    """The current (UWV 2026Q1 via ROA) and forecast (ROA 2030) values of one ROA row."""
    current = forecast = None
    spanning = _number(path, line, "current_2026q1_indicator", row["current_2026q1_indicator"], float)
    if spanning is not None:
        current = TightnessValue(
            kind="current",
            period="2026Q1",
            source=ROA_CURRENT_SOURCE,
            confidence="high",
            flags=["derived", "second_hand"],
            category=uwv_category(spanning),
            value=spanning,
            published=row["current_2026q1_typering"].strip() or None,
            note=(
                "category derived from the value by UWV's thresholds; "
                + (
                    f"{SPANNING_CAP:g} looks like UWV's display cap (the value may be higher); "
                    if spanning >= SPANNING_CAP
                    else ""
                )
                + ROA_NOTE
            ),
        )
    typering = row["itkb_2030_typering"].strip()
    if typering:
        if typering not in FORECAST_ORDER:
            raise SourceError(f"{path}:{line}: itkb_2030_typering {typering!r} is not an ITKB typering")
        forecast = TightnessValue(
            kind="forecast",
            period="2030",
            source=ROA_SOURCE,
            confidence="high",
            flags=["second_hand"],
            category=typering,
            value=_number(path, line, "itkb_2030_indicator", row["itkb_2030_indicator"], float),
            direction=row["direction_2025_2030"].strip() or None,
            job_openings=_int(_number(path, line, "job_openings_n", row["job_openings_n"], int)),
            job_openings_pct=_int(_number(path, line, "job_openings_pct6y", row["job_openings_pct6y"], int)),
            job_openings_typering=row["job_openings_typering"].strip() or None,
            note=ROA_NOTE,
        )
    return current, forecast


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


ROA_COLUMNS = {
    "brc_group",
    "brc_group_label_brc2014",
    "itkb_2030_typering",
    "itkb_2030_indicator",
    "current_2026q1_typering",
    "current_2026q1_indicator",
    "direction_2025_2030",
    "job_openings_n",
    "job_openings_pct6y",
    "job_openings_typering",
}


def _brc(
    manifest: SourceManifest, root: Path
) -> tuple[dict[str, str], list[BrcGroup], list[TightnessGap], str | None]:
    isco_to_brc: dict[str, str] = {}
    brc_labels: dict[str, str] = {}
    units_of: dict[str, list[str]] = defaultdict(list)
    crosswalk_cols = {"isco08_unit", "brc_group", "brc_group_label"}
    for row in _read_csv(root, manifest.isco_brc_crosswalk, crosswalk_cols):
        isco_to_brc[row["isco08_unit"].strip()] = row["brc_group"].strip()
        brc_labels[row["brc_group"].strip()] = row["brc_group_label"].strip()
        units_of[row["brc_group"].strip()].append(row["isco08_unit"].strip())
    history: dict[str, TightnessValue] = {}
    cols = {"brc_group", "tightness", "period", "source", "note"}
    path = root / manifest.tightness.path
    for line, row in enumerate(_read_csv(root, manifest.tightness, cols), start=2):
        value = _history_value(path, line, row)
        if value is not None:
            history[row["brc_group"].strip()] = value
    roa: dict[str, tuple[TightnessValue | None, TightnessValue | None]] = {}
    roa_labels: dict[str, str] = {}
    path = root / manifest.roa_ais.path
    for line, row in enumerate(_read_csv(root, manifest.roa_ais, ROA_COLUMNS), start=2):
        code = row["brc_group"].strip()
        if code == "999999":  # the whole labour market, not a group
            continue
        roa[code] = _roa_values(path, line, row)
        roa_labels[code] = row["brc_group_label_brc2014"].strip()
    quarters = [quarter_index(v.period) for v in history.values()]
    quarters += [quarter_index(c.period) for c, _ in roa.values() if c is not None]
    newest = max((q for q in quarters if q is not None), default=None)
    reference = f"{newest // 4}Q{newest % 4 + 1}" if newest is not None else None

    def aged(value: TightnessValue) -> TightnessValue:
        q = quarter_index(value.period)
        if newest is None or q is None or newest - q <= STALE_AFTER_QUARTERS:
            return value
        return value.model_copy(update={"flags": [*value.flags, "stale"]})

    groups: list[BrcGroup] = []
    gaps: list[TightnessGap] = []
    for code in sorted(brc_labels):
        current, forecast = roa.get(code, (None, None))
        past = [aged(history[code])] if code in history else []
        reasons: list[tuple[list[TightnessKind], str]] = []
        if code not in roa:
            reasons.append(
                (
                    ["current", "forecast"],
                    f"BRC 2014 code {code} has no row in ROA AIS editie 2026, whose codes are BRC 2014 "
                    "editie 2025 (which re-coded this group); identical codes only, nothing carried across",
                )
            )
        else:
            if current is None:
                reasons.append(
                    (["current"], "ROA AIS editie 2026 publishes no UWV 2026Q1 value for this group")
                )
            if forecast is None:
                reasons.append(
                    (["forecast"], "ROA AIS editie 2026 publishes no 2030 forecast for this group")
                )
        groups.append(
            BrcGroup(
                code=code,
                label=brc_labels[code],
                tightness=Tightness(
                    current=aged(current) if current else None,
                    forecast=forecast,
                    history=past,
                    note="; ".join(reason for _, reason in reasons) or None,
                ),
            )
        )
        for kinds, reason in reasons:
            gaps.extend(
                TightnessGap(isco=unit, brc=code, kinds=kinds, reason=reason)
                for unit in sorted(units_of[code])
            )
    for code in sorted(roa.keys() - brc_labels.keys()):
        gaps.append(
            TightnessGap(
                brc=code,
                kinds=["current", "forecast"],
                reason=(
                    f"ROA row for BRC 2014 editie 2025 code {code} ({roa_labels[code]}) matches no group "
                    "of the ISCO -> BRC crosswalk (original edition); not used"
                ),
            )
        )
    return isco_to_brc, groups, gaps, reference


def _title_index(manifest: SourceManifest, root: Path) -> TitleIndexFile:
    """CBS's Dutch example titles per ISCO-08 unit group, carried into ``data/cbs_title_index.yaml``."""
    source = manifest.cbs_title_index
    path = root / source.path
    by_isco: dict[str, set[str]] = defaultdict(set)
    count = 0
    for line, row in enumerate(_read_csv(root, source, {"title", "isco08"}), start=2):
        title, code = row["title"].strip().replace("|", "/"), row["isco08"].strip()
        if not (len(code) == 4 and code.isdigit()):
            raise SourceError(f"{path}:{line}: isco08 {code!r} is not a 4-digit ISCO-08 unit group")
        if not title:
            raise SourceError(f"{path}:{line}: title is empty")
        if title not in by_isco[code]:
            by_isco[code].add(title)
            count += 1
    return TitleIndexFile(
        meta=TitleIndexMeta(
            generated_by=f"skilltool {__version__.split('+')[0]} data build",
            source=CBS_TITLE_SOURCE,
            licence=CBS_TITLE_LICENCE,
            path=source.path,
            sha256=source.sha256,
            titles=count,
            unit_groups=len(by_isco),
        ),
        by_isco={code: sorted(by_isco[code]) for code in sorted(by_isco)},
    )


def _relations(manifest: SourceManifest, root: Path) -> dict[str, dict[str, set[str]]]:
    rel: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"essential": set(), "optional": set()})
    cols = {"occupationUri", "relationType", "skillUri"}
    for row in _read_csv(root, manifest.occupation_skill_relations, cols):
        kind = row["relationType"].strip()
        if kind in ("essential", "optional"):
            rel[row["occupationUri"].strip()][kind].add(_skill_id(row["skillUri"].strip()))
    return rel


def _occupations(
    manifest: SourceManifest,
    root: Path,
    isco_to_brc: dict[str, str],
    relations: dict[str, dict[str, set[str]]],
) -> list[Occupation]:
    cols = {"conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "code"}
    by_lang: dict[str, dict[str, dict[str, str]]] = {}
    for lang, source in manifest.occupations.items():
        by_lang[lang] = {row["conceptUri"].strip(): row for row in _read_csv(root, source, cols)}
    if "en" not in by_lang:
        raise SourceError("data/sources.yaml: occupations.en is required (ESCO is complete in English)")
    result = []
    for uri in sorted(by_lang["en"]):
        en = by_lang["en"][uri]
        nl = by_lang.get("nl", {}).get(uri, {})
        isco = en["iscoGroup"].strip()
        rel = relations.get(uri, {"essential": set(), "optional": set()})
        result.append(
            Occupation(
                uri=uri,
                code=en["code"].strip(),
                isco=isco,
                label=Labels(
                    en=en["preferredLabel"].strip(),
                    nl=(nl.get("preferredLabel") or "").strip() or None,
                ),
                alt=LabelLists(en=_lines(en["altLabels"]), nl=_lines(nl.get("altLabels"))),
                hidden=LabelLists(en=_lines(en["hiddenLabels"]), nl=_lines(nl.get("hiddenLabels"))),
                regulated=en.get("regulatedProfessionNote", "").strip() == REGULATED_NOTE,
                essential=sorted(rel["essential"]),
                optional=sorted(rel["optional"] - rel["essential"]),
                brc=isco_to_brc.get(isco),
            )
        )
    return result


def _skills(manifest: SourceManifest, root: Path) -> list[Skill]:
    nl_label: dict[str, str] = {}
    nl_alt: dict[str, list[str]] = {}
    for source in manifest.skills_nl:
        for row in _read_csv(root, source, {"conceptUri", "preferredLabel", "altLabels"}):
            sid = _skill_id(row["conceptUri"].strip())
            if row["preferredLabel"].strip():
                nl_label[sid] = row["preferredLabel"].strip()
                nl_alt[sid] = _lines(row["altLabels"])
    skills = []
    cols = {"conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"}
    for row in _read_csv(root, manifest.skills_en, cols):
        sid = _skill_id(row["conceptUri"].strip())
        skills.append(
            Skill(
                id=sid,
                type=row["skillType"].strip() or "unknown",
                reuse=row["reuseLevel"].strip() or None,
                en=row["preferredLabel"].strip(),
                nl=nl_label.get(sid),
                alt_en=_lines(row["altLabels"]),
                alt_nl=nl_alt.get(sid, []),
            )
        )
    skills.sort(key=lambda s: s.id)
    return skills


def _dump(model: OccupationsFile | SkillsFile | TitleIndexFile, header: str) -> str:
    data = model.model_dump(mode="json", exclude_defaults=True)
    return header + yamlio.dumps(data)


HEADER = (
    "# GENERATED by `skilltool data build` from the sources in data/sources.yaml. Do not edit.\n"
    f"# {ESCO_ACKNOWLEDGEMENT}\n"
    "# ESCO data are a subset of ESCO, reshaped; tightness from UWV (via ROA and the press) and\n"
    "# ROA's forecast to 2030, through CBS BRC 2014 groups.\n"
)
TITLE_HEADER = (
    "# GENERATED by `skilltool data build` from the sources in data/sources.yaml. Do not edit.\n"
    f"# {CBS_TITLE_SOURCE}; {CBS_TITLE_LICENCE}.\n"
)
GENERATED_FILES = ("occupations.yaml", "skills.yaml", "cbs_title_index.yaml")
"""The files ``data build`` writes (besides ``sources.yaml`` after ``--update-manifest``)."""


def build(manifest: SourceManifest, root: Path, *, accept_new_checksums: bool = False) -> BuildResult:
    """Build both reference files from the sources under ``root``.

    Raises ``SourceError`` on a checksum mismatch unless ``accept_new_checksums``; then the
    result carries the mismatches and a manifest with the new checksums.
    """
    mismatches = verify_checksums(manifest, root)
    if mismatches and not accept_new_checksums:
        first = mismatches[0]
        more = f" (+{len(mismatches) - 1} more)" if len(mismatches) > 1 else ""
        raise SourceError(
            f"{first.path}: SHA-256 {first.actual[:12]}... differs from data/sources.yaml "
            f"({first.expected[:12]}...){more}; pass --update-manifest to accept the new sources"
        )
    if mismatches:
        manifest = updated_manifest(manifest, root)
    isco_to_brc, brc_groups, gaps, reference = _brc(manifest, root)
    occupations = _occupations(manifest, root, isco_to_brc, _relations(manifest, root))
    skills = _skills(manifest, root)
    meta = OccupationsMeta(
        generated_by=f"skilltool {__version__.split('+')[0]} data build",
        esco_version=manifest.esco_version,
        acknowledgement=ESCO_ACKNOWLEDGEMENT,
        sources={s.path: s.sha256 for s in manifest.all_files()},
        tightness_note=TIGHTNESS_NOTE,
        tightness_reference_period=reference,
        counts={
            "occupations": len(occupations),
            "skills": len(skills),
            "skills_with_dutch_label": sum(1 for s in skills if s.nl),
        },
    )
    occ_file = OccupationsFile(
        meta=meta,
        isco_groups=_isco_groups(manifest, root),
        brc_groups=brc_groups,
        tightness_gaps=gaps,
        occupations=occupations,
    )
    skills_file = SkillsFile(meta=meta, skills=skills)
    return BuildResult(
        occupations_yaml=_dump(occ_file, HEADER),
        skills_yaml=_dump(skills_file, HEADER),
        title_index_yaml=_dump(_title_index(manifest, root), TITLE_HEADER),
        manifest=manifest,
        mismatches=tuple(mismatches),
    )


def manifest_yaml(manifest: SourceManifest) -> str:
    """The manifest as YAML text, with a header saying what it is."""
    header = (
        "# Source files for `skilltool data build --sources DIR`, relative to DIR, with SHA-256.\n"
        "# `data build --update-manifest` rewrites the checksums after a deliberate source update.\n"
    )
    return header + yamlio.dumps(manifest.model_dump(mode="json"))
