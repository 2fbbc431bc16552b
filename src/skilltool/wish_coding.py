"""Wished occupations coded like past work: the intake's and batch's occupation coder turns each
wish (an everyday word for a trade, a care or driving job) into an ESCO occupation or ISCO group,
flagged for review when the coder is unsure. ``suggest_person`` matches a wish on that code, or its
unit group, where no occupation carries the wish as an exact label. Wished sectors are matched to
the data's sector ids here too (``match_sector``), for the profile and for ``suggest`` alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skilltool import coding_situations
from skilltool.models import OccupationCode, WishedOccupation, Wishes
from skilltool.sector_wishes import sector_named
from skilltool.suggest_index import SuggestIndex

if TYPE_CHECKING:
    from skilltool.models.answers import WishAnswers
    from skilltool.profile_sources import CandidateLike, OccupationCoding
    from skilltool.reference import ReferenceData


def occupation_code(candidate: CandidateLike) -> OccupationCode:
    """A coder's candidate as the profile keeps it (past work's and wishes' codes alike)."""
    return OccupationCode(
        uri=candidate.uri,
        isco=candidate.isco,
        label=candidate.label,
        score=float(candidate.score),
        matched=candidate.matched,
    )


def confirmed_code(ref: ReferenceData, uri: str, lang: str) -> OccupationCode | None:
    """The code of an occupation a caseworker confirmed: from the suggestion index when it holds
    it (a batch process never loads ESCO's occupation records, ~90 MB), else from the records."""
    index = ref.suggest_index
    if uri not in index.occ_isco:  # every occupation's URI: an unknown one loads no records to say so
        return None
    if (cand := index.compiled(uri)) is not None:
        isco, label = cand.isco, cand.label_nl if lang == "nl" else cand.label_en
    else:
        occ = ref.occupation_by_uri[uri]
        isco, label = occ.isco, occ.label.get(lang)
    return OccupationCode(uri=uri, isco=isco, label=label, score=100.0, matched=None)


def code_wishes(texts: list[str], coder: OccupationCoding | None, *, lang: str) -> list[WishedOccupation]:
    """Each wished occupation with the coder's best candidate and the next two (``needs_review``
    when the coder says so or finds nothing); none without a coder."""
    if coder is None:
        return []
    out: list[WishedOccupation] = []
    for text in texts:
        if not text.strip():
            continue
        result = coder.code(text, lang=lang, top=5)  # as a work title is coded: the coder's memo serves both
        candidates = [occupation_code(c) for c in result.candidates[:3]]
        out.append(
            WishedOccupation(
                text=text,
                coded=candidates[0] if candidates else None,
                alternatives=candidates[1:],
                needs_review=bool(result.needs_review or not candidates),
            )
        )
    return out


def wishes_of(
    answers: WishAnswers, coder: OccupationCoding | None, *, lang: str, ref: ReferenceData | None = None
) -> Wishes:
    """The profile's wishes: the answers as given, with the wished occupations coded; a wish of
    own family care (``coding_situations.private_situation``: "voor mijn zieke vader zorgen") is no
    occupation but a family's health detail, which reports showed: left out (no care duty is
    inferred: the intake's own question records care duties). With ``ref`` each wished sector is
    coded (``sector_ids``)."""
    said = [text for text in answers.occupations if not coding_situations.private_situation(text)]
    wished = sector_ids(answers.sectors, ref.suggest_index) if ref and answers.sectors else answers.sectors
    return Wishes(
        **{**answers.model_dump(), "occupations": said, "sectors": wished},
        coded=code_wishes(said, coder, lang=lang),
    )


def sector_ids(texts: list[str], index: SuggestIndex) -> list[str]:
    """Each wished sector as the id of the sector it names (``match_sector``, as ``suggest`` reads
    it: an id, a Dutch or English name, a word of one: "zorg", "ICT"), once; one that names none of the data's
    sectors ("landbouw") is kept as typed: a wish outside the shortage sectors is still the
    person's, and the caseworker's profile records it. They were all kept as typed, and the
    research export, which keeps sector ids only, lost "zorg" and "techniek" though ``suggest``
    read them as care and technology."""
    out: dict[str, None] = {}
    for text in texts:
        if text.strip():
            out[match_sector(index, text) or text.strip()] = None
    return list(out)


def unit_group(wish: WishedOccupation) -> str | None:
    """The ISCO unit group (4 digits) a coded wish points at: the best candidate's; when that is a
    broader group ('83', drivers), the first 4-digit candidate inside it that scores as well (the
    coder could not tell them apart); else None (too broad to match on)."""
    best = wish.coded
    if best is None:
        return None
    if len(best.isco) >= 4:
        return best.isco[:4]
    for alt in wish.alternatives:
        if len(alt.isco) >= 4 and alt.isco.startswith(best.isco) and alt.score >= best.score:
            return alt.isco[:4]
    return None


def match_sector(index: SuggestIndex, text: str) -> str | None:
    """A sector id from an id, or a Dutch or English name or part of one ('zorg', 'ICT', 'bouw');
    memoised per text (a batch repeats the same few wishes)."""
    key = ("sector", text)
    hit = index.text_memo.get(key)
    if hit is None:
        hit = index.text_memo.put(key, (_match_sector(index, text) or "",))
    return hit[0] or None


def _match_sector(index: SuggestIndex, text: str) -> str | None:
    return sector_named([(sid, *index.sector_names[sid]) for sid in index.sector_order], text)
