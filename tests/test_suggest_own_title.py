"""``suggest_business.says_own``: the memoised reading of a past job's title as an own business."""

from __future__ import annotations

import pytest

from skilltool import suggest_business
from skilltool.models import Personal, Profile, WorkExperience

TITLES = [
    ("Mijn EIGEN   zaak in telefoonkaarten", True),
    ("had een eigen\twerkplaats voor fietsen", True),
    ("zzp klusjesman", True),
    ("medewerker in andermans zaak", False),
    ("eigenwijze kok", False),
    ("", False),
]


@pytest.mark.parametrize(("title", "own"), TITLES)
def test_says_own_is_the_rule_on_the_cleaned_title(title: str, own: bool) -> None:
    """The memo answers what the rule answers on the title cased and spaced as written, the first
    time and when asked again (a hit)."""
    rule = suggest_business._OWN_BUSINESS.search(" ".join(title.casefold().split())) is not None
    assert rule is own
    assert suggest_business.says_own(title) is own
    assert suggest_business.says_own(title) is own


def test_own_business_reads_the_title_or_the_kind() -> None:
    """The longest-running own business: by its kind or by its title, never an employee's job."""
    work = [
        WorkExperience(title="medewerker in andermans zaak", years=9),
        WorkExperience(title="Eigen  zaak in telefoonkaarten", years=3),
        WorkExperience(title="schoenen repareren", years=5, kind="self_employed"),
    ]
    profile = Profile(personal=Personal(client_ref="A"), work=work)
    found = suggest_business.own_business(profile)
    assert found is not None and found.title == "schoenen repareren"
    profile = Profile(personal=Personal(client_ref="A"), work=work[:1])
    assert suggest_business.own_business(profile) is None
