"""An activity said instead of a job title: "ik repareerde schoenen", "I drove a taxi", "hij laste
hekken". Clients answer "what did you do?" with what they did; the label search reads a title.

The verb becomes the worker who does it, by the regular rules of Dutch and English word formation
(repareer-de -> reparateur, las-te -> lasser, bak-te -> bakker, maak-te -> maker, metsel-de ->
metselaar; clean-ed -> cleaner, bak-ed -> baker), and a short list of irregular verbs (verkocht ->
verkoper, drove -> driver); an idiom whose worker is another word names that worker (haar
knippen -> kapper, les geven -> leraar: ``IDIOMS``). A derived word is kept only when the coder's
index knows it, as a label word or as the head of compound labels (``known``): a rule never makes
a word the labels lack. The worker word goes after its object, as in a compound title (pijpen
lasser, taxi driver), and before a workplace said after it (in een restaurant, at a hotel), which
stays context; one Dutch object makes the compound when a label has it (tegellegger,
automonteur: ``_compounds``).

After a subject pronoun at the start (a title never starts with one), or, in a Dutch title, as an
object and an infinitive ("tegels leggen"), where a title can end in a plural or a verb too:
then only for one or two object words that name no role and a worker that is a label word
itself (``_infinitive``); in an English title, as a gerund and its object ("driving a taxi"),
only after an article or for a plural said with a place (``_gerund``). What the filler rules
strip first ("ik werkte als", "I worked as") is gone by then; those verbs are left alone here
too. The coder flags every such answer.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import Protocol

from skilltool import textnorm
from skilltool.coding_idioms import IDIOM_PASTS, IDIOMS
from skilltool.word_lists import VOWELS, one_vowel_closed
from skilltool.word_lists import word_set as _words

SUBJECTS = _words("ik wij we hij zij ze i he she they")
"""Who did the work, as an intake answer or a caseworker's note says it."""

_DUTCH = _words("ik wij hij zij ze")

_NOT_ACTIVITIES = _words(
    """
    werk werkte werkten werkt gewerkt was waren ben bent is zijn had hadden heb hebt heeft deed deden
    doe doet ging gingen kon konden wilde wil moest moet zou zal gaf gaven geef geeft
    work worked works working was were am is are be been being had have has did do does doing
    went go going could can would will want wanted wants looking look need needed
    """
)
"""Verbs that say nothing of the work itself: the filler rules read them ("ik werkte als ...")."""


def _pairs(text: str) -> dict[str, str]:
    """A table written two words a line (easier to read and extend than a dict literal)."""
    return dict(line.split() for line in text.strip().splitlines())


IRREGULAR = _pairs(
    """
    verkocht verkoper
    verkochten verkoper
    verkoop verkoper
    reed chauffeur
    reden chauffeur
    rijd chauffeur
    kookte kok
    kookten kok
    kook kok
    hield houder
    hielden houder
    schreef schrijver
    poetste schoonmaker
    poetsten schoonmaker
    poets schoonmaker
    sneed snijder
    zong zanger
    sold seller
    sell seller
    drove driver
    drive driver
    taught teacher
    built builder
    cooked cook
    cook cook
    fixed repairer
    fix repairer
    sewed tailor
    sew tailor
    made maker
    grew grower
    kept keeper
    bred breeder
    laid layer
    wove weaver
    wrote writer
    sang singer
    swept sweeper
    dug digger
    rode rider
    bought buyer
    dealt dealer
    led leader
    """
)
"""Verbs whose worker is not the stem and an ending: Dutch strong and mixed verbs (verkocht ->
verkoper), English irregular past tenses (drove -> driver) and verbs whose worker is another
word (cooked -> cook, sewed -> tailor, fixed -> repairer)."""


_AGENT_ENDINGS = ("er", "oor", "eur", "aar")
_BOUNDARY = _words("in op bij aan voor naar met uit als at on for to with from as")
"""Where the object ends and a workplace or a purpose begins: the worker word goes before it."""


