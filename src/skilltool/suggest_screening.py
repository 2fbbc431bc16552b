"""The plan's screening step for a wish to work at Defence (nineteenth review): almost every post
there, civilian ones too, is a vertrouwensfunctie that starts only after the MIVD's security screening
and a verklaring van geen bezwaar (VGB), which may be refused when a long stay abroad cannot be
checked (defensie.nl, "Veiligheidsonderzoek", read 2026-12-06). The employer is no structured answer:
the wished sector or a wished occupation's words name it."""

from __future__ import annotations

import re

from skilltool.models import Profile, Text
from skilltool.suggest_texts import x as _x

# the words a caseworker types for the employer (Dutch and English); "leger" alone is left out:
# it is also a past employer abroad ("radiotechnicus leger"), and a wish names Defence by name
_DEFENCE = re.compile(r"\b(defensie|defence|defense|krijgsmacht|armed forces)\b", re.IGNORECASE)


def screening_step(profile: Profile) -> tuple[Text, Text] | None:
    """The step when a wished sector or wished occupation names Defence, else None."""
    wishes = (*profile.wishes.sectors, *profile.wishes.occupations)
    if not any(_DEFENCE.search(w) for w in wishes):
        return None
    return _x("s_screening_defence"), _x("s_screening_defence_reason")
