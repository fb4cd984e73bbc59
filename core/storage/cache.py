"""Cached analyses (spaCy DocBins, comparison results) and alignment overrides.

A cached DocBin is reused only for the same text hash, model name and version,
and engine version. A cached comparison is reused only for the same versions (in
the same order, base first), model key and engine version, and the same texts,
publication dates, alignment overrides and entity corrections: its fingerprint
hashes those, so pinning a pair or correcting a version's date makes the entry
stale without anyone having to remember to clear it.

Caches are optional: on a read-only library the ``save_*`` methods do nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence

from core.errors import StorageError
from core.storage.base import LibraryBase, check_id, live_version
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.rows import AlignmentOverrideRow, OverrideKind

_KINDS = ("pin", "forbid")


def _version_key(version_ids: Sequence[int]) -> str:
    ids = [check_id(v, "a version id") for v in version_ids]
    if not ids:
        raise StorageError("a comparison needs at least one version")
    if len(set(ids)) != len(ids):
        raise StorageError(f"a comparison lists a version twice: {ids}")
    return ",".join(str(v) for v in ids)


def _fingerprint(conn: sqlite3.Connection, version_ids: Sequence[int]) -> tuple[int, str]:
    """(story id, hash of the versions' texts and publication dates, the hub's alignment
    overrides and the versions' entity corrections)."""
    rows = [live_version(conn, v) for v in version_ids]
    stories = {row["story_id"] for row in rows}
    if len(stories) != 1:
        raise StorageError(f"versions {list(version_ids)} do not all belong to one story")
    base, others = version_ids[0], list(version_ids[1:])
    overrides = conn.execute(
        f"""SELECT other_version_id, base_unit, other_unit, kind FROM alignment_override
            WHERE base_version_id = ? AND other_version_id IN ({", ".join("?" * len(others))})
            ORDER BY other_version_id, base_unit, other_unit""",
        (base, *others),
    ).fetchall()
    corrections = conn.execute(
        f"""SELECT version_id, start_char, end_char, label FROM entity_correction
            WHERE version_id IN ({", ".join("?" * len(version_ids))})
            ORDER BY version_id, start_char, end_char""",
        tuple(version_ids),
    ).fetchall()
    material = json.dumps(
        [
            [r["content_hash"] for r in rows],
            [tuple(o) for o in overrides],
            [r["published"] for r in rows],
            [tuple(c) for c in corrections],
        ]
    )
    return stories.pop(), hashlib.sha256(material.encode("utf-8")).hexdigest()


def _override_pair(conn: sqlite3.Connection, base_id: int, other_id: int) -> None:
    if base_id == other_id:
        raise StorageError("an alignment override needs two different versions")
    if live_version(conn, base_id)["story_id"] != live_version(conn, other_id)["story_id"]:
        raise StorageError(f"versions {base_id} and {other_id} belong to different stories")


def _unit(value: int, what: str) -> int:
    if check_id(value, what) < 0:
        raise StorageError(f"{what} cannot be negative")
    return value


class CacheMixin(LibraryBase):
    """Analysis caches and alignment overrides."""

    def save_doc_analysis(
        self,
        version_id: int,
        model_name: str,
        model_version: str,
        engine_version: str,
        docbin: bytes,
    ) -> Change:
        """Cache a version's spaCy analysis (DocBin bytes), replacing an older one."""
        if self._db.read_only:
            return NO_CHANGE
        with self._db.transaction() as conn:
            text_hash = live_version(conn, version_id)["content_hash"]
            conn.execute(
                """INSERT INTO doc_analysis (version_id, text_hash, model_name, model_version,
                   engine_version, docbin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (version_id, model_name, model_version, engine_version)
                   DO UPDATE SET text_hash = excluded.text_hash, docbin = excluded.docbin,
                                 created_at = excluded.created_at""",
                (
                    version_id,
                    text_hash,
                    model_name,
                    model_version,
                    engine_version,
                    bytes(docbin),
                    utc_now(),
                ),
            )
        return Change.of(analyses=[version_id])

    def load_doc_analysis(
        self, version_id: int, model_name: str, model_version: str, engine_version: str
    ) -> bytes | None:
        """The cached DocBin bytes, or None unless text, model and engine all match."""
        with self._db.reading() as conn:
            row = conn.execute(
                """SELECT d.docbin FROM doc_analysis d JOIN version v ON v.id = d.version_id
                   WHERE d.version_id = ? AND d.model_name = ? AND d.model_version = ?
                     AND d.engine_version = ? AND d.text_hash = v.content_hash""",
                (version_id, model_name, model_version, engine_version),
            ).fetchone()
        return None if row is None else bytes(row[0])

    def save_comparison(
        self, version_ids: Sequence[int], model_key: str, engine_version: str, payload: str
    ) -> Change:
        """Cache a comparison's JSON for these versions (base first)."""
        key = _version_key(version_ids)
        if not isinstance(payload, str):
            raise StorageError("a comparison is stored as JSON text")
        if self._db.read_only:
            return NO_CHANGE
        with self._db.transaction() as conn:
            story_id, fingerprint = _fingerprint(conn, version_ids)
            conn.execute(
                """INSERT INTO comparison (story_id, version_key, model_key, engine_version,
                   fingerprint, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (version_key, model_key, engine_version)
                   DO UPDATE SET fingerprint = excluded.fingerprint, payload = excluded.payload,
                                 created_at = excluded.created_at""",
                (story_id, key, model_key, engine_version, fingerprint, payload, utc_now()),
            )
        return Change.of(analyses=version_ids)

    def cached_comparison(
        self, version_ids: Sequence[int], model_key: str, engine_version: str
    ) -> str | None:
        """The cached comparison JSON, or None if missing or stale."""
        key = _version_key(version_ids)
        with self._db.reading() as conn:
            row = conn.execute(
                "SELECT fingerprint, payload FROM comparison WHERE version_key = ? "
                "AND model_key = ? AND engine_version = ?",
                (key, model_key, engine_version),
            ).fetchone()
            if row is None:
                return None
            try:
                _, fingerprint = _fingerprint(conn, version_ids)
            except StorageError:
                return None  # a version was deleted meanwhile
        return str(row["payload"]) if fingerprint == row["fingerprint"] else None

    def set_alignment_override(
        self,
        base_version_id: int,
        other_version_id: int,
        base_unit: int,
        other_unit: int,
        kind: OverrideKind,
    ) -> Change:
        """Pin (force) or forbid aligning a base unit with a unit of another version."""
        if kind not in _KINDS:
            raise StorageError(f"an alignment override is 'pin' or 'forbid', not {kind!r}")
        base_unit, other_unit = _unit(base_unit, "a unit index"), _unit(other_unit, "a unit index")
        with self._db.transaction() as conn:
            _override_pair(conn, base_version_id, other_version_id)
            conn.execute(
                """INSERT INTO alignment_override (base_version_id, other_version_id, base_unit,
                   other_unit, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (base_version_id, other_version_id, base_unit, other_unit)
                   DO UPDATE SET kind = excluded.kind""",
                (base_version_id, other_version_id, base_unit, other_unit, kind, utc_now()),
            )
        return Change.of(overrides=[base_version_id, other_version_id])

    def remove_alignment_override(
        self, base_version_id: int, other_version_id: int, base_unit: int, other_unit: int
    ) -> Change:
        """Drop an override (the engine decides that pair again)."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "DELETE FROM alignment_override WHERE base_version_id = ? "
                "AND other_version_id = ? AND base_unit = ? AND other_unit = ?",
                (base_version_id, other_version_id, base_unit, other_unit),
            )
        if not cur.rowcount:
            return NO_CHANGE
        return Change.of(overrides=[base_version_id, other_version_id])

    def list_alignment_overrides(
        self, base_version_id: int, other_version_id: int
    ) -> list[AlignmentOverrideRow]:
        """The overrides between two versions, in unit order."""
        with self._db.reading() as conn:
            rows = conn.execute(
                """SELECT base_unit, other_unit, kind FROM alignment_override
                   WHERE base_version_id = ? AND other_version_id = ?
                   ORDER BY base_unit, other_unit""",
                (base_version_id, other_version_id),
            )
            return [
                AlignmentOverrideRow(
                    base_version_id, other_version_id, r["base_unit"], r["other_unit"], r["kind"]
                )
                for r in rows
            ]
