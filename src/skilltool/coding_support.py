"""What both coders share around the index: the input line prepared as words, the echo shown
back, and the cache of the compiled index (its key and a fast read)."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import (
    coding_activity,
    coding_farming,
    coding_places,
    coding_settings,
    messages,
    reference,
    textnorm,
)
from skilltool.coding_weights import (
    CONTEXT_FACTOR,
    INDEX_VERSION,
    KIND_ALIAS,
    KIND_ALT,
    KIND_CBS,
    KIND_HIDDEN,
    KIND_PREFERRED,
    NOISE_FACTOR,
)
from skilltool.models import CodingResult
from skilltool.word_lists import word_set

if TYPE_CHECKING:
    from skilltool.label_index import LabelIndex

# the modules whose source the compiled index depends on (weights, rules, layout)
CODER_MODULES = (
    "coding_rerank.py",
    "coding_weights.py",
    "coding_support.py",
    "label_index.py",
    "label_cover.py",
    "label_shortlist.py",
    "label_typos.py",
    "occupations.py",
    "occupation_build.py",
    "occupation_review.py",
    "occupation_rules.py",
    "occupation_skills.py",
    "skill_coding.py",
    "ngram_scorer.py",
    "textnorm.py",
    "coding_activity.py",
    "coding_parts.py",
    "coding_places.py",
    "coding_farming.py",
    "coding_settings.py",
    "owner_phrases.py",
)


def build_key() -> bytes:
    """What the compiled index depends on besides the data: the coder modules' and the
    normaliser's source (weights, rules, layout), so any change to them rebuilds the index."""
    weights = (KIND_PREFERRED, KIND_ALT, KIND_HIDDEN, KIND_ALIAS, KIND_CBS, NOISE_FACTOR)
    here = Path(__file__).parent
    return b"%d\0%s\0" % (INDEX_VERSION, repr(weights).encode()) + b"\0".join(
        (here / name).read_bytes() for name in CODER_MODULES
    )


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for the block (restored as it was, also on an error).

    For work that builds many objects it keeps alive to the end and makes no reference cycles:
    unpickling the index, and ``OccupationCoder.code_many``, which holds a batch's intermediate
    lists until the batch is done; the collector would scan them (and the coder's ~150,000
    long-lived objects in its full passes) again and again for nothing. Measured in
    docs/coding.md ("Seventh round")."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_without_gc(path: Path | None) -> object:
    """``reference.cache_read`` with the garbage collector paused: unpickling a hundred thousand
    small lists is three times faster when the collector does not scan them half-way."""
    with gc_paused():
        return reference.cache_read(path)


def echo(text: str) -> str:
    """The input as shown back: control characters as '?', cut when absurdly long, so one bad
    line can neither flood nor garble the output."""
    text = text[: textnorm.MAX_CHARS + 1]
    if not text.isprintable() or "\ufffd" in text:
        text = "".join("?" if textnorm.is_control(ch) else ch for ch in text)
    return text if len(text) <= textnorm.MAX_CHARS else text[: textnorm.MAX_CHARS] + "..."


def prepare(text: str, is_label: Callable[[str], bool] | None = None) -> tuple[str, list[str], str | None]:
    """Normalised text, its words, and a problem to report (a ``coding.problem.*`` code, or None;
    ``problem_text`` words it). ``is_label``: ``textnorm.normalize``'s."""
    if not text.strip():
        return "", [], "empty"
    if textnorm.looks_binary(text):
        return "", [], "binary"
    normalized = textnorm.normalize(text, is_label)
    words = _query_words(normalized)
    if not words:
        return normalized, [], "no_letters"
    if len(text) > textnorm.MAX_CHARS:
        return normalized, words, "too_long"
    return normalized, words, None


def _query_words(normalized: str) -> list[str]:
    """A normalised title's content words, each once (a repeated word counts once)."""
    return list(dict.fromkeys(textnorm.tokens(normalized)))


def _phrases(text: str) -> frozenset[str]:
    """One phrase a line, as the coder reads a title: ``textnorm.normalize`` then its content words
    (so "n.v.t." is "n v t", "niet van toepassing" is "niet toepassing", "ik heb nooit gewerkt"
    is "nooit"), which is how ``not_an_occupation`` compares them: through ``prepare``'s words."""
    lines = (line.strip() for line in text.strip().splitlines())
    return frozenset(" ".join(prepare(line)[1]) for line in lines if line)


