"""Occupation and skill coding on the tiny ESCO fixture: normalisation, scoring rules, aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from skilltool import coding_support, coding_weights, datatools, label_index, occupations, textnorm
from skilltool.errors import DataFileError, NotFoundError
from skilltool.models import Candidate, CodingResult, IscoGroupDetails, OccupationDetails
from skilltool.occupation_data import short_form, without_level_note
from skilltool.occupations import OccupationCoder, SkillCoder, needs_review
from skilltool.reference import ReferenceData

OCC = "http://data.europa.eu/esco/occupation/"
# The tiny fixture's URIs are short words; aliases need real ESCO-shaped URIs, so the alias tests
# write an occupations file whose URIs are rewritten to this form.
HAIRDRESSER = OCC + "099c6bb0-22d3-4c5d-8bf5-70910af381ef"


@pytest.fixture
def ref(tiny_data: Path) -> ReferenceData:
    return ReferenceData(tiny_data)


@pytest.fixture
def coder(ref: ReferenceData) -> OccupationCoder:
    return OccupationCoder.from_reference(ref)


# --- normalisation -----------------------------------------------------------------------------


def test_clean_folds_case_accents_and_punctuation() -> None:
    """Case, accents, Turkish dotless i and punctuation fold to plain lowercase words."""
    assert textnorm.clean("  Éléctricien (M/V)!! ") == "electricien m v"
    assert textnorm.clean("ŞOFÖR") == "sofor"
    assert textnorm.clean("Kasap ustası") == "kasap ustasi"
    assert textnorm.clean("zzp'er") == "zzper"


def test_clean_folds_arabic_and_persian_variants() -> None:
    """Persian yeh/keheh equal Arabic yeh/kaf; ZWNJ, tatweel and diacritics (harakat) vanish."""
    assert textnorm.clean("خیاط") == textnorm.clean("خياط")
    assert textnorm.clean("لوله\u200cکش") == textnorm.clean("لولهكش")
    assert textnorm.clean("نجّار") == textnorm.clean("نجار")
    assert textnorm.clean("نجـــار") == textnorm.clean("نجار")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik werkte 10 jaar als kapper in Syrië", "kapper"),
        ("ik heb 5 jaar gewerkt als schoonmaakster", "schoonmaakster"),
        ("ik was lasser", "lasser"),
        ("worked as a nurse for 3 years", "nurse"),  # "for" with the duration
        ("i was a teacher for ten years", "teacher"),  # a duration in words ("years" was early years)
        ("ik was tien jaar kapper", "kapper"),
        ("een paar maanden schoonmaker", "schoonmaker"),
        ("bakker met eigen bedrijf", "bakker"),
        ("Lasser (m/v) fulltime", "lasser"),
        ("chauffeur uit Eritrea", "chauffeur"),
        ("business manager", "business manager"),
        ("ik ben timmerman van beroep", "timmerman"),
        ("in Syrië lasser geweest", "lasser"),
        ("chauffeur uit Saudi Arabië", "chauffeur"),
        ("medewerker in de bouw", "medewerker in de bouw"),
        # the level goes; a subject teacher without a school is a secondary one (the school added)
        ("leraar wiskunde (2e graads)", "leraar wiskunde voortgezet onderwijs"),
        ("eerstegraads docent wiskunde", "docent wiskunde"),
        ("leraar Frans", "leraar frans moderne talen voortgezet onderwijs"),  # the subject as ESCO names it
        ("Spanish tutor", "spanish tutor modern languages"),
        ("tolk Tigrinya", "tolk tigrinya"),  # only a teacher's language is a school subject
        ("Kotlin ontwikkelaar", "kotlin software ontwikkelaar"),  # a software stack names software
        ("COBOL programmeur (m/v)", "cobol software programmeur"),
        ("koffie barista", "koffie barista"),
    ],
)
def test_normalize_strips_filler(text: str, expected: str) -> None:
    """What people say around a title goes; the title stays (and 'business' alone is a word)."""
    assert textnorm.normalize(text) == expected


def test_strip_filler_never_empties_a_title() -> None:
    """When every word is filler, the text is kept rather than coded as nothing."""
    assert textnorm.strip_filler("fulltime") == "fulltime"


def test_tokens_drop_stopwords_unless_nothing_else() -> None:
    """Stopwords and bare numbers do not count, unless they are all there is."""
    assert textnorm.tokens("medewerker in de bouw 2") == ["medewerker", "bouw"]
    assert textnorm.tokens("de") == ["de"]


def test_query_filler_words_are_dropped() -> None:
    """How people talk about work (ik, was, geweest, ervaring, a country) is not part of the title."""
    assert textnorm.tokens("was ik leraar") == ["leraar"]
    assert textnorm.tokens("ervaring als kapper") == ["kapper"]
    assert textnorm.tokens("lasser geweest in turkije") == ["lasser"]
    assert textnorm.tokens("ervaring", "nl") == ["ervaring"]  # labels keep every word


def test_label_stopwords_follow_the_label_language() -> None:
    """An English label keeps 'van' (a vehicle); a Dutch label and a query drop it."""
    assert textnorm.tokens("van driver", "en") == ["van", "driver"]
    assert textnorm.tokens("hoofd van de afdeling", "nl") == ["hoofd", "afdeling"]
    assert textnorm.tokens("van driver") == ["driver"]


def test_context_start_finds_the_workplace() -> None:
    """Words after bij/op/at name the workplace; a leading preposition does not count."""
    assert textnorm.context_start("kok bij een restaurant") == 1
    assert textnorm.context_start("manager in meat products") is None
    assert textnorm.context_start("lasser bij de scheepswerf") == 1
    assert textnorm.context_start("bij de bouw") is None
    assert textnorm.context_start("kapper") is None


@pytest.mark.parametrize(
    "forms",
    [
        ("kapper", "kapster", "kappers", "kapsters"),
        ("leraar", "lerares"),
        ("schoonmaker", "schoonmaaksters", "schoonmaakster"),
        ("verpleegkundige", "verpleegkundigen"),
        ("chauffeur", "chauffeurs", "chauffeuse"),
        ("elektricien", "elektriciens"),
        ("nurse", "nurses"),
        ("technicus", "technici", "technica"),
    ],
)
def test_stem_joins_gender_and_plural_forms(forms: tuple[str, ...]) -> None:
    """Dutch and English gendered and plural forms share one stem."""
    assert len({textnorm.stem(f) for f in forms}) == 1, [textnorm.stem(f) for f in forms]


def test_stem_keeps_short_words() -> None:
    """Words of three letters or fewer are their own stem (kok, bus)."""
    assert textnorm.stem("kok") == "kok"
    assert textnorm.stem("bus") == "bus"


def test_looks_binary() -> None:
    """Control and replacement characters beyond a tenth of the text mark it as binary."""
    assert textnorm.looks_binary("\x00\x01\x02ab")
    assert textnorm.looks_binary("\ufffd\ufffd\ufffdx")
    assert not textnorm.looks_binary("Syri\ufffd kapper en lasser")


# --- coding ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "isco"),
    [
        ("lasser", "7212"),
        ("Lassers", "7212"),
        ("kapster", "5141"),
        ("ik werkte 10 jaar als kapper in Syrië", "5141"),
        ("electrition", "7411"),  # a misspelling of the English alternative label
        ("onderwaterlasser", "7212"),  # an unknown compound split into modifier + known head
        ("hair stylist", "5141"),
        ("verpleegkundigen", "2221"),
    ],
)
def test_code_finds_the_occupation(coder: OccupationCoder, text: str, isco: str) -> None:
    """Exact, plural, gendered, misspelt, compound and filler-wrapped titles code correctly."""
    result = coder.code(text)
    assert result.candidates, result
    assert result.candidates[0].isco == isco, result.candidates


def test_cbs_unit_title_names_one_occupation_of_its_group(coder: OccupationCoder) -> None:
    """CBS's Dutch unit-group title is a label of the group's best-known occupation only (on every
    member the members would tie), weighted below ESCO's own labels."""
    index = coder._table.index
    found = [  # the occupations' labels, not the ISCO group's own name
        lid
        for lid, text in enumerate(index.label_text)
        if text == "Lassers" and index.label_concept[lid] < coder._table.n_occ
    ]
    assert [coder._table.uris[index.label_concept[lid]].rsplit("/", 1)[-1] for lid in found] == ["welder"]
    assert [index.label_kind[lid] for lid in found] == [coding_weights.KIND_CBS]


