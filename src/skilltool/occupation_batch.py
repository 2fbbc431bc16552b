"""What ``OccupationCoder.code_many`` ranks alone besides a batch's titles, gathered first.

A flagged ranking asks for two more rankings of words said alone: the title without a workplace
said after it (``_title_alone``: "lasser bij een jachtwerf") and the whole label a title opens
with or says in brackets (``_opening``: "tegelzetter toiletten"). One call ranks each when it is
asked (``_alone``, one ``LabelIndex.search``); a batch gathers them here and ranks them as one
more batch (``_batch``, ``search_many``: the same rankings), kept in the memo, where ``_alone``
then finds them. Only keys not in the memo (nor ranked in the batch that asks) are gathered.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from typing import TYPE_CHECKING

from skilltool.coding_places import placed

if TYPE_CHECKING:
    from skilltool.coding_fusion import Lexical
    from skilltool.label_index import Hit
    from skilltool.occupation_build import _OccupationTable

Key = tuple[str, str, int, "int | None"]  # the coder's memo key: words, language, top, workplace start
Todo = dict[Key, tuple[list[str], "int | None"]]  # keys to rank: their words, workplace start
Prepared = tuple[str, str, "str | None", "Key | None"]  # text, normalised, problem, memo key
# ``placed``'s ranking and flag of a title, and the label it opens with (``_head``)
Opened = tuple["list[Hit]", bool, "list[str] | None"]


def titles_alone(
    queries: Sequence[tuple[list[str], int | None]],
    lexical: Sequence[Lexical],
    lang: str,
    depth: int,
    skip: Callable[[Key], bool],
) -> Todo:
    """The titles without the workplace said after them that ``_opinions`` asks ``_title_alone``
    about (a flagged ranking with fewer words said than the query's), at ``depth``."""
    alone: Todo = {}
    for (words, _), lex in zip(queries, lexical, strict=True):
        if lex.flagged and len(lex.said) < len(words):
            key = (" ".join(lex.said), lang, depth, None)
            if not skip(key):
                alone[key] = (lex.said, None)
    return alone


def openings(
    t: _OccupationTable,
    prepared: Sequence[Prepared],
    known: dict[Key, tuple[list[tuple[int, float, int]], bool]],
    split: Sequence[list[str]],
    *,
    head: Callable[[str, str], list[str] | None],
    memo: Container[Key],
    lang: str,
    top: int,
) -> tuple[dict[str, Opened], Todo]:
    """By text, for each title of a batch without parts or a problem: what
    ``OccupationCoder._result`` reads first, ``placed``'s ranking and flag, and the label
    (``head``) it reads with ``_opening`` (a flagged ranking with an occupation first; else None);
    and these labels alone to rank (``_alone``'s keys at ``top``) not in the memo."""
    opened: dict[str, Opened] = {}
    todo: Todo = {}
    for (text, normalized, problem, key), parts in zip(prepared, split, strict=True):
        if key is None or parts or problem is not None or text in opened:
            continue
        hits, flagged = placed(t, normalized, known[key])
        said = head(text, normalized) if flagged and hits and hits[0][0] < t.n_occ else None
        opened[text] = (hits, flagged, said)
        alone = (" ".join(said), lang, top, None) if said else None
        if said and alone is not None and alone not in memo:
            todo[alone] = (said, None)
    return opened, todo
