"""The reference data around occupation coding: CBS's title index and the curated aliases as the
coder reads them (with the aliases' cross-check), and ``describe`` for ``occupation show``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.errors import DataFileError, NotFoundError
from skilltool.messages import say
from skilltool.models import (
    BrcTightness,
    IscoGroupDetails,
    OccupationAliasesFile,
    OccupationDetails,
    OccupationSummary,
    SkillRef,
)
from skilltool.tightness import text as tightness_text

if TYPE_CHECKING:
    from skilltool.reference import ReferenceData


def load_cbs_titles(ref: ReferenceData) -> dict[str, list[str]]:
    """CBS's Dutch title index as ``data build`` carried it (``cbs_title_index.yaml``): ISCO-08
    unit group -> titles; empty when the data folder has none."""
    if not ref.path(CBS_TITLES_FILE).exists():
        return {}
    return dict(ref.cbs_title_index.by_isco)


_ABBREVIATED = re.compile(r"^(?P<before>.*?)\s*\((?P<abbr>[a-z]{2,5})\)\s*(?P<after>.*)$")
_NOT_INITIALS = frozenset({"en", "van", "voor", "de", "het", "in", "op", "of"})


def short_form(title: str) -> str | None:
    """The form a person says of a CBS title that spells out an abbreviation: "uitzetter grond-,
    weg- en waterbouw (gww)" -> "uitzetter gww" (and so a care assistant's "... ig", 5321). Only
    when the letters are the initials of the words just before them (linking words aside) and a
    word is left besides the abbreviation; otherwise None (a qualifier: "wever (machinaal)")."""
    match = _ABBREVIATED.match(title)
    if match is None:
        return None
    before, abbr, after = match["before"], match["abbr"], match["after"].lstrip("-")
    words = [w for w in re.finditer(r"\w+", before) if w[0] not in _NOT_INITIALS]
    if len(words) < len(abbr):
        return None
    spelled = words[len(words) - len(abbr) :]
    if "".join(w[0][0] for w in spelled) != abbr:
        return None
    short = " ".join(part for part in (before[: spelled[0].start()].strip(" ,-"), abbr, after) if part)
    return short if " " in short else None


_LEVEL_NOTE = re.compile(r"^(?P<title>[^()]+?)\s*\((?:niveau [\d&/ ]+|(?:in|ex)clusief progr?ammeren)\)$")


def without_level_note(title: str) -> str | None:
    """A CBS title without the level or scope note in brackets that a person does not say:
    "tig-lasser (niveau 1&2)" -> "tig-lasser", "cnc-frezer (inclusief programmeren)" ->
    "cnc-frezer". Other brackets stay: they tell groups apart ("wever (machinaal)" and
    "wever" by hand are in two groups)."""
    match = _LEVEL_NOTE.match(title)
    return match["title"] if match else None


# --- aliases -----------------------------------------------------------------------------------

ALIASES_FILE = "occupation_aliases.yaml"
CBS_TITLES_FILE = "cbs_title_index.yaml"


def load_aliases(ref: ReferenceData) -> OccupationAliasesFile:
    """The curated aliases (validated); an empty list when the file is absent."""
    if not ref.path(ALIASES_FILE).exists():
        return OccupationAliasesFile(version=1, aliases=[])
    return ref.occupation_aliases


def check_aliases(ref: ReferenceData) -> int:
    """Load the aliases and cross-check them against ``occupations.yaml``; return their count.

    Each URI must be an occupation and ``esco_label`` its English preferred label. Two spellings
    that normalise alike (Arabic and Persian yeh, with and without ZWNJ) may both be listed, but
    must then mean the same occupation.
    """
    path = ref.path(ALIASES_FILE)
    aliases = ref.occupation_aliases.aliases
    by_uri = ref.occupation_by_uri
    seen: dict[str, int] = {}
    for i, alias in enumerate(aliases):
        occ = by_uri.get(alias.uri)
        if occ is None:
            raise DataFileError(say("errors.data.alias_uri", path=path, i=i, uri=alias.uri))
        if occ.label.en != alias.esco_label:
            raise DataFileError(
                say(
                    "errors.data.alias_label",
                    path=path,
                    i=i,
                    label=repr(alias.esco_label),
                    english=repr(occ.label.en),
                )
            )
        key = textnorm.clean(alias.alias)
        first = seen.setdefault(key, i)
        if aliases[first].uri != alias.uri:
            raise DataFileError(
                say("errors.data.alias_twice", path=path, i=i, alias=repr(alias.alias), first=first)
            )
    return len(aliases)


# --- show ----------------------------------------------------------------------------------------


def describe(ref: ReferenceData, key: str, *, lang: str = "nl") -> OccupationDetails | IscoGroupDetails:
    """An occupation by ESCO URI, its UUID or ESCO code (``7212.1``), or an ISCO-08 group by code.

    Raises ``NotFoundError`` (one line, with what to try) when nothing matches.
    """
    key = key.strip()
    occupations = ref.occupations.occupations
    occ = ref.occupation_by_uri.get(key)
    if occ is None:
        occ = next((o for o in occupations if o.uri.rsplit("/", 1)[-1] == key or o.code == key), None)
    if occ is not None:
        skills = ref.skill_by_id

        def skill_refs(ids: list[str]) -> list[SkillRef]:
            return [SkillRef(id=i, label=skills[i].label(lang) if i in skills else i) for i in ids]

        group = ref.isco_by_code.get(occ.isco)
        brc = ref.brc_by_code.get(occ.brc or "")
        other = "en" if lang == "nl" else "nl"
        return OccupationDetails(
            uri=occ.uri,
            code=occ.code,
            isco=occ.isco,
            isco_label=group.label.get(lang) if group else "",
            label=occ.label.get(lang),
            label_other=occ.label.get(other),
            alt=list(getattr(occ.alt, lang)),
            regulated=occ.regulated,
            essential=skill_refs(occ.essential),
            optional=skill_refs(occ.optional),
            brc=occ.brc,
            brc_label=brc.label if brc else None,
            tightness=ref.tightness(occ),
            tightness_text=tightness_text(ref.tightness(occ), lang),
        )
    if key.isdigit() and 1 <= len(key) <= 4:
        members = [o for o in occupations if o.isco.startswith(key)]
        group = ref.isco_by_code.get(key)
        if group is not None or members:
            brcs: dict[str, BrcTightness] = {}
            for o in members:
                if o.brc and o.brc not in brcs:
                    found = ref.brc_by_code.get(o.brc)
                    tight = ref.tightness(o)
                    brcs[o.brc] = BrcTightness(
                        brc=o.brc,
                        brc_label=found.label if found else None,
                        tightness=tight,
                        tightness_text=tightness_text(tight, lang),
                    )
            return IscoGroupDetails(
                isco=key,
                label=group.label.get(lang) if group else "",
                occupations=[
                    OccupationSummary(uri=o.uri, isco=o.isco, label=o.label.get(lang))
                    for o in sorted(members, key=lambda o: (o.isco, o.label.get(lang)))
                ],
                tightness=[brcs[code] for code in sorted(brcs)],
            )
    raise NotFoundError(say("errors.data.no_occupation"))  # typed: perhaps a person's text
