"""The one Jinja2 environment for the HTML reports, with autoescape on for every template.

Templates live in ``skilltool/templates`` (package data, so they ship in the wheel). Every value
a template prints is HTML-escaped unless a template marks it safe, which none of ours do for
user text: a client's answer can never become live markup.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

ENV = Environment(
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
