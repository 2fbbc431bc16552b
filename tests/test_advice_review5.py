"""Advice rules from the fifth expert review (docs/advice.md, "Fifth expert review"): a certificate
under the name on its paper ('VCA basis') counts; an exact wished label names the occupation the
coder is sure of; an unfinished study is no diploma for IDW; with levels unknown the plan does not
say which diploma is the highest; a Dutch programme in progress comes first; a protected title
(architect) does not close the work; the Wpbr, the childcare register, the seafarer's certificate
and the specialists' register are named where they apply; 'Bachelor of Arts' is no doctor."""

from __future__ import annotations

from skilltool import diplomas, suggest
from skilltool.diploma_routes import mentions_care
from skilltool.models import Profile, Words, say
from tests.test_personas import _ref
from tests.test_personas import persona as _persona


def _plan(profile: Profile, lang: str = "nl") -> dict[str, tuple[str, str]]:
    result = suggest.suggest(profile, ref=_ref(), top=10, lang=lang)  # type: ignore[arg-type]
    return {n.action: (say(n.text, lang), say(n.reason, lang)) for n in result.next_steps}


def _regulated_id(label_en: str) -> str | None:
    index = _ref().suggest_index
    uri = next(c.uri for c in index.cands if c.label_en == label_en)
    return index.reg_by_uri.get(uri)


def test_a_certificate_under_the_name_on_its_paper_counts() -> None:
    """'VCA basis' (and B-VCA, VOL-VCA) is the VCA a construction job asks for: the labourer who holds
    it was told to obtain VCA. The same profile with no certificate still gets the step."""
    profile = _persona("iraqi_labourer_vca_forklift_certificates")
    assert "VCA basis" in profile.certificates
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="nl")
    assert not [s.label for s in (*result.suggestions, *result.own_trade) if "VCA" in s.certificates_missing]
    assert "certificates" not in {n.action for n in result.next_steps}
    for name in ("B-VCA", "VOL-VCA"):
        other = profile.model_copy(update={"certificates": [name]})
        assert "certificates" not in _plan(other), name
    bare = profile.model_copy(update={"certificates": []})
    assert _plan(bare)["certificates"][0].startswith("Haal VCA"), _plan(bare)["certificates"]


def test_an_exact_wished_label_names_the_occupation_the_coder_is_sure_of() -> None:
    """'apotheker' is the pharmacist's label and a Dutch alternative label of a medical goods shop
    manager and seller: with the coder sure of the pharmacist, the wish is the pharmacist only (the
    plan's learn-work step went to shop management 'as wished'). Without the coding, every
    occupation with that label still counts (older profiles)."""
    profile = _persona("syrian_22_unfinished_pharmacy_studies")
    result = suggest.suggest(profile, ref=_ref(), top=10, lang="en")
    own = {s.isco for s in result.own_trade}
    assert "2262" in own and "1420" not in own, own
    uncoded = profile.model_copy(update={"wishes": profile.wishes.model_copy(update={"coded": []})})
    before = suggest.suggest(uncoded, ref=_ref(), top=10, lang="en")
    assert "1420" in {s.isco for s in before.own_trade}


def test_an_unfinished_study_is_no_diploma_for_the_evaluation() -> None:
    """Two of five years of pharmacy are no diploma: IDW evaluates the finished secondary diploma, and
    the reason names the opleidingswaardering for the unfinished studies. With only the unfinished
    study recorded, the step itself is the opleidingswaardering."""
    profile = _persona("syrian_22_unfinished_pharmacy_studies")
    text, reason = _plan(profile)["diploma_evaluation"]
    assert "Shahadat al-Thanawiya al-Amma" in text and "Bachelor in Pharmacy" not in text, text
    assert "'Bachelor in Pharmacy' is niet afgerond" in reason and "opleidingswaardering" in reason, reason
    only = profile.model_copy(update={"education": [e for e in profile.education if e.completed is False]})
    text, _ = _plan(only, "en")["diploma_evaluation"]
    assert text.startswith("Ask IDW for an opleidingswaardering") and "Bachelor in Pharmacy" in text, text


def test_with_levels_unknown_the_plan_does_not_name_the_highest_diploma() -> None:
    """Iraq is not in the diploma table: the surgeon's MBChB and his specialist board have no level, and
    the plan said the MBChB 'is the highest diploma'. It now says that is not known here."""
    _, reason = _plan(_persona("iraqi_surgeon_specialist_board"), "en")["diploma_evaluation"]
    assert "is not known here" in reason and "is the highest diploma" not in reason, reason


def test_a_specialist_is_told_about_the_specialists_register() -> None:
    """A specialist needs BIG registration and a register of the RGS (knmg.nl): the route says so."""
    text, _ = _plan(_persona("iraqi_surgeon_specialist_board"), "en")["recognition"]
    assert "BIG registration" in text and "RGS (KNMG)" in text, text


def test_a_dutch_programme_in_progress_comes_first() -> None:
    """Halfway a Dutch mbo-3 BBL programme: finishing it is the first step; no EVC, no new education
    route; the work experience is within the programme."""
    plan = _plan(_persona("eritrean_mbo3_bbl_in_progress"))
    actions = list(plan)
    assert actions[0] == "education" and "evc" not in plan, actions
    assert plan["education"][0].startswith("Maak de lopende Nederlandse opleiding af ('mbo-3 Verzorgende IG")
    assert plan["work_experience"][0].startswith("Werkervaring binnen de opleiding"), plan["work_experience"]


