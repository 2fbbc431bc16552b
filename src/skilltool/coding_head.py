"""A title that opens with a whole label and says no other role after it: "tegelzetter
badkamers", "taxichauffeur bagdad, eigen auto", "welder argon workshop". What follows is a
specialism, a place, an employer or years; when the opening label alone goes unchecked and the
whole title leads with the same occupation, the rest did not change what the person did, and
the answer needs no check either (docs/coding.md, "A ninth blind set").

Not when a second role may be said: a joining word ("kapper en later taxi", "cook then
driver"), a slash, a plus or an ampersand, or a word after the label that names a role itself
(``coding_activity.role_word``: "verkoper teamleider" leads a team). English puts the head of a
title last, so an opening label followed by a role word is a modifier there; the role-word rule
keeps that case flagged in both languages.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from skilltool.coding_activity import role_word
from skilltool.coding_managers import managing
from skilltool.coding_weights import HEAD_LEADS, LANG_BITS
from skilltool.label_shortlist import _ids
from skilltool.occupation_rules import to_front
from skilltool.textnorm import normalize, tokens
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit, LabelIndex

_JOINING = word_set("en and then daarna later ook also plus of or toen dan daarnaast eerst first")
"""Words that join a second role to the first ("kapper en later taxichauffeur")."""
_SECOND_ROLE_MARKS = ("/", "+", "&")
_HELPING = word_set(
    """
    helpen hielp hielpen geholpen hulp hulpje helper helpers assistent assistente assisteren
    assisteerde help helped helping assistant assisting assisted leerling stagiair stagiaire
    apprentice trainee
    """
)
"""Words after a label that make the person its helper or its trainee ("loodgieter helpen",
"elektricien, leerling"): not the label's own work, so the rule does not apply. Not
"opleiding": after a label it is mostly the label's own schooling ("verloskundige, 3 jaar
opleiding")."""


def opening_label(
    index: LabelIndex, text: str, normalized: str, iscos: Sequence[str] = ()
) -> list[str] | None:
    """The query words (``textnorm.tokens``, each once, as the coder reads a title) of the longest
    whole label (``LabelIndex.exact``) the normalised title opens with, when more is said after it
    and none of it may be a second role; else None. With ``iscos`` (each concept's code), a role
    word that is the same work's name in another language is no second role (``_same_work``)."""
    words = normalized.split()
    if (
        len(words) < 2
        or any(map(text.__contains__, _SECOND_ROLE_MARKS))  # three look-ups in C, no set of the text
        or not _JOINING.isdisjoint(words)
        or not _HELPING.isdisjoint(words)
    ):
        return None
    for end in range(len(words) - 1, 0, -1):
        label = "".join(words[:end])
        if label in index.exact:
            second = (role_word(w, index) and not _same_work(index, iscos, label, w) for w in words[end:])
            if any(second):
                return None
            return list(dict.fromkeys(tokens(" ".join(words[:end]))))
    return None


def bracketed_label(index: LabelIndex, text: str, iscos: Sequence[str] = ()) -> list[str] | None:
    """The query words of a whole label said in brackets after words the coder does not know, or
    knows as the same work ("usta (automonteur) in Bursa", "muallim (leraar basisschool)"): the
    caseworker's translation of the client's own word, read as ``opening_label`` reads a label that
    opens a title (what follows may say a place or years, not a second role); else None."""
    parts = _bracketed(index, text)
    if parts is None:
        return None
    before, inside, after = parts
    label = "".join(inside)
    if any(index.knows(word) and not _same_work(index, iscos, label, word) for word in before):
        return None
    if not after:
        return list(dict.fromkeys(tokens(" ".join(inside))))
    return opening_label(index, text, " ".join([*inside, *after]), iscos)


def glossed(index: LabelIndex, text: str, iscos: Sequence[str] = ()) -> str | None:
    """The caseworker's translation in brackets after one or two words of the client's, with what
    follows it: "terzi (kleermaker) in een atelier" -> "kleermaker in een atelier" (the search read
    the client's word as its alias beside the translation, and what follows as any worker's). Only
    when the brackets hold a whole label (``index.exact``), not a helper's, and the words before
    them are the client's (``_client_word``; ``iscos``: the concepts' unit groups) and neither
    manage nor help (an owner or a helper of the work said in brackets is not its worker); else
    None."""
    parts = _bracketed(index, text)
    if parts is None:
        return None
    before, inside, after = parts
    if len(before) > 2 or not _HELPING.isdisjoint(before) or managing(" ".join(before)):
        return None
    label = "".join(inside)
    if not all(_client_word(index, iscos, label, word) for word in before) or not _HELPING.isdisjoint(inside):
        return None  # a Dutch or English title: "(middelbaar)", "(technician)" say more of it
    return " ".join([*inside, *after])


