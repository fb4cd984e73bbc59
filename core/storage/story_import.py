"""Bringing a whole story into the library from another one: all of it, or nothing.

The caller (``core.export.story_json``) validates the file and hands over rows
with the *file's* ids; everything is written in one transaction under new ids,
keeping texts, timestamps, anchors, prefixes and suffixes exactly. Labels are
matched by name (ignoring case): a matched label is used as it is in this
library (its colour and shortcut are not changed), a missing one is added (without
its shortcut if that key is taken here).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from core.errors import StorageError
from core.storage.base import LibraryBase, check_status, required_text
from core.storage.changes import Change
from core.storage.db import utc_now
from core.storage.labels import checked_spec, insert_label
from core.storage.migrations import count_words
from core.storage.rows import (
    AlignmentOverrideRow,
    ClaimRow,
    EntityCorrectionRow,
    LabelRow,
    RevisionRow,
    VersionRow,
)


@dataclass(frozen=True, slots=True)
class StoryImport:
    """A story to import; every id is the exporting library's."""

    title: str
    created_at: str
    labels: tuple[LabelRow, ...]
    versions: tuple[VersionRow, ...]
    revisions: tuple[RevisionRow, ...]
    corrections: tuple[EntityCorrectionRow, ...]
    claims: tuple[ClaimRow, ...]
    overrides: tuple[AlignmentOverrideRow, ...]


@dataclass(frozen=True, slots=True)
class StoryImportResult:
    """What an import wrote: the new story, and old id → new id for versions and claims."""

    story_id: int
    version_ids: Mapping[int, int]
    claim_ids: Mapping[int, int]
    labels_added: tuple[str, ...]
    labels_matched: tuple[str, ...]


class StoryImportMixin(LibraryBase):
    """Whole-story import."""

    def import_story(self, story: StoryImport) -> tuple[StoryImportResult, Change]:
        """Write ``story`` under new ids in one transaction; StorageError changes nothing."""
        title = required_text(story.title, "a story's title")
        with self._db.transaction() as conn:
            taken = conn.execute(
                "SELECT title FROM story WHERE title = ? COLLATE NOCASE AND deleted_at IS NULL",
                (title,),
            ).fetchone()
            if taken is not None:
                raise StorageError(
                    f"the library already has a story called {taken['title']!r}; "
                    "import it under another title"
                )
            cur = conn.execute(
                "INSERT INTO story (title, created_at) VALUES (?, ?)", (title, story.created_at)
            )
            story_id = int(cur.lastrowid or 0)
            labels, added, matched = _labels(conn, story.labels)
            versions = {v.id: _insert_version(conn, story_id, v) for v in story.versions}
            base = next((versions[v.id] for v in story.versions if v.is_base), None)
            conn.execute("UPDATE story SET base_version_id = ? WHERE id = ?", (base, story_id))
            for revision in story.revisions:
                _insert_revision(conn, versions[revision.version_id], revision)
            for correction in story.corrections:
                _insert_correction(conn, versions[correction.version_id], correction)
            for override in story.overrides:
                _insert_override(conn, versions, override)
            claims = {
                c.id: _insert_claim(conn, story_id, c, versions, labels) for c in story.claims
            }
        result = StoryImportResult(story_id, versions, claims, tuple(added), tuple(matched))
        change = Change.of(
            stories=[story_id],
            versions=versions.values(),
            claims=claims.values(),
            labels=[labels[i] for i in labels],
            corrections=versions.values() if story.corrections else (),
            overrides=versions.values() if story.overrides else (),
        )
        return result, change


def _labels(
    conn: sqlite3.Connection, labels: tuple[LabelRow, ...]
) -> tuple[dict[int, int], list[str], list[str]]:
    from core.label_schema import LabelSpec  # pydantic: not needed to open a library

    ids: dict[int, int] = {}
    added: list[str] = []
    matched: list[str] = []
    position = int(conn.execute("SELECT coalesce(max(position), -1) + 1 FROM label").fetchone()[0])
    for label in sorted(labels, key=lambda r: (r.position, r.id)):
        row = conn.execute("SELECT id FROM label WHERE name = ?", (label.name.strip(),)).fetchone()
        if row is not None:
            ids[label.id] = int(row["id"])
            matched.append(label.name)
            continue
        shortcut = label.shortcut
        if (
            shortcut
            and conn.execute("SELECT 1 FROM label WHERE shortcut = ?", (shortcut,)).fetchone()
        ):
            shortcut = None
        spec = checked_spec(
            LabelSpec(label.name, label.colour, shortcut, label.description, position)
        )
        ids[label.id] = insert_label(conn, spec)
        added.append(spec.name)
        position += 1
    return ids, added, matched


def _insert_version(conn: sqlite3.Connection, story_id: int, v: VersionRow) -> int:
    cur = conn.execute(
        """INSERT INTO version (story_id, text, content_hash, source, format, encoding, title,
           outlet, byline, published, imported_at, word_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            story_id, v.text, v.content_hash, v.source, v.format, v.encoding, v.title, v.outlet,
            v.byline, v.published, v.imported_at, count_words(v.text),
        ),
    )  # fmt: skip
    return int(cur.lastrowid or 0)


def _insert_revision(conn: sqlite3.Connection, version_id: int, r: RevisionRow) -> None:
    conn.execute(
        """INSERT INTO version_revision (version_id, text, content_hash, source, format,
           encoding, replaced_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (version_id, r.text, r.content_hash, r.source, r.format, r.encoding, r.replaced_at),
    )


def _insert_correction(conn: sqlite3.Connection, version_id: int, c: EntityCorrectionRow) -> None:
    conn.execute(
        """INSERT INTO entity_correction (version_id, start_char, end_char, quote, label,
           entity_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (version_id, c.start, c.end, c.quote, c.label, c.key, c.created_at),
    )


def _insert_override(
    conn: sqlite3.Connection, versions: Mapping[int, int], o: AlignmentOverrideRow
) -> None:
    if o.kind not in ("pin", "forbid"):
        raise StorageError(f"an alignment override is 'pin' or 'forbid', not {o.kind!r}")
    conn.execute(
        """INSERT INTO alignment_override (base_version_id, other_version_id, base_unit,
           other_unit, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)""",
        (versions[o.base_version_id], versions[o.other_version_id], o.base_unit, o.other_unit,
         o.kind, utc_now()),
    )  # fmt: skip


def _insert_claim(
    conn: sqlite3.Connection,
    story_id: int,
    claim: ClaimRow,
    versions: Mapping[int, int],
    labels: Mapping[int, int],
) -> int:
    label_id = None if claim.label_id is None else labels[claim.label_id]
    cur = conn.execute(
        """INSERT INTO claim (story_id, label_id, status, note, author, created_at, modified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (story_id, label_id, check_status(claim.status), claim.note, claim.author,
         claim.created_at, claim.modified_at),
    )  # fmt: skip
    claim_id = int(cur.lastrowid or 0)
    conn.executemany(
        """INSERT INTO claim_appearance (claim_id, version_id, start_char, end_char, quote,
           prefix, suffix, origin, anchor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (claim_id, versions[a.version_id], a.start, a.end, a.quote, a.prefix, a.suffix,
             int(a.origin), a.anchor, a.created_at)
            for a in claim.appearances
        ],
    )  # fmt: skip
    return claim_id
