"""The entrepreneurship step (docs/advice.md, section 6 and the sixth and eighth expert reviews):
someone who ran an own business gets the official start routes (Bbz, KVK) as an indication; a
practice in a regulated profession waits for that profession's recognition, as the work itself does;
under temporary protection (Ukraine) neither the Bbz nor self-employment without a work permit is open."""

from __future__ import annotations

import functools
import re

from skilltool.models import Profile, Text, WorkExperience
from skilltool.suggest_index import SuggestIndex
from skilltool.suggest_person import group_profession, says_business
from skilltool.suggest_texts import then
from skilltool.suggest_texts import words as _w
from skilltool.suggest_texts import x as _x

_OWN_BUSINESS = re.compile(
    r"\b(?:eigen|own) (?:zaak|zaakje|bedrijf|winkel|winkeltje|praktijk|garage|restaurant|kapsalon|salon|"
    r"werkplaats|atelier|business|company|shop|store|workshop)\b|\b(?:eigenaar|owner|zelfstandige?|zzp)\b"
)


# Hospitality businesses (ISCO-08: hotel and restaurant managers, chefs, cooks, waiters, bartenders,
# fast-food preparers): the municipality's exploitatievergunning and, for alcohol, the Alcoholwet's licence
# with managers of 21 or older who hold the Verklaring Sociale Hygiëne (gemeente Leiden, Steenwijkerland,
# Geertruidenberg; read 2026-12-06; docs/advice.md, eleventh expert review)
_HOSPITALITY = ("1411", "1412", "3434", "5120", "5131", "5132", "9411")
# Food made at home or catered: no premises where customers eat and drink, which is what the
# exploitatievergunning is for (KVK, "Stappenplan horecabedrijf starten": not needed for some
# takeaways, per municipality); registration with the NVWA and a hygiene code (HACCP) are (KVK and
# NVWA's campaign as reported by nu.nl, 2026; thuisbanket.nl, "Wettelijke vereisten thuisbakkers";
# read 2026-12-06; fifteenth expert review): the home caterer of the fourteenth review was told
# about a restaurant's permits
_HOME_FOOD = re.compile(r"\b(?:thuis|huis|home|cater\w*|maaltijd\w*|meals?)\b")
# Goods transport for others, for payment, with vehicles of more than 500 kg payload: the NIWO's
# Eurovergunning (establishment, repute, financial standing, a vervoersmanager with the vakdiploma:
# six CBR exams; niwo.nl "Eurovergunning" and "Verlenging Eurovergunning", read 2026-12-06; fourteenth
# expert review). An own business coded to ISCO 8332 (vrachtwagenchauffeur) or ESCO's manager wegtransport.
_GOODS_TRANSPORT = ("8332",)
_GOODS_TRANSPORT_URIS = frozenset(
    {"http://data.europa.eu/esco/occupation/4ea620f2-5c75-49ee-85a0-b2fb6bbf3624"}
)
# A garage: periodic inspections (APK) only under the RDW's erkenning for the business (RDW, jaarverslag
# 2014, "Toezicht en controle op erkenningen") by an APK keurmeester, whose IBKI exam asks a level-3
# diploma in car technology and a VOG (ibki.nl, "Waaraan moet ik voldoen om mij in te schrijven voor het
# examen?"; both read 2026-12-06; seventeenth expert review): the garage owner of the sixteenth review
# was not told. Repairs without APK need neither.
_GARAGE = ("7231",)
_GARAGE_URIS = frozenset({"http://data.europa.eu/esco/occupation/5c9dea76-c7da-4e58-857c-fc3cbe7b960a"})
_GARAGE_TITLE = re.compile(r"\b(?:auto)?garage\w*|\bautobedrijf\b|\bcar repair\b")
# Self-employed work for clients (zzp): since 1 January 2025 the Belastingdienst enforces the rules on bogus
# self-employment (Wet DBA) again, above all in construction and care (schildersvak.nl, "Wet DBA wekt wrevel";
# dezaak.nl, "Hoe gaat de Belastingdienst controleren op schijnzelfstandigheid?"; read 2026-12-07; twentieth
# expert review: a painter who wished to work as a zzp'er for contractors heard only of the Bbz and the KVK)
_FREELANCE = re.compile(r"\b(?:zzp\w*|zelfstandige?|freelance\w*|self-employed)\b")


def freelancer(profile: Profile) -> bool:
    """Whether a wished occupation says work as a zzp'er ('zelfstandig schilder', 'zzp')."""
    return any(_FREELANCE.search(" ".join(t.casefold().split())) for t in profile.wishes.occupations)


def own_business(profile: Profile) -> WorkExperience | None:
    """Past work that was the person's own business (the intake's 'self_employed', or said in the
    title: 'eigen zaak', 'own shop', 'eigenaar'), the longest-running first; else None."""
    own = [w for w in profile.work if w.kind == "self_employed" or says_own(w.title)]
    return max(own, key=lambda w: w.years or 0) if own else None


