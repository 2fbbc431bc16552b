"""YAML read/write with libyaml's C implementation where present, and deterministic output."""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml is several times faster; PyPI wheels ship it
_Base: type[yaml.CSafeLoader | yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice (YAML forbids it; PyYAML let the last one win silently).
    ``key`` is the key as written, ``line`` and ``first`` its 1-based lines."""

    def __init__(self, key: str, line: int, first: int) -> None:
        self.key = key
        self.line = line
        self.first = first
        super().__init__(f"line {line}: duplicate key {key!r} (first on line {first})")


_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_Base):  # type: ignore[valid-type,misc]  # one of two loader classes, chosen above
    """The safe loader, but a scalar that looks like a date or a number and is none Python can make
    (``2025-13-45``; an integer of more than 4,300 digits), or a number in a form a person does
    not mean (``1_0``, ``036``, ``0x28``, ``1:30``), stays text, so that the model refuses it
    naming the field, instead of a ValueError escaping the parser; and a key given twice in one
    mapping is refused (``DuplicateKeyError``) instead of the last one winning silently."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[object, object]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # a complex key is refused later
            # a ``<<`` merge may override on purpose, but one ``<<`` twice let the last win: one
            # merge of several mappings is ``<<: [*a, *b]``
            key = (_MERGE, "<<") if key_node.tag == _MERGE else (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DuplicateKeyError(key_node.value, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _or_text(tag: str) -> None:
    construct = _Base.yaml_constructors[tag]

    def constructor(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)

    _Loader.add_constructor(tag, constructor)


_or_text("tag:yaml.org,2002:timestamp")
_or_text("tag:yaml.org,2002:int")
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_construct_int = _Loader.yaml_constructors["tag:yaml.org,2002:int"]
_construct_float = _Base.yaml_constructors["tag:yaml.org,2002:float"]


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """YAML 1.1 reads ``1_0`` as 10, ``036`` as 30 (octal), ``0x28`` as 40 and ``1:30`` as 90:
    an integer in any form but plain decimal digits stays text, which the answer's own rule reads
    (``036`` is 36) or refuses ("not a whole number")."""
    if _PLAIN_INT.fullmatch(node.value):
        return _construct_int(loader, node)
    return loader.construct_scalar(node)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A float with digit groups (``5_0.5``) or base 60 (``1:30.5``) stays text, as an integer does."""
    if "_" in node.value or ":" in node.value:
        return loader.construct_scalar(node)
    return _construct_float(loader, node)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor("tag:yaml.org,2002:float", _float)


def _no_binary(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """``!!binary`` makes bytes, which every field then took as their repr (``"b'hello'"``)."""
    raise yaml.constructor.ConstructorError(None, None, "binary data (!!binary) is not text", node.start_mark)


_Loader.add_constructor("tag:yaml.org,2002:binary", _no_binary)

_Dumper: type[yaml.CSafeDumper | yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# dynamic: raw YAML of any shape (mappings, lists, scalars, dates) before a model validates it
def loads(text: str) -> Any:
    """Parse YAML text (safe subset); the caller validates it."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader


def dumps(data: object) -> str:
    """Serialise to YAML: keys in insertion order, leaf collections inline, no line folding."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=10_000,
    )


YAMLError = yaml.YAMLError


def second_document(exc: yaml.YAMLError) -> int | None:
    """The 1-based line where a second document begins (its ``---``), when that is what ``exc``
    refuses: a file of one answer set or mapping holds one document. PyYAML says only "expected a
    single document in the stream", which a caseworker reads as a syntax error to hunt for."""
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.composer.ComposerError) and mark is not None and exc.problem == _ANOTHER:
        return int(mark.line) + 1
    return None


_ANOTHER = "but found another document"
