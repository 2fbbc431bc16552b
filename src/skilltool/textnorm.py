"""Normalise messy job titles and skill phrases for matching.

Pure functions, no state. The same rules apply to the query and to every label in the index,
so anything folded here (case, accents, Arabic letter variants, plural and gender endings)
matches in both directions.

``clean`` folds the characters; ``strip_filler`` removes what people say around a title
("ik werkte 10 jaar als", "in Syrië", "(m/v)"); ``tokens`` splits; ``stem`` folds Dutch and
English endings (Snowball's Dutch stemmer, then the project's agent endings) so that *kapster*,
*kapper* and *kappers* share one key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

from skilltool import owner_phrases, place_names, title_departments, title_subjects
from skilltool.word_lists import word_set as _words

MAX_CHARS = 300
"""Longer input is cut to this many characters before coding (a title is never that long)."""

# The one letter map of every normaliser in skilltool (coding, diplomas, countries, languages):
# Arabic and Persian letters that people type interchangeably, Arabic-Indic digits, invisible
# joiners, apostrophes (zzp'er, d'Ivoire, Ma'had), and Latin letters without a decomposition.
_CHAR_MAP = str.maketrans(
    {
        "\u06cc": "\u064a",  # Persian yeh -> Arabic yeh
        "\u0649": "\u064a",  # alef maksura -> yeh
        "\u0626": "\u064a",  # yeh with hamza above -> yeh
        "\u0624": "\u0648",  # waw with hamza above -> waw
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u06aa": "\u0643",  # swash kaf -> kaf
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u06c0": "\u0647",  # heh with yeh above -> heh
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        "\u0640": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner (Persian)
        "\u200d": None,  # zero-width joiner
        "\u200b": None,  # zero-width space
        "\u00ad": None,  # soft hyphen
        "\ufeff": None,  # byte-order mark
        "\u0131": "i",  # Turkish dotless i
        "\u00df": "ss",
        "\u00e6": "ae",
        "\u0153": "oe",
        "\u00f8": "o",
        "\u0142": "l",
        "\u0111": "d",
        "'": None,
        "`": None,
        "\u2019": None,
        "\u2018": None,
        "\u02bf": None,  # ayin in transliterations (Ma\u02bfhad)
        "\u02be": None,  # hamza in transliterations
        "\u2010": "-",
        "\u2011": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)
# Arabic vowel signs and Quranic marks (most are combining; a few are not).
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")

_NON_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d")

# a word that is one digit of any script is no content word: ``w.isdecimal() and len(w) == 1``, as
# ``_DIGITS.fullmatch(w)`` without a regular expression per word (sre's ``\d`` and ``str.isdecimal``
# both read Unicode's Nd category; tests/test_textnorm.py checks every code point)

# A business said as "eigen zaak", "own shop": the words of any business, filler after a title.
_BUSINESS = "zaak|zaakje|bedrijf|winkel|praktijk|kliniek|garage|business|company|shop|practice|clinic"
# Numbers of years or months said in words (Dutch, English)
_COUNT_WORDS = (
    "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|paar|enkele|"
    "vele|veel|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "several|many|a few"
)
# What people say around a title. Applied to the cleaned, lowercased text with single spaces.
_FILLER_PATTERNS = [
    # "ik werkte (10 jaar) als", "ik heb 5 jaar gewerkt als", "ik was", "worked as a"
    r"^(?:ik |i )?(?:heb |have |had )?(?:\d+ (?:jaar|jaren|maanden|years?|months?) )?"
    r"(?:werkte|werk|gewerkt|was|ben|worked|work|am|was working|working)"
    r"(?: (?:\d+ (?:jaar|jaren|maanden|years?|months?)|lang|long|daar|there|nu|now|vroeger|ook|also))*"
    r" (?:als|as) ",
    r"^(?:i )?used to (?:be|work as)(?: a| an)? ",  # "i used to be a tailor"
    r"^(?:ik |i )(?:was|ben|am|werkte|worked)(?: een| a| an)? ",
    # "(ik) werk(te) in een magazijn", "werken in de bouw", "worked in a factory": the workplace is
    # what is said
    r"^(?:ik )?(?:werken|werk|werkte|gewerkt) (?=(?:in|bij|op) )",
    r"^(?:i )?(?:have )?(?:worked|work|was working|working) (?=(?:in|at) )",
    # "mijn beroep is kok", "functie: schoonmaker", "my job was driver", "experience as a welder":
    # a form's or a sentence's lead-in to the title ("my" needed before "job": *job developer*)
    r"^(?:mijn )?(?:beroep|functie|baan)(?: is| was)? ",
    r"^mijn (?:werk|vak) (?:is|was) ",
    r"^my (?:job|profession|occupation|work|position|role|trade) (?:is|was) (?:a |an )?",
    r"^(?:work )?experience as (?:a |an )?",
    r"^(?:een|a|an) ",
    # unpaid work with its role: "vrijwilliger als tolk", "kok als vrijwilliger", "volunteer as a
    # driver" (the volunteer's own labels, a coordinator's, were read instead of the role)
    r"^(?:vrijwilliger|vrijwilligster|vrijwilligerswerk|volunteer|volunteered|volunteering) (?:als|as)"
    r"(?: een| a| an)? ",
    r"\b(?:als|as an?|as) (?:vrijwilliger|vrijwilligster|volunteer)\b",
    # years said with a title: "tot 2015 kok", "kok sinds 2019", "2010-2015"
    r"\b(?:(?:van|from|tot|to|until|till|sinds|since|vanaf) )?(?:19|20)\d\d"
    r"(?: (?:tot|to|until|till) (?:19|20)\d\d)?\b",
    # durations anywhere: "10 jaar", "3 years", "jaren lang"; in words: "tien jaar", "for ten years"
    # ("years" alone matched the early-years labels)
    rf"\b(?:(?:for|voor|during|gedurende) )?(?:\d+|{_COUNT_WORDS}) (?:jaar|jaren|maanden|years?|yrs|months?)"
    r"(?: lang| ervaring| experience)?\b",
    r"\bjaren lang\b",
    # the size of a business, said as its staff: "eigenaar bakkerij, 5 man personeel", "met 20
    # werknemers", "12 employees" (the staff's words read as HR's labels); with a number only
    r"\b(?:met |with |van |of )?(?:ca |circa |ongeveer |about |around )?\d+ (?:man|men|mensen|people"
    r"|personeel|personeelsleden|werknemers|medewerkers|employees|staff|workers)"
    r"(?: personeel| in dienst| onder (?:zich|mij|hem|haar)| under (?:him|her|me))?\b",
    # own business, informal work
    r"\b(?:in |met |with |at )?(?:(?:mijn |my )(?:eigen |own )?|(?:eigen |own ))"
    rf"(?:{_BUSINESS})\b",
    r"\b(?:eigen|own|zelfstandig|zelfstandige|self employed|freelance|freelancer|zzp|zzper)\b",
    # "in mijn land", "in my country", "van beroep"
    r"\b(?:in )?(?:mijn|my|ons|our) (?:eigen |own |home )?(?:land|thuisland|country|home country)\b",
    r"\bvan beroep\b",
    # vacancy noise
    r"\b(?:m v x|m v|v m|m f d|m f|f m|h f|m w d)\b",
    r"\b(?:fulltime|full time|parttime|part time|vacature|vacancy|gezocht|wanted|urgent|hiring)\b",
    r"\b(?:male|female)\b",
    r"\b\d+ (?:uur|hours|hrs|u)\b",
    # a Dutch teacher's qualification level ("leraar wiskunde, 2e graads", "eerstegraads"): the
    # subject and "docent" name the occupation, the level only the school type
    r"\b(?:(?:1e|2e|1ste|2de|eerste|tweede) ?graads|eerstegraads|tweedegraads)(?: bevoegd| bevoegdheid)?\b",
    # the Dutch perfect, after the durations are gone: "ik heb (10 jaar) als kok gewerkt", "ik heb
    # in de bouw gewerkt", "ik ben kok geweest" (the participle last, then what came before it)
    # with words of time and place between ("ik heb daar jaren in een zagerij gewerkt")
    r" (?:gewerkt|geweest|werkzaam geweest)$",
    r"^(?:ik )?(?:heb|had) (?:(?:daar|er|jaren|lang|ook|vroeger|toen|eerst|altijd) )*"
    r"(?:als |(?=(?:in|bij|op) ))",
    r"^(?:als) ",
]
_FILLER = [(re.compile(p), p.startswith("^")) for p in _FILLER_PATTERNS]
"""Each filler pattern and whether it is anchored at the start (the others need a digit or a word of
``_INSIDE_NEEDS``: ``_filler_inside``)."""
# any filler: the patterns anchored at the start tried there only (``match``), the others in one search
# (one over all took 3.5 times as long), which needs a digit or one of these whole words (\b or a space
# on both sides; 1.6 us to check, the search 6 us a title; tests/test_textnorm.py tries their words)
_ANY_FILLER_START = re.compile("|".join(f"(?:{p})" for p in _FILLER_PATTERNS if p.startswith("^")))
_ANY_FILLER_INSIDE = re.compile("|".join(f"(?:{p})" for p in _FILLER_PATTERNS if not p.startswith("^")))
_INSIDE_NEEDS = _words(
    "jaar jaren maanden year years yrs month months mijn my eigen own ons our zelfstandig zelfstandige self"
    " freelance freelancer zzp zzper beroep m v f h fulltime full parttime part vacature vacancy gezocht"
    " wanted urgent hiring male female eerste tweede eerstegraads tweedegraads gewerkt geweest"
    " vrijwilliger vrijwilligster volunteer"
)
# "in" and one or two words; the second is never the next "in" ("kok in restaurant in kabul": the
# first match took "in restaurant in" and the city after it stayed in the title)
_PLACE = re.compile(r"\b(?:in|uit|from|bij|at) (\w+)(?: (?!(?:in|uit|from|bij|at)\b)(\w+))?")
# "slager met eigen slagerij", "butcher with my own butchery": an own place named by its kind is where
# the title was done, a workplace as after "bij"/"at" (``context_start``); any business is filler
_OWN_PLACE = re.compile(rf"\b(?:in|met|with|at) (?:mijn |my )?(eigen|own) (?!(?:{_BUSINESS})\b)(?=\w)")
_SPACES = re.compile(r"\s+")


STOPWORDS_NL = _words("de het een van en of voor bij met in op aan te den der des ter als")
STOPWORDS_EN = _words("the a an of and or for at in on to with by from as")
QUERY_FILLER = _words(
    """
    ik heb had ben was geweest gewerkt werkte werkzaam vroeger daar jaar jaren beroep ervaring
    thuisland i my worked zijn onze ons hun jouw uw his her our their your
    """
)
"""Words of how people talk about their work that no ESCO label contains: dropped from queries."""
STOPWORDS = STOPWORDS_NL | STOPWORDS_EN
"""Words that carry no meaning for coding; dropped unless nothing else is left. A label drops
only its own language's (English *van* is a vehicle); a query drops both, and the filler."""
_QUERY_STOP = STOPWORDS | QUERY_FILLER | place_names.PLACES  # a country in a title is where, not what