SAYS_NONE = _phrases(
    """
    geen
    geen werk
    geen baan
    geen beroep
    geen functie
    geen ervaring
    geen werkervaring
    nee
    nvt
    n.v.t.
    niet van toepassing
    niets
    niks
    nooit
    nooit gewerkt
    niet gewerkt
    onbekend
    weet niet
    geen idee
    none
    no
    nope
    nothing
    nil
    n/a
    not applicable
    no job
    no work
    no experience
    no work experience
    never
    never worked
    unknown
    yok
    لا
    لا يوجد
    لا شيء
    هیچ
    ندارم
    """
)
"""Answers that say there is no occupation (Dutch, English, a few Turkish, Arabic and Persian
words): coded as nothing, with the problem ``says_none``. Whole answers only ("geen werk"); a
title that contains one of these words ("medewerker geen ...") is coded as usual."""

NOT_WORK = _phrases(
    """
    huisvrouw
    huisman
    huismoeder
    thuismoeder
    moeder
    student
    studente
    universiteitsstudent
    university student
    college student
    scholier
    leerling
    werkloos
    vluchteling
    asielzoeker
    werkzoekend
    werkzoekende
    zonder werk
    gepensioneerd
    met pensioen
    arbeidsongeschikt
    bijstand
    uitkering
    housewife
    househusband
    homemaker
    stay at home mother
    stay at home mom
    stay at home parent
    mother
    pupil
    schoolboy
    schoolgirl
    unemployed
    refugee
    asylum seeker
    jobless
    job seeker
    retired
    pensioner
    ev hanimi
    issiz
    ogrenci
    emekli
    ربة منزل
    ربة بيت
    طالب
    عاطل عن العمل
    متقاعد
    خانه دار
    بیکار
    دانشجو
    بازنشسته
    """
)
"""Answers that name a status that is not paid work (at home, at school, without work,
retired): coded as nothing, with the problem ``not_work``. Whole answers only: "gepensioneerd
leraar" is coded as a title; a study with its field is read by ``studying``."""

_STUDYING = frozenset(
    ("student", "studente", "studie", "studeerde", "studeer", "studeert", "studeren", "studying", "studied")
)


def studying(words: list[str], index: coding_activity.Words) -> bool:
    """A study, said with its field ("student geneeskunde", "studente rechten", "studying
    engineering at university"): a status, not paid work, unless a word after it names a role
    (``coding_activity.role_word``: a "student tutor" or a "student researcher" has a job; coded,
    flagged)."""
    if words[0] not in _STUDYING or len(words) < 2:
        return False
    role = coding_activity.role_word
    return not any(word.endswith(_HELPER_ENDS) or role(word, index) for word in words[1:])


_HELPER_ENDS = ("assistent", "assistente", "assistant", "hulp", "helper", "medewerker")
"""A student's paid job: "student-assistent", "student helper" (a role word by its head)."""


def _split(phrases: frozenset[str]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """One-word phrases, and the longer ones as word tuples (matched as a run of words)."""
    return (
        frozenset(p for p in phrases if " " not in p),
        tuple(tuple(p.split()) for p in phrases if " " in p),
    )


_NONE_ONE, _NONE_MANY = _split(SAYS_NONE - {"n", "no", "niet", "geen", "nee"})
_STATUS_ONE, _STATUS_MANY = _split(
    NOT_WORK | _phrases("vluchteling\nvluchtelingenkamp\nkamp\nazc\nrefugee\ncamp\nfled\ngevlucht")
)
_CIRCUMSTANCES = word_set(
    """
    kinderen kind kids children child ouders parents vader moeder father mother familie family gezin
    thuis home huis school high middelbare secondary universiteit university oorlog war direct
    werk work job baan jaar jaren years since sinds geen no never nooit nog na after zat was refugee
    zorgde zorgen cared caring
    een twee drie vier vijf zes zeven acht negen tien one two three four five six seven eight nine ten
    vluchteling kamp camp
    """
)
"""Words an answer about one's situation may hold besides the status: whom one was with, where,
since when ("huisvrouw, vijf kinderen", "unemployed since the war", "in het kamp, geen werk")."""
_STATUS_WORDS = _NONE_ONE | _STATUS_ONE | {w for p in (*_NONE_MANY, *_STATUS_MANY) for w in p}


def situation(words: list[str]) -> str | None:
    """``says_none`` or ``not_work`` for an answer that tells a situation, not a job: a status or a
    "no work" (``NOT_WORK``, ``SAYS_NONE``, a refugee camp) with only words of the circumstances
    (``_CIRCUMSTANCES``); None when any other word is said ("kok in het kamp", "werkloos, was
    lasser" are coded: a title is always read)."""
    if _STATUS_WORDS.isdisjoint(words):  # most titles
        return None
    said = set(words)
    none = bool(_NONE_ONE & said) or any(_run(p, words) for p in _NONE_MANY)
    status = bool(_STATUS_ONE & said) or any(_run(p, words) for p in _STATUS_MANY)
    if not (none or status) or not said <= _CIRCUMSTANCES | _STATUS_WORDS:
        return None
    return "not_work" if status else "says_none"


def _run(phrase: tuple[str, ...], words: list[str]) -> bool:
    """Whether ``phrase``'s words stand together in ``words``."""
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1))


