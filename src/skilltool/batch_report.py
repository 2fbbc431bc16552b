"""``report.html`` of a batch: counts and bar charts for the team, one self-contained file.

No scripts, no fonts, no images from elsewhere: inline CSS and inline SVG only, rendered by
``templates/batch_report.html.j2`` with autoescape, so the file can be mailed, archived and opened
offline. Only counts appear in it, never a person's answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from skilltool import messages
from skilltool.countries import country_name, is_country_code
from skilltool.models import CEFR_ORDER
from skilltool.models.batch import BatchManifest
from skilltool.templating import template

# the report's texts: the message catalogue's ``batch.<key>``
_KEYS = (
    "title",
    "intro",
    "rows_read",
    "rows_written",
    "rows_rejected",
    "blank",
    "quote",
    "review_rate",
    "nlqf",
    "occupations",
    "sectors",
    "tightness",
    "review",
    "flags",
    "dutch",
    "country",
    "rejected",
    "reasons",
    "reasons_note",
    "reason_column",
    "reason",
    "rows",
    "meaning",
    "none",
    "input",
    "data",
    "esco",
    "manifest",
)


def _t(key: str, lang: str) -> str:
    return messages.t(f"batch.{key}", lang)


@dataclass(frozen=True)
class Bar:
    """One bar: its label (``short``: cut to 40 characters), count, share and geometry."""

    name: str
    short: str
    value: int
    percent: float
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart, drawn as inline SVG by ``templates/batch_report.html.j2``."""

    label: str
    bars: list[Bar]
    width: int = 700
    left: int = 260
    bar_height: int = 18

    @property
    def height(self) -> int:
        return len(self.bars) * (self.bar_height + _GAP) + _GAP


_GAP = 6


def chart(items: Sequence[tuple[str, int]], *, label: str, total: int | None = None) -> Chart:
    """The bars of ``items`` (label, count), scaled to the largest count, with their share of
    ``total`` (default: the sum of the bars)."""
    probe = Chart(label, [])
    top = max((v for _, v in items), default=0) or 1
    total = (sum(v for _, v in items) if total is None else total) or 1
    bars = [
        Bar(
            name=name,
            short=messages.clip(name, 40),
            value=value,
            percent=100 * value / total,
            y=_GAP + i * (probe.bar_height + _GAP),
            width=max(1, round((probe.width - probe.left - 90) * value / top)) if value else 0,
        )
        for i, (name, value) in enumerate(items)
    ]
    return Chart(label, bars)


def _ordered(counter: Counter[str], order: Sequence[str]) -> list[tuple[str, int]]:
    known = [(k, counter[k]) for k in order if counter.get(k)]
    rest = sorted(((k, v) for k, v in counter.items() if k not in order), key=lambda kv: (-kv[1], kv[0]))
    return known + rest


def _country(code: str, lang: str) -> str:
    """``Syrië (SY)`` for an ISO code, in the report's language; anything else as it is."""
    return f"{country_name(code, lang)} ({code})" if is_country_code(code) else code


def _named(items: list[tuple[str, int]], kind: str, lang: str) -> list[tuple[str, int]]:
    """Bar labels that are codes (``unknown``, ``needs review``, a review flag) in ``lang``; a
    label that is no code stays as it is (an occupation's "7212 welder" was shown as
    "7212_welder", the catalogue key looked up)."""
    named = []
    for k, n in items:
        key = _CODES.get(k, k).replace(" ", "_")
        shown = messages.name(kind, key, lang)
        named.append((k if shown == key else shown, n))
    return named


_CODES = {"(not coded)": "not_coded"}
# rejections counted by no column of the export (batch_worker's statistics): ``batch.rejected_by.*``
_REJECTED = {
    "(row)": "row",
    "(profile)": "profile",
    "(unclosed quote)": "unclosed_quote",
    "(internal error)": "internal_error",
}


def _rejected(items: list[tuple[str, int]], lang: str) -> list[tuple[str, int]]:
    """Rejections by column: a column's name as in the export, the others named in ``lang``."""
    return [
        (messages.t(f"batch.rejected_by.{_REJECTED[k]}", lang) if k in _REJECTED else k, n) for k, n in items
    ]


