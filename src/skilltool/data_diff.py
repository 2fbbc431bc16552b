"""``data diff``: every difference between two versions of the generated data, field by field
(``diff_paths``), and the one-line summary ``data build`` prints of what it changed
(``DataDiff.of(diff_models(...)).summary()``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from skilltool.errors import DataFileError
from skilltool.messages import Say, say
from skilltool.models import IscoDescriptionsFile, OccupationsFile, SkillsFile, Strict, TitleIndexFile
from skilltool.reference import load_model


class Change(Strict):
    """One difference between two versions of a generated file."""

    file: str
    kind: str = Field(description="e.g. 'brc_groups tightness.current.value changed', 'occupations added'.")
    key: str = Field(description="The entry: ISCO or BRC code, ESCO URI, skill id, or 'meta'.")
    label: str = ""
    old: str | None = None
    new: str | None = None


class KindCount(Strict):
    """How many changes of one kind, with the first few as examples."""

    kind: str
    file: str
    count: int
    examples: list[Change]


class DataDiff(BaseModel):
    """``data diff OLD NEW``: every difference between two versions of the generated data."""

    old: str
    new: str
    old_version: str = ""
    new_version: str = ""
    files: list[str] = Field(default_factory=list, description="The generated files compared.")
    kinds: list[KindCount] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.changes

    @classmethod
    def of(cls, changes: list[Change], *, old: str = "", new: str = "") -> DataDiff:
        """A diff of ``changes``, grouped by file and kind (in order of first appearance)."""
        grouped: dict[tuple[str, str], list[Change]] = {}
        for c in changes:
            grouped.setdefault((c.file, c.kind), []).append(c)
        kinds = [
            KindCount(kind=kind, file=file, count=len(items), examples=items[:3])
            for (file, kind), items in grouped.items()
        ]
        return cls(old=old, new=new, kinds=kinds, changes=changes)

    def summary(self, examples: int = 1) -> Say:
        """One line: count per kind with an example, e.g. ``1 occupations label.nl changed (...)``."""
        parts: list[Say] = []
        for k in self.kinds:
            shown = "; ".join(_example(c) for c in k.examples[:examples])
            more = say("data.diff.more", n=k.count - examples) if k.count > examples else ""
            parts.append(say("data.diff.part", n=k.count, kind=kind_text(k.kind), shown=shown, more=more))
        if not parts:
            return say("data.diff.no_changes")
        joined = parts[-1]
        for part in reversed(parts[:-1]):
            joined = say("data.diff.joined", first=part, rest=joined)
        return joined


def kind_text(kind: str) -> Say:
    """A change's ``kind`` (``occupations added``, ``brc_groups tightness.current.value changed``)
    in words: the section and field names stay as the files spell them."""
    if kind in {"file added", "file removed"}:
        return say(f"data.diff.{kind.replace(' ', '_')}")
    what, _, verb = kind.rpartition(" ")
    if what and verb in {"added", "removed", "changed"}:
        return say(f"data.diff.{verb}", what=what)
    return say("data.diff.other", kind=kind)


def example_text(c: Change) -> str:
    """``key label: 'old' -> 'new'``: one change as a person reads it."""
    return _example(c)


def _example(c: Change) -> str:
    who = f"{c.key} {c.label}".strip()
    if c.old is None and c.new is None:
        return who
    return f"{who}: {c.old!r} -> {c.new!r}"


def _plain(value: object) -> object:
    """A model as nested dicts and lists of its field values (no serialisers: lists stay lists)."""
    if isinstance(value, BaseModel):
        return {name: _plain(getattr(value, name)) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _flatten(value: object, prefix: str = "") -> dict[str, object]:
    """Nested dicts (and lists of dicts, by position) -> ``{"a.b.0.c": scalar or list of scalars}``."""
    out: dict[str, object] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            out.update(_flatten(v, f"{prefix}.{i}"))
    else:
        out[prefix] = value
    return out


def _show(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _label_of(section: str, entry: dict[str, object]) -> str:
    label = entry.get("label")
    if isinstance(label, dict):
        return str(label.get("en") or label.get("nl") or "")
    if isinstance(label, str):
        return label
    return str(entry.get("en") or "")


_SECTION_KEYS: dict[str, Callable[[dict[str, object]], str]] = {
    "isco_groups": lambda e: str(e["code"]),
    "brc_groups": lambda e: str(e["code"]),
    "occupations": lambda e: str(e["uri"]),
    "skills": lambda e: str(e["id"]),
    "tightness_gaps": lambda e: _gap_key(e),
}


def _gap_key(entry: dict[str, object]) -> str:
    """``ISCO/BRC/kinds`` of a tightness gap (a source row without an ISCO unit has ``-``)."""
    kinds = entry.get("kinds")
    joined = "+".join(str(k) for k in kinds) if isinstance(kinds, list) else str(kinds)
    return f"{entry.get('isco') or '-'}/{entry['brc']}/{joined}"


def _entries(section: str, value: object) -> dict[str, dict[str, object]]:
    """The entries of one top-level section, by their key."""
    if isinstance(value, list):
        key = _SECTION_KEYS.get(section)
        if key is None:
            return {str(i): {"value": v} for i, v in enumerate(value)}
        return {key(e): e for e in value}
    if section == "by_isco" and isinstance(value, dict):
        return {code: {"titles": titles} for code, titles in value.items()}
    return {section: value if isinstance(value, dict) else {"value": value}}


def diff_models(file: str, old: BaseModel, new: BaseModel) -> list[Change]:
    """Every difference between two versions of one generated file, field by field."""
    a, b = _plain(old), _plain(new)
    assert isinstance(a, dict) and isinstance(b, dict)
    changes: list[Change] = []
    for section in [*a, *(k for k in b if k not in a)]:
        old_e, new_e = _entries(section, a.get(section, [])), _entries(section, b.get(section, []))
        for key in sorted(new_e.keys() - old_e.keys()):
            changes.append(
                Change(file=file, kind=f"{section} added", key=key, label=_label_of(section, new_e[key]))
            )
        for key in sorted(old_e.keys() - new_e.keys()):
            changes.append(
                Change(file=file, kind=f"{section} removed", key=key, label=_label_of(section, old_e[key]))
            )
        for key in (k for k in new_e if k in old_e):
            if old_e[key] == new_e[key]:
                continue
            fa, fb = _flatten(old_e[key]), _flatten(new_e[key])
            label = _label_of(section, new_e[key])
            for field in [*fa, *(f for f in fb if f not in fa)]:
                va, vb = fa.get(field), fb.get(field)
                if va == vb:
                    continue
                if isinstance(va, list) and isinstance(vb, list):
                    gone = [x for x in va if x not in vb]
                    came = [x for x in vb if x not in va]
                    va, vb = (gone, came) if (gone or came) else (va, vb)
                changes.append(
                    Change(
                        file=file,
                        kind=f"{section} {field} changed",
                        key=key,
                        label=label,
                        old=_show(va),
                        new=_show(vb),
                    )
                )
    return changes


def _generated_models() -> dict[str, type[BaseModel]]:
    return {
        "occupations.yaml": OccupationsFile,
        "skills.yaml": SkillsFile,
        "cbs_title_index.yaml": TitleIndexFile,
        "isco_descriptions.yaml": IscoDescriptionsFile,
    }


def _model_for(path: Path) -> type[BaseModel]:
    """A single file's model, by its name (skills..., ...title_index..., else occupations)."""
    models = _generated_models()
    if "skills" in path.name:
        return models["skills.yaml"]
    if "title_index" in path.name:
        return models["cbs_title_index.yaml"]
    if "descriptions" in path.name:
        return models["isco_descriptions.yaml"]
    return models["occupations.yaml"]


