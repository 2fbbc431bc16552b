"""Answers that tell a situation, not an occupation: none said ("geen werk"), a status ("huisvrouw",
"student rechten", "in het kamp, geen werk"), one's own health or a detention ("ziek, kon niet
werken", "gevangen gezeten"), and care for one's own family. The coder gives them no candidates
and says why (``coding.problem.*``); ``private_situation`` keeps the last three out of a profile's
work history, as health, detention and family details must not reach a report (the GDPR's special
categories)."""

from __future__ import annotations

import re
from collections.abc import Callable

from skilltool import coding_settings, countries, place_names, textnorm
from skilltool.coding_farming import PRODUCE
from skilltool.coding_studies import DEGREE, STUDYING, named_role
from skilltool.word_lists import word_set


def _content(line: str) -> list[str]:
    """A line's content words as the coder reads a title (``coding_support.prepare``'s words)."""
    return list(dict.fromkeys(textnorm.tokens(textnorm.normalize(line))))


def _phrases(text: str) -> frozenset[str]:
    """One phrase a line, as the coder reads a title: ``textnorm.normalize`` then its content words
    (so "n.v.t." is "n v t", "niet van toepassing" is "niet toepassing", "ik heb nooit gewerkt"
    is "nooit"), which is how ``not_an_occupation`` compares them: through ``prepare``'s words."""
    lines = (line.strip() for line in text.strip().splitlines())
    return frozenset(" ".join(_content(line)) for line in lines if line)


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
    bijstand
    asielprocedure
    asylum procedure
    social assistance
    welfare
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
    jobseeker
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