def agent(verb: str, *, dutch: bool, known: Callable[[str], bool]) -> str | None:
    """The worker who does ``verb`` (a past or present form), when ``known`` knows the word."""
    if verb in _NOT_ACTIVITIES or len(verb) < 3:
        return None
    if verb in IRREGULAR:
        return IRREGULAR[verb] if known(IRREGULAR[verb]) else None
    for word in _workers(verb, dutch=dutch):
        if word != verb and known(word):
            return word
    return None


def _workers(verb: str, *, dutch: bool) -> list[str]:
    """Worker words ``verb`` may form, likeliest first (not yet checked against the index)."""
    if dutch:
        stem = next((verb[: -len(end)] for end in ("den", "ten", "de", "te") if verb.endswith(end)), verb)
        if len(stem) < 3:
            return []
        found = [stem] if stem.endswith(_AGENT_ENDINGS) else []  # schilder-de: the stem is the worker
        if stem.endswith("eer"):  # repareer-de, installeer-de, programmeer-de
            found += [stem[:-3] + "ateur", stem[:-3] + "eur"]
        # Dutch spelling before -er: a short vowel doubles the consonant (las -> lasser, never
        # "laser"; leg -> legger, never "leger", an army), a long one is written once (maak -> maker)
        if one_vowel_closed(stem):
            found.append(stem + stem[-1] + "er")
        elif stem[-2] == stem[-3] and stem[-2] in VOWELS:
            found.append(stem[:-3] + stem[-2] + stem[-1] + "er")
        else:  # verzorg -> verzorger
            found.append(stem + "er")
        return [*found, stem + "aar", stem + "man"]
    stems = [verb[:-2], verb[:-1]] if verb.endswith("ed") else [verb]  # weld-ed, bake-d
    return [f"{stem}{end}" for stem in stems if len(stem) >= 3 for end in ("er", "r", "or")]


class Words(Protocol):
    """What the rewrite asks of the coder's index (``LabelIndex``)."""

    @property
    def vocab(self) -> Container[str]: ...  # the words of the labels

    @property
    def exact(self) -> Container[str]: ...  # the whole labels, written without spaces

    def knows(self, word: str) -> bool: ...  # a label word or the head of compound ones


def as_title(normalized: str, index: Words, lang: str = "nl") -> str | None:
    """``normalized`` (``textnorm.normalize``'s text) said as a title when it is an activity
    after a subject pronoun ("hij laste pijpen bij een werf" -> "pijpen lasser bij een werf";
    one Dutch object: the compound a label has, "ik legde tegels" -> "tegellegger"), or a Dutch
    object and infinitive in a Dutch title (``lang``; "tegels leggen", "groente verkopen op de
    markt": ``_infinitive``), else None."""
    words = normalized.split()
    if len(words) < 2:
        return None
    if lang == "nl" and not _HAVE.isdisjoint(words[:2]):  # most titles: no "heb" in the first two words
        perfect = _perfect(words)
        if perfect is not None:  # "ik heb tegels gelegd": the object and its participle
            return _infinitive(perfect, index)
    if lang == "nl" and words[0] in IDIOM_PASTS:  # "verfde muren": the idiom's worker, whom no agent names
        idiom = _idiom(words[0], words[1:], index)
        if idiom is not None:
            return idiom
    if lang == "nl" and (words[0] in _DUTCH_PASTS or _regular_past(words[0], index)):
        words = ["ik", *words]  # "reed op een heftruck", "repareerde auto's": the subject left out
    if words[0] not in SUBJECTS:
        if lang == "nl":  # an article before the object: "de boeken bijhouden"
            return _infinitive(words[1:] if words[0] in _DUTCH_ARTICLES else words, index)
        return _gerund(words, index) or _past(words, index)
    idiom = _idiom(words[1], words[2:], index)
    if idiom is not None:
        return idiom
    worker = agent(words[1], dutch=words[0] in _DUTCH, known=index.knows)
    if worker is None:
        return _broken(words[1:], index) if lang == "nl" and words[0] in _DUTCH else None
    return _said(words[2:], worker, dutch=words[0] in _DUTCH, known=index.knows, vocab=index.vocab)