_PLACEHOLDER = frozenset("-\u2013\u2014_./\\*")  # "-", "--", "/", "...": a blank form field


def not_an_occupation(text: str, words: list[str]) -> str | None:
    """``says_none`` or ``not_work`` when the whole answer says there is no occupation or names a
    status that is not work (``SAYS_NONE``, ``NOT_WORK``); a field of dashes or dots says none too;
    ``family_care`` for care of one's own family (``_FAMILY_CARE``). None for anything else, also
    for a title that only contains such a word."""
    if not words:
        stripped = text.strip()
        return "says_none" if stripped and set(stripped) <= _PLACEHOLDER else None
    phrase = " ".join(words)
    if phrase in SAYS_NONE:
        return "says_none"
    if phrase in NOT_WORK:
        return "not_work"
    said = _as_read(text)
    if _OWN_WORDS.isdisjoint(words) and _OWN_WORDS.isdisjoint(said.split()):  # most titles
        return None
    return "family_care" if _FAMILY_CARE.search(said) else None


def _as_read(text: str) -> str:
    """The start of an answer that ``textnorm.normalize`` reads, lower case, no more: a search over
    a whole 100 KB cell backtracked for 20 s (``_FAMILY_CARE``)."""
    return text[: textnorm.MAX_CHARS * 2].lower()


def family_care(title: str) -> bool:
    """Whether a work title tells of care for one's own family (``_FAMILY_CARE``): no work, and a
    family's health detail that ``profile_building`` keeps out of the work history."""
    if _OWN_WORDS.isdisjoint(_as_read(title).split()):  # most titles: no ``prepare``
        return False
    return not_an_occupation(title, prepare(title)[1]) == "family_care"


_CARE = r"""(?:zorg\w*|verzorg\w*|gezorgd|mantelzorg\w*|opgevoed|opvoeden|voedde|cared|car(?:e|es|ing)
    |raised|raising|look(?:ed|ing|s)?\s+after|t(?:ook|ake|akes|aking)\s+care)"""
_OWN_WORDS = frozenset(("mijn", "m'n", "onze", "eigen", "my", "our", "own"))
_OWN_FAMILY = rf"""(?:{"|".join(sorted(_OWN_WORDS))})\s+(?:\w+\s+)?(?:kind|kinderen|kids?|child|children
    |zoon|zonen|sons?|dochters?|daughters?|moeder|mother|vader|father|ouders|parents|man|husband|vrouw
    |wife|familie|family|gezin|schoonmoeder|schoonvader|oma|opa|grandmother|grandfather|broer|brother
    |zus|sister)"""
_FAMILY_CARE = re.compile(rf"\b{_CARE}\b.*\b{_OWN_FAMILY}\b|\b{_OWN_FAMILY}\b.*\b{_CARE}\b", re.VERBOSE)
"""Care for one's own family ("ik zorgde voor mijn zieke moeder", "I looked after my children"):
not paid work, and a family or health detail that must not become an occupation in a profile
(it came out as a spiritual carer). Only with a possessive: "zorgde voor kinderen bij mij thuis"
may be a childminder's paid work and is coded. Searched on ``_as_read``'s start only."""


