"""ESCO (occupations, skills, ISCO-08 groups, occupation-skill relations) and CBS's Dutch title
index, read from their CSV layouts into the models of ``data/occupations.yaml``,
``data/skills.yaml``, ``data/cbs_title_index.yaml`` and ``data/isco_descriptions.yaml``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from skilltool import ESCO_ACKNOWLEDGEMENT, __version__
from skilltool.build_sources import read_csv
from skilltool.errors import SourceError
from skilltool.messages import say
from skilltool.models import (
    IscoDescriptionsFile,
    IscoDescriptionsMeta,
    IscoGroup,
    LabelLists,
    Labels,
    Occupation,
    Skill,
    SourceFile,
    SourceManifest,
    TitleIndexFile,
    TitleIndexMeta,
)

REGULATED_NOTE = "http://data.europa.eu/esco/regulated-professions/regulated"
CBS_TITLE_SOURCE = "CBS, Beroepenclassificatie BRC 2014, editie 2025 (brc2014.xlsx, sheet BRC2014 index)"
CBS_TITLE_LICENCE = "CC BY 4.0; cite CBS, Beroepenclassificatie BRC 2014, editie 2025"


def _lines(cell: str | None) -> list[str]:
    """ESCO packs alternative labels into one cell, one per line.

    A "|" inside a label becomes "/", since "|" joins label lists in the generated files.
    """
    if not cell:
        return []
    return sorted({part.strip().replace("|", "/") for part in cell.split("\n") if part.strip()})


def _skill_id(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def isco_groups(manifest: SourceManifest, root: Path) -> list[IscoGroup]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for lang, source in manifest.isco_groups.items():
        for row in read_csv(root, source, {"code", "preferredLabel"}):
            labels[row["code"].strip()][lang] = row["preferredLabel"].strip()
    cbs = {
        row["isco08_unit"].strip(): row["isco08_unit_label"].strip()
        for row in read_csv(root, manifest.isco_brc_crosswalk, {"isco08_unit", "isco08_unit_label"})
    }
    return [
        IscoGroup(code=code, label=Labels(**labels[code]), label_cbs=cbs.get(code) or None)
        for code in sorted(labels, key=lambda c: (len(c), c))
    ]


def isco_descriptions(manifest: SourceManifest, root: Path) -> IscoDescriptionsFile:
    """ESCO's English description of each ISCO-08 unit group (4 digits; a group without one is
    left out), carried into ``data/isco_descriptions.yaml`` (whitespace runs become one space)."""
    source = manifest.isco_groups.get("en")
    by_isco: dict[str, str] = {}
    if source is not None:
        for row in read_csv(root, source, {"code"}):
            code, text = row["code"].strip(), " ".join((row.get("description") or "").split())
            if len(code) == 4 and code.isdigit() and text:
                by_isco[code] = text
    return IscoDescriptionsFile(
        meta=IscoDescriptionsMeta(
            generated_by=f"skilltool {__version__.split('+')[0]} data build",
            acknowledgement=ESCO_ACKNOWLEDGEMENT,
            path=source.path if source is not None else "",
            sha256=source.sha256 if source is not None else "0" * 64,
            unit_groups=len(by_isco),
        ),
        by_isco={code: by_isco[code] for code in sorted(by_isco)},
    )


def title_index(manifest: SourceManifest, root: Path) -> TitleIndexFile:
    """CBS's Dutch example titles per ISCO-08 unit group, carried into ``data/cbs_title_index.yaml``."""
    source = manifest.cbs_title_index
    path = root / source.path
    by_isco: dict[str, set[str]] = defaultdict(set)
    count = 0
    for line, row in enumerate(read_csv(root, source, {"title", "isco08"}), start=2):
        title, code = row["title"].strip().replace("|", "/"), row["isco08"].strip()
        if not (len(code) == 4 and code.isdigit()):
            raise SourceError(say("errors.build.not_isco", path=path, line=line, code=repr(code)))
        if not title:
            raise SourceError(say("errors.build.empty_title", path=path, line=line))
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


def relations(manifest: SourceManifest, root: Path) -> dict[str, dict[str, set[str]]]:
    rel: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"essential": set(), "optional": set()})
    cols = {"occupationUri", "relationType", "skillUri"}
    for row in read_csv(root, manifest.occupation_skill_relations, cols):
        kind = row["relationType"].strip()
        if kind in ("essential", "optional"):
            rel[row["occupationUri"].strip()][kind].add(_skill_id(row["skillUri"].strip()))
    return rel


def _once(root: Path, source: SourceFile, cols: set[str]) -> Iterator[tuple[str, dict[str, str]]]:
    """Each record of an ESCO file with its ``conceptUri``; one there twice (a download pasted
    twice, a row copied by hand) stops the build naming both records: the later one replaced the
    earlier without a word, its labels in the generated data and the earlier ones gone."""
    seen: dict[str, int] = {}
    for n, row in enumerate(read_csv(root, source, cols), 1):
        uri = row["conceptUri"].strip()
        if uri in seen:
            where = {"path": root / source.path, "uri": uri, "first": seen[uri], "second": n}
            raise SourceError(say("errors.build.uri_twice", **where))
        seen[uri] = n
        yield uri, row


def occupations(
    manifest: SourceManifest,
    root: Path,
    isco_to_brc: dict[str, str],
    relations: dict[str, dict[str, set[str]]],
) -> list[Occupation]:
    cols = {"conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels", "code"}
    by_lang: dict[str, dict[str, dict[str, str]]] = {}
    for lang, source in manifest.occupations.items():
        by_lang[lang] = dict(_once(root, source, cols))
    if "en" not in by_lang:
        raise SourceError(say("errors.build.needs_en"))
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


def skills(manifest: SourceManifest, root: Path) -> list[Skill]:
    nl_label: dict[str, str] = {}
    nl_alt: dict[str, list[str]] = {}
    for source in manifest.skills_nl:
        for uri, row in _once(root, source, {"conceptUri", "preferredLabel", "altLabels"}):
            sid = _skill_id(uri)
            if row["preferredLabel"].strip():
                nl_label[sid] = row["preferredLabel"].strip()
                nl_alt[sid] = _lines(row["altLabels"])
    skills = []
    cols = {"conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels"}
    for uri, row in _once(root, manifest.skills_en, cols):
        sid = _skill_id(uri)
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