_DUTCH_ARTICLES = _words("de het een")
_HAVE = _words("heb hebt heeft hebben had hadden")
_WHEN = _words("jaren lang veel vroeger ook altijd daar er toen eerst vooral meestal zelf")
"""Words of time and place that Dutch puts between the auxiliary and the object ("ik heb jaren
tegels gelegd", "heb daar schoenen gerepareerd")."""


def _perfect(words: list[str]) -> list[str] | None:
    """The object and participle of a Dutch perfect ("ik heb tegels gelegd", "heb jaren taxi
    gereden": the subject, the auxiliary and the words of time between them dropped), else None. A
    title never opens with "heb"; what the fillers strip first ("ik heb als kok gewerkt") is gone."""
    start = 2 if words[0] in _DUTCH and words[1] in _HAVE else 1 if words[0] in _HAVE else 0
    if start == 0:
        return None
    while start < len(words) and words[start] in _WHEN:
        start += 1
    rest = words[start:]
    return rest if len(rest) >= 2 and _participle(rest[_object_end(rest) - 1]) is not None else None


def _regular_past(word: str, index: Words) -> bool:
    """Whether ``word`` opening a Dutch answer is a regular verb's past tense whose worker the labels
    know ("laste", "repareerde", "knipten": ``agent``), not a word of the labels (a title opens with
    its role or an adjective, never with a past tense)."""
    if len(word) < 5 or not word.endswith(("de", "te", "den", "ten")) or word in index.vocab:
        return False
    return agent(word, dutch=True, known=index.knows) is not None


_DUTCH_PASTS = _words("reed reden verkocht verkochten kookte kookten schreef poetste poetsten sneed zong")
"""Dutch past tenses of ``IRREGULAR`` that open an answer without its subject ("reed taxi in Kabul"):
no title opens with one (the present forms, "verkoop medewerker", do)."""
_STRONG_PARTICIPLES = _pairs(
    """
    gereden reed
    gegeven gaf
    gebakken bakte
    geschreven schreef
    gezongen zong
    gesneden sneed
    verkocht verkocht
    """
)
"""Dutch past participles that are not ge- + stem + -d/-t, as the past tense ``agent`` reads."""


def _participle(word: str) -> str | None:
    """The past tense of a Dutch past participle ("gelast" -> "laste", "gereden" -> "reed"), or None:
    an answer says the work done ("vrachtwagen gereden", "tegels gelegd")."""
    if word in _STRONG_PARTICIPLES:
        return _STRONG_PARTICIPLES[word]
    if word.startswith("ge") and len(word) >= 6 and word[-1] in "dt":
        return word[2:-1] + ("de" if word[-1] == "d" else "te")
    if word.startswith(_UNSTRESSED) and len(word) >= 7 and word[-1] in "dt":  # verzorgd, beheerd: no ge-
        return word[:-1] + ("de" if word[-1] == "d" else "te")
    return None


_UNSTRESSED = ("ver", "be", "ont", "her")
"""Prefixes whose verbs take no ge- in the participle (verzorgen -> verzorgd)."""


def _broken(words: list[str], index: Words) -> str | None:
    """An activity in beginner's Dutch, the object before an infinitive that ends the thought and
    more words after it ("ik schoenen repareren markt", "ik hekken lassen fabriek"): the object just
    before the infinitive (else the two) and the infinitive read as ``_infinitive`` reads them, then
    the words after it as they came (more objects, a place without its preposition: left out, they
    lost a seller's market and a plasterer's material). Only after a Dutch subject, where no title
    starts."""
    verb = next((i for i in range(1, min(len(words), 5)) if words[i].endswith("en") and len(words[i]) > 4), 0)
    if not verb or words[verb] in _NOT_ACTIVITIES:
        return None
    said = _infinitive(words[verb - 1 : verb + 1], index)
    said = said or _infinitive(words[max(0, verb - 2) : verb + 1], index)
    return None if said is None else " ".join([said, *words[verb + 1 :]])


