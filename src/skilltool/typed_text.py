"""An answer as typed: text that stdin or an argument could not decode, read as a CSV line is.

Apart from ``console`` (which asks the questions and re-exports ``typed``) because it needs no
terminal: ``console`` stays under the 500 lines of a module.
"""

from __future__ import annotations

import re

_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte stdin could not decode (surrogateescape)


def typed(answer: str) -> str:
    """An answer as typed: bytes stdin could not decode (``cli.streams.lenient_stdin``), or a text
    argument that is not UTF-8 (Python gives both as lone surrogates), read as a CSV line is,
    UTF-8 and else Windows-1252 (``café`` typed in a cp1252 terminal); a byte that is neither
    becomes U+FFFD. A lone surrogate could not be written to the draft (a traceback), and a
    title argument was coded without its letter (``caf``)."""
    if _UNDECODED.search(answer) is None:
        return answer
    # lazy: only for such an answer; csv_lines 22-117 ms on top of typed_text (-X importtime, load 18)
    from skilltool.csv_lines import utf8_or_cp1252

    raw, text = answer.encode("utf-8", "surrogateescape"), ""
    while True:
        try:
            return text + utf8_or_cp1252(raw)[0]
        except UnicodeDecodeError as exc:  # 0x81, 0x8D, ...: in neither
            text += utf8_or_cp1252(raw[: exc.start])[0] + "\ufffd"
            raw = raw[exc.start + 1 :]