def _split(phrases: frozenset[str]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """One-word phrases, and the longer ones as word tuples (matched as a run of words)."""
    return (
        frozenset(p for p in phrases if " " not in p),
        tuple(tuple(p.split()) for p in phrases if " " in p),
    )


_HEALTH = word_set(
    """
    ziek ziekte zieke sick ill illness invalide invalid gehandicapt handicap disabled disability
    gewond verwond injured injury wounded arbeidsongeschikt letsel oorlogsletsel trauma ptss ptsd
    """
)
"""One's own health, said as the situation ("ziek, kon niet werken", "invalid after war
injury"): ``health``, a detail of a special category that stays out of the work history."""
_DETAINED = word_set(
    """
    gevangen gevangene gevangenis gedetineerd detentie prison prisoner jail detained imprisoned
    vastgezet vastgezeten vastgehouden opgesloten gearresteerd arrested detention custody
    """
)
"""A detention ("gevangen gezeten 2017-2020", "in prison in Syria"): ``detained``, kept out of the
work history like health (a guard or a teacher in a prison names a role and is coded)."""
_INFORMAL_CARE = word_set("mantelzorg mantelzorger mantelzorgen mantelzorgde")
"""Informal care, in the Dutch word for it: for one's own people, not paid work (``family_care``)."""
_NONE_ONE, _NONE_MANY = _split(SAYS_NONE - {"n", "no", "niet", "geen", "nee"})
_STATUS_ONE, _STATUS_MANY = _split(
    NOT_WORK
    | _phrases("vluchteling\nvluchtelingenkamp\nkamp\nazc\nrefugee\ncamp\nfled\ngevlucht\nthuis\nhome")
    | _phrases("ondergedoken\nhiding\nte jong\ntoo young\nzocht werk\nsearched work\nlooking work")
    | _phrases("nog kind\nstill child\nkind toen\nchild when")  # "was nog een kind toen ...": too young
    | _phrases("onderweg\nvlucht\njourney\ntransit")  # on the way here: "3 jaar onderweg"
    | _phrases("school\nminor\nminderjarig\nminderjarige\nunderage\namv")
    | _phrases("inburgering\ninburgeringscursus\ninburgeringsexamen\ntaalcursus\nbijstandsuitkering")
    | _phrases("vrijwilliger\nvrijwilligster\nvrijwilligerswerk\nvolunteer\nvolunteering\nvolunteered")
    | _phrases("asiel\nasylum\nrijbewijs\nrijlessen\ndriving licence\ndriving license\ndriver's license")
    | _phrases("asielzoeker\nasielzoekers\nasielzoekerscentrum\nasielzoekerscentra\nnoodopvang")
    | _phrases("asylum seeker\nasylum seekers")
    | _HEALTH
    | _DETAINED
    | _INFORMAL_CARE
)
_CIRCUMSTANCES = word_set(
    """
    kinderen kind kids children child ouders parents vader moeder father mother familie family gezin
    thuis home huis school high middelbare secondary universiteit university oorlog war direct
    werk work job baan jaar jaren years since sinds geen no never nooit nog na after zat was refugee
    zorgde zorgen cared caring
    een twee drie vier vijf zes zeven acht negen tien one two three four five six seven eight nine ten
    vluchteling kamp camp
    mocht mochten mag kon konden kan could can cannot niet not allowed werken werkte gewerkt working
    worked zocht gezocht zoeken searched searching looking gevonden found niets nothing kwam came
    arrived aangekomen oud old jong young too om ontwijken avoid dienstplicht leger army man husband
    echtgenoot vrouw wife gezeten zitten sat year jaar lang lange tijd long time period ernstig zwaar
    erg badly seriously severely oma opa grandmother grandfather broer zus brother sister zoon
    dochter son daughter schoonmoeder schoonvader vertrek vertrok left leaving departure vlucht
    toen when procedure asiel asylum jr yr yrs mnd maand maanden month months
    vluchtte vluchtten vluchten flee fleeing lived live living woonde woonden leefde ontlopen ontweken
    evaded evading escaped deserted aow leeftijd age pensioen pension gestart begonnen started began
    hij zij ze ik wij we he she they hun haar zijn his her their ons onze our us still yet
    klas klassen grade grades class tot until only alleen arrival aankomst from van uit remittances
    geld money steun support huishouden household housework hielp helped help helpen any elk ieder
    hier here daar there naar to geweest been went ging gegaan
    door vanwege wegens because due then daarna dan vorig vorige previous former eerder earlier
    beroep onbekend unknown younger older jongere oudere siblings broertjes zusjes broers zussen
    looked look volgde volgden moskee mosque kerk church stayed stay bleef bleven geworden became
    crisis voortgezet onderwijs
    gehaald behaald obtained got passed gevolgd followed attended bezocht wachtte gewacht wachten waited
    waiting betaald betaalde paid took take takes taking care looked after raised raising opgevoed
    opvoeden voedde
    vergunning werkvergunning verblijfsvergunning permit papers papieren documenten documents visum
    visa status europa europe
    wacht wachtend wait waits woning woningen house housing woonruimte gewoond wonen woont wonend
    opvang centrum centre center
    """
)
"""Words an answer about one's situation may hold besides the status: whom one was with, where,
since when, what it kept one from ("huisvrouw, vijf kinderen", "unemployed since the war", "in
het kamp, geen werk", "vluchteling, mocht niet werken"); a word with a digit (a year, an age) and a
place name are circumstances too."""
_PRIVATE_WORDS = _HEALTH | _DETAINED | _INFORMAL_CARE
_STATUS_WORDS = _NONE_ONE | _STATUS_ONE | {w for p in (*_NONE_MANY, *_STATUS_MANY) for w in p}
_SITUATION_WORDS = _STATUS_WORDS | STUDYING | {w for p in SAYS_NONE | NOT_WORK for w in p.split()}
"""Every word an answer about a situation is told with: a text without one tells none."""


def situation(words: list[str], is_role: Callable[[str], bool] | None = None) -> str | None:
    """What an answer that tells a situation, not a job, says: ``health`` or ``detained`` (one's
    own, when no word names a role: ``is_role``, by default ``named_role``; "ziek met hernia" says
    a diagnosis no list holds), ``family_care`` (informal care), ``not_work`` (a status: at home, in
    a camp, in hiding, too young) or ``says_none`` ("geen werk"), when besides the status only words
    of the circumstances are said (``_CIRCUMSTANCES``); None when any other word is said ("kok in
    het kamp", "werkloos, was lasser", "bewaker in de gevangenis" are coded: a title is always read)."""
    school = any(w.endswith("school") for w in words)  # "koranschool", "basisschool": schooling said
    if _STATUS_WORDS.isdisjoint(words) and not school:  # most titles
        return None
    said = set(words)
    if not _PRIVATE_WORDS.isdisjoint(said) and _INFORMAL_CARE.isdisjoint(said):
        if _cared_for(words, said):  # "took care of sick patients": the sick are whom one cared for
            return None
        role = is_role or named_role
        if not any(role(w) for w in said if w not in _STATUS_WORDS and w not in _CIRCUMSTANCES):
            return "health" if not _HEALTH.isdisjoint(said) else "detained"
        return None
    none = bool(_NONE_ONE & said) or any(_run(p, words) for p in _NONE_MANY)
    status = bool(_STATUS_ONE & said) or any(_run(p, words) for p in _STATUS_MANY) or school
    if not (none or status) or not all(_circumstance(w) for w in said):
        return None
    if not _INFORMAL_CARE.isdisjoint(said):
        return "family_care"
    return "not_work" if status else "says_none"


_OWN = word_set("mijn m'n onze zijn haar hun my our his her their eigen own")
_OTHERS = word_set("mensen people patienten patients clients clienten")


_VOLUNTEERS = word_set("vrijwilliger vrijwilligster vrijwillig vrijwillige volunteer")
_LEADS = word_set(
    """
    coordinator coordinatoren manager managers mentor begeleider coach leider leader organisator
    organiser organizer werk work
    """
)
"""Words of those who lead volunteers, after the volunteer's ("vrijwilliger coördinator",
"volunteer manager"): the volunteers are their work."""


def volunteered_as(words: list[str], is_role: Callable[[str], bool]) -> bool:
    """Whether an answer opens with a volunteer's word and then a role ("vrijwilliger tolk in het
    kamp", "volunteer teacher"): the role is the work, as after "vrijwilliger als" (``textnorm``'s
    filler), where the volunteers' own labels (a mentor of volunteers, 3412) came first. Not before
    a place or anything else ("vrijwilliger kerk": unpaid work, ``situation``), nor before a word of
    those who lead volunteers."""
    return len(words) > 1 and words[0] in _VOLUNTEERS and words[1] not in _LEADS and is_role(words[1])


def _cared_for(words: list[str], said: set[str]) -> bool:
    """Whether the health word names whom one cared for, not one's own health: a verb of care
    (``coding_settings.cares``) and people ("zorgde voor zieke mensen", "took care of sick
    patients") and no possessive (one's own sick mother is care for one's family: ``family_care``)."""
    return _OWN.isdisjoint(said) and not _OTHERS.isdisjoint(said) and coding_settings.cares(words)


def _circumstance(word: str) -> bool:
    """A word an answer about a situation may hold (``_CIRCUMSTANCES``, a status word, a number, a place)."""
    return (
        word in _CIRCUMSTANCES
        or word in _STATUS_WORDS
        or any(ch.isdigit() for ch in word)
        or len(word) == 1  # a licence's or a class's letter
        or word.endswith("school")  # a school of any kind ("koranschool", "basisschool")
        or word in DEGREE  # a school's diploma said with the status ("diploma 2019, then fled")
        or place_names.known(word)
        or countries.is_country_name(word)  # also one that is a label's word ("turkey")
    )


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
    if not _TOLD_WORDS.isdisjoint(words):
        told = _told_none(said, words)
        if told is not None:
            return told
    if _OWN_WORDS.isdisjoint(words) and _OWN_WORDS.isdisjoint(said.split()):  # most titles
        return None
    if not _ANIMALS.isdisjoint(words):  # "zorgde voor de geiten van zijn oom": farm work
        return None
    return "family_care" if _FAMILY_CARE.search(said) else None


_NEVER_WORKED = re.compile(
    r"""\b(?:never|nooit|niet)\s+(?:worked|gewerkt|had\s+(?:a\s+)?(?:paid\s+)?(?:job|work)
    |een\s+(?:betaalde\s+)?baan\s+gehad|(?:betaald\s+)?werk\s+gehad)\b
    |\b(?:never|nooit)\s+(?:\w+\s+){1,3}(?:worked|gewerkt)\b
    |\bno\s+(?:work|job)\s+experience\b|\bgeen\s+(?:werk\s*)?ervaring\b
    |\bgeen\s+(?:baan|werk)\s+gevonden\b|\bno\s+(?:job|work)\s+found\b
    |\bnever\s+found\s+(?:a\s+)?(?:job|work)\b
    |\bdid(?:n'?t|\s+not)\s+work\b|\bwerkte\s+niet\b|\bmocht\s+niet\s+werken\b
    |\bnot\s+allowed\s+to\s+work\b|\bno\s+experience\b|\bnog\s+(?:geen\s+(?:baan|werk)|niet\s+gewerkt)\b
    |\bno\s+(?:job|work)\s+yet\b|\bnot\s+(?:yet\s+)?worked\s+yet\b
    |\bno\s+(?:job|work)\s+(?:after(?:wards)?|then)\b|\bgeen\s+(?:baan|werk)\s+(?:daarna|na|meer)\b
    |\b(?:daarna|after\s+that|afterwards)\s+(?:geen|no)\s+(?:werk|baan|job|work)\b""",
    re.VERBOSE,
)
"""An answer that says no work was ever had or found ("studied nursing, never worked", "bachelor
civiele techniek, geen baan gevonden"): no work history, whatever study or circumstance it names."""
_NO_JOB_FIRST = re.compile(r"^\W*(?:no|geen)\s+(?:job|work|werk|baan)\b")
"""An answer that opens by saying there was no job ("no job, stayed in the camp"): ``says_none``
when no word after it names a role, whatever circumstance it tells."""
_WISH = re.compile(
    r"""^\W*(?:(?:cl|client|cli\u00ebnt|klant|hij|zij|ze|ik|he|she|i)\W+)?
    (?:(?:wil|wilt|willen|zou\s+graag|would\s+like|wants?|wish(?:es)?|hopes?|dreams?\s+of)\b
    .*\b(?:worden|werken|become|be|work|working|becoming)\b
    |(?:zoekt|zoek|zoeken|looking\s+for|seeks?|searching\s+for)\s+(?:een\s+|a\s+)?
    (?:werk|work|job|baan)\s+(?:als|as)\b)""",
    re.VERBOSE,
)
"""A wish said in the work history's field ("wil graag kapper worden", "wants to become a nurse"):
no experience; it belongs with the client's wishes, not coded as work they did."""
_TOLD_WORDS = word_set(
    """
    never nooit niet geen no wil wilt willen graag zou would wants want wish wishes hope hopes dreams
    didn didnt did not zoekt zoek zoeken looking seeks seek searching allowed
    """
)


def _told_none(said: str, words: list[str]) -> str | None:
    """``wish`` for a wish said in place of a job; ``not_work`` when the answer says no work was
    ever had or found (``_NEVER_WORKED``) and no word names a role (``named_role``: "kapper, in
    NL nooit gewerkt" was a hairdresser)."""
    if _WISH.search(said):
        return "wish"
    never = _NEVER_WORKED.search(said)
    if not never and not _NO_JOB_FIRST.search(said):
        return None
    rest = (w for w in words if w not in STUDYING and w not in DEGREE and not _circumstance(w))
    if any(named_role(w) for w in rest):
        return None
    return "not_work" if never else "says_none"


def _as_read(text: str) -> str:
    """The start of an answer that ``textnorm.normalize`` reads, lower case, no more: a search over
    a whole 100 KB cell backtracked for 20 s (``_FAMILY_CARE``)."""
    return text[: textnorm.MAX_CHARS * 2].lower()


_WORD = re.compile(r"[\w']+")
_BRACKETS = re.compile(r"\(([^()]*)\)")


def status_in_brackets(text: str, words: list[str], known: Callable[[str], bool]) -> str | None:
    """What a situation said in brackets beside the client's own words for it tells ("khanadar
    (huisvrouw)": the caseworker's translation), when every word outside the brackets is a
    circumstance or unknown to the coder (``known``: a word of a label); None otherwise (a role
    beside it, "kok (werkloos)", is coded as a title)."""
    found = _BRACKETS.search(text) if "(" in text else None
    if found is None or _SITUATION_WORDS.isdisjoint(_WORD.findall(found.group(1).lower())):
        return None  # most brackets say no situation: no normalising
    inner = _content(found.group(1))
    told = (not_an_occupation(found.group(1), inner) or situation(inner)) if inner else None
    if told is None:
        return None
    return told if all(w in inner or _circumstance(w) or not known(w) for w in words) else None


def private_situation(title: str) -> bool:
    """Whether a work title tells one's own health, a detention or care for one's own family
    (``situation``, ``_FAMILY_CARE``): no work, and a detail of a special category that
    ``profile_building`` keeps out of the work history and reports."""
    read = _as_read(title)
    said = _WORD.findall(read)
    if _PRIVATE_WORDS.isdisjoint(said) and _OWN_WORDS.isdisjoint(said):
        return False  # most titles
    words = _content(read)
    private = ("health", "detained", "family_care")
    return bool(words) and (situation(words) in private or not_an_occupation(title, words) in private)


def family_care(title: str) -> bool:
    """Whether a work title tells of care for one's own family (``_FAMILY_CARE``): no work, and a
    family's health detail that ``profile_building`` keeps out of the work history."""
    if _OWN_WORDS.isdisjoint(_as_read(title).split()):  # most titles: no ``prepare``
        return False
    return not_an_occupation(title, _content(_as_read(title))) == "family_care"


_CARE = r"""(?:zorg\w*|verzorg\w*|gezorgd|mantelzorg\w*|opgevoed|opvoeden|voedde|cared|car(?:e|es|ing)
    |raised|raising|look(?:ed|ing|s)?\s+after|t(?:ook|ake|akes|aking)\s+care)"""
_OWN_WORDS = frozenset(("mijn", "m'n", "onze", "eigen", "my", "our", "own"))
_ANIMALS = frozenset(word for word, group in PRODUCE.items() if group.startswith("612"))
"""Livestock, poultry and bees (``coding_farming``): looked after for one's family, it is farm work."""
_OWN_FAMILY = rf"""(?:{"|".join(sorted(_OWN_WORDS))})\s+(?:\w+\s+)?(?:kind|kinderen|kids?|child|children
    |zoon|zonen|sons?|dochters?|daughters?|moeder|mother|vader|father|ouders|parents|man|husband|vrouw
    |wife|familie|family|gezin|schoonmoeder|schoonvader|oma|opa|grandmother|grandfather|broer|brother
    |zus|sister)"""
_FAMILY_CARE = re.compile(rf"\b{_CARE}\b.*\b{_OWN_FAMILY}\b|\b{_OWN_FAMILY}\b.*\b{_CARE}\b", re.VERBOSE)
"""Care for one's own family ("ik zorgde voor mijn zieke moeder", "I looked after my children"):
not paid work, and a family or health detail that must not become an occupation in a profile
(it came out as a spiritual carer). Only with a possessive: "zorgde voor kinderen bij mij thuis"
may be a childminder's paid work and is coded. Searched on ``_as_read``'s start only."""