def _idiom(verb: str, rest: list[str], index: Words) -> str | None:
    """The worker of an idiom (``IDIOMS``) whose object opens ``rest`` ("les aan kinderen"), then
    the rest after the object ("leraar aan kinderen"); None when it is none or the index lacks it."""
    if len(rest) > 1 and rest[0] in _EITHER_ARTICLES:  # "leidde het gebed"
        rest = rest[1:]
    if len(rest) > 2 and rest[1] == "en":  # two objects ("muren en plafonds"): the idiom's worker does both
        rest = [rest[0], *rest[3:]]
    worker = IDIOMS.get((verb, rest[0])) if rest else None
    if worker is None and rest and (verb, "les") in IDIOMS:
        worker = _lessons(rest[0], index)
    if worker is None or not all(index.knows(word) for word in worker.split()):
        return None
    return " ".join([worker, *rest[1:]])


def _lessons(thing: str, index: Words) -> str | None:
    """The teacher of lessons of a kind ("taallessen", "rijles"): the compound with leraar, docent
    or instructeur that the labels have (rijinstructeur, zwemleraar), else "leraar" and the kind."""
    kind = next((thing[: -len(end)] for end in ("lessen", "les") if thing.endswith(end)), "")
    if len(kind) < 3:
        return None
    heads = ("leraar", "docent", "instructeur")
    return next((kind + head for head in heads if kind + head in index.vocab), f"leraar {kind}")


def _object_end(words: list[str]) -> int:
    """Where an activity's object ends: at the first ``_BOUNDARY`` word (a workplace, a purpose)."""
    return next((i for i, word in enumerate(words) if word in _BOUNDARY), len(words))


def _names_role(things: list[str], index: Words) -> bool:
    """Whether an English object names a role or roles ("selling managers", "washing inspectors"):
    then the words are a title's, not an activity's."""
    return any(role_word(w, index) or w.endswith(_ROLE_PLURALS) for w in things)


def _said(
    rest: list[str], worker: str, *, dutch: bool, known: Callable[[str], bool], vocab: Container[str] = ()
) -> str:
    """The object of ``rest`` and the ``worker`` word (or their Dutch compound), then the rest. A
    compound that is a label word (``vocab``) goes before one that is only the tail of longer
    labels: "schoenen" made is schoenmaker, not the end of a maker of gloves (handschoenenmaker)."""
    end = _object_end(rest)
    if end == 3 and rest[1] == "en" and dutch:  # two objects ("hekken en trappen", "tafels en stoelen"):
        # the one whose compound a label has (stoelenmaker), else the first (the second was read as
        # its own worker's: a stair fitter for gates and stairs welded)
        rest, end = (
            ([rest[2], *rest[3:]] if _joins(rest[2], worker, known, vocab) else [rest[0], *rest[3:]]),
            1,
        )
    said = [*rest[:end], worker]
    if end == 1 and dutch:  # one object: the Dutch compound, when a label has it
        compound = _joins(rest[0], worker, known, vocab)
        said = said if compound is None else [compound]
    return " ".join([*said, *rest[end:]])


def _joins(thing: str, worker: str, known: Callable[[str], bool], vocab: Container[str]) -> str | None:
    """The Dutch compound of ``thing`` and ``worker`` that a label has: a label word first, then
    the tail of longer labels (``_said``), else None."""
    compounds = _compounds(thing, worker)
    return next((c for c in compounds if c in vocab), None) or next((c for c in compounds if known(c)), None)