def test_a_protected_title_does_not_close_the_work() -> None:
    """Wet op de architectentitel: the title is protected, not the work. The recognition step said the
    work 'cannot be practised independently' without registration; and the other three titles
    (landscape architect, urban planner, interior architect) carry the same route."""
    _, reason = _plan(_persona("iranian_architect_master"), "en")["recognition"]
    assert "the work is open, but not under the title architect" in reason, reason
    assert "cannot be practised" not in reason
    for label in ("architect", "interior architect", "landscape architect", "urban planner"):
        assert _regulated_id(label) == "architect", label
    assert _regulated_id("landscape designer") is None


def test_security_work_under_the_wpbr_is_never_a_direct_start() -> None:
    """Door supervisors, bodyguards, cash-transport and alarm-response guards do security work under
    the Wpbr (khn.nl, politie.nl): they share the security guard's route. A security consultant
    (advice, no guarding) does not."""
    for label in ("door supervisor", "bodyguard", "armoured car guard", "security alarm investigator"):
        assert _regulated_id(label) == "beveiliger", label
    assert _regulated_id("security consultant") is None


def test_childcare_names_the_vog_and_the_register() -> None:
    """Everyone working in childcare is in the persons register with a valid VOG (duo.nl): the route
    names it, for the caseworker to discuss; the profile records nothing about a criminal record."""
    result = suggest.suggest(_persona("somali_wish_childcare_security_vog"), ref=_ref(), top=10, lang="en")
    care = next(s for s in result.own_trade if s.isco == "5311")
    gaps = " ".join(g.render("en") for g in care.gaps)
    assert "valid VOG" in gaps and "persons register" in gaps, gaps


def test_work_on_a_fishing_vessel_needs_the_certificate_of_competency() -> None:
    """A fisheries master or boatmaster was a direct start at Dutch A1: work on board a Dutch sea-fishing
    vessel needs a seaman's book and a certificate of competency (ilent.nl, Kiwa Register)."""
    for label in ("fisheries master", "fisheries boatmaster", "fisheries boatman", "fisheries deckhand"):
        assert _regulated_id(label) == "zeevisvaart", label
    result = suggest.suggest(_persona("yemeni_fisherman_own_boat"), ref=_ref(), top=10, lang="en")
    on_board = [s for s in result.suggestions if s.isco[:4] in ("6222", "6223", "8350")]
    assert on_board and all(s.route != "direct" for s in on_board), [(s.label, s.route) for s in on_board]


def test_a_bachelor_of_arts_is_no_doctor_and_no_professional_bachelor() -> None:
    """'arts' is Dutch for doctor: a 'Bachelor of Arts in English Literature' got the BIG route. It also
    matched the Syrian five-year professional bachelor (architecture, engineering, dentistry, pharmacy,
    veterinary medicine) on 'Bachelor in Architecture'; that entry is for its fields only."""
    assert not mentions_care(["Bachelor of Arts in English Literature"])
    assert mentions_care(["arts"]) and mentions_care(["opleiding tot arts"])
    table = _ref().diplomas
    arts = diplomas.lookup(table, country="SY", text="Bachelor of Arts in English Literature", lang="en")
    assert arts.matches and arts.matches[0].entry_id == "sy-bachelor-4yr", [m.entry_id for m in arts.matches]
    assert all(m.entry_id != "sy-bachelor-5yr-professional" for m in arts.matches)
    assert not any(step.id == "big-verklaring-vakbekwaamheid" for step in arts.official_route)
    pharmacy = diplomas.lookup(table, country="SY", text="Bachelor in Pharmacy", lang="en")
    assert pharmacy.matches[0].entry_id == "sy-bachelor-5yr-professional"
    assert any(step.id == "big-verklaring-vakbekwaamheid" for step in pharmacy.official_route)


def test_work_coded_to_a_group_is_named_in_the_language_asked() -> None:
    """Work coded to an ISCO-08 group keeps the group's name in the language the profile was made
    in; suggestions in the other language named it in that one ("Inland and coastal waters fishery
    workers" in Dutch advice). The group's name now comes from the data in both languages."""
    profile = _persona("yemeni_fisherman_own_boat")
    work = profile.work[0]
    assert work.coded is not None and "/isco/C" in work.coded.uri
    english = profile.model_copy(
        update={
            "work": [
                work.model_copy(update={"coded": work.coded.model_copy(update={"label": "Fishers (en)"})})
            ]
        }
    )
    result = suggest.suggest(english, ref=_ref(), top=10, lang="nl")
    labels = [p.params["label"] for s in result.suggestions for p in s.reasons if "label" in (p.params or {})]
    assert labels, "the related-work reason names the past work"
    assert {(x.nl, x.en) if isinstance(x, Words) else x for x in labels} == {
        ("Vissers, binnen- en kustwateren", "Inland and coastal waters fishery workers")
    }
    assert "Vissers, binnen- en kustwateren" in say(result.suggestions[0].reasons[0], "nl")


def test_a_report_names_work_coded_to_a_group_in_its_own_language() -> None:
    """The report relabels stored labels in its language (``relabel.in_language``): an ESCO
    occupation by its URI, and now an ISCO-08 group by its code (it stayed as stored)."""
    from skilltool import relabel

    profile = _persona("yemeni_fisherman_own_boat")
    assert profile.texts_lang == "nl" and profile.work[0].coded is not None
    assert profile.work[0].coded.label == "Vissers, binnen- en kustwateren"
    english = relabel.in_language(profile, ref=_ref(), lang="en")
    assert english.work[0].coded is not None
    assert english.work[0].coded.label == "Inland and coastal waters fishery workers"
