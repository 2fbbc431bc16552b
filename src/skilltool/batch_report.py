"""``report.html`` of a batch: counts and bar charts for the team, one self-contained file.

No scripts, no fonts, no images from elsewhere: inline CSS and inline SVG only, so the file can
be mailed, archived and opened offline. Only counts appear in it, never a person's answers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from html import escape

from skilltool import messages
from skilltool.models import CEFR_ORDER
from skilltool.models.batch import BatchManifest

_T: dict[str, dict[str, str]] = {
    "title": {"nl": "Batchrapport", "en": "Batch report"},
    "intro": {
        "nl": "Indicaties voor begeleiding, geen officiële beoordeling. "
        "Alleen aantallen, geen persoonsgegevens.",
        "en": "Indications for guidance, not an official evaluation. Counts only, no personal data.",
    },
    "rows_read": {"nl": "Rijen gelezen", "en": "Rows read"},
    "rows_written": {"nl": "Profielen", "en": "Profiles"},
    "rows_rejected": {"nl": "Afgewezen (errors.csv)", "en": "Rejected (errors.csv)"},
    "blank": {"nl": "Lege regels overgeslagen", "en": "Blank lines skipped"},
    "quote": {
        "nl": "Afgewezen: niet gesloten aanhalingsteken",
        "en": "Rejected: unclosed quote",
    },
    "review_rate": {"nl": "Te controleren", "en": "Needs review"},
    "nlqf": {
        "nl": "Hoogste opleidingsniveau (NLQF-indicatie)",
        "en": "Highest education level (NLQF indication)",
    },
    "occupations": {"nl": "Gecodeerde beroepen (top 15)", "en": "Coded occupations (top 15)"},
    "sectors": {
        "nl": "Voorgestelde sectoren (personen, top-3 suggesties)",
        "en": "Suggested sectors (people, top 3 suggestions)",
    },
    "tightness": {
        "nl": "Krapte van de eerste suggestie, nu en tot 2030 (UWV, ROA)",
        "en": "Tightness of the first suggestion, now and to 2030 (UWV, ROA)",
    },
    "review": {"nl": "Controle nodig", "en": "Review"},
    "flags": {"nl": "Redenen voor controle", "en": "Reasons for review"},
    "dutch": {"nl": "Niveau Nederlands (ERK)", "en": "Dutch level (CEFR)"},
    "country": {"nl": "Land van herkomst (top 10)", "en": "Country of origin (top 10)"},
    "rejected": {"nl": "Afgewezen rijen per kolom", "en": "Rejected rows by column"},
    "none": {"nl": "geen", "en": "none"},
    "input": {"nl": "Invoer", "en": "Input"},
    "data": {"nl": "Gegevens", "en": "Data"},
    "esco": {
        "nl": "Deze dienst gebruikt de ESCO-classificatie van de Europese Commissie.",
        "en": "This service uses the ESCO classification of the European Commission.",
    },
}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:60rem;
color:#1b1f24;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem}
.note{color:#57606a;font-size:.9rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.5rem}
svg text{font-size:12px;fill:#1b1f24}
table{border-collapse:collapse;font-size:.85rem}td{padding:.1rem .6rem;border-bottom:1px solid #eee}
"""


def _t(key: str, lang: str) -> str:
    return _T[key][lang if lang in ("nl", "en") else "en"]


def bar_chart(items: Sequence[tuple[str, int]], *, label: str) -> str:
    """A horizontal bar chart as inline SVG; labels escaped; an accessible title."""
    if not items:
        return "<p class='note'>–</p>"
    bar_h, gap, left, width = 18, 6, 260, 700
    top = max(v for _, v in items) or 1
    height = len(items) * (bar_h + gap) + gap
    total = sum(v for _, v in items) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><title>{escape(label)}</title>'
    ]
    for i, (name, value) in enumerate(items):
        y = gap + i * (bar_h + gap)
        w = max(1, round((width - left - 90) * value / top)) if value else 0
        short = name if len(name) <= 40 else name[:39] + "…"
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{left}" y="{y}" width="{w}" height="{bar_h}" fill="#2f6fb3"><title>{escape(name)}: '
            f"{value}</title></rect>"
            f'<text x="{left + w + 6}" y="{y + 13}">{value:,} ({100 * value / total:.0f}%)</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _ordered(counter: Counter[str], order: Sequence[str]) -> list[tuple[str, int]]:
    known = [(k, counter[k]) for k in order if counter.get(k)]
    rest = sorted(((k, v) for k, v in counter.items() if k not in order), key=lambda kv: (-kv[1], kv[0]))
    return known + rest


