"""Cleaning and care said with the setting: "cleaner in ziekenhuis", "schoonmaker bij mensen
thuis", "verzorgende in een verpleeghuis", "caring for old people in their homes".

ISCO-08 sorts cleaners and carers by where they work, not by the word for the worker: cleaners
of private households 9111, of offices, hotels and other establishments 9112; health care
assistants in hospitals, clinics and residential homes 5321, personal care workers in clients'
homes 5322 (ILO, ISCO-08 Part III). The word alone is ambiguous ("cleaner" is also a cleaner of
vehicles or windows, "verzorgende" a carer in either setting), and the setting, read as context,
moved nothing: an English cleaner in a hospital came out as a cleaner of vehicles, a Dutch one as
the manager of a care institution. So the worker word and its setting are coded as a Dutch
label of the setting's unit group (ranked first in either language; a test checks).

Only answers made of a cleaner's or carer's word (or the verb), the setting, and words of whom
they served (ouderen, elderly people); any other word ("kok", "manager", "ramen") leaves the
answer to the labels. A verb ("huizen schoonmaken") is an activity and is flagged like one. A
carer of the elderly or the sick without a setting is CBS's trained carer, flagged
(``CARE_UNSET``); so is an *oppas* of the elderly (the word alone, or with children, is a babysitter's,
left to the labels); English says the care with a phrasal verb too ("looked after", "took care
of"). "Security" with a building ("security bij een bank", "security at the
airport") is a guard (5414): the English labels read it as ICT security. A craft done in a
factory is its machine's operator's: sewing ("naaister in de kledingfabriek", "sewing in a
garment factory") 8153, weaving and knitting ("weaver in a carpet factory") 8152, making shoes
8156 (ISCO-08 sorts the hand crafts, 7533, 7318, 7536, apart from the operators of machines); the
word alone stays with the labels (a seamstress, a weaver or a shoemaker at home or in a workshop).
"""

from __future__ import annotations

import re

from skilltool import place_names
from skilltool.word_lists import word_list, word_set

_CLEANERS = word_set(
    "schoonmaker schoonmaakster schoonmakers poetser poetsster poetsvrouw poetshulp cleaner cleaners"
)
_CARERS = word_set(
    "verzorgende verzorgenden verzorger verzorgster zorgmedewerker zorgmedewerkster helpende helpenden "
    "carer carers caregiver caregivers caretaker care worker oppas"
)
_CLEANING = word_set(
    "schoonmaken schoonmaakte schoonmaakten poetsen poetste poetsten cleaning cleaned clean housekeeping"
)
_CARING = word_set("verzorgen verzorgde verzorgden zorgen zorgde zorgden caring cared oppassen")
_SEWERS = word_set("naaister naaisters naaier naaiers seamstress seamstresses")
_SEWING = word_set("naaien naaide naaiden sewing sewed")
_WEAVERS = word_set(
    "wever wevers weefster weefsters breier breiers breister breisters weaver weavers knitter knitters"
)
_WEAVING = word_set("weven weefde weefden breien breide breiden weaving wove knitting knitted")
_SHOEMAKERS = word_set("schoenmaker schoenmakers shoemaker shoemakers")
_CRAFTS = {"8153": (_SEWERS, _SEWING), "8152": (_WEAVERS, _WEAVING), "8156": (_SHOEMAKERS, frozenset())}
"""A craft's workers and its verbs, by the unit group of its machine's operators."""
_CRAFT_ENDS = ("wever", "weefster", "breister")
"""Dutch compounds that name a weaver by what they weave ("tapijtwever")."""
_CRAFTED = frozenset().union(*(who | verb for who, verb in _CRAFTS.values()))
_FACTORY = re.compile(r"\b(?:\w*fabriek\w*|factory|factories|confectie\w*|sweatshop|weverij\w*|mills?)\b")
_FACTORY_WORDS = word_set(
    """
    kleding textiel garment garments clothing clothes textile machine machines overlock tapijt
    tapijten carpet carpets schoenen shoes shoe stof stoffen fabric fabrics wol wool
    """
)
"""Words a craft's answer may hold besides the factory: what was made, on which machine."""
_FACTORY_OF = re.compile(_FACTORY.pattern + r"\s+(?:van|of)\s+(.+)$")
"""A factory and its owner's name after it ("een fabriek van ...", "a factory of ...")."""
_SERVED = word_set(
    """
    ouderen oudere bejaarden bejaarde zieken zieke patienten mensen gehandicapten elderly old people peoples
    patients sick buurvrouw buurman neighbour neighbor buren neighbours neighbors geld money
    disabled their private clients client families lady oude oud man vrouw heer dame woman
    gentleman meneer mevrouw betaald paid haar zijn his her
    """
)
"""Whom the work served, said with it ("caring for old people", "verzorgende van ouderen")."""
_CARE_TASKS = word_set(
    """
    wassen douchen aankleden eten geven voeren medicijnen medicatie tillen washing bathing
    feeding dressing meals medicine medicines medication lifting
    """
)
"""What a carer did for them, said beside it ("wassen en eten geven", "bathing and feeding")."""

