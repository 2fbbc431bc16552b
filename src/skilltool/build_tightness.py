"""Tightness per BRC 2014 group from its sources: the CBS ISCO-08 -> BRC 2014 crosswalk, ROA's
AIS table (UWV's current spanning value and ROA's 2030 forecast) and the older UWV table. What
the values mean: ``docs/data.md``."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from skilltool.build_sources import read_once
from skilltool.errors import SourceError
from skilltool.messages import say
from skilltool.models import (
    FORECAST_ORDER,
    TIGHTNESS_ORDER,
    BrcGroup,
    SourceManifest,
    Tightness,
    TightnessGap,
    TightnessValue,
)
from skilltool.models.reference import Confidence, TightnessFlag, TightnessKind

TIGHTNESS_NOTE = (
    "Tightness per BRC 2014 group: current = UWV's spanningsindicator of the newest quarter via ROA "
    "(category derived from the value by UWV's thresholds); forecast = ROA's ITKB bottleneck typering "
    "by 2030; history = older UWV categories from tightness_nl.csv. Groups are matched on identical "
    "BRC codes only. A value more than 8 quarters older than tightness_reference_period is stale. "
    "Unknown is not 'no shortage'."
)


UWV_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.25, "zeer ruim"),
    (0.67, "ruim"),
    (1.5, "gemiddeld"),
    (4.0, "krap"),
)
"""UWV's published spanning thresholds (vacancies per short-term WW benefit): below 0.25 zeer
ruim, 0.25-0.67 ruim, 0.67-1.5 gemiddeld, 1.5-4 krap, above 4 zeer krap. A value on a boundary
takes the higher class, except 4 itself, which is krap (UWV: "zeer krap > 4")."""
STALE_AFTER_QUARTERS = 8
SPANNING_CAP = 16.0
"""ROA's copy of UWV's values stops at 16, which looks like UWV's display cap (SOURCES.md)."""
ROA_SOURCE = (
    "ROA (2026), Arbeidsmarktinformatiesysteem (AIS) tot 2030, editie 2026, "
    "https://doi.org/10.34894/DVQTOG (CC BY 4.0)"
)
ROA_CURRENT_SOURCE = f"UWV spanningsindicator, via {ROA_SOURCE}"
ROA_NOTE = (
    "copied unchanged from a checksum-pinned third-party build of ROA's CSV, not read from "
    "DataverseNL directly (shortage/SOURCES.md)"
)
_AT_LEAST = re.compile(r"^at_least=(zeer krap|krap|gemiddeld|zeer ruim|ruim)(?:\s*\((\d{4}Q[1-4]))?")


def uwv_category(value: float) -> str:
    """The UWV category of a spanning value, by UWV's published thresholds."""
    for bound, category in UWV_THRESHOLDS:
        if value < bound or (bound == 4.0 and value == bound):
            return category
    return "zeer krap"


def quarter_index(period: str | None) -> int | None:
    """``2026Q1`` -> a number that grows by one per quarter; None for anything else."""
    if period and len(period) == 6 and period[4] == "Q" and period[:4].isdigit() and period[5] in "1234":
        return int(period[:4]) * 4 + int(period[5]) - 1
    return None


def _number(path: Path, line: int, column: str, cell: str, kind: type[float] | type[int]) -> float | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        return kind(cell)
    except ValueError as exc:
        raise SourceError(
            say("errors.build.not_number", path=path, line=line, column=repr(column), cell=repr(cell))
        ) from exc