NOISE = _words(
    """
    senior junior medior sr jr snr ervaren experienced leerling stagiair stagiaire trainee
    intern internship apprentice
    medewerker medewerkster employee staff worker werknemer personeel
    """
)
"""Seniority and vacancy words: they count little, because they rarely decide the occupation."""


def is_control(ch: str) -> bool:
    """A control character (other than tab) or the replacement character of a decoding error."""
    return ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch != "\t")


_LINE_BREAKS = "\r\n\x0b\x0c\x85"  # what str.splitlines breaks at among the controls (and
# U+001C-U+001E, which no editor writes)


def looks_binary(text: str) -> bool:
    """True when more than a tenth of the first characters are control or replacement characters:
    binary data, or text read with the wrong encoding. A line break is no sign of either (a cell
    wrapped with Alt+Enter, ``kapster`` + a line break): ``kok\nchef`` was "not text"."""
    sample = text[: MAX_CHARS * 2]
    if sample.isprintable() and "\ufffd" not in sample:  # the usual case, checked in C
        return False
    # NEL and vertical tab too: a line break from a Word document, a FileMaker or Mac export
    return sum(1 for ch in sample if is_control(ch) and ch not in _LINE_BREAKS) * 10 > len(sample)


def fold(text: str) -> str:
    """The one character folding of skilltool: case, accents, Arabic vowel signs, the letter
    variants and apostrophes of ``_CHAR_MAP``; letters and digits of every script stay.

    Every normaliser builds on this (``clean`` here, ``diplomas.normalize``,
    ``countries.normalize_name``, ``languages``), so a query and the name it should match are
    always folded alike.
    """
    if text.isascii():  # the usual case: no accents, no other scripts, nothing to compose
        return text.lower().replace("'", "").replace("`", "")
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_CHAR_MAP).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text).translate(_CHAR_MAP)  # casefold can make letters above