def _client_word(index: LabelIndex, iscos: Sequence[str], label: str, word: str) -> bool:
    """Whether ``word`` is a client's own: unknown to the labels, or a whole label only as an alias
    of the clients' languages (data/occupation_aliases.yaml) that names the work of ``label``
    (``_same_work``: an alias of other work, a turner's of metal beside a wood turner's label, is
    evidence the translation alone would lose), or an alias marked ``ask`` (a word of several
    occupations or levels, ``LabelIndex.asked``), whose question the translation answers
    ("bukhgalter (boekhouder)": the bookkeeper, not the accountant)."""
    if not index.knows(word):
        return True
    lids = _ids(index.exact.get(word))
    if not lids or any(index.label_lang[lid] != "alias" for lid in lids):
        return False
    return word in index.asked or _same_work(index, iscos, label, word)


def _bracketed(index: LabelIndex, text: str) -> tuple[list[str], list[str], list[str]] | None:
    """The words before, inside and after the first brackets of ``text`` when they hold a whole
    label (``index.exact``) and words come before them; else None."""
    start = text.find("(")
    end = text.find(")", start + 1)
    if start <= 0 or end < 0:
        return None
    inside = list(_inside(text[start + 1 : end]))
    if "".join(inside) not in index.exact:  # most brackets (a vacancy's "(m/v)", a place): one normalising
        return None
    before = _words(text[:start])
    return (before, inside, _words(text[end + 1 :])) if before else None


def _words(part: str) -> list[str]:
    """A part of an answer's words as the coder normalises a title."""
    return normalize(part).split()


@functools.lru_cache(maxsize=4096)
def _inside(part: str) -> tuple[str, ...]:
    """``_words`` of what brackets hold, kept: ``glossed`` and ``bracketed_label`` read the same
    brackets of one title, and many titles hold the same ("(m/v)", a city)."""
    return tuple(_words(part))


def _same_work(index: LabelIndex, iscos: Sequence[str], label: str, word: str) -> bool:
    """Whether ``word``, a whole label itself, names only work of the unit groups ``label`` names:
    the same job in the client's language beside the Dutch or English one ("goudsmid (zargar)",
    "lasser, kaynakci"), as caseworkers note it, not a second role."""
    if not iscos or word not in index.exact:
        return False
    said, named = (_units(index, iscos, index.exact[key]) for key in (label, word))
    return bool(named) and named <= said


def _units(index: LabelIndex, iscos: Sequence[str], ids: int | tuple[int, ...]) -> set[str]:
    """The unit groups (ISCO-08 codes of four digits) of label ids ``ids``; a group's own name
    gives its code as it is (shorter), which no unit group equals."""
    return {iscos[index.label_concept[lid]] for lid in _ids(ids)}


def head_first(hits: list[Hit], lead: Hit) -> list[Hit]:
    """``hits`` led by ``lead`` (the opening label's own first candidate, sure alone) when the
    whole title's first candidate scored under ``HEAD_LEADS``: it matched no label nearly, and
    the words after the label pulled the ranking to a place's manager or a neighbour's name."""
    if hits[0][1] >= HEAD_LEADS:
        return hits
    return led_by(hits, lead)


def led_by(hits: list[Hit], lead: Hit) -> list[Hit]:
    """``hits`` led by ``lead``, which keeps its own entry of ``hits`` when it has one; else it
    shows the first one's score (its own, 100 for the label alone, would overstate the whole title)."""
    return to_front(next((h for h in hits if h[0] == lead[0]), (lead[0], hits[0][1], lead[2])), hits)


def same_unit_group(iscos: Sequence[str], n_occ: int, lead: Hit, first: Hit) -> bool:
    """Whether the opening label's occupation and the whole title's first are two occupations of
    one ISCO-08 unit group ("beveiliger nachtdienst haven": *beveiliger* alone, *bedrijfsbewaker* for
    the whole title, both 5414): the code is the same either way, and the label alone is sure.
    Measured: 7 more intake answers unflagged, 6 right (the seventh an electrician of a factory,
    7411 against the writer's 7412); MELO 1.2 % more unflagged at 0.951."""
    return lead[0] < n_occ and first[0] < n_occ and iscos[lead[0]] == iscos[first[0]]


def own_label_shown(index: LabelIndex, hits: list[Hit], lead: Hit) -> list[Hit]:
    """``hits`` with the first shown as matched by the opening label (``lead``, its same
    occupation) when a word in the client's language beside it matched: "goudsmid (zargar)" says
    *goudsmid*, and only an alias said alone weighs the rest of the answer (``said_beside``)."""
    first = hits[0]
    if first[2] < 0 or index.label_lang[first[2]] in LANG_BITS or lead[2] < 0:
        return hits
    return [(first[0], first[1], lead[2]), *hits[1:]]
