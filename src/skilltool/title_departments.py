"""A department said with its head ("hoofd van de afdeling inkoop", "chef afdeling verkoop", "head
of the IT department", "afdelingshoofd ICT") as the head of its work: "hoofd inkoop",
"afdelingschef verkoop", "head of the ict". The word for a department names only a part of an
organisation, and the label search read it as the labels that hold it (a university's department
head, a department store's manager, "chef" as a cook). Part of ``textnorm.normalize``, for
queries only: labels say the work ("hoofd inkoop", "ICT-manager")."""

from __future__ import annotations

import re

from skilltool.word_lists import word_set as _words

_DEPARTMENT_WORDS = _words("afdeling department dept")
_LEADS = _words("hoofd chef head leider leidinggevende baas boss")
"""Who heads a department, as an intake answer says it (Dutch, English). Not a manager or a
director: ESCO's labels name the manager of a department and the afdelingsmanager as a role of
its own (a retail department's, 1420), and the rule read with them lost more gold titles than it won."""
_DEPARTMENT = re.compile(
    r"(?:\b(?:van|of) )?(?:\b(?:de|het|the) )?\b(?:afdeling|department|dept)\b(?! stores?\b)"
)
_HEAD_COMPOUND = re.compile(r"^afdelingshoofd (?=\w)")


def head_of_work(text: str) -> str:
    """``text`` (cleaned, lower case) with a department said beside its head dropped: the head and
    the work remain ("hoofd van de afdeling inkoop" -> "hoofd inkoop", "afdelingshoofd ict" ->
    "hoofd ict"). A Dutch "chef" of a department is an afdelingschef (a supervisor, not a cook),
    and "it" said as a department is ICT, as ESCO and CBS name that work. Unchanged without a
    department and its head, or when the department was all the work said ("hoofd afdeling")."""
    said = text.split()
    if _DEPARTMENT_WORDS.isdisjoint(said) and not text.startswith("afdelingshoofd "):
        return text
    compound = _HEAD_COMPOUND.match(text)
    if compound is not None:
        said = ["hoofd", *text[compound.end() :].split()]
    elif _LEADS.isdisjoint(said):
        return text
    else:
        said = _DEPARTMENT.sub(" ", text).split()
    if _LEADS.issuperset(said):  # "hoofd afdeling": the department was all the work said
        return text
    return " ".join("afdelingschef" if w == "chef" else "ict" if w == "it" else w for w in said)