def _reasons(stats: dict[str, Counter[str]], lang: str) -> list[tuple[str, str, int]]:
    """The 15 most frequent reasons for a rejection: column (named as ``_rejected`` does), reason, rows."""
    rows = []
    for key, n in _top(stats.get("reasons", Counter()), 15):
        column, _, reason = key.partition("\t")
        rows.append((_rejected([(column, n)], lang)[0][0], reason, n))
    return rows


def _sum(stats: dict[str, Counter[str]], key: str) -> int:
    return sum(stats.get(key, Counter()).values())


def _top(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def render(
    manifest: BatchManifest,
    stats: dict[str, Counter[str]],
    *,
    lang: str = "nl",
    sector_names: dict[str, str] | None = None,
) -> str:
    """The whole report as one HTML string (deterministic for the same counts)."""
    names = sector_names or {}
    sectors: Counter[str] = Counter()
    for sid, n in stats.get("sectors", Counter()).items():
        # a suggestion outside the shortage sectors has no sector id: it was a bar without a label
        sectors[names.get(sid, sid) or messages.t("sector.none", lang)] += n
    c = manifest.counts
    review = stats.get("review", Counter())
    rate = 100 * review.get("needs review", 0) / c.rows_written if c.rows_written else 0.0
    cards = [
        (_t("rows_read", lang), messages.number(c.rows_read, lang)),
        (_t("rows_written", lang), messages.number(c.rows_written, lang)),
        (_t("rows_rejected", lang), messages.number(c.rows_rejected, lang)),
        (_t("blank", lang), messages.number(c.blank_rows_skipped, lang)),
        (_t("review_rate", lang), f"{rate:.0f}%"),
    ]
    if c.rows_unclosed_quote:
        cards.insert(3, (_t("quote", lang), messages.number(c.rows_unclosed_quote, lang)))
    # what each number means, for a reader who never ran the batch
    keys = ["rows_read", "rows_written", "rows_rejected", "blank", "review_rate"]
    meaning = [(_t(k, lang), messages.t(f"batch.meaning.{k}", lang)) for k in keys]
    nlqf_order = [str(n) for n in range(1, 9)] + ["unknown"]
    cefr_order = [*CEFR_ORDER, "unknown"]
    # a share is of everything counted, not of the bars shown (a top 10 of 40 countries gave each
    # a share of the ten), and of the people where one person counts in several bars (sectors of
    # the top 3 suggestions, reasons for review): "7 (78%)" of 9 reasons read as 78% of the people
    people = c.rows_written
    sections = [
        ("nlqf", _named(_ordered(stats.get("nlqf", Counter()), nlqf_order), "value", lang), None),
        (
            "occupations",
            _named(_top(stats.get("occupations", Counter()), 15), "value", lang),
            _sum(stats, "occupations"),
        ),
        ("sectors", _top(sectors, 20), people),
        ("tightness", _top(stats.get("tightness", Counter()), 12), _sum(stats, "tightness")),
        ("review", _named(_ordered(review, ["ok", "needs review"]), "review", lang), None),
        ("flags", _named(_top(stats.get("flags", Counter()), 10), "flag", lang), people),
        ("dutch", _named(_ordered(stats.get("dutch", Counter()), cefr_order), "value", lang), None),
        (
            "country",
            [(_country(code, lang), n) for code, n in _top(stats.get("country", Counter()), 10)],
            _sum(stats, "country"),
        ),
        ("rejected", _rejected(_top(stats.get("rejected", Counter()), 10), lang), _sum(stats, "rejected")),
    ]
    info = [
        (_t("input", lang), f"{manifest.input.path} (SHA-256 {manifest.input.sha256[:16]}…)"),
        ("skilltool", manifest.tool_version),
        (_t("data", lang), ", ".join(f"{k} {v}" for k, v in manifest.data_versions.items())),
        (_t("created", lang), manifest.created),
    ]
    return template("batch_report.html.j2").render(
        lang=lang,
        number=messages.number,  # 1.234 in Dutch, 1,234 in English (the template wrote 1,234 in both)
        t={key: _t(key, lang) for key in _KEYS},
        input_path=manifest.input.path,
        cards=cards,
        meaning=meaning,
        reasons=_reasons(stats, lang),
        sections=[
            (_t(key, lang), chart(items, label=_t(key, lang), total=total)) for key, items, total in sections
        ],
        info=info,
    )