_INSTITUTION = re.compile(
    r"""\b(?:\w*ziekenhuis\w*|verpleeghuis\w*|verzorgingshuis\w*|bejaarden\w*huis\w*|zorginstelling\w*
    |instelling|kliniek\w*|revalidatiecentrum|hospitals?|clinics?|(?:nursing|care|retirement|elderly
    |old\s+people\s*s?)\s*homes?)\b""",
    re.VERBOSE,
)
_BUILDING_NAMES = word_list(
    """
    scholen kantoor kantoren bedrijf bedrijven fabriek restaurant winkelcentrum supermarkt moskee
    vliegveld station universiteit ministerie bank hospital hospitals clinic clinics office offices
    company companies factory mall supermarket mosque airport university building buildings ministry
    shop shops winkel winkels store stores event events evenementen festival festivals stadion
    stadions stadium stadiums parkeergarage haven port
    """
)
"""Establishments a cleaner or guard works in, as whole words (also words the rule takes)."""
_BUILDING = re.compile(
    r"\b(?:\w*ziekenhuis\w*|\w*school\w*|hotel\w*|gebouw\w*|verpleeghuis\w*|nursing\s+homes?|"
    + "|".join(_BUILDING_NAMES)
    + r")\b"
)
_HOUSEHOLD = re.compile(
    r"""\b(?:thuis|huizen|woningen|gezinnen|huishoudens?|households?|houses|families
    |(?:their|his|her|people\s*s?|private|clients?)\s*homes?|homes|home\s+(?:care|carers?|caregivers?))\b""",
    re.VERBOSE,
)
"""Settings, as the normalised answer says them (an institution first: a care *home* is one)."""

_SETTING_WORDS = word_set(
    """
    thuis huizen woningen gezinnen huishouden huishoudens household households houses home homes
    families instelling kliniek nursing care retirement school schools hotel hotels shopping
    kamers kamer rooms room
    """
) | frozenset(_BUILDING_NAMES)
_SETTING_PARTS = ("ziekenhuis", "verpleeghuis", "verzorgingshuis", "huis", "school", "gebouw", "hotel")

_KIDS = word_set("kinderen kind kids children child babys babies peuters toddlers")
"""Children, as an answer names whom one worked with (``_WHOM``) or cared for (``_CHILDREN``)."""
_CHILDREN = _KIDS | word_set("baby kleintjes")
"""Children one cared for: the work of child care workers (5311), not a health carer's."""
_ADULTS = word_set(
    "ouderen oudere bejaarden bejaarde zieken zieke patienten gehandicapten elderly old patients sick"
)
_MINDING = word_set("pas past paste pasten passen gepast")
"""The forms of *passen* that *oppassen* splits into ("ik paste op", "op de kinderen passen")."""
_MINDED = re.compile(r"\b(?:pas|past|paste|pasten|passen)\s+op\b|\bop\s+(?:\w+\s+){1,3}(?:passen|gepast)\b")
"""*Oppassen* split as Dutch splits it ("ik paste op de kinderen", "op kinderen passen"): minding."""

_SAID = _CLEANERS | _CARERS | _CLEANING | _CARING | _CRAFTED | {"security"}

LABELS = {"9111": "interieurverzorger huishouden", "9112": "schoonmaker gebouwen", "5321": "zorghulp"}
LABELS |= {"5322": "thuiszorgmedewerker", "5414": "beveiliger", "8153": "operator naaimachine"}
LABELS |= {"8152": "operator weefmachine", "8156": "machineoperator schoenenproductie"}
"""A Dutch label of each unit group that the coder ranks first for it in Dutch and English."""

CARE_UNSET = "verzorgende ig"
"""A carer of the elderly or the sick without a setting ("verzorgster ouderen", "caregiver for
elderly"): CBS's title of the trained carer, 5321 first and 5322 next, flagged (either may be
meant); the Dutch word alone too ("verzorgende" put a social work associate, 3412, first)."""
_DUTCH_CARERS = word_set("verzorgende verzorgster helpende")
CHILD_CARE = "kinderverzorger"
"""A carer of children, by the verb or the carer's word ("zorgde voor kinderen", "looked after the
children", "oppas voor kinderen"): a Dutch label of child care workers (5311) that the coder ranks
first for it; a health carer's label (5321, 5322) or a children's tailor came first."""


_LOOKS = word_set("look looks looked looking")
_TAKES = word_set("take takes took taking")


def _phrasal(words: list[str]) -> list[str]:
    """``words`` with an English phrasal verb of care ("looked after", "took care of") said as the
    verb *cared*: "I looked after a lady in her home" is care in a household (5322)."""
    said: list[str] = []
    for word in words:
        if said and ((said[-1] in _LOOKS and word == "after") or (said[-1] in _TAKES and word == "care")):
            said[-1] = "cared"
        else:
            said.append(word)
    return said