def diff_paths(old: Path, new: Path) -> DataDiff:
    """Compare two data folders (every generated file in either) or two generated files.

    Raises ``DataFileError`` when a side is missing or invalid (the CLI exits 2 on it, like diff).
    """
    if old.is_dir() != new.is_dir():
        raise DataFileError(say("errors.data.diff_mixed", old=old, new=new))
    if old.is_dir():
        pairs = []
        for name, model in _generated_models().items():
            if (old / name).exists() or (new / name).exists():
                pairs.append((name, old / name, new / name, model))
        if not pairs:
            raise DataFileError(say("errors.data.diff_empty", path=old))
    else:
        pairs = [(new.name, old, new, _model_for(new))]
    result = DataDiff(old=str(old), new=str(new))
    for name, a, b, model in pairs:
        result.files.append(name)
        if not a.exists() or not b.exists():
            present = b if b.exists() else a
            load_model(present, model)
            result.changes.append(
                Change(file=name, kind="file added" if b.exists() else "file removed", key=name)
            )
            continue
        ma, mb = load_model(a, model), load_model(b, model)
        if isinstance(ma, OccupationsFile) and isinstance(mb, OccupationsFile):
            result.old_version, result.new_version = ma.meta.esco_version, mb.meta.esco_version
        result.changes.extend(diff_models(name, ma, mb))
    result.kinds = DataDiff.of(result.changes).kinds
    return result


def load_generated(path: Path) -> BaseModel:
    """A generated file at any path, validated with the model its name implies."""
    return load_model(path, _model_for(path))
