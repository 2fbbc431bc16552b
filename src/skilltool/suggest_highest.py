"""Which foreign diploma the action plan takes for the highest (docs/advice.md, section 5): the
table's indication, or a degree qualifier in its name ('Yüksek Lisans', 'Magistr'), or, below any
known bachelor, a degree by its name alone ('Doctor of Dental Surgery', 'MBBS': sixth expert review).
Only the order: no level is shown from a name."""

from __future__ import annotations

import re
from functools import lru_cache

from skilltool.models import Education

_QUALIFIER_RANK = {"doctorate": 8, "master": 7, "specialist": 7}
_DEGREE_RANK = 5  # above secondary school (NLQF 4), below a bachelor the table knows (6)
_LAST_SCHOOL_GRADE = 12  # the main origin countries' secondary certificate (as SHORT_SCHOOLING below)
# school years short of a full secondary course: the main origin countries award their secondary
# certificate after 12 (project assumption from the table's countries; Nuffic pages in data/)
SHORT_SCHOOLING = 10


@lru_cache(maxsize=4096)
def _named_rank(qualification: str) -> int:
    """The rank of the degree qualifier in a diploma's name (0: none). Memoised: a batch repeats
    the same diploma names, and finding the qualifiers normalises the name and runs four patterns
    (measured: a fifth of the action plan's time)."""
    # lazy: the diploma modules add ~0.28 s to importing suggest (-X importtime); read only for
    # foreign diplomas
    from skilltool.diploma_names import grade_numbers, names_a_degree, qualifiers

    ranked = max((_QUALIFIER_RANK.get(q, 0) for q in qualifiers(qualification)), default=0)
    # a degree by its name (bachelor, 'Doctor of Dental Surgery') outranks a secondary certificate
    # (NLQF 4) the table knows, never a known degree: only the order, no level is shown from it; so
    # does a school year past the twelfth ('grade 14': two years after secondary school)
    after_school = max(grade_numbers(qualification), default=0) > _LAST_SCHOOL_GRADE
    return ranked or (_DEGREE_RANK if names_a_degree(qualification) or after_school else 0)


def degree_key(edu: Education) -> tuple[int, int, bool, float]:
    """Which diploma is the highest: the table's indication, or a degree qualifier in its name
    (a 'Yüksek Lisans' without an indication still outranks the 'Lisans' with one)."""
    named = _named_rank(edu.qualification)
    hi = edu.indication.nlqf_max if edu.indication else 0
    lo = edu.indication.nlqf_min if edu.indication else 0
    return (max(hi, named), max(lo, named), edu.completed is not False, edu.years or 0)


def known_level(edu: Education) -> bool:
    """Whether the table or a degree qualifier gives ``edu`` a level (not a degree word alone)."""
    return edu.indication is not None or _named_rank(edu.qualification) > _DEGREE_RANK


def below_dutch(education: list[Education], held: int = 0) -> list[Education]:
    """The foreign diplomas a finished Dutch diploma already covers: a known level at or below
    its level, or, beside a Dutch diploma at NLQF 4 or more, schooling without a level or a degree
    word (sixteenth review: an mbo-4 graduate was sent to IDW, and to EVC for missing papers, for
    the school years she did before it). Evaluating them tells an employer nothing the Dutch
    diploma does not.

    Beside a Dutch mbo-2 or mbo-3 diploma (a startkwalificatie: an mbo diploma at level 2 or more,
    or havo or vwo; UWV, Beleidsregels proefplaatsing 2013), schooling without a level or a degree
    word of at most ``SHORT_SCHOOLING`` years is covered too (eighteenth review: a gardener with a
    Dutch mbo-2 was sent to IDW, paid, and to EVC for his herding, for eight school years in
    Eritrea).

    ``held``: the NLQF level of a Dutch diploma held as a certificate (``RegInfo.dutch_nlqf``: the
    SVPB's Beveiliger, issued only with the mbo-2 diploma), which covers the same (twenty-fifth review: a
    guard with it was sent to IDW, paid, and to EVC towards shelf stacking, for nine school years)."""
    dutch = max(
        (e.indication.nlqf_min for e in education if e.country == "NL" and e.completed and e.indication),
        default=0,
    )
    dutch = max(dutch, held)
    if not dutch:
        return []
    return [
        e
        for e in education
        if e.country != "NL"
        and (
            degree_key(e)[0] <= dutch
            if known_level(e)
            else _named_rank(e.qualification) == 0
            and (dutch >= 4 or (dutch >= 2 and e.years is not None and e.years <= SHORT_SCHOOLING))
        )
    ]


_ISK = re.compile(r"(?<![^\W_])(?:isk|internationale schakelklas)(?![^\W_])", re.IGNORECASE)


def newcomers_class(edu: Education, years_old: int | None) -> bool:
    """Whether ``edu`` is an ISK (internationale schakelklas) of a person of 18 or more: school for newcomers
    of 12 to 18 (koersvo.nl, iskw.nl, read 2026-12-07), which prepares for further school and gives no
    diploma. Past 18 no one is in it: it is not a programme to finish (twenty-fourth review: a man of 20 who
    left it was told to finish it, and lost the onderwijsroute's step)."""
    return years_old is not None and years_old >= 18 and _ISK.search(edu.qualification) is not None