def test_word_cache_is_bounded_by_kept_scores(ref: ReferenceData, monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-word cache forgets everything once the rough scores it keeps pass the bound, and
    codes as before (a long tail of titles must not grow a batch worker without limit: 30,000
    distinct titles once kept 214 MB of scores there)."""
    titles = ["lasser", "kapper", "elektricien", "verpleegkundige", "lasser"]
    expected = [OccupationCoder.from_reference(ref).code(t).candidates[0].uri for t in titles]
    monkeypatch.setattr(label_index, "CONTRIB_CACHE_SIZE", 2)
    coder = OccupationCoder.from_reference(ref)
    assert [coder.code(t).candidates[0].uri for t in titles] == expected
    assert len(coder._table.index.__dict__["_cache"]) == 1  # cleared before the last title's word


def test_exact_preferred_label_scores_100_without_review(coder: OccupationCoder) -> None:
    """An exact preferred label scores 100 and needs no review; the matched label is shown."""
    result = coder.code("lasser")
    best = result.candidates[0]
    assert (best.score, best.matched, best.label) == (100.0, "lasser", "lasser")
    assert not result.needs_review
    assert result.normalized == "lasser"


def test_label_in_requested_language(coder: OccupationCoder) -> None:
    """--lang chooses the language of the candidate's label, not of the matching."""
    assert coder.code("lasser", lang="en").candidates[0].label == "welder"
    assert coder.code("welder", lang="nl").candidates[0].label == "lasser"


def test_weak_match_needs_review(coder: OccupationCoder) -> None:
    """A title that only partly matches is flagged for a person to check."""
    result = coder.code("lasser en kapper bij de gemeente Utrecht")
    assert result.candidates
    assert result.needs_review


def test_partial_match_scores_below_exact(coder: OccupationCoder) -> None:
    """Extra unknown words lower the score; the occupation stays first."""
    exact = coder.code("kapper").candidates[0]
    partial = coder.code("kapper dameskapsalon").candidates[0]
    assert partial.uri == exact.uri
    assert partial.score < exact.score


def test_workplace_words_count_less(ref: ReferenceData, monkeypatch: pytest.MonkeyPatch) -> None:
    """'lasser bij scheepswerf' is a welder with a good score: the workplace counts less."""
    coder = OccupationCoder.from_reference(ref)
    with_context = coder.code("lasser bij scheepswerf").candidates[0]
    monkeypatch.setattr(label_index, "CONTEXT_FACTOR", 1.0)
    monkeypatch.setattr(coding_support, "CONTEXT_FACTOR", 1.0)
    flat = OccupationCoder.from_reference(ref).code("lasser bij scheepswerf").candidates[0]
    assert with_context.isco == flat.isco == "7212"
    assert with_context.score > flat.score


def test_top_limits_candidates(coder: OccupationCoder) -> None:
    """--top caps the number of candidates."""
    assert len(coder.code("lasser", top=1).candidates) == 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("\x00\x01\x02\x03\x04garbage", "not text"),
        ("!!! ??? ...", "no letters"),
        ("qqqqqqq", "no ESCO label"),
    ],
)
def test_bad_input_gives_a_problem_not_an_exception(coder: OccupationCoder, text: str, problem: str) -> None:
    """Empty, blank, binary, symbol-only and unknown text: no candidates, a problem, review;
    the problem is worded in the coding language, like the labels."""
    result = coder.code(text, lang="en")
    assert result.candidates == []
    assert result.needs_review
    assert result.problem and result.problem.startswith(problem)
    dutch = coder.code(text, lang="nl").problem
    assert dutch and dutch != result.problem


