"""The plan's screening step for a wish to work at Defence (nineteenth review): almost every post
there, civilian ones too, is a vertrouwensfunctie that starts only after the MIVD's security screening
and a verklaring van geen bezwaar (VGB), which may be refused when a long stay abroad cannot be
checked (defensie.nl, "Veiligheidsonderzoek", read 2026-12-06). The employer is no structured answer:
the wished sector or a wished occupation's words name it.

Work in the protected areas of an airport (Schiphol's baggage halls and platforms) asks a VGB too, from the
AIVD after its security screening, which goes deeper than a VOG (ftwadvocaten.nl, "Schipholpas en strafblad");
every stay abroad of over a month is looked into, always one in a country with an armed conflict, and where no
inquiry can be made there more information is asked of the person (aivd.nl, "Verblijf in het buitenland");
a VGB for Schiphol was refused when the data on twenty months abroad could not be had (Rechtbank Amsterdam,
ECLI:NL:RBAMS:2019:702; all read 2026-12-07). Twenty-sixth review: an Afghan who came through Iran and Turkey,
wishing to load suitcases at Schiphol, read nothing of it."""

from __future__ import annotations

import re

from skilltool.models import Profile, Text
from skilltool.suggest_texts import x as _x

# the words a caseworker types for the employer (Dutch and English); "leger" alone is left out:
# it is also a past employer abroad ("radiotechnicus leger"), and a wish names Defence by name
_DEFENCE = re.compile(r"\b(defensie|defence|defense|krijgsmacht|armed forces)\b", re.IGNORECASE)
# an airport by name or by the words for one ("vliegveld", "luchthaven"), as a wish says it
_AIRPORT = re.compile(r"\b(schiphol|luchthaven\w*|vliegveld\w*|airports?)\b", re.IGNORECASE)


def screening_step(profile: Profile) -> tuple[Text, Text] | None:
    """The step when a wished sector or wished occupation names Defence or an airport, else None."""
    wishes = (*profile.wishes.sectors, *profile.wishes.occupations)
    if any(_DEFENCE.search(w) for w in wishes):
        return _x("s_screening_defence"), _x("s_screening_defence_reason")
    if any(_AIRPORT.search(w) for w in wishes):
        return _x("s_screening_airport"), _x("s_screening_airport_reason")
    return None