def clean(text: str) -> str:
    """``fold``, then anything but letters and digits as one space (``"Côte d'Ivoire"`` ->
    ``"cote divoire"``): control characters, punctuation and symbols go; letters and digits of
    every script stay."""
    folded = fold(text)
    if folded.replace(" ", "").isalnum():  # most titles: words and spaces only (``\w`` is isalnum or "_")
        return " ".join(folded.split())  # what the substitutions below make of it, without them
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded).replace("_", " ")).strip()


def _filler_inside(text: str) -> bool:
    """Whether ``_ANY_FILLER_INSIDE`` may match (most titles have no filler)."""
    return _DIGITS.search(text) is not None or not _INSIDE_NEEDS.isdisjoint(_NON_WORD.split(text))


def strip_filler(cleaned: str) -> str:
    """Remove the words said around a title from already ``clean`` text; when nothing but stop
    and filler words would be left, the input is returned. An own place named by its kind
    ("met eigen slagerij", "with my own butchery") becomes a workplace ("bij slagerij", "at butchery":
    ``_OWN_PLACE``); an own business in general words is dropped."""
    text = cleaned
    if _ANY_FILLER_START.match(text) or (_filler_inside(text) and _ANY_FILLER_INSIDE.search(text)):
        text = _OWN_PLACE.sub(lambda m: " bij " if m.group(1) == "eigen" else " at ", text)
        inside = True  # whether a pattern not anchored at the start may match (``_filler_inside``)
        for i, (pattern, anchored) in enumerate(_FILLER):
            # a pattern that cannot match, or did not, leaves the text as it was, and the spaces
            # were already made single after the first pattern (the text is read again only when
            # a pattern took something: most texts that have filler have one or two)
            if not anchored and not inside:
                continue
            text, found = pattern.subn(" ", text)
            if found or i == 0:
                text = _SPACES.sub(" ", text).strip()
                inside = _filler_inside(text)
    placed = "in " in text or "at " in text or "bij " in text or "uit " in text or "from " in text
    if placed and _PLACE.search(text):  # (every match of ``_PLACE`` holds one of these)
        text = _SPACES.sub(" ", _PLACE.sub(place_names.drop_place, text)).strip()
    # only filler left ("ik heb een eigen garage" -> "ik heb een"): the business was the answer
    return cleaned if only_filler(text) else text


