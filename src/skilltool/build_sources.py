"""The source files of ``skilltool data build``: the manifest ``data/sources.yaml`` with each
file's SHA-256, checking and updating those sums, and reading one source CSV with a clear error."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from skilltool import fsio, yamlio
from skilltool.errors import InputFileError, SourceError
from skilltool.fsio import sha256_file
from skilltool.messages import say
from skilltool.models import SourceFile, SourceManifest

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class ChecksumMismatch:
    """A source whose SHA-256 is not the one the manifest records."""

    path: str
    expected: str
    actual: str


def read_csv(root: Path, source: SourceFile, required: set[str]) -> Iterator[dict[str, str]]:
    path = root / source.path
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(say("errors.build.cannot_open", path=path, why=exc.strerror)) from exc
    with fh:
        reader = csv.DictReader(fh)
        try:  # the header is read (and a whole buffer decoded) on first use: inside the try too
            missing = required - set(reader.fieldnames or ())
            if missing:
                raise SourceError(
                    say("errors.build.missing_columns", path=path, columns=", ".join(sorted(missing)))
                )
            width = len(reader.fieldnames or ())
            for row in reader:
                # a record of fewer or more cells than the header (a download cut short in its last
                # line, a cell with a comma and no quotes): DictReader gives None for a cell it lacks,
                # and the build ended in an AttributeError traceback on it
                if None in row or None in row.values():
                    cells = width + len(row[None]) if None in row else width - list(row.values()).count(None)
                    raise SourceError(
                        say(
                            "errors.build.ragged", path=path, line=reader.line_num, cells=cells, columns=width
                        )
                    )
                if "\0" in "".join(row.values()):  # a damaged download: a code "\x001111" joins nothing
                    raise SourceError(say("errors.build.nul", path=path, line=reader.line_num))
                yield row
            if reader.line_num > 1 and not _ends_a_line(path):
                raise SourceError(say("errors.build.no_line_end", path=path, line=reader.line_num))
        except UnicodeDecodeError as exc:  # the line is unknown: a whole buffer is decoded at once
            raise SourceError(
                say("errors.build.not_utf8", path=path, byte=f"{exc.object[exc.start]:02x}")
            ) from exc
        except csv.Error as exc:
            raise SourceError(say("errors.build.csv", path=path, line=reader.line_num, why=exc)) from exc


def read_once(root: Path, source: SourceFile, required: set[str], key: str) -> Iterator[dict[str, str]]:
    """``read_csv``, each record's ``key`` cell (a code: an ISCO unit, a BRC group) there once: a
    code there twice (a row copied to change a value, two downloads pasted together) stops the
    build naming both records. The later record replaced the earlier without a word (a tightness
    value, a crosswalk's group), as an ESCO ``conceptUri`` twice did (``build_esco._once``)."""
    seen: dict[str, int] = {}
    for n, row in enumerate(read_csv(root, source, required | {key}), 1):
        code = row[key].strip()
        if code in seen:
            twice = say(
                "errors.build.code_twice",
                path=root / source.path,
                column=key,
                code=code,
                first=seen[code],
                second=n,
            )
            raise SourceError(twice)
        seen[code] = n
        yield row


def _ends_a_line(path: Path) -> bool:
    """Whether the file's last byte ends a line: every source's writer (ESCO's, CBS's, Python's
    ``csv``, Excel) ends each line; a download broken off inside a last record of whole cells
    (``0333,Kassamedewerkers,unknown,,,no national gro``) lacks it, and with ``--update-manifest``
    the record went into the build cut, without a word."""
    with path.open("rb") as fh:
        fh.seek(-1, 2)
        return fh.read(1) in (b"\n", b"\r")


def verify_checksums(manifest: SourceManifest, root: Path) -> list[ChecksumMismatch]:
    """Compare each source file's SHA-256 with the manifest; a source that is no readable file is
    an error saying what it is (``source_kind``)."""
    mismatches = []
    for source in manifest.all_files():
        path = root / source.path
        source_kind(path)
        actual = sha256_file(path)
        if actual != source.sha256:
            mismatches.append(ChecksumMismatch(source.path, source.sha256, actual))
    return mismatches


def source_kind(path: Path) -> None:
    """Raise ``SourceError`` unless ``path`` is a regular file: missing (with where sources come
    from), or what ``fsio.check_input_file`` names otherwise, a link loop, a dangling link, a
    folder or a pipe. Each was "source file not found" (``path.is_file()`` is false for all),
    which sent the user looking for a file that was there."""
    if not path.exists() and not path.is_symlink():
        raise SourceError(say("errors.build.source_missing", path=path))
    try:
        fsio.check_input_file(path, say("errors.what.source"))
    except InputFileError as exc:
        raise SourceError(exc.text) from None


def updated_manifest(manifest: SourceManifest, root: Path) -> SourceManifest:
    """The same manifest with every checksum recomputed from the files under ``root``."""

    def fix(source: SourceFile) -> SourceFile:
        return SourceFile(path=source.path, sha256=sha256_file(root / source.path))

    return SourceManifest(
        esco_version=manifest.esco_version,
        occupations={k: fix(v) for k, v in manifest.occupations.items()},
        skills_en=fix(manifest.skills_en),
        skills_nl=[fix(s) for s in manifest.skills_nl],
        isco_groups={k: fix(v) for k, v in manifest.isco_groups.items()},
        occupation_skill_relations=fix(manifest.occupation_skill_relations),
        isco_brc_crosswalk=fix(manifest.isco_brc_crosswalk),
        tightness=fix(manifest.tightness),
        roa_ais=fix(manifest.roa_ais),
        cbs_title_index=fix(manifest.cbs_title_index),
    )


def manifest_yaml(manifest: SourceManifest) -> str:
    """The manifest as YAML text, with a header saying what it is."""
    header = (
        "# Source files for `skilltool data build --sources DIR`, relative to DIR, with SHA-256.\n"
        "# `data build --update-manifest` rewrites the checksums after a deliberate source update.\n"
    )
    return header + yamlio.dumps(manifest.model_dump(mode="json"))