_NOT_A_TITLE = re.compile(
    r"""^\s*(?:
        (?:=\s*|[+@-])[a-z][\w.]*[(|!]               # a formula's call: =HYPERLINK(, @SUM(, =cmd|
      | =\s*[\d(+-]                                   # a formula's sum: =1+1, =(2*3)
      | (?:[a-z][a-z0-9+.-]*://|www\.|javascript:)\S*\s*$  # a web address and nothing else
      | \#(?:REF!|VALUE!|DIV/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA)\s*$  # a formula's error value
    )
    | </?[a-z!][^<>]*>                                 # a markup tag: <img src=x>, </b>, <!-- -->
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""Cells that are no answer at all but a formula, a formula's error value as a CSV export writes it
(``#REF!`` was coded as "ref", a sports official), a web address or markup (pasted, or planted in
an export): its words ("hyperlink", "img", "http") were coded as an occupation. Only these clear
shapes: punctuation in a title ("C++ programmeur", "medewerker t/m", "kok (restaurant)") is not one,
nor is a title after a stray ``=`` ("=kapster": coded, and neutralised in outputs as every cell is)."""


ACTIVITY = "activity"
"""The problem of a title read from an activity (``coding.problem.activity``): always flagged."""


def prepare_title(
    text: str, index: LabelIndex | None = None, lang: str = "nl"
) -> tuple[str, list[str], str | None]:
    """``prepare`` for a job title: an answer that is not an occupation (``not_an_occupation``),
    or that is a formula, a web address or markup (``not_a_title``), has no words to code and
    says why. With the coder's ``index``, an own business named by its trade is that trade
    ("eigen tandartspraktijk" -> "tandarts", a whole label: ``LabelIndex.exact``), and an activity after a
    subject pronoun, or an object and an infinitive in a Dutch title (``lang``), is said as a title
    ("ik repareerde fietsen", "fietsen repareren" -> "fietsreparateur": ``coding_activity``), with
    the problem ``activity``: the coder flags it for review."""
    normalized, words, problem = prepare(text, index.exact.__contains__ if index is not None else None)
    not_one = not_an_occupation(text, words)
    if not_one:
        return normalized, [], not_one
    if words and _NOT_A_TITLE.search(text):  # one precompiled search, after the cheap checks
        return normalized, [], "not_a_title"
    if words and textnorm.only_filler(normalized):
        return normalized, [], "no_title"
    if index is None or not words:
        return normalized, words, problem
    if studying(words, index):
        return normalized, [], "not_work"
    told = situation(words)
    if told is not None:
        return normalized, [], told
    read = coding_farming.as_title(words, normalized, index.exact) or coding_settings.as_title(
        words, normalized
    )
    if read is not None:  # "kippenboer", "cleaner in a hospital": the label of their unit group
        title, activity = read
        return title, _query_words(title), problem or (ACTIVITY if activity else None)
    said = coding_activity.as_title(normalized, index, lang)
    if said:
        said = coding_places.seller_at_market(said, index.exact)
        return said, _query_words(said), problem or ACTIVITY
    sold = coding_places.helper_at(coding_places.seller_at_market(normalized, index.exact), index.exact)
    if sold != normalized:
        return sold, _query_words(sold), problem
    return normalized, words, problem


def prepare_key(
    text: str, index: LabelIndex, lang: str, top: int
) -> tuple[str, str | None, list[str], int | None, tuple[str, str, int, int | None] | None]:
    """A title prepared for the coder (``prepare_title``): normalised, its problem, its words,
    where its workplace starts (``context_from``), and its memo key (None: no words to code)."""
    normalized, words, problem = prepare_title(text, index, lang)
    if not words:
        return normalized, problem, words, None, None
    context = context_from(normalized, words) or bare_workplace(normalized, words, index)
    return normalized, problem, words, context, (" ".join(words), lang, top, context)


def problem_text(code: str | None, lang: str) -> str | None:
    """A coding problem (``prepare``'s code, or ``no_occupation``/``no_skill``) as the result's
    sentence in the coding language (``nl``; anything else English), like every other text the
    command shows."""
    if code is None:
        return None
    if code == "too_long":
        return messages.t("coding.problem.too_long", lang, limit=textnorm.MAX_CHARS)
    return messages.t(f"coding.problem.{code}", lang)


def context_from(normalized: str, words: list[str]) -> int | None:
    start = textnorm.context_start(normalized) if CONTEXT_FACTOR < 1.0 else None
    return start if start is not None and start < len(words) else None


def bare_workplace(normalized: str, words: list[str], index: LabelIndex) -> int | None:
    """``context_from`` for a workplace said without an article ("kok in restaurant", "cook in
    hotel"): where it starts, when the words before it are a whole label and the title with it
    is none (ESCO's *verkopers in winkels* is a label, so "verkoper in winkel" stays one title)."""
    seen = textnorm.bare_place(normalized) if CONTEXT_FACTOR < 1.0 else None
    if seen is None or seen >= len(words):
        return None
    whole = "".join(words) in index.exact or "".join(index.stem(w) for w in words) in index.exact_stem
    # the words before it exactly: a stem is not enough (*bediening*, serving, shares one with *bediener*)
    return seen if "".join(words[:seen]) in index.exact and not whole else None


def problem_result(text: str, normalized: str, problem: str | None, lang: str) -> CodingResult:
    """The result for a title that cannot be coded (empty, binary, ...): flagged, no candidates,
    the problem in ``lang``."""
    return CodingResult(
        input=echo(text),
        normalized=normalized,
        needs_review=True,
        candidates=[],
        problem=problem_text(problem or "empty", lang),
    )


RANK_DEPTH = 5
"""Candidates every title is ranked for (fewer asked are cut from these): the fusion and the
spread over groups depend on how many places there are, so more asked extend these (``deeper``)."""


def deeper(first: CodingResult, deep: CodingResult, top: int) -> CodingResult:
    """``first`` (ranked for ``RANK_DEPTH`` places) with ``deep``'s other candidates after its
    own, up to ``top``: asking for more candidates never changes the first ones or the flag."""
    shown = {c.uri for c in first.candidates}
    more = [c for c in deep.candidates if c.uri not in shown]
    return first.model_copy(update={"candidates": [*first.candidates, *more][:top]})