ROLE_WORDS = _words(
    "docent docente leraar lerares leerkracht hoogleraar instructeur teacher lecturer tutor instructor"
)
"""Words for a role that takes a subject (docent wiskunde, X teacher): the coder weighs
them more, so the subject does not code to its own occupation."""


def normalize(text: str, is_label: Callable[[str], bool] | None = None) -> str:
    """``clean``, an owner's phrase as the owner word (``owner_phrases``; ``is_label``:
    whether a word is a whole label of the coder, for an own business named by its trade),
    ``strip_filler``, a vehicle named alone as its driver (``owner_phrases.vehicle_alone``, queries
    only), and a subject ESCO names in its own words (a language taught, a software stack): the
    text that is coded, as shown in results."""
    said = owner_phrases.owner(clean(text[: MAX_CHARS * 2]), is_label)
    text = _role_first(strip_filler(said)[:MAX_CHARS].strip())
    if is_label is not None:  # a query (labels are normalised without it)
        text = _helper_of(owner_phrases.vehicle_alone(title_departments.head_of_work(text)))
    return title_subjects.subjects(text)


_HELPER_OF = re.compile(
    r"^(hulp|hulpje|helper|leerling) (?:bij|van|voor)"
    r"(?: een| de| het| mijn| m'n| zijn| haar)? (?=\w)"
)
_HELPER_OF_EN = re.compile(
    r"^(helper|assistant|apprentice|trainee) (?:to|of)(?: an?| the| my| his| her)? (?=\w)"
)