def _history_value(path: Path, line: int, row: dict[str, str]) -> TightnessValue | None:
    """A row of ``tightness_nl.csv`` as a history value; None when it holds no value or bound."""
    category = row["tightness"].strip() or "unknown"
    if category != "unknown" and category not in TIGHTNESS_ORDER:
        raise SourceError(say("errors.build.not_uwv_category", path=path, line=line, value=repr(category)))
    note = row["note"].strip() or None
    period = row["period"].strip() or None
    source = row["source"].strip() or None
    at_least = None
    if note and (m := _AT_LEAST.match(note)):
        at_least = m.group(1)
        period = period or m.group(2)
    if category != "unknown" and not (period and source):
        raise SourceError(say("errors.build.needs_period_source", path=path, line=line))
    if category == "unknown" and not at_least:
        return None
    lowered = (note or "").lower()
    flags: list[TightnessFlag] = []
    if "deduced" in lowered or "derived" in lowered:
        flags.append("derived")
    first_hand = source is not None and source.startswith("UWV") and "third-party" not in source
    if not first_hand:
        flags.append("second_hand")
    if at_least:
        flags.append("lower_bound")
    # high: UWV's own page, stated not deduced; low: the source note asks to verify the value;
    # medium: everything else (quoted second-hand, deduced, or the note says medium confidence)
    confidence: Confidence
    if "verify" in lowered:
        confidence = "low"
    elif first_hand and "derived" not in flags and "medium confidence" not in lowered:
        confidence = "high"
    else:
        confidence = "medium"
    if not source:
        refs = sorted(set(re.findall(r"\bS\d+\b", note or "")), key=lambda r: int(r[1:]))
        source = "shortage/SOURCES.md" + (f" ({', '.join(refs)})" if refs else "")
    return TightnessValue(
        kind="history",
        period=period or "unknown",
        source=source,
        confidence=confidence,
        flags=flags,
        category=None if category == "unknown" else category,
        at_least=at_least,  # type: ignore[arg-type]
        note=note,
    )


def _roa_values(
    path: Path, line: int, row: dict[str, str]
) -> tuple[TightnessValue | None, TightnessValue | None]:
    """The current (UWV 2026Q1 via ROA) and forecast (ROA 2030) values of one ROA row."""
    current = forecast = None
    spanning = _number(path, line, "current_2026q1_indicator", row["current_2026q1_indicator"], float)
    if spanning is not None:
        current = TightnessValue(
            kind="current",
            period="2026Q1",
            source=ROA_CURRENT_SOURCE,
            confidence="high",
            flags=["derived", "second_hand"],
            category=uwv_category(spanning),
            value=spanning,
            published=row["current_2026q1_typering"].strip() or None,
            note=(
                "category derived from the value by UWV's thresholds; "
                + (
                    f"{SPANNING_CAP:g} looks like UWV's display cap (the value may be higher); "
                    if spanning >= SPANNING_CAP
                    else ""
                )
                + ROA_NOTE
            ),
        )
    typering = row["itkb_2030_typering"].strip()
    if typering:
        if typering not in FORECAST_ORDER:
            raise SourceError(say("errors.build.not_itkb", path=path, line=line, value=repr(typering)))
        forecast = TightnessValue(
            kind="forecast",
            period="2030",
            source=ROA_SOURCE,
            confidence="high",
            flags=["second_hand"],
            category=typering,
            value=_number(path, line, "itkb_2030_indicator", row["itkb_2030_indicator"], float),
            direction=row["direction_2025_2030"].strip() or None,
            job_openings=_int(_number(path, line, "job_openings_n", row["job_openings_n"], int)),
            job_openings_pct=_int(_number(path, line, "job_openings_pct6y", row["job_openings_pct6y"], int)),
            job_openings_typering=row["job_openings_typering"].strip() or None,
            note=ROA_NOTE,
        )
    return current, forecast


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


ROA_COLUMNS = {
    "brc_group",
    "brc_group_label_brc2014",
    "itkb_2030_typering",
    "itkb_2030_indicator",
    "current_2026q1_typering",
    "current_2026q1_indicator",
    "direction_2025_2030",
    "job_openings_n",
    "job_openings_pct6y",
    "job_openings_typering",
}


