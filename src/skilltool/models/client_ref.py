"""The one rule for a client reference (``Personal.client_ref``): a pseudonymous case reference, never
a BSN, a phone number or characters nobody sees (``client_ref_problem``); ``check_client_ref`` is its
validator, on a stored profile and on intake answers alike."""

from __future__ import annotations

import re
import unicodedata

from skilltool.models.base import invalid

_CLIENT_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,63}")
_BSN = re.compile(r"\d{8,9}")
# A BSN as letters and forms print it (``1234.56.789``; ``123-456-789``): nine digits in groups that
# pass the BSN's eleven test (``_eleven_test``), so that a grouped case number such as ``2024-0001``
# or ``2024-00-123`` (one in eleven of those pass) stays a case number. It was taken as a valid
# client id and written into every output.
_BSN_GROUPED = re.compile(r"\d{2,4}(?:[._/-]\d{2,4}){1,3}")
# A BSN labelled as one (``BSN-123456782``, ``bsn123456782``, ``SOFI_12345678``): eight or nine
# digits after the word, however they are grouped. A case number with nine digits and no such
# label (``UT-111222333``) stays a case number.
_BSN_LABELLED = re.compile(r"(?i)(?<![a-z])(?:bsn|sofi)[._/-]?(?:\d[._/-]?){7,8}\d(?!\d)")
# A BSN with a mark or a number beside it and no letter in the id (``123456782.`` copied from a
# sentence, ``123456782-1``, ``2024/123456782``): nine digits in a row that pass the eleven test.
# Only a letter tells a case number; eight digits are a date as often (``20240101-0001``).
_DIGITS_AND_MARKS = re.compile(r"[0-9._/-]+")
_DIGIT_RUN = re.compile(r"(?<!\d)\d{9}(?!\d)")
# A Dutch phone number as people write it (``0612345678``, ``06-12345678``, ``06.12.34.56.78``,
# ``030-1234567``, ``0031612345678``), alone or labelled (``tel-0612345678``, ``mobiel_06...``):
# an export whose id column holds the phone, or a mapping naming the wrong column, made it a valid
# id in every output. Ten digits from 0 in the groups phone numbers take, so a case number such as
# ``01-2024-0001`` (three groups) or a zero-padded ``0000012345`` stays valid.
_PHONE_STARTS = frozenset("0tTmMgGpP")  # a phone's first character: most ids skip the pattern
_PHONE = re.compile(
    r"(?i)(?:(?<![a-z])(?:tel|telefoon|mobiel|mob|gsm|phone)[._/-]?)?"
    r"(?:0[1-9]\d{8}|0031[1-9]\d{8}|0(?=[1-9]\d{0,2}[-./]\d{6,8}$)[\d]{2,4}[-./]\d{6,8}|06[-./]\d{2}(?:[-./]?\d{2}){3})"
)


def _eleven_test(digits: str) -> bool:
    """The BSN's check ("elfproef"): the digits weighed 9, 8, ..., 2 and the last -1 sum to a
    multiple of 11."""
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


def client_ref_problem(text: str) -> str | None:
    """Why ``text`` cannot be a client reference (``bsn``, ``phone``, ``invisible``: a character nobody sees,
    such as a zero-width space or a direction mark; ``ref_chars``), or None when it can.

    The one rule for client ids: a validator on ``Personal`` (so every reader of a stored profile
    refuses a bad id: ``profile show``, ``report``, ``suggest``, ``explain``) and on
    ``PersonalAnswers`` (the interactive intake, ``--answers``, every batch row); batch also uses
    it to decide whether an id may be shown in ``errors.csv``. No names, no BSN, no markup: a
    pseudonymous case reference.
    """
    if _BSN.fullmatch(text):
        return "bsn"
    if _BSN_GROUPED.fullmatch(text):
        digits = "".join(c for c in text if c.isdigit())
        if len(digits) == 9 and _eleven_test(digits):
            return "bsn"
    if _BSN_LABELLED.search(text):
        return "bsn"
    if _DIGITS_AND_MARKS.fullmatch(text) and any(map(_eleven_test, _DIGIT_RUN.findall(text))):
        return "bsn"
    if text[:1] in _PHONE_STARTS and _PHONE.fullmatch(text) and sum(map(str.isdigit, text)) in (10, 13):
        return "phone"
    if _CLIENT_REF.fullmatch(text):
        return None
    if any(unicodedata.category(c) in ("Cf", "Cc") for c in text):  # pasted along, unseen
        return "invisible"
    return "ref_chars"


def check_client_ref(value: str) -> str:
    """``value`` when it is a valid client reference; else the validation error of its rule (its
    texts: catalogue ``reason.value.client_ref_<problem>``)."""
    problem = client_ref_problem(value)
    if problem is not None:
        raise invalid(f"client_ref_{problem}")
    return value


_BSN_IN_TEXT = re.compile(r"(?<![\d.,/-])\d{3,4}([ .-]?)\d{2,3}\1\d{3}(?![\d.,/-]\d|\d)")
"""Nine digits in a text as a BSN is written (``123456782``, ``1234.56.782``, ``123 456 782``), not
part of a longer number (a phone number, an amount, a date)."""


def holds_bsn(text: str) -> bool:
    """Whether free text holds a number that passes the BSN's eleven test, as a BSN is written (nine
    digits in a row, or grouped 3-3-3 / 4-2-3 by spaces, dots or hyphens); all zeros is none."""
    for found in _BSN_IN_TEXT.finditer(text):
        digits = "".join(c for c in found.group() if c.isdigit())
        if len(digits) == 9 and digits != "000000000" and _eleven_test(digits):
            return True
    return False
