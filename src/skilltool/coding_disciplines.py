"""A sport taught or an instrument played, said by the discipline: "taekwondo leraar, eigen
school", "karate trainer", "coach of a football team", "oud speler op bruiloften", "played the
guitar at weddings".

ISCO-08 puts instructors and coaches of sports in 3422 and musicians in 2652 whatever the sport
or the instrument (ILO, ISCO-08 Part III); ESCO names a few sports in its labels (*bokstrainer*,
*tennisleraar*) and no traditional instrument, so the discipline's word led the search astray (a
riding school's trainer, an adult-education teacher, a medical specialist for the lute *oud*).
A teacher's or trainer's word with a sport is coded as ESCO's *sportinstructeur*, a player's word
with an instrument as ESCO's *musician*; only when the other words name no role (``is_role``):
"sportschool eigenaar" and "gitaarbouwer" are left to the labels, and a sport taught at a
school ("gym", "lichamelijke opvoeding", a primary or secondary school) is a teacher's subject.

A sportsman said without the professional's prefix that ESCO's Dutch labels carry (*beroeps-*,
*prof-*: *beroepsvoetballer*, *profbokser*, *profwielrenner*) is that label, a professional athlete
(3421): the bare word led to the sport's trainer, whose label shares its stem (``professional``).
"""

from __future__ import annotations

from collections.abc import Callable

from skilltool.word_lists import word_set

SPORT_LABEL = "sportinstructeur"  # ESCO's Dutch preferred label (3422)
MUSIC_LABEL = "musician"  # ESCO's English preferred label (2652)

_TRAINERS = word_set(
    """
    leraar lerares docent docente trainer trainster coach instructeur instructrice instructor
    teacher leider trainde trained coached taught gaf gave les lessen lessons
    """
)
_SPORTS = word_set(
    """
    taekwondo karate judo jiujitsu kungfu kickboksen kickboxing boksen boxing worstelen wrestling
    voetbal football soccer basketbal basketball volleybal volleyball handbal handball zwemmen
    swimming atletiek athletics hardlopen running wielrennen cycling tennis
    badminton tafeltennis cricket hockey gymnastiek gymnastics vechtsport
    """
)
_SCHOOLS = word_set(
    """
    basisschool basisonderwijs middelbare secondary primary highschool lichamelijke opvoeding
    physical education onderwijs lo
    """
)
"""A sport taught in a school's curriculum is a teacher's subject (23xx), not a coach's. Fitness, yoga
and the like are not sports here: their instructors are 3423, which the labels find."""
_PLAYERS = word_set("speler spelers speelde speelt spelen bespeelde player players played plays playing")
_INSTRUMENTS = word_set(
    """
    oud ud saz baglama luit lute gitaar guitar viool violin cello piano keyboard orgel organ
    accordeon accordion fluit flute ney nay kanun qanun santur tar setar tabla daf darbuka
    trommel drum drums trompet trumpet saxofoon saxophone klarinet clarinet zurna krar masenqo
    kora
    """
)


def as_title(words: list[str], is_role: Callable[[str], bool]) -> str | None:
    """``SPORT_LABEL`` or ``MUSIC_LABEL`` for a sport taught or an instrument played (see the
    module's docstring), else None."""
    for doers, things, label in ((_TRAINERS, _SPORTS, SPORT_LABEL), (_PLAYERS, _INSTRUMENTS, MUSIC_LABEL)):
        said = said_with(words, doers, things, is_role)
        if said is None:
            continue
        if label == SPORT_LABEL and not _SCHOOLS.isdisjoint(words):
            return None
        return label if said else None
    return None


def said_with(
    words: list[str], doers: frozenset[str], things: frozenset[str], is_role: Callable[[str], bool]
) -> bool | None:
    """None when ``words`` hold no word of ``doers`` or none of ``things``; else whether no other
    word names a role (``is_role``): a doer's word with the thing it works with, and nothing that
    makes it someone else's work ("gitaarbouwer", "monteur motoren")."""
    if doers.isdisjoint(words) or things.isdisjoint(words):  # most titles
        return None
    return not any(is_role(w) for w in words if w not in doers and w not in things)


_PRO = ("beroeps", "prof")
"""The prefixes of ESCO's Dutch labels of professional athletes."""
ATHLETES = "3421"
"""ISCO-08 3421: athletes and sports players (*beroeps*consulent, a career adviser, is not one)."""


def professional(words: list[str], athlete: Callable[[str], bool]) -> str | None:
    """``words`` with the one word that is an athlete's label after a professional's prefix
    (``_PRO``; ``athlete``: whether a whole label is one of ``ATHLETES``) said as that label
    ("wielrenner" -> "profwielrenner"), or None."""
    said = {w: next((pro + w for pro in _PRO if athlete(pro + w)), None) for w in words}
    found = [(w, label) for w, label in said.items() if label is not None]
    if len(found) != 1:  # most titles
        return None
    word, label = found[0]
    return " ".join(label if w == word else w for w in words)
