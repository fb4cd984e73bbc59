"""A whole story to one versioned JSON file, and back into any library without loss.

The file (``variorum.story/1``, :mod:`core.export.story_schema`) holds the story's
live versions with their texts, metadata and earlier texts, the labels its claims
use, its claims with every appearance (offsets, quote, prefix, suffix, anchor,
origin), entity corrections and alignment overrides, with the exporting library's
ids. Cached analyses are left out: they are recomputed from the texts.

Reading refuses, in one line and before anything is written, a file that is too
large, not JSON, nested too deeply, of a newer format, or wrong in any field or
reference; the import itself is one transaction (``Library.import_story``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from core import ENGINE_VERSION
from core.errors import InputError
from core.export.story_data import StoryData
from core.export.story_schema import FORMAT_NUMBER, STORY_SCHEMA, StoryFileModel
from core.storage.changes import Change
from core.storage.rows import (
    AlignmentOverrideRow,
    AppearanceRow,
    ClaimRow,
    EntityCorrectionRow,
    LabelRow,
    RevisionRow,
    VersionRow,
)
from core.storage.story_import import StoryImport, StoryImportResult

if TYPE_CHECKING:
    from core.storage.library import Library

#: The largest story file read (a story of 500 versions of 10 MiB would not fit; none does).
MAX_FILE_BYTES = 256 * 1024 * 1024
Json = dict[str, Any]


def story_document(data: StoryData) -> Json:
    """The story as the JSON object of a ``variorum.story/1`` file."""
    return {
        "schema": STORY_SCHEMA,
        "exported_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "engine_version": ENGINE_VERSION,
        "story": {"title": data.story.title, "created_at": data.story.created_at},
        "labels": [_label(label) for label in data.used_labels()],
        "versions": [_version(data, v) for v in data.versions],
        "claims": [_claim(c) for c in data.claims],
        "alignment_overrides": [
            {
                "base_version_id": o.base_version_id,
                "other_version_id": o.other_version_id,
                "base_unit": o.base_unit,
                "other_unit": o.other_unit,
                "kind": o.kind,
            }
            for o in data.overrides
        ],
    }


def dump_story(data: StoryData) -> str:
    """The file's text (UTF-8 JSON, one line per top-level entry for readable diffs)."""
    return json.dumps(story_document(data), ensure_ascii=False, indent=1) + "\n"


def _label(label: LabelRow) -> Json:
    return {
        "id": label.id, "name": label.name, "colour": label.colour, "shortcut": label.shortcut,
        "description": label.description, "position": label.position,
    }  # fmt: skip


def _version(data: StoryData, v: VersionRow) -> Json:
    return {
        "id": v.id, "text": v.text, "content_hash": v.content_hash, "source": v.source,
        "format": v.format, "encoding": v.encoding, "title": v.title, "outlet": v.outlet,
        "byline": v.byline, "published": v.published, "imported_at": v.imported_at,
        "is_base": v.is_base,
        "revisions": [
            {"text": r.text, "content_hash": r.content_hash, "source": r.source,
             "format": r.format, "encoding": r.encoding, "replaced_at": r.replaced_at}
            for r in data.revisions.get(v.id, ())
        ],
        "corrections": [
            {"start": c.start, "end": c.end, "quote": c.quote, "label": c.label, "key": c.key,
             "created_at": c.created_at}
            for c in data.corrections.get(v.id, ())
        ],
    }  # fmt: skip


def _claim(c: ClaimRow) -> Json:
    return {
        "id": c.id, "label_id": c.label_id, "status": c.status, "note": c.note,
        "author": c.author, "created_at": c.created_at, "modified_at": c.modified_at,
        "appearances": [
            {"version_id": a.version_id, "start": a.start, "end": a.end, "quote": a.quote,
             "prefix": a.prefix, "suffix": a.suffix, "origin": a.origin, "anchor": a.anchor,
             "created_at": a.created_at}
            for a in c.appearances
        ],
    }  # fmt: skip


# Reading


def parse_story(raw: bytes | str, source: str = "story file") -> StoryFileModel:
    """Validate a story file's content; InputError (one line) when it is not a good one."""
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(source, f"is larger than {MAX_FILE_BYTES:,} bytes; not a story file")
    try:
        return StoryFileModel.model_validate_json(raw)
    except ValidationError as error:
        raise InputError(source, _problem(error)) from None
    except RecursionError:
        raise InputError(source, "is nested too deeply to be a story file") from None