def _country(code: str, lang: str) -> str:
    """``Syrië (SY)`` for an ISO code, in the report's language; anything else as it is."""
    from skilltool.countries import country_name, is_country_code

    return f"{country_name(code, lang)} ({code})" if is_country_code(code) else code


def _named(items: list[tuple[str, int]], kind: str, lang: str) -> list[tuple[str, int]]:
    """Bar labels that are codes (``unknown``, ``needs review``, a review flag) in ``lang``."""
    return [(messages.name(kind, _CODES.get(k, k).replace(" ", "_"), lang), n) for k, n in items]


_CODES = {"(not coded)": "not_coded"}


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
        sectors[names.get(sid, sid)] += n
    c = manifest.counts
    review = stats.get("review", Counter())
    rate = 100 * review.get("needs review", 0) / c.rows_written if c.rows_written else 0.0
    cards = [
        (_t("rows_read", lang), f"{c.rows_read:,}"),
        (_t("rows_written", lang), f"{c.rows_written:,}"),
        (_t("rows_rejected", lang), f"{c.rows_rejected:,}"),
        (_t("blank", lang), f"{c.blank_rows_skipped:,}"),
        (_t("review_rate", lang), f"{rate:.0f}%"),
    ]
    if c.rows_unclosed_quote:
        cards.insert(3, (_t("quote", lang), f"{c.rows_unclosed_quote:,}"))
    nlqf_order = [str(n) for n in range(1, 9)] + ["unknown"]
    cefr_order = [*CEFR_ORDER, "unknown"]
    sections = [
        ("nlqf", _named(_ordered(stats.get("nlqf", Counter()), nlqf_order), "value", lang)),
        ("occupations", _named(_top(stats.get("occupations", Counter()), 15), "value", lang)),
        ("sectors", _top(sectors, 20)),
        ("tightness", _top(stats.get("tightness", Counter()), 12)),
        ("review", _named(_ordered(review, ["ok", "needs review"]), "review", lang)),
        ("flags", _named(_top(stats.get("flags", Counter()), 10), "flag", lang)),
        ("dutch", _named(_ordered(stats.get("dutch", Counter()), cefr_order), "value", lang)),
        ("country", [(_country(code, lang), n) for code, n in _top(stats.get("country", Counter()), 10)]),
        ("rejected", _top(stats.get("rejected", Counter()), 10)),
    ]
    html = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(_t('title', lang))}: {escape(manifest.input.path)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(_t('title', lang))}</h1>",
        f"<p class='note'>{escape(_t('intro', lang))}</p>",
        "<div class='cards'>",
        *(f"<div class='card'>{escape(k)}<b>{escape(v)}</b></div>" for k, v in cards),
        "</div>",
    ]
    for key, items in sections:
        title = _t(key, lang)
        html.append(f"<h2>{escape(title)}</h2>")
        html.append(
            bar_chart(items, label=title) if items else f"<p class='note'>{escape(_t('none', lang))}</p>"
        )
    info = [
        (_t("input", lang), f"{manifest.input.path} (SHA-256 {manifest.input.sha256[:16]}…)"),
        ("skilltool", manifest.tool_version),
        (_t("data", lang), ", ".join(f"{k} {v}" for k, v in manifest.data_versions.items())),
        (messages.t("batch.created", lang), manifest.created),
    ]
    html.append(f"<h2>{escape(messages.t('batch.manifest', lang))}</h2><table>")
    html.extend(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in info)
    html.append("</table>")
    html.append(f"<p class='note'>{escape(_t('esco', lang))}</p></body></html>")
    return "\n".join(html) + "\n"
