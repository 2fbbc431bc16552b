"""A profile as a line of ``profiles.jsonl``: byte for byte pydantic's JSON of the ``Profile``
(``exclude_none=True``), with each shared object of its suggestions serialised once per worker.

A profile's suggestions and own trade are most of its ~47 KB and most of pydantic's time for it
(0.34 ms a profile, a fifth of a JSON Lines row's CPU). Nearly everything in them is an object
shared between suggestions and profiles and never changed in place: the sentences (``Text``,
``suggest_texts.x``), the score parts (``suggest_build``: the parts the same for everyone and
those shared per set of inputs) and a candidate's tightness. ``ProfileJson`` keeps the JSON of
each such object and writes a suggestion's own fields around them; the rest of the profile is
pydantic's. The profile's skills (nearly all derived from an occupation: entries shared between
profiles, ``profile_sources._derived_skills``) are written from the same memo, and its next steps
around their memoised texts: pydantic spent a third of the rest of the profile on each list. Same
bytes: ``tests/test_profile_json.py``
compares the two on the personas and the example batch, and a ``Suggestion`` with other fields
than ``FIELDS`` (a schema change) is written by pydantic whole until this module follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import get_args

from pydantic import BaseModel
from pydantic_core import to_json

from skilltool.models import NextStep, Profile, Suggestion
from skilltool.models.profile import Route

FIELDS = (
    "uri",
    "isco",
    "label",
    "sector",
    "score",
    "fit",
    "parts",
    "route",
    "at_level",
    "tightness",
    "reasons",
    "gaps",
    "regulated",
    "dutch_needed",
    "missing_skills",
    "certificates_missing",
    "recognition",
    "caveat",
)
"""The fields of ``Suggestion`` in declaration order (pydantic's order in the JSON), as
``_suggestion`` writes them."""

_PROFILE = tuple(Profile.model_fields)
MATCHES = (
    tuple(Suggestion.model_fields) == FIELDS
    and tuple(NextStep.model_fields) == ("action", "text", "reason", "agreed")
    and _PROFILE[-3:] == ("next_steps", "own_trade", "suggestions")
    and "skills" in _PROFILE
)
"""Whether ``Suggestion`` and ``NextStep`` are still the models written here and ``Profile`` still
ends with the next steps and the two suggestion lists (else pydantic writes the whole profile)."""

_FIRST = set(_PROFILE[: _PROFILE.index("skills")]) if "skills" in _PROFILE else set()
"""The fields of ``Profile`` before its skills: pydantic's JSON, then the skills written here."""

_MIDDLE = set(_PROFILE[_PROFILE.index("skills") + 1 : -3]) if "skills" in _PROFILE else set()
"""The fields between the skills and the next steps: pydantic's JSON, then the lists written here."""

SHARED_MAX = 20_000
"""Objects whose JSON a worker keeps; the memo starts again when full. A 3,000-row batch met
about 6,000 texts, parts and tightness values and some 3,000 skill entries (about 1,200 derived
ones and each profile's own few); each entry holds its object and ~150 bytes of JSON."""

_BOOL = (b"false", b"true")
_ROUTES = {route: to_json(route) for route in get_args(Route)}  # a suggestion's route, three values


class ProfileJson:
    """The JSON of profiles, kept by a worker across its chunks (``batch_worker.Worker``).

    The memo is keyed on the object's identity and each entry holds its object, so an identity
    is not reused while its entry exists; what is serialised is never changed in place (texts,
    parts and tightness are shared by design). A dict read inline, not ``memo.Memo``: some 150
    look-ups a profile, nearly all hits, and a least-recently-used move per hit cost a third of
    what the memo saves; the objects in use come back right after a restart."""

    def __init__(self) -> None:
        self._shared: dict[int, tuple[BaseModel, bytes]] = {}
        self._heads: dict[tuple[str, str, str, str], bytes] = {}
        """A suggestion's first four fields (its candidate's, the same in every suggestion of it)
        by value: four ``to_json`` calls a suggestion, half a percent of a row. Bounded like ``_shared``;
        a candidate has one entry per language of its label (some 3,000 candidates)."""

    def line(self, profile: Profile) -> bytes:
        """``profile``'s JSON (``exclude_none``) and a newline."""
        if not MATCHES:
            return Profile.__pydantic_serializer__.to_json(profile, exclude_none=True) + b"\n"
        dump = Profile.__pydantic_serializer__.to_json
        first = dump(profile, exclude_none=True, include=_FIRST)
        middle = dump(profile, exclude_none=True, include=_MIDDLE)
        steps = b",".join([self._step(s) for s in profile.next_steps])
        own = b",".join([self._suggestion(s) for s in profile.own_trade])
        suggestions = b",".join([self._suggestion(s) for s in profile.suggestions])
        return b"".join(
            (
                first[:-1],
                b',"skills":',
                self._list(profile.skills),
                b"," + middle[1:-1] if len(middle) > 2 else b"",  # b"{}": every middle field None
                b',"next_steps":[',
                steps,
                b'],"own_trade":[',
                own,
                b'],"suggestions":[',
                suggestions,
                b"]}\n",
            )
        )

    def _json(self, obj: BaseModel) -> bytes:
        """The JSON of a shared object (memoised, see the class)."""
        hit = self._shared.get(id(obj))
        if hit is None:
            if len(self._shared) >= SHARED_MAX:
                self._shared.clear()
            hit = self._shared[id(obj)] = (obj, obj.__pydantic_serializer__.to_json(obj, exclude_none=True))
        return hit[1]

    def _list(self, items: Sequence[BaseModel]) -> bytes:
        get, new = self._shared.get, self._json
        return b"[" + b",".join([h[1] if (h := get(id(x))) is not None else new(x) for x in items]) + b"]"

    def _text(self, text: str | BaseModel) -> bytes:
        """A next step's text or reason: a caseworker's string, or a ``Text`` (memoised)."""
        return to_json(text) if isinstance(text, str) else self._json(text)

    def _step(self, step: NextStep) -> bytes:
        """A next step's JSON, its fields in declaration order; a ``None`` reason left out."""
        f = vars(step)  # one attribute look-up (see _suggestion)
        out = [b'{"action":', to_json(f["action"]), b',"text":', self._text(f["text"])]
        if (reason := f["reason"]) is not None:
            out += (b',"reason":', self._text(reason))
        out += (b',"agreed":', _BOOL[f["agreed"]], b"}")
        return b"".join(out)

    def _suggestion(self, s: Suggestion) -> bytes:
        """A suggestion's JSON, its fields in ``FIELDS`` order; ``None`` left out (``exclude_none``).
        The fields are read from the model's ``__dict__``: one attribute look-up instead of
        eighteen (pydantic's ``__getattr__`` keeps Python from specialising them)."""
        f = vars(s)
        key = (f["uri"], f["isco"], f["label"], f["sector"])
        head = self._heads.get(key)
        if head is None:
            if len(self._heads) >= SHARED_MAX:
                self._heads.clear()
            head = self._heads[key] = b"".join(
                [
                    b'{"uri":',
                    to_json(f["uri"]),
                    b',"isco":',
                    to_json(f["isco"]),
                    b',"label":',
                    to_json(f["label"]),
                    b',"sector":',
                    to_json(f["sector"]),
                ]
            )
        out = [
            head,
            b',"score":',
            to_json(f["score"]),
            b',"fit":',
            self._list(f["fit"]),
            b',"parts":',
            self._list(f["parts"]),
            b',"route":',
            _ROUTES[f["route"]],
            b',"at_level":',
            _BOOL[f["at_level"]],
            b',"tightness":',
            self._json(f["tightness"]),
            b',"reasons":',
            self._list(f["reasons"]),
            b',"gaps":',
            self._list(f["gaps"]),
            b',"regulated":',
            _BOOL[f["regulated"]],
        ]
        if f["dutch_needed"] is not None:
            out += (b',"dutch_needed":', to_json(f["dutch_needed"]))
        out += (
            b',"missing_skills":',
            to_json(f["missing_skills"]),
            b',"certificates_missing":',
            to_json(certs) if (certs := f["certificates_missing"]) else b"[]",
        )
        if f["recognition"] is not None:
            out += (b',"recognition":', self._json(f["recognition"]))
        out += (b',"caveat":', self._json(f["caveat"]), b"}")
        return b"".join(out)
