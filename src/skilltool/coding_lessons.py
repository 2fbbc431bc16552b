"""Lessons given outside a school's own subjects: a language at an institute ("Engelse les gegeven
op een instituut"), music, drawing or dance, computer lessons, and tutoring (*bijles*). ISCO-08
puts those who teach them outside the school system in their own unit groups: 2353 (other
language teachers), 2354 (other music teachers), 2355 (other arts teachers), 2356 (IT trainers)
and 2359 (teaching professionals not elsewhere classified: private tutors). The search read the
subject's word alone (a guitar maker, a language's linguist, a beauty salon for a lesson's
place), or a teacher at a school.

So a flagged ranking whose title says lessons (``_LESSON``, or a Dutch compound in *les* /
*lessen* of a subject) and their subject (``_SUBJECTS``) is led by that subject's unit group: its
first candidate in the ranking, else the group itself. The answer stays flagged: whether the
lessons were given or taken, and where, the caseworker asks. A teacher's title ("leraar Perzisch",
"violin teacher") names no lesson and keeps its ranking: as often a teacher at a school (2330).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from skilltool import textnorm
from skilltool.occupation_rules import group_to_front
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import Hit

_LESSON = word_set("les lessen lesgeven lesgegeven lesgaf lesson lessons classes bijles tutoring tutor")
"""Words that say lessons, in Dutch and English ("class" alone is also a rank or a school's year)."""
_LESSON_ENDS = ("lessen", "les")
_KEYS = ("les", "class", "tutor")
"""A part of every lesson word (``_LESSON``, ``_LESSON_ENDS``): a title without any says no lesson."""
"""A Dutch compound of a subject and lessons: *gitaarles*, *taallessen*, *computerles*."""

TUTORS = "2359"
_TUTORING = word_set("bijles tutoring tutor")
_SUBJECTS = {
    "2353": word_set(
        """
        taal talen language languages engels engelse english arabisch arabische arabic frans franse
        french duits duitse german nederlands nederlandse dutch turks turkse turkish perzisch perzische
        persian farsi dari pashto pashtu koerdisch koerdische kurdish russisch russische russian spaans
        spaanse spanish italiaans italiaanse italian chinees chinese oekraiens oekraiense ukrainian
        tigrinya amhaars amharic somalisch somali urdu
        """
    ),
    "2354": word_set(
        """
        muziek music gitaar guitar piano viool violin oud saz luit zang singing drum drums trommel
        percussie percussion fluit flute ney qanun keyboard accordeon cello
        """
    ),
    "2355": word_set(
        """
        teken tekenen drawing schilder schilderen painting dans dansen dance ballet kunst art
        theater toneel drama kalligrafie calligraphy fotografie photography keramiek pottery
        """
    ),
    "2356": word_set("computer computers ict programmeren programming coding excel informatica"),
}
"""The unit groups of lessons outside the school system, by the words of their subjects."""


def lesson_group(words: Sequence[str]) -> str | None:
    """The unit group of the lessons ``words`` (a folded answer's words) say, or None: a subject
    of ``_SUBJECTS`` with a lesson word, or as a compound's first part; lessons of no such
    subject said as tutoring (*bijles*, "tutoring") are ``TUTORS``'."""
    lesson = False
    subjects = list(words)
    for word in words:
        if word in _LESSON:
            lesson = True
            continue
        kind = next((word[: -len(end)] for end in _LESSON_ENDS if word.endswith(end)), "")
        if kind and any(kind in names for names in _SUBJECTS.values()):
            lesson = True
            subjects.append(kind)
    if not lesson:
        return None
    group = next((g for g, names in _SUBJECTS.items() if not names.isdisjoint(subjects)), None)
    if group is None and not _TUTORING.isdisjoint(words):
        return TUTORS
    return group


def lessons_first(
    hits: list[Hit], flagged: bool, text: str, iscos: Sequence[str], group_of: Mapping[str, int] | None
) -> list[Hit]:
    """``hits`` led by the unit group of the lessons the title says (``lesson_group``) when they are
    flagged and another group leads; else unchanged."""
    if not flagged or not hits or not group_of:
        return hits
    folded = textnorm.fold(text)
    if not any(key in folded for key in _KEYS):  # most flagged titles: no lesson word to look for
        return hits
    group = lesson_group(textnorm.clean(folded).split())
    if group is None or iscos[hits[0][0]] == group or group not in group_of:
        return hits
    return group_to_front(hits, group, iscos, group_of)
