"""What both coders share around the index: the input line prepared as words, the echo shown
back, and the cache of the compiled index (its key and a fast read)."""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from skilltool import (
    coding_activity,
    coding_disciplines,
    coding_engineers,
    coding_farming,
    coding_head,
    coding_helpers,
    coding_places,
    coding_schools,
    coding_settings,
    coding_stalls,
    coding_vehicles,
    messages,
    place_names,
    reference,
    textnorm,
    title_companies,
    title_shorthand,
)
from skilltool.coding_situations import not_an_occupation, situation, status_in_brackets, volunteered_as
from skilltool.coding_studies import named_role, studying
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
    "coding_situations.py",
    "title_subjects.py",
    "title_departments.py",
    "title_companies.py",
    "coding_head.py",
    "coding_fusion.py",
    "coding_vehicles.py",
    "coding_disciplines.py",
    "coding_managers.py",
    "title_shorthand.py",
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
    normalized = textnorm.normalize(title_shorthand.written_out(text), is_label)  # "mdw", "heftr.ch."
    words = _query_words(normalized)
    if not words:
        return normalized, [], "no_letters"
    if len(text) > textnorm.MAX_CHARS:
        return normalized, words, "too_long"
    return normalized, words, None


def _query_words(normalized: str) -> list[str]:
    """A normalised title's content words, each once (a repeated word counts once)."""
    return list(dict.fromkeys(textnorm.tokens(normalized)))


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


def no_answer(text: str) -> bool:
    """A formula, its error value, a web address or markup (``_NOT_A_TITLE``): no title and no skill."""
    return _NOT_A_TITLE.search(text) is not None


ACTIVITY = "activity"
"""The problem of a title read from an activity (``coding.problem.activity``): flagged, unless the
worker it names is an occupation's own label (``ACTIVITY_NAMED``)."""
FARM_ACTIVITY = "farm_activity"
"""An activity on a farm read by its produce (``coding_farming``: "olijven oogsten"): always flagged,
as the rule, not the client, chose between the grower and the hired hand."""
ACTIVITY_NAMED = "activity_named"
"""An activity read as the worker who does it, whose first candidate is an occupation matched by its
own label or a near spelling of it (``REVIEW_NEAR``) with no rival unit group near
(``OccupationTable.named``): "ik reed taxi" -> taxichauffeur. Not flagged: on the intake sets 66 such
answers were right and one wrong (docs/coding.md, "An eighth blind set")."""