def _infinitive(words: list[str], index: Words) -> str | None:
    """A Dutch activity as an object and an infinitive ("tegels leggen", "groente verkopen op de
    markt"): the infinitive's worker after the object. Without a subject a title can end in a
    plural or a verb too ("docent lassen", a welding teacher; "opzichter grondwerken"), so only
    for one or two object words, none of them a role (``_role``: a title names its role first),
    and when the worker, or its compound with the object, is a label word itself, not only the
    head of compounds."""
    end = _object_end(words)
    if end == 4 and words[1] == "en":  # two objects ("tractoren en landbouwmachines repareren"), as
        return _infinitive([words[0], *words[2:]], index)  # two words are read ("leidingen sanitair")
    past = _participle(words[end - 1]) if 2 <= end <= 3 else None  # "tegels gelegd", "taxi gereden"
    if not 2 <= end <= 3 or not (past or words[end - 1].endswith("en")):
        return None
    if end == 2:  # "haren knippen", "les geven", "muren geverfd"; "haar" (her) is a role's word too
        idiom = _idiom(past or words[1], [words[0], *words[2:]], index)
        if idiom is not None:
            return idiom
    if any(role_word(w, index) for w in words[: end - 1]):
        return None
    # each stem as a past tense (schilder-de: the stem itself may be the worker), or irregular (kook)
    forms: Iterable[str] = (
        [past] if past else (stem if stem in IRREGULAR else stem + "de" for stem in _stems_of(words[end - 1]))
    )
    worker = next((w for w in (agent(form, dutch=True, known=index.knows) for form in forms) if w), None)
    if worker is None:
        return None
    things = words[: end - 1]
    said = _said([*things, *words[end:]], worker, dutch=True, known=index.vocab.__contains__)
    compound = said.split()[0] not in things  # one object joined to its worker
    return said if compound or worker in index.vocab else None


def _gerund(words: list[str], index: Words) -> str | None:
    """An English activity as a gerund and its object ("fixing cars", "selling vegetables at the
    market", "cutting hair"): the gerund's worker after the object, under the conditions of
    ``_infinitive`` (a title can start with a gerund too: "cleaning" or "nursing" and a role word),
    so only one or two object words that name no role, and a worker that is a label word."""
    verb = words[0]
    end = _object_end(words)
    if not verb.endswith("ing") or len(verb) < 6 or not 2 <= end <= 3:
        return None
    idiom = _idiom(verb, words[1:], index) if end == 2 or (end == 3 and words[1] in _ARTICLES) else None
    if idiom is not None:
        return idiom
    things = words[1:end]
    # an object as a title's never is: after an article ("driving a taxi"), or a plural said with a
    # place ("selling vegetables at the market"); never a word naming a role ("marketing
    # assistants"): "marketing", "cleaning", "shipping" open many English titles
    if _names_role(things, index) or not (
        things[0] in _ARTICLES or (things[-1].endswith("s") and words[end : end + 1] in _AT_A_PLACE)
    ):
        return None
    base = verb[:-3]  # fix-ing, driv-ing -> drive, cutt-ing -> cut
    forms = [base, base + "e", base[:-1] if len(base) > 3 and base[-1] == base[-2] else base]
    worker = next((w for w in (agent(f, dutch=False, known=index.knows) for f in forms) if w), None)
    if worker is None or worker not in index.vocab:
        return None
    return " ".join([*_singular(things, index), worker, *words[end:]])


_ADJECTIVE_PASTS = _words(
    """
    registered qualified certified licensed chartered experienced skilled trained retired
    unemployed self employed advanced specialised specialized senior accredited authorised
    authorized sworn appointed elected assigned detailed dedicated helped assisted volunteered
    supported
    """
)
"""Past forms that open English titles as adjectives ("licensed electrician", "qualified welder"), and
helping that names no work of its own ("helped in a shop": a helper is not a role to code)."""


_IRREGULAR_PASTS = _words(
    "sold drove taught built made grew kept bred laid wove wrote sang swept dug rode bought dealt led"
)
"""The English irregular past forms of ``IRREGULAR`` (its present forms open titles: "cook in hotel")."""


