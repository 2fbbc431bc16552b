"""Source taxonomies -> ``data/occupations.yaml`` and ``data/skills.yaml``, deterministically.

Reads ESCO's CSV download layout (any version, Dutch and English), the CBS ISCO-08 -> BRC 2014
crosswalk and a tightness table, as named with their SHA-256 in the manifest
``data/sources.yaml``. The same inputs always give byte-identical output.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from skilltool import ESCO_ACKNOWLEDGEMENT, __version__, yamlio
from skilltool.errors import SourceError
from skilltool.fsio import sha256_file
from skilltool.models import (
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
)

REGULATED_NOTE = "http://data.europa.eu/esco/regulated-professions/regulated"
TIGHTNESS_NOTE = (
    "Tightness is the UWV category of the occupation's BRC 2014 group in the period given; "
    "'unknown' where no sourced group-level value exists. Unknown is not 'no shortage'."
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
                "is this a file in ESCO's CSV download layout?"
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


def _brc(manifest: SourceManifest, root: Path) -> tuple[dict[str, str], list[BrcGroup]]:
    isco_to_brc: dict[str, str] = {}
    brc_labels: dict[str, str] = {}
    crosswalk_cols = {"isco08_unit", "brc_group", "brc_group_label"}
    for row in _read_csv(root, manifest.isco_brc_crosswalk, crosswalk_cols):
        isco_to_brc[row["isco08_unit"].strip()] = row["brc_group"].strip()
        brc_labels[row["brc_group"].strip()] = row["brc_group_label"].strip()
    tight: dict[str, Tightness] = {}
    cols = {"brc_group", "tightness", "period", "source", "note"}
    path = root / manifest.tightness.path
    for line, row in enumerate(_read_csv(root, manifest.tightness, cols), start=2):
        category = row["tightness"].strip() or "unknown"
        if category != "unknown" and category not in TIGHTNESS_ORDER:
            raise SourceError(f"{path}:{line}: tightness {category!r} is not a UWV category")
        note = row["note"].strip() or None
        at_least = None
        if note and note.startswith("at_least="):
            bound = note.split("=", 1)[1].split()[0].rstrip(";,")
            at_least = bound if bound in TIGHTNESS_ORDER else None
        if category != "unknown" and not (row["period"].strip() and row["source"].strip()):
            raise SourceError(f"{path}:{line}: a tightness value needs its period and source")
        tight[row["brc_group"].strip()] = Tightness(
            category=category,  # type: ignore[arg-type]
            period=row["period"].strip() or None,
            source=row["source"].strip() or None,
            at_least=at_least,  # type: ignore[arg-type]
            note=note,
        )
    unknown = Tightness(category="unknown")
    groups = [
        BrcGroup(code=code, label=brc_labels[code], tightness=tight.get(code, unknown))
        for code in sorted(brc_labels)
    ]
    return isco_to_brc, groups


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


def _dump(model: OccupationsFile | SkillsFile, header: str) -> str:
    data = model.model_dump(mode="json", exclude_defaults=True)
    return header + yamlio.dumps(data)


HEADER = (
    "# GENERATED by `skilltool data build` from the sources in data/sources.yaml. Do not edit.\n"
    f"# {ESCO_ACKNOWLEDGEMENT}\n"
    "# ESCO data are a subset of ESCO, reshaped; tightness from UWV via CBS BRC 2014 groups.\n"
)


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
    isco_to_brc, brc_groups = _brc(manifest, root)
    occupations = _occupations(manifest, root, isco_to_brc, _relations(manifest, root))
    skills = _skills(manifest, root)
    meta = OccupationsMeta(
        generated_by=f"skilltool {__version__.split('+')[0]} data build",
        esco_version=manifest.esco_version,
        acknowledgement=ESCO_ACKNOWLEDGEMENT,
        sources={s.path: s.sha256 for s in manifest.all_files()},
        tightness_note=TIGHTNESS_NOTE,
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
        occupations=occupations,
    )
    skills_file = SkillsFile(meta=meta, skills=skills)
    return BuildResult(
        occupations_yaml=_dump(occ_file, HEADER),
        skills_yaml=_dump(skills_file, HEADER),
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


# --- CBS Dutch title index (issue #12) -------------------------------------------------------
# One small, isolated step: the coder reads the generated file, not the CSV. Kept apart from the
# manifest on purpose (another change carries the same source in the manifest; merge there).

CBS_TITLES_SOURCE = "cbs/isco08_title_index_nl.csv"
CBS_TITLES_FILE = "cbs_titles.yaml"
CBS_TITLES_CITATION = "CBS, Beroepenclassificatie BRC 2014, editie 2025 (CC BY 4.0)"


def cbs_titles_yaml(root: Path) -> str | None:
    """``data/cbs_titles.yaml`` as text from CBS's Dutch title index under ``root``: each 4-digit
    ISCO-08 unit group with its Dutch titles, and the source's path and SHA-256. None when the
    source folder has no title index (the coder then works without it)."""
    path = root / CBS_TITLES_SOURCE
    if not path.is_file():
        return None
    groups: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"title", "isco08"} <= set(reader.fieldnames or ()):
            raise SourceError(f"{path}: missing column(s) title, isco08; is this CBS's title index?")
        for line, row in enumerate(reader, start=2):
            title, code = (row["title"] or "").strip(), (row["isco08"] or "").strip()
            if not title:
                continue
            if not (code.isdigit() and len(code) == 4):
                raise SourceError(f"{path}:{line}: isco08 {code!r} is not a 4-digit ISCO-08 unit group")
            groups[code].add(title)
    data = {
        "source": {"path": CBS_TITLES_SOURCE, "sha256": sha256_file(path), "citation": CBS_TITLES_CITATION},
        "titles": {code: sorted(groups[code]) for code in sorted(groups)},
    }
    header = (
        "# GENERATED by `skilltool data build` from CBS's Dutch occupation title index. Do not edit.\n"
        f"# {CBS_TITLES_CITATION}; ISCO-08 unit group -> Dutch titles CBS codes to it.\n"
    )
    return header + yamlio.dumps(data)
