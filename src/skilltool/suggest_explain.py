"""``explain``: every score part of one occupation for one profile, with its evidence and its
rank among all candidates (the ranking ``suggest`` reads, produced as far as the occupation)."""

from __future__ import annotations

from itertools import takewhile

from skilltool.errors import NotFoundError
from skilltool.messages import say
from skilltool.models import Explanation, Lang, Profile
from skilltool.reference import ReferenceData
from skilltool.suggest_build import build_suggestion
from skilltool.suggest_index import SuggestIndex, norm
from skilltool.suggest_index_build import outside_candidate
from skilltool.suggest_not_practised import said_first
from skilltool.suggest_person import person_of
from skilltool.suggest_scoring import is_blocked
from skilltool.suggest_select import stream, touched_counts
from skilltool.suggest_texts import t as _t


def find_occupation(ref: ReferenceData, occupation: str, lang: Lang = "en") -> str:
    """A URI from a URI, an ESCO code or a (Dutch or English, preferred or alternative) label;
    several matches are named by their labels in ``lang``."""
    text = occupation.strip()
    by_uri = ref.occupation_by_uri
    if text in by_uri:
        return text
    if text.startswith("http") or "/" in text:
        raise NotFoundError(say("errors.suggest.no_uri"))  # free text: not repeated
    key = norm(text)
    exact: list[str] = []
    partial: list[str] = []
    for occ in ref.occupations.occupations:
        labels = [occ.label.nl, occ.label.en]
        alts = [*occ.alt.nl, *occ.alt.en]
        # a code only whole: "2211" (the ISCO column of `suggest`) was found inside ESCO codes such as
        # 1221.1 and 2522.1.1 (norm drops the dots), which named 18 unrelated occupations
        if any(lbl and norm(lbl) == key for lbl in labels) or text in (occ.code, occ.isco):
            exact.append(occ.uri)
        elif any(norm(a) == key for a in alts) or (
            len(key) >= 4 and any(lbl and key in norm(lbl) for lbl in labels)
        ):
            partial.append(occ.uri)
    found = sorted(set(exact)) or sorted(set(partial))
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFoundError(say("errors.suggest.no_label"))
    names = ", ".join(sorted(by_uri[u].label.get(lang) for u in found)[:4])
    raise NotFoundError(say("errors.suggest.ambiguous", n=len(found), names=names))


def explain(profile: Profile, *, ref: ReferenceData, occupation: str, lang: Lang = "nl") -> Explanation:
    """Every score part of one occupation (URI or label) for ``profile``, with its evidence and rank."""
    index: SuggestIndex = ref.suggest_index
    uri = find_occupation(ref, occupation, lang)
    p = person_of(profile, index, lang)
    ess, opt, _ = touched_counts(index, p)
    ci = index.by_uri.get(uri)
    if ci is not None:
        c = index.cands[ci]
        e, o = ess.get(ci, 0), opt.get(ci, 0)
    else:
        c = outside_candidate(ref, index, uri)
        e, o = c.skills_held(p.skills, index.optional_of(uri, ref))
    suggestion = said_first(index.not_practised, build_suggestion(index, p, c, e, o))
    # rank 0: not in the data's candidates (not practised here), or a regulated profession never
    # suggested to this person
    rank = 0
    if ci is not None and not is_blocked(index, p, c):
        # the candidates before it in the full ranking, best first: the same entries as scoring
        # each one with ``parts_of`` (tests/test_personas.py, test_suggest_property.py check that),
        # but only those ahead are produced, not every candidate's nine parts
        mine = (-suggestion.score, ci)
        entries, _, _ = stream(index, p, sector=None)
        rank = 1 + sum(1 for _ in takewhile(lambda entry: entry < mine, entries))
    sector_name = None
    if c.sector:
        sector_name = index.sector_names[c.sector][0 if lang == "nl" else 1]
    regulated = index.reg_by_uri.get(uri) if suggestion.regulated else None
    registry = next((r.registry for r in ref.regulated_nl.professions if r.id == regulated), None)
    return Explanation.model_construct(
        client_ref=profile.personal.client_ref,
        lang=lang,
        in_sector=bool(c.sector),
        sector_name=sector_name,
        rank=rank,
        candidates=len(index.cands),
        suggestion=suggestion,
        legal_basis=registry.get(lang) if registry is not None else None,
        caveat=_t("caveat", lang),
    )