def cares(words: list[str]) -> bool:
    """Whether ``words`` say care with a verb ("zorgde voor", "verzorgen", "caring", "looked after",
    "took care of"): ``coding_situations`` reads the sick then as whom one cared for."""
    if "after" in words or "care" in words:
        words = _phrasal(words)
    return not _CARING.isdisjoint(words)


def as_title(words: list[str], normalized: str) -> tuple[str, bool] | None:
    """The label a cleaner's or carer's answer with its setting is coded as, and whether it said
    an activity (flagged); None when it is no such answer (see the module's docstring)."""
    if "after" in words or "care" in words:  # "looked after", "took care of"
        words = _phrasal(words)
    elif "op" in normalized and "pas" in normalized and _MINDED.search(normalized):  # "paste op de kinderen"
        words = ["oppassen" if word in _MINDING else word for word in words]
    woven = any(word.endswith(_CRAFT_ENDS) for word in words)  # a weaver by what they weave
    if _SAID.isdisjoint(words) and not woven:  # most titles
        return None
    cleaner = carer = verb = guard = served = children = False
    owner = _FACTORY_OF.search(normalized)
    if owner is not None:  # "fabriek van ...": its owner's name, not a word of the work
        named = set(owner.group(1).split())
        words = [word for word in words if word not in named]
    crafts = {code for code, (who, did) in _CRAFTS.items() if not (who | did).isdisjoint(words)}
    crafts |= {"8152"} if woven else set()
    for word in words:
        if word == "security":  # a guard, to a Dutch speaker alone; with a building in English too
            guard = True
        elif word in _CRAFTED or word.endswith(_CRAFT_ENDS):
            verb = verb or any(word in did for _, did in _CRAFTS.values())
        elif crafts and (word in _FACTORY_WORDS or _FACTORY.fullmatch(word)):
            continue
        elif word in _CLEANERS or word in _CLEANING:
            cleaner, verb = True, verb or word in _CLEANING
        elif word in _CARERS or word in _CARING:
            carer, verb = True, verb or word in _CARING
        elif word in _SERVED or (carer and word in _CARE_TASKS):
            served = True
        elif word in _CHILDREN:
            children = True
        elif not (
            word in _SETTING_WORDS or word.endswith(_SETTING_PARTS) or word == "worker"
        ) and not place_names.known(word):
            return None
    if guard + cleaner + carer + len(crafts) != 1:  # none, or several ("zorg en schoonmaak"): the labels'
        return None
    if crafts:  # in a factory only: a seamstress or a weaver at home or in a workshop is the labels'
        return (LABELS[crafts.pop()], verb) if _FACTORY.search(normalized) else None
    if guard:  # "security bij een bank", "security at the airport"
        return (LABELS["5414"], False) if _BUILDING.search(normalized) else None
    if children and (
        not carer
        or not _ADULTS.isdisjoint(words)
        or _INSTITUTION.search(normalized)
        or ("care" in words and not verb)
    ):  # children cleaned for, with the elderly, in a hospital, or "child care" said as the labels say it
        return None
    if children:  # "zorgde voor de kinderen van de buren": 5311, in a home or not
        return CHILD_CARE, verb
    if carer:
        code = "5321" if _INSTITUTION.search(normalized) else "5322" if _HOUSEHOLD.search(normalized) else ""
        if not code and (served or (len(words) == 1 and words[0] in _DUTCH_CARERS)):
            return CARE_UNSET, verb  # a carer of the elderly; "I took care of old people": an activity
    else:
        code = "9111" if _HOUSEHOLD.search(normalized) and not _INSTITUTION.search(normalized) else ""
        code = code or ("9112" if _BUILDING.search(normalized) else "")
    return (LABELS[code], verb) if code else None


_WHOM = {
    "kinderverzorger": _KIDS,
    CARE_UNSET: word_set("ouderen bejaarden elderly old aged"),
    "medewerker dierverzorging": word_set("dieren animals"),
}
"""Whom one worked with, under a Dutch label of the worker who looks after them (5311, 5321,
5164) that the coder ranks first for it."""
_WORKED_WITH = re.compile(
    r"""^(?:(?:ik|wij|we|hij|zij|ze|i|he|she|they)\s+)?(?:werken|werkte|werkten|gewerkt|work|worked|working)?\s*(?:met|with)\s+
    (?:(?:de|het|the)\s+)?(?:(?:kleine|jonge|young|small|little)\s+)?(?P<whom>\w+)(?:\s+(?:mensen|people))?$""",
    re.VERBOSE,
)


def worked_with(normalized: str) -> str | None:
    """The worker's label of an answer that says only whom one worked with ("werken met kleine
    kinderen", "worked with the elderly", "met dieren"), else None: the search read *werken* as a
    cleaning woman's word (*werkster*) and *kinderen* as the start of a children's tailor's label.
    Coded as an activity (flagged): a teacher, a nanny or a carer may be meant."""
    found = _WORKED_WITH.match(normalized) if "met" in normalized or "with" in normalized else None
    if found is None:
        return None
    return next((label for label, whom in _WHOM.items() if found["whom"] in whom), None)