def _helper_of(text: str) -> str:
    """A helper named with the one helped ("hulp bij de timmerman", "helper to an electrician"):
    the trade with the helper word, as a helper of a trade is said in a title ("hulp timmerman",
    "electrician helper"). After "bij" alone the helper word had no role to lean on and was read
    as any helper (a miner's)."""
    found = _HELPER_OF.match(text)
    if found:
        return f"{found.group(1)} {text[found.end() :]}"
    found = _HELPER_OF_EN.match(text)
    if found:
        rest = text[found.end() :].split(" ", 1)
        return " ".join((rest[0], found.group(1), *rest[1:]))
    return text


# "in de zorg als verpleegkundige", "at a hospital as a doctor": the place said first, the role
# after "als"/"as"
_PLACE_THEN_ROLE = re.compile(
    r"^((?:in|op|at) (?:een|het|de|a|an|the) \S.*?|bij \S.*?) (?:als|as)(?: een| a| an)? (\S.*)$"
)


def _role_first(text: str) -> str:
    """A workplace said before the role ("ik heb in het ziekenhuis als arts gewerkt") as the role
    and then its workplace ("arts in het ziekenhuis"): the order ``context_start`` reads, where
    the role counts in full and the place as context."""
    found = _PLACE_THEN_ROLE.match(text)
    return f"{found.group(2)} {found.group(1)}" if found else text


CONTEXT_WORDS = _words("bij op at via")
"""After one of these, the words name the workplace, not the job: *kok* bij een eethuis; and
how the job was had: *schilder* via een uitzendbureau (no label of ESCO or CBS says "via").
("in" alone is left out: ESCO uses it for the field, as in *import export manager in meat
products*; see ``PLACE_ARTICLES``.)"""
PLACE_ARTICLES = _words("een het de a an the mijn zijn onze hun my his her our their")
"""After "in" (or "on") and one of these, the words name the workplace too: *kok* in een
restaurant, *nurse* in the hospital, *bricklayer* on a building site, *kok* in mijn restaurant (an
article or a possessive makes it a place, not a field)."""
_WITH_ARTICLE = _words("in on")
"""Words that start a workplace only with an article after them (``PLACE_ARTICLES``)."""


_STARTS_CONTEXT = CONTEXT_WORDS | _WITH_ARTICLE
"""The words ``context_start`` finds a workplace at: a title without one has none."""


def place_only(normalized: str) -> bool:
    """Whether the text names only a workplace, no role: one word after "bij", or after "in",
    "on", "op" or "at" and an article ("in een fabriek", "bij defensie", "on a farm": what is left of
    "ik werkte in een fabriek"). More words may hold a role ("bij de gemeente beleidsmedewerker");
    "op afroep kok" (no article) is an on-call cook; a role after "als" is put first by
    ``normalize``."""
    words = normalized.split()
    if len(words) > 1 and words[0] in _STARTS_CONTEXT and words[1] in PLACE_ARTICLES:
        return len(words) == 3
    return len(words) == 2 and words[0] == "bij"


def field_only(normalized: str) -> bool:
    """Whether the text is a preposition and one word ("in restaurant", "in marketing", "op
    kantoor"): a place or a field with no role said; unlike ``place_only`` it may be a field."""
    words = normalized.split()
    return len(words) == 2 and words[0] in _STARTS_CONTEXT


def context_start(normalized: str) -> int | None:
    """How many content words (``tokens``) come before a workplace phrase ("kok bij restaurant",
    "kok in een restaurant" -> 1), or None when there is none or it would start the text."""
    words = normalized.split()
    if _STARTS_CONTEXT.isdisjoint(words):  # most titles: no word that may start a workplace
        return None
    seen = 0
    for i, word in enumerate(words):
        place = word in _WITH_ARTICLE and i + 1 < len(words) and words[i + 1] in PLACE_ARTICLES
        if (word in CONTEXT_WORDS or place) and seen:
            return None if words[i - 1] in _NEXT_JOB else seen
        seen += _content(words, i)
    return None


_NEXT_JOB = _words("en and of or")
"""A phrase right after one of these opens the next job said, not the first one's workplace: "kok
en in het weekend schoonmaker" names two jobs (``coding_parts``), not a cook at "het weekend"."""


