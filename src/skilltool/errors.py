"""One error tree. Each error carries a plain one-line message and an exit code.

The CLI catches ``SkilltoolError`` in one place and prints ``error: <message>`` on stderr, in
the command's ``--lang``: an error made with a ``messages.say(key, ...)`` instead of a string is
rendered there (``render``); ``str(error)`` and ``.message`` are its English text, for logs and
for Python callers. Anything else that escapes is a bug and shows a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the catalogue loads yaml; the CLI imports this module for `skilltool --help`
    from skilltool.messages import Say

EXIT_OK = 0
EXIT_USER = 1
EXIT_USAGE = 2
EXIT_REJECTS = 3  # `batch --fail-on-rejects`: the batch completed, but a row was rejected


class SkilltoolError(Exception):
    """Base class: a problem the user can fix, with a message that says how."""

    exit_code = EXIT_USER

    def __init__(self, message: str | Say, *, rule: str | None = None, field: str | None = None) -> None:
        self.say = None if isinstance(message, str) else message
        self.message = message if isinstance(message, str) else message.render("en")
        super().__init__(self.message)
        self.rule = rule  # the reason without the offending value (errors.csv never quotes a cell)
        self.field = field  # the answer it is about (``work.0.confirmed_uri``): errors.csv's column

    @property
    def text(self) -> str | Say:
        """What the error says, unrendered when it can be: to raise another error with the same
        message (``raise OutputError(exc.text)``) or to put it inside another ``say``."""
        return self.say if self.say is not None else self.message

    def render(self, lang: str) -> str:
        """The message in ``lang`` (``nl`` or ``en``); an error made from a plain string has one."""
        return self.say.render(lang) if self.say is not None else self.message

    def __str__(self) -> str:
        return self.message


class UsageError(SkilltoolError):
    """The command line itself is wrong (an unknown option value, a missing argument)."""

    exit_code = EXIT_USAGE


class DataFileError(SkilltoolError):
    """A reference data file (``data/*.yaml``) is missing, unparsable or invalid."""


class SourceError(SkilltoolError):
    """A source file for ``data build`` is missing, malformed or has an unexpected checksum."""


class StaleDataError(SkilltoolError):
    """``data build --check``: the committed data differ from what the sources produce."""


class CompareError(SkilltoolError):
    """``data diff``: a side cannot be read; exit 2, like ``diff`` (1 means "they differ")."""

    exit_code = EXIT_USAGE


class InputFileError(SkilltoolError):
    """A user's input file (profile, answers, CSV, mapping) cannot be read or is invalid."""


class NotFoundError(SkilltoolError):
    """A looked-up thing (occupation, country, question) does not exist."""


class UnknownChoiceError(UsageError, NotFoundError):
    """An option's value that is none of its choices: an unknown country (``diploma lookup -c XX``)
    or client language. A usage error (exit 2) like ``--sector`` or ``--lang de``; still a
    ``NotFoundError``, which Python callers caught before."""


class OutputError(SkilltoolError):
    """An output cannot be written: a folder or file in the way, no permission, a full disk."""


class OutputGoneError(OutputError):
    """A batch's output folder went away while the batch ran, its checkpoint with it: said as it
    is, without the ``--resume`` hint of a batch stopped at its checkpoint (nothing is left to
    resume from)."""