def brc_groups(
    manifest: SourceManifest, root: Path
) -> tuple[dict[str, str], list[BrcGroup], list[TightnessGap], str | None]:
    isco_to_brc: dict[str, str] = {}
    brc_labels: dict[str, str] = {}
    units_of: dict[str, list[str]] = defaultdict(list)
    crosswalk_cols = {"isco08_unit", "brc_group", "brc_group_label"}
    for row in read_once(root, manifest.isco_brc_crosswalk, crosswalk_cols, "isco08_unit"):
        isco_to_brc[row["isco08_unit"].strip()] = row["brc_group"].strip()
        brc_labels[row["brc_group"].strip()] = row["brc_group_label"].strip()
        units_of[row["brc_group"].strip()].append(row["isco08_unit"].strip())
    history: dict[str, TightnessValue] = {}
    cols = {"brc_group", "tightness", "period", "source", "note"}
    path = root / manifest.tightness.path
    for line, row in enumerate(read_once(root, manifest.tightness, cols, "brc_group"), start=2):
        value = _history_value(path, line, row)
        if value is not None:
            history[row["brc_group"].strip()] = value
    roa: dict[str, tuple[TightnessValue | None, TightnessValue | None]] = {}
    roa_labels: dict[str, str] = {}
    path = root / manifest.roa_ais.path
    for line, row in enumerate(read_once(root, manifest.roa_ais, ROA_COLUMNS, "brc_group"), start=2):
        code = row["brc_group"].strip()
        if code == "999999":  # the whole labour market, not a group
            continue
        roa[code] = _roa_values(path, line, row)
        roa_labels[code] = row["brc_group_label_brc2014"].strip()
    quarters = [quarter_index(v.period) for v in history.values()]
    quarters += [quarter_index(c.period) for c, _ in roa.values() if c is not None]
    newest = max((q for q in quarters if q is not None), default=None)
    reference = f"{newest // 4}Q{newest % 4 + 1}" if newest is not None else None

    def aged(value: TightnessValue) -> TightnessValue:
        q = quarter_index(value.period)
        if newest is None or q is None or newest - q <= STALE_AFTER_QUARTERS:
            return value
        return value.model_copy(update={"flags": [*value.flags, "stale"]})

    groups: list[BrcGroup] = []
    gaps: list[TightnessGap] = []
    for code in sorted(brc_labels):
        current, forecast = roa.get(code, (None, None))
        past = [aged(history[code])] if code in history else []
        reasons: list[tuple[list[TightnessKind], str]] = []
        if code not in roa:
            reasons.append(
                (
                    ["current", "forecast"],
                    f"BRC 2014 code {code} has no row in ROA AIS editie 2026, whose codes are BRC 2014 "
                    "editie 2025 (which re-coded this group); identical codes only, nothing carried across",
                )
            )
        else:
            if current is None:
                reasons.append(
                    (["current"], "ROA AIS editie 2026 publishes no UWV 2026Q1 value for this group")
                )
            if forecast is None:
                reasons.append(
                    (["forecast"], "ROA AIS editie 2026 publishes no 2030 forecast for this group")
                )
        groups.append(
            BrcGroup(
                code=code,
                label=brc_labels[code],
                tightness=Tightness(
                    current=aged(current) if current else None,
                    forecast=forecast,
                    history=past,
                    note="; ".join(reason for _, reason in reasons) or None,
                ),
            )
        )
        for kinds, reason in reasons:
            gaps.extend(
                TightnessGap(isco=unit, brc=code, kinds=kinds, reason=reason)
                for unit in sorted(units_of[code])
            )
    for code in sorted(roa.keys() - brc_labels.keys()):
        gaps.append(
            TightnessGap(
                brc=code,
                kinds=["current", "forecast"],
                reason=(
                    f"ROA row for BRC 2014 editie 2025 code {code} ({roa_labels[code]}) matches no group "
                    "of the ISCO -> BRC crosswalk (original edition); not used"
                ),
            )
        )
    return isco_to_brc, groups, gaps, reference