def _content(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is a content word (``tokens``): no stop or filler word, no number, not
    "mijn" as "my"."""
    word = words[i]
    return (
        word not in _QUERY_STOP
        and not (word.isdecimal() and len(word) == 1)
        and not (word == "mijn" and _my(words, i))
    )


def bare_place(normalized: str) -> int | None:
    """How many content words come before a last "in" or "on" and one word with no article
    ("kok in restaurant" -> 1), or None. Unlike ``context_start`` this is no workplace by itself:
    ESCO's labels say a field that way too (*verkoper in winkels*); the coder decides."""
    words = normalized.split()
    if len(words) < 3 or words[-2] not in _WITH_ARTICLE or words[-1] in _QUERY_STOP:
        return None
    return sum(_content(words, i) for i in range(len(words) - 2)) or None


def only_filler(normalized: str) -> bool:
    """Whether a query has no word but stopwords, filler and places ("ik werkte in syrie",
    "gewerkt", "ervaring"): it says that or where someone worked, not the work."""
    for word in normalized.split():  # a loop: most titles end at the first word, no generator
        if word not in _QUERY_STOP and not (word.isdecimal() and len(word) == 1):
            return False
    return True


def tokens(normalized: str, lang: str | None = None) -> list[str]:
    """Content words of normalised text: stopwords (of ``lang``, or of Dutch and English) and bare
    numbers dropped, unless they are all there is."""
    stop = STOPWORDS_NL if lang == "nl" else STOPWORDS_EN if lang == "en" else _QUERY_STOP
    words = normalized.split()
    if lang is None and "mijn" in words[:-1]:  # (rare: the plain comprehension otherwise)
        content = [
            w
            for i, w in enumerate(words)
            if w not in stop and not (w.isdecimal() and len(w) == 1) and not _my(words, i)
        ]
    else:
        content = [w for w in words if w not in stop and not (w.isdecimal() and len(w) == 1)]
    return content or words


def _my(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is Dutch *mijn* as "my" (a word follows: "mijn vader", "in mijn zaak"),
    not a mine ("in de mijn", "opzichter mijn"), for queries."""
    return words[i] == "mijn" and i + 1 < len(words)


# Agent and gender endings that share one key across Dutch and English (kapster ~ kapper,
# lerares ~ leraar, teacher ~ teach): no stemmer does this, so it stays a rule of the project,
# applied after Snowball has removed the inflection.
_ENDINGS = (
    "ster",
    "trice",
    "euse",
    "eus",  # chauffeuse after Snowball drops the final e
    "eur",
    "icus",
    "ica",
    "ici",
    "ian",
    "ice",
    "ess",
    "er",
    "or",
    "ist",
    "ie",
    "in",
    "es",
    "e",
)
_REPLACE_ENDING = {"icus": "ic", "ica": "ic", "ici": "ic"}
_DOUBLE = re.compile(r"(.)\1")
_DUTCH = Stemmer.Stemmer("dutch")


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def stem(token: str) -> str:
    """A shared key for Dutch and English word forms.

    Snowball's Dutch stemmer (PyStemmer) removes the inflection (*artsen* -> ``arts``, and *arts*
    stays ``arts``; *kappers* -> ``kapper``; *verpleegkundigen* -> ``verpleegkund``); then the
    agent and gender endings are folded (*kapster*, *kapper* -> ``kap``; *schoonmaaksters*,
    *schoonmaker* -> ``schonmak``; a female *-erin* as its *-er* word: *bakkerin*, *bakker* ->
    ``bak``) and doubled letters folded, which also absorbs many spelling slips. Short words
    (three letters or fewer) and words with digits are kept.
    """
    if len(token) <= 3 or not token.isalpha():
        return token
    word: str = _DUTCH.stemWord(token)
    if word.endswith("erin") and len(word) >= 7:  # a female -erin is the -er word's (bakkerin ~ bakker)
        return stem(word[:-2])
    if word.endswith(_ENDINGS):  # (one test in C; the loop finds which ending, in their order)
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= (4 if ending == "ist" else 3):
                word = word[: -len(ending)] + _REPLACE_ENDING.get(ending, "")
                break
    # the template r"\1" would be parsed on every call: most words have no double letter
    return _DOUBLE.sub(_first_group, word) if _DOUBLE.search(word) else word