def _past(words: list[str], index: Words) -> str | None:
    """An English activity in the past tense without a subject, as a volunteer notes it ("sold
    cigarettes on the street", "repaired phones in a small shop"): the verb's worker after its
    object, under ``_gerund``'s conditions but for the place (a title seldom opens with a past
    form; those that do are adjectives, ``_ADJECTIVE_PASTS``): one or two object words naming no
    role, and a worker that is a label word."""
    verb = words[0]
    if verb in _ADJECTIVE_PASTS or not (verb in _IRREGULAR_PASTS or (verb.endswith("ed") and len(verb) >= 5)):
        return None
    end = _object_end(words)
    if not 1 <= end <= 3:  # "cooked for weddings": the worker alone, then the purpose
        return None
    idiom = _idiom(verb, words[1:], index) if end == 2 or (end == 3 and words[1] in _ARTICLES) else None
    if idiom is not None:
        return idiom
    things = words[1:end]
    if _names_role(things, index):
        return None
    worker = agent(verb, dutch=False, known=index.knows)
    if worker is None or worker not in index.vocab:
        return None
    return " ".join([*_singular(things, index), worker, *words[end:]])


def _singular(things: list[str], index: Words) -> list[str]:
    """An English plural object as a compound's first word says it, when the labels know the
    singular: "repaired bikes" -> "bike repairer", "built boats" -> "boat builder" (a compound
    takes the singular, as the labels' "phone" and "shoe" ones do)."""
    last = things[-1] if things else ""
    if len(last) < 4 or not last.endswith("s") or last.endswith("ss"):
        return things
    one = next((last[:-n] for n in (1, 2) if last[-n:] in ("s", "es") and last[:-n] in index.vocab), None)
    return things if one is None else [*things[:-1], one]


def role_word(word: str, index: Words) -> bool:
    """A word that names a role, not the object of an activity: a whole label, a role word that
    takes a subject (docent lassen: a teacher of welding), or a word with an agent ending
    (onderzoeker, opzichter)."""
    return word in index.exact or word in textnorm.ROLE_WORDS or word.endswith(ROLE_ENDINGS)


ROLE_ENDINGS = ("er", "eur", "aar", "ist", "ster", "or")
"""Agent endings that name a role (onderzoeker, opzichter, kapster); ``coding_situations`` too."""
_ROLE_PLURALS = (*(end + "s" for end in ROLE_ENDINGS), "ants", "ives", "ates", "ysts", "erns")
_ARTICLES = _words("a an the")
_EITHER_ARTICLES = _ARTICLES | _DUTCH_ARTICLES
_AT_A_PLACE = (["at"], ["in"], ["on"])


def _stems_of(infinitive: str) -> list[str]:
    """The stems a Dutch infinitive may have by the spelling rules, likeliest first: leggen -> leg,
    verkopen -> verkoop, telen -> teel, repareren -> repareer; an unstressed -er or -el stays
    (schilderen -> schilder, metselen -> metsel), which spelling alone cannot tell from a stressed
    one (repareren), so both are tried."""
    base = infinitive[:-2]
    if len(base) < 3:
        return [base]
    if base[-1] == base[-2] and base[-1] not in VOWELS:  # legg -> leg, knipp -> knip
        return [base[:-1]]
    if one_vowel_closed(base):  # an open syllable
        return [base[:-1] + base[-2] + base[-1], base]  # verkop -> verkoop; schilder
    return [base]


def _compounds(thing: str, worker: str) -> list[str]:
    """The compounds of a Dutch object and its worker, plural and singular (tegels -> tegellegger,
    autos -> autowasser, bussen -> busmonteur)."""
    forms = [thing]
    if thing.endswith("en") and len(thing) > 4:
        forms.append(thing[:-2])
        if thing[-3] == thing[-4] and thing[-3] not in VOWELS:  # bussen -> bus, hekken -> hek
            forms.append(thing[:-3])
    elif thing.endswith("s") and len(thing) > 3:
        forms.append(thing[:-1])
    return [form + head for head in (worker, *_ALSO.get(worker, ())) for form in forms]


_ALSO = {"reparateur": ("monteur", "hersteller")}
"""Other worker words Dutch compounds take for the same work (vrachtwagenmonteur, schoenhersteller)."""