@functools.lru_cache(maxsize=4096)
def says_own(title: str) -> bool:
    """Whether a job title says it was the person's own business (``_OWN_BUSINESS``), memoised: the plan
    asks it of every row's past work, exports repeat the same titles, and the search over the cleaned
    title was some 1.4 % of a batch row (docs/scale.md, scale28)."""
    return _OWN_BUSINESS.search(" ".join(title.casefold().split())) is not None


def wished_business(profile: Profile) -> WorkExperience | None:
    """A wish to start an own business ('eigen cateringbedrijf'), as the work
    it would be (the wish's text and code); None without one. The step was read from past work only,
    and a client who wanted a business here but had worked for others got nothing on the KVK or the
    Bbz (fourteenth expert review)."""
    coded = {w.text: w.coded for w in profile.wishes.coded}
    for text in profile.wishes.occupations:
        if says_business(text):
            return WorkExperience(title=text, coded=coded.get(text), kind="self_employed")
    return None


def business_in_view(profile: Profile, *, protected: bool = False) -> tuple[WorkExperience | None, bool]:
    """The business the entrepreneurship step speaks of, and whether it is a wished new one: a wished
    business (``wished_business``) in another trade than the past one (both coded, to other ISCO minor
    groups), else the past business (``own_business``), else the wished one. A man who cleans offices here
    and wants his own cleaning firm was told to start his Sudanese phone-card shop again (twenty-fifth
    review). Under temporary protection only a past one (its step says self-employment is no route)."""
    past = own_business(profile)
    wished = None if protected else wished_business(profile)
    if wished is None:
        return past, False
    if past is None or _other_trade(past, wished):
        return wished, True
    return past, False


def _other_trade(past: WorkExperience, wished: WorkExperience) -> bool:
    """Whether a wished business is in another trade than the past one: both coded, to other ISCO minor
    groups (3 digits). Uncoded, the wish may be the same business again ('eigen zaak weer'); either coded
    to a manager (major group 1) is the coder's reading of a business ('eigen cateringbedrijf' to ISCO
    1412: ``business_wish``; 'eigen autogarage' to 1439), which says nothing of its trade."""
    a, b = past.coded, wished.coded
    if a is None or b is None or a.isco.startswith("1") or b.isco.startswith("1"):
        return False
    return a.isco[:3] != b.isco[:3]


def business_regulated(index: SuggestIndex, work: WorkExperience) -> str | None:
    """The regulated profession (not a protected title only) an own business was in: a dental
    practice may not open again before the dentist's recognition. None otherwise."""
    code = work.coded
    if code is None:
        return None
    rid = index.reg_by_uri.get(code.uri) or group_profession(index, code.uri, code.isco)
    return rid if rid is not None and not index.regulated[rid].title_only else None


def business_step(
    index: SuggestIndex,
    work: WorkExperience,
    *,
    protected: bool = False,
    wish: bool = False,
    freelance: bool = False,
) -> tuple[Text, Text]:
    """The step's text and reason for ``work``, an own business (``own_business``). A dentist's own
    practice was offered a restart through the Bbz and the KVK with nothing about the BIG route:
    for a regulated profession the text adds that a practice opens only after the recognition.
    ``protected``: the person is under temporary protection, who lives on the Regulation's
    allowance (leefgeld), not on bijstand, and whose work-permit exemption covers paid employment
    only: the text says so instead of offering the Bbz (eighth expert review). ``wish``: ``work`` is
    a wished business (``wished_business``), to start, not to start again. ``freelance``: the person
    wishes work as a zzp'er (``freelancer``): the text adds the rules on bogus self-employment."""
    if protected:
        return _x("s_own_business_temporary"), _x("s_own_business_temporary_reason", title=work.title)
    text: Text = _x("s_own_business_new" if wish else "s_own_business")
    if work.coded is not None and work.coded.isco.startswith(_HOSPITALITY):
        home = _HOME_FOOD.search(" ".join(work.title.casefold().split()))
        text = _x(
            "join", items=then(text, _x("s_own_business_home_food" if home else "s_own_business_hospitality"))
        )
    elif work.coded is not None and (
        work.coded.isco.startswith(_GOODS_TRANSPORT) or work.coded.uri in _GOODS_TRANSPORT_URIS
    ):
        text = _x("join", items=then(text, _x("s_own_business_goods_transport")))
    elif _is_garage(work):
        text = _x("join", items=then(text, _x("s_own_business_garage")))
    if freelance:
        text = _x("join", items=then(text, _x("s_own_business_freelance")))
    closed = business_regulated(index, work)
    if closed is not None:
        reg = index.regulated[closed]
        key = "s_own_business_regulated_exam" if reg.by_exam else "s_own_business_regulated"  # Dutch papers
        extra = _x(key, name=_w(reg.name_nl, reg.name_en))
        text = _x("join", items=then(text, extra))
    return text, _x("s_own_business_wish_reason" if wish else "s_own_business_reason", title=work.title)


def _is_garage(work: WorkExperience) -> bool:
    """A car garage: coded to vehicle mechanics (7231) or ESCO's manager autogaragebedrijf, or said so."""
    code = work.coded
    if code is not None and (code.isco.startswith(_GARAGE) or code.uri in _GARAGE_URIS):
        return True
    return _GARAGE_TITLE.search(" ".join(work.title.casefold().split())) is not None