def test_very_long_input_is_cut_and_still_coded(coder: OccupationCoder) -> None:
    """A 10,000-character line is coded from its start, says so, and is not echoed in full."""
    result = coder.code("lasser " + "x" * 10_000, lang="en")
    assert result.candidates[0].isco == "7212"
    assert result.problem and "longer than" in result.problem
    assert (
        coder.code("lasser " + "x" * 10_000).problem
        == f"langer dan {textnorm.MAX_CHARS} tekens: alleen het begin is gecodeerd"
    )
    assert len(result.input) <= textnorm.MAX_CHARS + 3


def test_needs_review_rules() -> None:
    """The calibrated rule: unchecked only for an exact whole label (100) with no other ISCO group
    close, not a broader group, and (for a CBS title or group name) ESCO's own labels agreeing."""

    def cand(isco: str, score: float, kind: str = "occupation") -> Candidate:
        return Candidate(uri=OCC + isco, isco=isco, label=isco, matched=isco, score=score, kind=kind)  # type: ignore[arg-type]

    assert needs_review([])
    assert needs_review([cand("7212", 60)])
    assert not needs_review([cand("7212", 100), cand("3115", 96)])
    assert needs_review([cand("7212", 100), cand("3115", 99)])
    assert needs_review([cand("7212", 90), cand("3115", 86), cand("3115", 85)])
    assert needs_review([cand("7212", 96), cand("7212", 89), cand("3115", 70)])  # not exact
    assert needs_review([cand("23", 100, "isco_group"), cand("2341", 80)])  # a family, not one code
    assert not needs_review([cand("5120", 100, "isco_group")])  # a unit group named exactly
    assert not needs_review([cand("5120", 100)], esco_isco="5120")  # CBS and ESCO agree
    assert needs_review([cand("5120", 100)], esco_isco="3434")  # they disagree