def prepare_title(
    text: str, index: LabelIndex | None = None, lang: str = "nl", iscos: Sequence[str] = ()
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
    if words and (_NOT_A_TITLE.match(text) or ("<" in text and _NOT_A_TITLE.search(text))):
        # (a match after the start is markup's, which needs a "<": one position tried, not every one)
        return normalized, [], "not_a_title"
    if words and textnorm.only_filler(normalized):
        return normalized, [], "no_title"
    if index is None or not words:
        return normalized, words, problem
    company = title_companies.field_of_company(normalized, index)
    if company != normalized:  # "medewerker bouwbedrijf": the company's field ("medewerker bouw")
        normalized, words = company, _query_words(company)
    if studying(words, index, normalized):  # (the filler verbs are not query words)
        return normalized, [], "not_work"
    role = functools.partial(coding_activity.role_word, index=index)
    told = situation(words, lambda word: role(word) or named_role(word))
    told = told or status_in_brackets(text, words, index.knows)  # "khanadar (huisvrouw)"
    if told is not None:
        return normalized, [], told
    if volunteered_as(words, role) and " " in normalized:  # "vrijwilliger tolk": the role's work
        return prepare_title(normalized.split(" ", 1)[1], index, lang, iscos)
    helped = coding_places.helped_at(normalized)
    if helped is not None:  # "hielp mijn oom in de bakkerij": the place's work, as "werkte in de bakkerij"
        return prepare_title(helped, index, lang, iscos)
    assistant = coding_places.assistant_of(normalized, index.exact)
    if assistant is not None:  # "hielp de tandarts": the dentist's assistant (3251)
        return assistant, _query_words(assistant), problem or ACTIVITY
    translated = coding_head.glossed(index, text, iscos) if "(" in text else None
    if translated is not None:  # "terzi (kleermaker) in een atelier": the caseworker's translation
        prepared = prepare_title(translated, index, lang, iscos)
        if prepared[1]:  # a status in brackets ("(vrijwilliger)") leaves the title itself
            return prepared
    learnt_at = coding_helpers.apprentice_at(normalized)
    if learnt_at is not None:  # "leerling in de garage": the place's work, as "werkte in de garage"
        return prepare_title(learnt_at, index, lang, iscos)
    trade = coding_helpers.apprentice_of(words, index.exact.__contains__)
    if trade is not None:  # "leerling bij een kleermaker": the trade learnt
        return trade, _query_words(trade), problem
    athlete = (
        coding_disciplines.professional(
            words, lambda label: _label_of(index, iscos, label, coding_disciplines.ATHLETES)
        )
        if not _after_a_prefix(index).isdisjoint(words)  # most titles: no word a prefix can precede
        else None
    )
    if athlete is not None:  # "wielrenner": *profwielrenner* (3421), not a cycling trainer
        return athlete, _query_words(athlete), problem
    engineer = coding_engineers.as_title(words, lang)
    if engineer is not None:  # "mohandes shimi", "elektrik mühendisi": the field's engineer (2146, 2151)
        return engineer, _query_words(engineer), problem
    ridden = (
        coding_vehicles.as_title(words, role)
        or coding_vehicles.driver_of(words, role)
        or coding_schools.teacher_of(words, normalized, role)
        or coding_disciplines.as_title(words, role)
    )
    if ridden is not None and "".join(words) not in index.exact:  # a whole label stays itself
        # "bezorger op de motor": 8321; "şoför otobüs": 8331; "öğretmen, lise": 2330; "karate trainer": 3422;
        # "trekker rijden": an activity
        tractor = ridden == coding_vehicles.TRACTOR_LABEL
        return ridden, _query_words(ridden), problem or (ACTIVITY if tractor else None)
    read = coding_farming.as_title(words, normalized, index.exact) or coding_settings.as_title(
        words, normalized
    )
    if read is not None:  # "kippenboer", "cleaner in a hospital": the label of their unit group
        title, activity = read
        return title, _query_words(title), problem or (FARM_ACTIVITY if activity else None)
    with_whom = coding_settings.worked_with(normalized)
    if with_whom is not None:  # "werken met kleine kinderen": who looks after them, flagged
        return with_whom, _query_words(with_whom), problem or FARM_ACTIVITY  # its message: ask the client
    garage = coding_vehicles.at_a_garage(words, normalized, role)
    if garage is not None:  # "monteur bij een autogarage": a motor vehicle mechanic (7231)
        return garage, _query_words(garage), problem
    mended = coding_vehicles.mechanic_of_motorcycles(words, role)
    if mended is not None:  # "repareerde brommers": a motor vehicle mechanic (7231)
        return mended[0], _query_words(mended[0]), problem or (ACTIVITY if mended[1] else None)
    fast = (
        coding_stalls.fast_food(words, place_names.known) if not coding_stalls.has_stall(normalized) else None
    )
    if fast is not None:  # "kok bij een kebabzaak": a fast food preparer (9411)
        return fast[0], _query_words(fast[0]), problem or (ACTIVITY if fast[1] else None)
    said = coding_activity.as_title(normalized, index, lang)
    if said:
        said = coding_places.seller_at_market(said, index.exact)
        made = coding_settings.as_title(_query_words(said), said)  # "schoenen maken in de fabriek"
        said = made[0] if made is not None else said
        return said, _query_words(said), problem or ACTIVITY
    sold = coding_stalls.at_a_stall(coding_places.seller_at_market(normalized, index.exact), role)
    sold = coding_places.helper_at(coding_places.seller_in_shop(sold, index.exact), index.exact)
    sold = coding_places.worker_at(sold, index.exact, index.vocab)  # "medewerker productie"
    if sold != normalized:
        return sold, _query_words(sold), problem
    return normalized, words, problem


@functools.lru_cache(maxsize=4)
def _after_a_prefix(index: LabelIndex) -> frozenset[str]:
    """The words that follow a professional's prefix (``coding_disciplines._PRO``) in a whole label
    of ``index``: ``professional`` reads no other word (built once per index)."""
    return frozenset(
        key[len(pro) :] for key in index.exact for pro in coding_disciplines._PRO if key.startswith(pro)
    )


def _label_of(index: LabelIndex, iscos: Sequence[str], label: str, code: str) -> bool:
    """Whether ``label`` (written without spaces) is a whole label of an occupation of unit group ``code``."""
    found = index.exact.get(label) if iscos else None
    return found is not None and code in coding_head._units(index, iscos, found)


def prepare_key(
    text: str, index: LabelIndex, lang: str, top: int, iscos: Sequence[str] = ()
) -> tuple[str, str | None, list[str], int | None, tuple[str, str, int, int | None] | None]:
    """A title prepared for the coder (``prepare_title``): normalised, its problem, its words,
    where its workplace starts (``context_from``), and its memo key (None: no words to code)."""
    normalized, words, problem = prepare_title(text, index, lang, iscos)
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