def read_story_file(path: Path) -> StoryFileModel:
    """Read and validate a story file."""
    from core.output import terminal_safe

    shown = terminal_safe(str(path), keep_newlines=False)
    try:
        if not path.is_file():
            raise InputError(shown, "is not a file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(shown, f"is larger than {MAX_FILE_BYTES:,} bytes; not a story file")
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror or exc})") from None
    return parse_story(raw, shown)


def _problem(error: ValidationError) -> str:
    problems = error.errors(include_url=False)
    first = problems[0]
    if first["type"] == "json_invalid":
        detail = str(first.get("ctx", {}).get("error", "invalid"))
        if "recursion limit" in detail:
            return "is nested too deeply to be a story file"
        return f"is not JSON ({detail})"
    if tuple(first["loc"]) == ("schema",):
        return _schema_problem(first.get("input"))
    where = ".".join(str(p) for p in first["loc"]) or "the file"
    message = first["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return f"{where}: {message}{more}"


def _schema_problem(value: object) -> str:
    if isinstance(value, str) and value.startswith("variorum.story/"):
        number = value.rpartition("/")[2]
        if number.isdigit() and int(number) > FORMAT_NUMBER:
            return (
                f"was written by a newer Variorum (format {value}); this one reads "
                f"{STORY_SCHEMA}: update Variorum to import it"
            )
    if value is None:
        return f'is not a Variorum story file (it has no "schema": {STORY_SCHEMA!r})'
    return f"is not a Variorum story file (schema {str(value)[:60]!r}, expected {STORY_SCHEMA!r})"


def to_import(model: StoryFileModel, *, title: str | None = None) -> StoryImport:
    """The validated file as rows for ``Library.import_story`` (the file's ids kept)."""
    versions = tuple(
        VersionRow(v.id, 0, v.text, v.content_hash, v.source, v.format, v.encoding, v.title,
                   v.outlet, v.byline, v.published, v.imported_at, 0, v.is_base)
        for v in model.versions
    )  # fmt: skip
    revisions = tuple(
        RevisionRow(0, v.id, r.text, r.content_hash, r.source, r.format, r.encoding,
                    r.replaced_at)
        for v in model.versions for r in v.revisions
    )  # fmt: skip
    corrections = tuple(
        EntityCorrectionRow(0, v.id, c.start, c.end, c.quote, c.label, c.key, c.created_at)
        for v in model.versions for c in v.corrections
    )  # fmt: skip
    claims = tuple(
        ClaimRow(c.id, 0, c.label_id, c.status, c.note, c.author, c.created_at, c.modified_at,
                 tuple(AppearanceRow(0, c.id, a.version_id, a.start, a.end, a.quote, a.prefix,
                                     a.suffix, a.origin, a.anchor, a.created_at)
                       for a in c.appearances))
        for c in model.claims
    )  # fmt: skip
    return StoryImport(
        title=title if title is not None else model.story.title,
        created_at=model.story.created_at,
        labels=tuple(
            LabelRow(x.id, x.name, x.colour, x.shortcut, x.position, x.description)
            for x in model.labels
        ),
        versions=versions,
        revisions=revisions,
        corrections=corrections,
        claims=claims,
        overrides=tuple(
            AlignmentOverrideRow(o.base_version_id, o.other_version_id, o.base_unit,
                                 o.other_unit, o.kind)
            for o in model.alignment_overrides
        ),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """An import's result and its one-line description."""

    result: StoryImportResult
    change: Change
    title: str
    versions: int
    claims: int

    def message(self) -> str:
        """One line for the user."""
        labels = ""
        if self.result.labels_added:
            labels = f"; labels added: {', '.join(self.result.labels_added)}"
        return (
            f"imported story {self.result.story_id} {self.title!r}: {self.versions} version(s), "
            f"{self.claims} claim(s){labels}"
        )


def import_story_file(library: Library, path: Path, *, title: str | None = None) -> ImportSummary:
    """Validate ``path`` and import it in one transaction (nothing written on any error)."""
    rows = to_import(read_story_file(path), title=title)
    result, change = library.import_story(rows)
    return ImportSummary(result, change, rows.title, len(rows.versions), len(rows.claims))