def test_index_is_cached_between_runs(ref: ReferenceData, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second coder comes from the compiled cache: the index is not rebuilt."""
    OccupationCoder.from_reference(ref)

    def fail(_: ReferenceData) -> None:
        raise AssertionError("rebuilt the index although it was cached")

    monkeypatch.setattr(occupations, "build_occupation_table", fail)
    assert OccupationCoder.from_reference(ReferenceData(ref.data_dir)).code("lasser").candidates


def test_memo_returns_the_same_answer(coder: OccupationCoder) -> None:
    """A repeated title (as in real exports) gives the same result from the memo."""
    assert coder.code("kapster") == coder.code("kapster")


@pytest.mark.parametrize("text", ["lasser", "electrition", "ik werkte 10 jaar als kapper in Syrië", "zzqx"])
def test_results_built_without_validation_are_valid(coder: OccupationCoder, text: str) -> None:
    """The coder builds its results with ``models.base.construct`` and its candidates with
    ``built`` (no validation, for speed): every field is set, and validating the dump gives back
    an equal model."""
    result = coder.code(text, top=5)
    assert result.model_fields_set == set(CodingResult.model_fields)
    assert all(c.model_fields_set == set(Candidate.model_fields) for c in result.candidates)
    assert CodingResult.model_validate(result.model_dump()) == result


# --- aliases -----------------------------------------------------------------------------------


def _with_real_uri(data: Path) -> None:
    """Give the tiny hairdresser an ESCO-shaped URI so an alias can point at it."""
    path = data / "occupations.yaml"
    path.write_text(path.read_text("utf-8").replace(OCC + "hairdresser", HAIRDRESSER), "utf-8")


def _write_aliases(data: Path, body: str) -> None:
    (data / "occupation_aliases.yaml").write_text("version: 1\naliases:\n" + body, "utf-8")


ALIAS_OK = f"""\
  - alias: "hallaq"
    language: ar-Latn
    uri: {HAIRDRESSER}
    esco_label: "hairdresser"
    note: "Arabic ḥallāq: barber."
  - alias: "آرایشگر"
    language: fa
    uri: {HAIRDRESSER}
    esco_label: "hairdresser"
    note: "Persian: hairdresser."
"""


def test_aliases_code_to_their_occupation(tiny_data: Path) -> None:
    """A curated alias (romanised Arabic, Persian script) codes to its occupation, matched as itself."""
    _with_real_uri(tiny_data)
    _write_aliases(tiny_data, ALIAS_OK)
    ref = ReferenceData(tiny_data)
    assert occupations.check_aliases(ref) == 2
    coder = OccupationCoder.from_reference(ref)
    for text in ("hallaq", "Hallaq (m/v)", "آرایشگر", "ارايشگر"):
        best = coder.code(text).candidates[0]
        assert best.uri == HAIRDRESSER, text
    assert coder.code("hallaq").candidates[0].matched == "hallaq"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (ALIAS_OK.replace(HAIRDRESSER, OCC + "00000000-0000-0000-0000-000000000000"), "not an occupation"),
        (ALIAS_OK.replace('esco_label: "hairdresser"', 'esco_label: "barber"', 1), "English label"),
        (ALIAS_OK.replace("    note:", "    source: x\n    note:", 1), "unknown key"),
        (ALIAS_OK.replace("language: fa", "language: xx"), "language"),
    ],
)
def test_alias_errors_are_one_line(tiny_data: Path, body: str, message: str) -> None:
    """A wrong URI, label, key or language in the aliases file is one line naming the entry."""
    _with_real_uri(tiny_data)
    _write_aliases(tiny_data, body)
    with pytest.raises(DataFileError) as info:
        occupations.check_aliases(ReferenceData(tiny_data))
    assert message in info.value.message
    assert "occupation_aliases.yaml" in info.value.message
    assert "\n" not in info.value.message


def test_aliases_registered_as_curated_file(tiny_data: Path) -> None:
    """`data info` and `data validate` cover the aliases file through datatools.curated_files()."""
    assert datatools.curated_files()["occupation_aliases.yaml"] is occupations.check_aliases


def test_committed_aliases_are_valid() -> None:
    """The repository's aliases file loads and every URI and label matches occupations.yaml."""
    assert occupations.check_aliases(ReferenceData()) >= 200


# --- show --------------------------------------------------------------------------------------


def test_describe_occupation_by_uri_code_and_id(ref: ReferenceData) -> None:
    """An occupation is found by URI, by its last part, or by ESCO code, with skills and tightness."""
    for key in (OCC + "electrician", "electrician", "7411.1"):
        found = occupations.describe(ref, key, lang="en")
        assert isinstance(found, OccupationDetails)
        assert found.uri == OCC + "electrician"
    details = occupations.describe(ref, "electrician", lang="en")
    assert isinstance(details, OccupationDetails)
    assert [s.label for s in details.essential] == ["install electric wiring"]
    assert [s.label for s in details.optional] == ["use welding equipment"]
    assert details.tightness.now is not None and details.tightness.now.category == "zeer krap"
    assert details.tightness.now.period == "2022Q2"
    assert details.tightness_text == (
        "very tight (UWV, 2022Q2, second-hand, older than 8 quarters); to 2030: very large bottlenecks (ROA)"
    )


def test_describe_isco_group(ref: ReferenceData) -> None:
    """An ISCO-08 code lists its occupations with the tightness of their BRC groups."""
    details = occupations.describe(ref, "7212", lang="nl")
    assert isinstance(details, IscoGroupDetails)
    assert [o.label for o in details.occupations] == ["lasser"]
    assert details.label == "Lassers"


def test_describe_unknown_raises_not_found(ref: ReferenceData) -> None:
    """An unknown key is a NotFoundError that says how to search by name."""
    with pytest.raises(NotFoundError, match="occupation code"):
        occupations.describe(ref, "9999")


# --- skills ------------------------------------------------------------------------------------


def test_skill_coder(ref: ReferenceData) -> None:
    """Skills code in English and, where ESCO has them, Dutch labels."""
    skills = SkillCoder.from_reference(ref)
    assert skills.code("cutting hair", lang="en").candidates[0].skill_id == "cut"
    result = skills.code("haren knippen", lang="nl")
    assert result.candidates[0].label == "haar knippen"
    assert skills.code("").problem == "leeg: niets te coderen"
    assert skills.code("qqqqqqq", lang="en").problem == (
        "no ESCO skill label shares a word with this text; check the spelling, or say it in English"
        " (most ESCO skills have an English name only)"
    )


def test_compound_with_a_short_head_codes_to_its_head() -> None:
    """An unknown compound whose last part is a three-letter whole label (*kazernekok* -> *kok*)
    splits into modifier + head, instead of meeting a word that shares its modifier."""
    index = occupations.LabelIndex(
        [(0, "kok", 1.0, "nl"), (1, "kazernewachter", 1.0, "nl"), (2, "kokosnootplukker", 1.0, "nl")]
    )
    assert index.search(["kazernekok"], lang="nl", limit=3)[0][0] == 0
    assert index._split("kazernevet") == []  # a three-letter head that is no whole label: no split


def test_role_word_outweighs_its_subject(monkeypatch: pytest.MonkeyPatch) -> None:
    """In "docent wiskunde" the role word names the occupation: with ROLE_FACTOR a teacher's label
    wins over the subject's own (short) label, which wins without it."""
    entries = [
        (0, "wiskunde", 1.0, "nl"),
        (1, "docent wiskunde hoger onderwijs", 1.0, "nl"),
        (2, "docent koken", 1.0, "nl"),
        (3, "docent muziek", 1.0, "nl"),
        (4, "docent techniek", 1.0, "nl"),
        (5, "docent zorg", 1.0, "nl"),
    ]
    assert occupations.LabelIndex(entries).search(["docent", "wiskunde"], lang="nl", limit=1)[0][0] == 1
    monkeypatch.setattr(label_index, "ROLE_FACTOR", 1.0)
    assert occupations.LabelIndex(entries).search(["docent", "wiskunde"], lang="nl", limit=1)[0][0] == 0


def test_sources_agree_needs_a_near_exact_uncontested_occupation() -> None:
    """``sources_agree``: the best candidate is an occupation scoring at least REVIEW_AGREE, in
    the unit group CBS's best title names, with no other unit group within REVIEW_MARGIN."""
    from skilltool.occupation_review import sources_agree

    best = ("5141", coding_weights.REVIEW_AGREE + 1, False)
    assert sources_agree([best, ("5142", 50.0, False)], "5141")
    assert not sources_agree([best, ("5142", 50.0, False)], "5142")  # CBS names another group
    assert not sources_agree([best], None)  # no CBS title or group name matched
    assert not sources_agree([("5141", coding_weights.REVIEW_AGREE - 1, False)], "5141")
    assert not sources_agree([best, ("5142", best[1] - 1, False)], "5141")  # a close rival
    assert not sources_agree([("5141", 99.0, True)], "5141")  # a group, not an occupation


def test_clear_label_is_sources_agree_with_the_ngrams_as_second_source() -> None:
    """``review_title``'s ``clear_label``: a Dutch ESCO label of an occupation at REVIEW_AGREE or
    more, no other unit group within REVIEW_MARGIN, no CBS title or group concept found, and the
    n-gram best in its unit group; the n-gram scorer is asked only when everything else holds."""
    from types import SimpleNamespace

    from skilltool.occupation_review import review_title

    iscos = ["5141", "5142", "5141", "5"]  # three occupations, then a group concept
    index = SimpleNamespace(
        label_lang=["nl", "en", "nl", "nl"],
        label_concept=[0, 0, 1, 3],
        label_kind=[coding_weights.KIND_ALT] * 4,
    )
    asked: list[int] = []

    def ngrams(best: int, cosine: float = 0.5) -> object:
        def load() -> object:
            asked.append(best)
            return SimpleNamespace(
                rank=lambda words, limit, floor: [(best, cosine)] if cosine >= floor else []
            )

        return load

    score = coding_weights.REVIEW_AGREE + 1  # under REVIEW_NEAR: a plural, a word more
    rival = (1, score - coding_weights.REVIEW_MARGIN - 1, 2)

    def clear(
        hits: list[tuple[int, float, int]], found: list[tuple[int, float, int]] | None = None, **kw: object
    ) -> bool:
        args = {"words": ["kapster"], "lang": "nl", "ngrams": ngrams(2), **kw}
        return not review_title(index, iscos, 3, found or hits, hits, **args)  # type: ignore[arg-type]

    assert clear([(0, score, 0), rival])
    assert not clear([(0, score, 0), (1, score - coding_weights.REVIEW_MARGIN + 1, 2)])  # a rival near
    assert not clear([(0, score, 0)], [(0, score, 0), (3, 50.0, 3)])  # a CBS title or group matched
    assert not clear([(0, coding_weights.REVIEW_AGREE - 1, 0)])  # not near-exact
    assert not clear([(0, score, 1)])  # an English label
    assert not clear([(0, score, 0)], lang="en")
    assert not clear([(0, score, 0)], ngrams=ngrams(1))  # the n-gram best in another unit group
    assert not clear([(0, score, 0)], ngrams=ngrams(0, coding_weights.NGRAM_CLEAR / 2))  # too unlike
    asked.clear()
    assert not clear([(0, score, 0), (1, score, 2)])
    assert not asked  # decided without loading the scorer


def test_score_floor_by_kind_of_label() -> None:
    """``score_floor``: an exact whole label in general; an occupation's own preferred label or
    alias near-exactly; a Dutch CBS title (a group concept's label) down to REVIEW_AGREE in a
    Dutch title, where ``review`` then needs ESCO's best occupation in its unit group."""
    from types import SimpleNamespace

    from skilltool.occupation_review import score_floor

    kinds = [coding_weights.KIND_ALT, coding_weights.KIND_PREFERRED, coding_weights.KIND_CBS_TITLE]
    index = SimpleNamespace(label_kind=[*kinds, coding_weights.KIND_GROUP], label_lang=["nl"] * 4)
    assert score_floor(index, -1, False, "nl") == coding_weights.REVIEW_EXACT  # type: ignore[arg-type]
    assert score_floor(index, 0, False, "nl") == coding_weights.REVIEW_EXACT  # type: ignore[arg-type]
    assert score_floor(index, 1, False, "en") == coding_weights.REVIEW_NEAR  # type: ignore[arg-type]
    assert score_floor(index, 2, True, "nl") == coding_weights.REVIEW_AGREE  # type: ignore[arg-type]
    assert score_floor(index, 2, True, "en") == coding_weights.REVIEW_EXACT  # type: ignore[arg-type]
    assert score_floor(index, 3, True, "nl") == coding_weights.REVIEW_EXACT  # type: ignore[arg-type]


def test_one_unit_group_needs_an_exact_esco_label_and_cbs_agreeing() -> None:
    """``one_unit_group``: ESCO's best occupation scores at least an exact stem and the best
    CBS title or group name (a concept from ``n_occ`` on) has its unit group."""
    from skilltool.occupation_rules import one_unit_group

    iscos = ["7131", "7132", "7131", "7"]  # two occupations, then two group concepts
    assert one_unit_group(iscos, 2, [(0, 96.5, 0), (2, 70.0, 1)])
    assert not one_unit_group(iscos, 2, [(0, 90.0, 0), (2, 70.0, 1)])  # ESCO's label not exact
    # an alternative label's plural scores under an exact stem, but the title is that label
    assert one_unit_group(iscos, 2, [(0, 91.7, 0), (2, 70.0, 1)], frozenset({0}))
    assert not one_unit_group(iscos, 2, [(1, 96.5, 0), (2, 70.0, 1)])  # another unit group
    assert not one_unit_group(iscos, 2, [(0, 96.5, 0), (3, 70.0, 1)])  # CBS names a broader group
    assert not one_unit_group(iscos, 2, [(0, 96.5, 0)])  # no CBS title matched


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("hulp lange zware dingen (lzd)", "hulp lzd"),
        ("helper grond-, weg- en waterwerk (gww)", "helper gww"),  # hyphens and linking words
        ("kort gezegd (kg) medewerker", "kg medewerker"),  # the abbreviation first
        ("project advies (pa)-medewerker", "pa medewerker"),
        ("wever (machinaal)", None),  # a qualifier, not an abbreviation
        ("lange zware dingen (lzd)", None),  # nothing but the abbreviation would be left
        ("hulp lange zware dingen (xyz)", None),  # not the words' initials
    ],
)
def test_short_form_of_a_cbs_title(title: str, short: str | None) -> None:
    assert short_form(title) == short


@pytest.mark.parametrize(
    ("title", "bare"),
    [
        ("tig-lasser (niveau 1&2)", "tig-lasser"),
        ("cnc-frezer (inclusief programmeren)", "cnc-frezer"),
        ("medewerker bosbouw (geschoold)", None),  # a level that tells groups apart
        ("wever (machinaal)", None),  # a kind of the work
        ("stukadoor (sierpleister)", None),  # any other note
    ],
)
def test_a_cbs_title_without_its_level_note(title: str, bare: str | None) -> None:
    assert without_level_note(title) == bare


def test_the_second_opinion_is_built_from_each_occupations_labels(coder: OccupationCoder) -> None:
    """The n-gram opinion's documents are derived from the index when it is built (not kept in
    the table): one per occupation, none for an ISCO-08 group, and each occupation's own
    preferred label ranks it first."""
    table = coder._table
    documents = table.documents()
    assert len(documents) == table.n_occ == len(set(table.uris[: table.n_occ]))
    assert all(documents)  # every occupation has at least its preferred label
    scorer = coder.ngrams
    assert scorer is not None
    for concept in range(table.n_occ):
        words = textnorm.clean(table.label_en[concept]).split()
        assert scorer.rank(words, 1)[0][0] == concept
