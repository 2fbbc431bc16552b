"""YAML read/write with libyaml's C implementation where present, and deterministic output."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml is several times faster; PyPI wheels ship it
_Base: type[yaml.CSafeLoader | yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]  # one of two loader classes, chosen above
    """The safe loader, but a scalar that looks like a date and is none (``2025-13-45``) stays
    text, so the model refuses it naming the field, instead of a ValueError escaping the parser."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
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
