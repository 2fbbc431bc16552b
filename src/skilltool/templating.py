"""The one Jinja2 environment for the HTML reports, with autoescape on for every template.

Templates live in ``skilltool/templates`` (package data, so they ship in the wheel). Every value
a template prints is HTML-escaped unless a template marks it safe, which none of ours do for
user text: a client's answer can never become live markup.
"""

from __future__ import annotations

import re

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

# C0 and C1 controls but tab and line breaks: an answer pasted from a terminal (ESC]0;...BEL, ESC[2J)
# or a NUL went into report.html as it was, which is no valid HTML and runs in the terminal of
# whoever prints the file (cat report.html); the Markdown report drops them too (report_doc).
# Bidi embeddings, overrides and isolates too, as the terminal's ``console.clean`` drops them: a
# right-to-left override pasted with one wished occupation turned every wish after it backwards
# (``<bdi>`` keeps it inside the answer, and a list of wishes is one answer). Right-to-left text
# needs none of them: the browser orders it by its letters, each answer isolated in ``<bdi>``.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(value: object) -> object:
    """Every value a template prints, without control characters (markup stays markup)."""
    if isinstance(value, Markup):
        return Markup(_CONTROLS.sub("", value))  # noqa: S704 - markup already, less some characters
    if isinstance(value, str):
        return _CONTROLS.sub("", value)
    return value


ENV = Environment(
    finalize=_printable,
    loader=PackageLoader("skilltool", "templates"),
    autoescape=True,  # every template, whatever its file name
    undefined=StrictUndefined,  # a misspelt name is an error, never an empty string
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def template(name: str) -> Template:
    """A template by file name; Jinja2 keeps the compiled form in the environment's cache."""
    return ENV.get_template(name)
