"""Tightness as people read it: one formatter for current and forecast side by side, and points.

Every place that shows tightness (``occupation show``, ``suggest``, ``explain``, the reports and the
batch summary) goes through ``text``: the value that counts as 'now' (UWV's current spanning value
via ROA, else the newest older UWV category) with its source and period, and ROA's forecast to 2030,
e.g. ``zeer krap (UWV, 2026Q1, afgeleid van 5.2); tot 2030: grote knelpunten (ROA)``.
"""

from __future__ import annotations

from skilltool import messages
from skilltool.models import SuggestWeights, Tightness, TightnessRef

# the words are the message catalogue's ``tightness.*`` (UWV's categories and ROA's typering by
# their Dutch term, spaces as underscores); a category without a text is shown as it is


def _w(key: str, lang: str, **kw: object) -> str:
    return messages.t(f"tightness.{key}", lang, **kw)


def category_text(category: str, lang: str) -> str:
    """A UWV category in ``lang`` (the Dutch term is UWV's own)."""
    if category == "unknown":
        return _w("unknown", lang)
    return messages.name("tightness.category", category.replace(" ", "_"), lang)


def forecast_text(category: str, lang: str) -> str:
    """ROA's ITKB typering in words, e.g. ``grote knelpunten``."""
    return messages.name("tightness.forecast", category.replace(" ", "_"), lang)


def direction_text(direction: str, lang: str) -> str:
    """ROA's expected development 2025-2030 (a Dutch phrase in the source, e.g. "blijft krap") in
    ``lang``; a phrase the catalogue does not know is shown as the source wrote it."""
    key = "tightness.direction." + direction.strip().casefold().replace(" ", "_")
    return messages.catalogue(messages.lang_of(lang)).get(key, direction)


def ref_of(t: Tightness) -> TightnessRef:
    """The display record of a group's tightness: the 'now' value and the 2030 forecast."""
    now, fc = t.now, t.forecast
    fields: dict[str, object] = {"category": "unknown"}
    if now is not None:
        fields = {
            "category": now.category or "unknown",
            "period": now.period,
            "source": now.source,
            "at_least": now.at_least,
            "kind": now.kind,
            "value": now.value,
            "flags": list(now.flags),
        }
    if fc is not None:
        fields |= {
            "forecast": fc.category,
            "forecast_period": fc.period,
            "forecast_direction": fc.direction,
            "forecast_source": fc.source,
        }
    return TightnessRef.model_validate(fields)


def now_text(ref: TightnessRef, lang: str) -> str:
    """The 'now' half: ``zeer krap (UWV, 2026Q1, afgeleid van 5.2)``; ``onbekend`` when unknown."""
    if ref.category == "unknown" and not ref.at_least:
        return _w("unknown", lang)
    if ref.category == "unknown":
        head = _w("at_least", lang, cat=category_text(ref.at_least or "", lang))
    else:
        head = category_text(ref.category, lang)
    details = ["UWV"]  # current and history values are both UWV's categories (source in ref.source)
    if ref.period and ref.period != "unknown":
        details.append(ref.period)
    if "derived" in ref.flags and ref.value is not None:
        details.append(_w("derived", lang, value=f"{ref.value:g}"))
    elif "second_hand" in ref.flags and ref.kind == "history":
        details.append(_w("second_hand", lang))
    if "lower_bound" in ref.flags:
        details.append(_w("lower_bound", lang))
    if "stale" in ref.flags:
        details.append(_w("stale", lang))
    return f"{head} ({', '.join(details)})"


def future_text(ref: TightnessRef, lang: str) -> str:
    """The forecast half: ``tot 2030: grote knelpunten (ROA)``."""
    if not ref.forecast:
        return _w("to_2030_unknown", lang)
    return _w(
        "to_2030", lang, period=ref.forecast_period or "2030", text=forecast_text(ref.forecast, lang)
    ) + (" (ROA)")


def text(ref: TightnessRef | Tightness, lang: str, *, short: bool = False) -> str:
    """Current and forecast side by side, the one way every command and report shows tightness.

    ``short`` (for the batch summary's cells and counts): ``zeer krap 2026Q1, 2030: grote knelpunten``.
    Neither known: ``onbekend, nu en tot 2030`` (short ``krapte onbekend``), not ``onbekend; tot
    2030: onbekend``.
    """
    if isinstance(ref, Tightness):
        ref = ref_of(ref)
    if ref.category == "unknown" and not ref.at_least and not ref.forecast:  # one word for both halves
        return _w("unknown_short" if short else "unknown_both", lang)
    if not short:
        return f"{now_text(ref, lang)}; {future_text(ref, lang)}"
    if ref.category == "unknown" and not ref.at_least:
        now = _w("unknown", lang)
    else:
        cat = category_text(ref.category, lang) if ref.category != "unknown" else ""
        now = cat or _w("at_least", lang, cat=category_text(ref.at_least or "", lang))
        now += f" {ref.period}" if ref.period and ref.period != "unknown" else ""
        now += f" ({_w('stale', lang)})" if "stale" in ref.flags else ""
    future = forecast_text(ref.forecast, lang) if ref.forecast else _w("unknown", lang)
    return f"{now}, 2030: {future}"


def gap_text(t: Tightness, lang: str) -> str:
    """Why a kind of value is missing, in ``lang`` (empty when both are there): worded from the
    facts (which kinds are missing), not the build's English note (``Tightness.note``)."""
    if t.current is None and t.forecast is None:
        return _w("gap.both", lang)
    if t.current is None:
        return _w("gap.current", lang)
    if t.forecast is None:
        return _w("gap.forecast", lang)
    return ""


def points(weights: SuggestWeights, ref: TightnessRef) -> tuple[float, float]:
    """(now points, forecast points) by ``data/suggest_weights.yaml``: the 'now' category (a lower
    bound counts as that bound) counts unless it is stale (more than 8 quarters older than the
    newest quarter in the data: 0 points); the forecast is a smaller, separate part; unknown is 0."""
    category = ref.category if ref.category != "unknown" else (ref.at_least or "unknown")
    now = 0.0 if "stale" in ref.flags else weights.tightness.get(category, 0.0)
    future = weights.tightness_forecast.get(ref.forecast or "unknown", 0.0)
    return now, future
