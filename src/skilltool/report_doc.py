"""The report as a small document model, rendered twice: HTML (a Jinja2 template) and Markdown.

``report`` builds a ``Document`` from a profile; ``to_html`` renders it with
``templates/report.html.j2`` (autoescaped, answers in ``<bdi>``), ``to_markdown`` with escaping of
its own: Markdown has no autoescape, so every text is made literal here (``_md_escape``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from skilltool.errors import UsageError
from skilltool.messages import say
from skilltool.templating import template

SUFFIXES: dict[str, Literal["html", "md"]] = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def report_format(fmt: Literal["html", "md"] | None, out: Path | None) -> Literal["html", "md"]:
    """The format to write: ``fmt``, else what the ``out`` name ends in, else html. An ending that
    is neither, or one that contradicts ``fmt``, is a usage error (``--out report.pdf`` and
    ``--out report.md`` without ``--format`` wrote HTML under those names without a word); shared
    by ``skilltool report`` and ``skilltool.write_report``."""
    suffix = out.suffix.lower() if out is not None else ""
    if not suffix:
        return fmt or "html"
    if suffix not in SUFFIXES:
        raise UsageError(say("usage.report_suffix", path=out))
    if fmt is not None and SUFFIXES[suffix] != fmt:
        raise UsageError(say("usage.report_mismatch", path=out, suffix=suffix, fmt=fmt))
    return SUFFIXES[suffix]


@dataclass
class Text:
    """Inline text: ``user`` text (answers, may be any script) is isolated for bidi."""

    value: str
    user: bool = False


@dataclass
class Heading:
    block: ClassVar[str] = "heading"
    text: str
    client: str | None = None  # the client-language text, or None when not shown
    client_lang: str | None = None
    client_rtl: bool = False
    client_note: str | None = None
    client_unreviewed: str | None = None  # "not reviewed" in the client's language, after the note
    level: int = 2
    user: bool = False  # the text itself is an answer (e.g. a diploma's name): isolate it


@dataclass
class Pairs:
    block: ClassVar[str] = "pairs"
    rows: list[tuple[str, Text]]


@dataclass
class Bullets:
    block: ClassVar[str] = "bullets"
    items: list[list[Text]]


@dataclass
class Table:
    block: ClassVar[str] = "table"
    columns: list[str]
    rows: list[list[Text]]


@dataclass
class Para:
    block: ClassVar[str] = "para"
    parts: list[Text]
    kind: Literal["plain", "caveat", "review", "small"] = "plain"


Block = Heading | Pairs | Bullets | Table | Para


@dataclass
class Document:
    lang: str
    title: Heading
    blocks: list[Block] = field(default_factory=list)


def _u(value: object) -> Text:
    return Text("" if value is None else str(value), user=True)


def _t(value: object) -> Text:
    return Text("" if value is None else str(value))


# --- HTML -----------------------------------------------------------------------------------------


def to_html(doc: Document) -> str:
    """The document as self-contained HTML (``templates/report.html.j2``, autoescaped)."""
    return template("report.html.j2").render(doc=doc)


# --- Markdown -------------------------------------------------------------------------------------

FSI, PDI = "\u2068", "\u2069"  # first strong isolate ... pop directional isolate
RLI = "\u2067"  # right-to-left isolate


# stray bidi controls, and C0/C1 controls but tab and line breaks: an ESC sequence in an answer
# ran in the terminal of whoever printed the .md file (cat report.md)
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*\d*)([#+\-=.)])")


def _md_escape(text: str) -> str:
    """Text as literal Markdown: HTML (``<`` ``>`` ``&``) as entities, the inline Markdown
    characters backslash-escaped (and a leading ``#`` ``-`` ``+`` ``=`` or ``1.`` that would start a
    block), line breaks as spaces, stray bidi controls and terminal control characters dropped.

    CommonMark and GitHub render the result as the same text: a tag stays text (never live
    markup), ``[x](javascript:...)`` never becomes a link, ``**`` never becomes bold.
    """
    text = _BIDI_CONTROLS.sub("", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", re.sub(r"[\r\n]+", " ", text))
    return _MD_LINE_START.sub(r"\1\\\2", text)


def _needs_isolate(text: str) -> bool:
    """Only text with right-to-left letters needs a bidi isolate around it in plain Markdown."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _m(text: Text) -> str:
    escaped = _md_escape(text.value)
    return f"{FSI}{escaped}{PDI}" if text.user and escaped and _needs_isolate(escaped) else escaped


def _md_heading(h: Heading) -> str:
    text = _md_escape(h.text)
    line = "#" * h.level + " " + (f"{FSI}{text}{PDI}" if h.user and _needs_isolate(text) else text)
    if h.client is not None:
        isolate = RLI if h.client_rtl else FSI
        line += f" · {isolate}{_md_escape(h.client)}{PDI}"
    if h.client_note:
        isolate = RLI if h.client_rtl else FSI
        theirs = f" · {isolate}{_md_escape(h.client_unreviewed)}{PDI}" if h.client_unreviewed else ""
        line += f" ({_md_escape(h.client_note)}{theirs})"
    return line


def to_markdown(doc: Document) -> str:
    out = [_md_heading(doc.title), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [_md_heading(block), ""]
        elif isinstance(block, Pairs):
            out += [f"- **{_md_escape(k)}**: {_m(v)}" for k, v in block.rows] + [""]
        elif isinstance(block, Bullets):
            out += ["- " + "".join(_m(p) for p in item) for item in block.items] + [""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(_md_escape(c) for c in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            out += ["| " + " | ".join(_m(c) for c in row) + " |" for row in block.rows]
            out.append("")
        else:
            text = "".join(_m(p) for p in block.parts)
            out += [
                f"> {text}"
                if block.kind in ("caveat", "review")
                else f"_{text}_"
                if block.kind == "small"
                else text,
                "",
            ]
    return "\n".join(out).rstrip("\n") + "\n"
