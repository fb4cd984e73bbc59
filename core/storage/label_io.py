"""Label schemas in and out of the library: the defaults, JSON import and export.

A new library is seeded with :func:`core.label_schema.default_labels` once in its
life (the meta key ``labels_seeded`` remembers it), so labels the analyst deleted
stay deleted. Importing a schema matches labels by name (ignoring case): matched
ones take the schema's colour, shortcut, description and position, missing ones
are added, and with ``replace`` the labels the schema does not name are deleted.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from core.errors import StorageError
from core.storage.changes import NO_CHANGE, Change
from core.storage.db import utc_now
from core.storage.labels import LabelsMixin, checked_spec, insert_label

if TYPE_CHECKING:
    # Imported where used: it brings pydantic, which opening a library does not need.
    from core.label_schema import LabelSpec

_SEEDED_KEY = "labels_seeded"


class LabelSchemaMixin(LabelsMixin):
    """The default labels, and label schemas as JSON."""

    def ensure_default_labels(self, defaults: Sequence[LabelSpec] | None = None) -> Change:
        """Add the default labels (or ``defaults``) once in a library's life.

        Later calls do nothing. A default whose name exists is skipped; one whose
        shortcut is taken is added without a shortcut.
        """
        if self._db.read_only or self._seeded():
            return NO_CHANGE
        from core.label_schema import default_labels

        wanted = [checked_spec(s) for s in (default_labels() if defaults is None else defaults)]
        added: list[int] = []
        with self._db.transaction() as conn:
            if _is_seeded(conn):  # another process seeded it meanwhile
                return NO_CHANGE
            position = conn.execute("SELECT coalesce(max(position), -1) + 1 FROM label").fetchone()
            for offset, spec in enumerate(wanted):
                if conn.execute("SELECT 1 FROM label WHERE name = ?", (spec.name,)).fetchone():
                    continue
                shortcut = spec.shortcut
                if (
                    shortcut
                    and conn.execute(
                        "SELECT 1 FROM label WHERE shortcut = ?", (shortcut,)
                    ).fetchone()
                ):
                    shortcut = None
                at = position[0] + offset
                added.append(
                    insert_label(conn, dataclasses.replace(spec, shortcut=shortcut, position=at))
                )
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_SEEDED_KEY, utc_now()))
        return Change.of(labels=added)

    def _seeded(self) -> bool:
        with self._db.reading() as conn:
            return _is_seeded(conn)

    def export_labels(self, *, source: str = "") -> dict[str, Any]:
        """The library's labels as a JSON-ready label schema."""
        from core.label_schema import LabelSpec, dump_label_schema

        specs = [
            LabelSpec(r.name, r.colour, r.shortcut, r.description, r.position)
            for r in self.list_labels()
        ]
        return dump_label_schema(specs, source=source)

    def import_labels(self, specs: Sequence[LabelSpec], *, replace: bool = False) -> Change:
        """Bring a label schema in, matching labels by name (see the module docstring).

        Nothing is written when a label clashes (a shortcut taken by a label the
        schema does not name) or, with ``replace``, when a label to delete is used
        by claims.
        """
        from core.label_schema import validate_labels

        wanted = [checked_spec(s) for s in specs]
        validate_labels(wanted)
        with self._db.transaction() as conn:
            existing = {r["name"].casefold(): r for r in conn.execute("SELECT * FROM label")}
            matched = {s.name.casefold(): existing.get(s.name.casefold()) for s in wanted}
            others = [r for key, r in existing.items() if key not in matched]
            if replace:
                _check_unused(conn, others)
            else:
                _check_shortcuts(wanted, others)
            deleted = [r["id"] for r in others] if replace else []
            conn.executemany("DELETE FROM label WHERE id = ?", [(i,) for i in deleted])
            touched = [r["id"] for r in matched.values() if r is not None]
            # Shortcuts may move between imported labels: clear them before setting any.
            conn.executemany(
                "UPDATE label SET shortcut = NULL WHERE id = ?", [(i,) for i in touched]
            )
            for spec in wanted:
                row = matched[spec.name.casefold()]
                if row is None:
                    touched.append(insert_label(conn, spec))
                    continue
                conn.execute(
                    "UPDATE label SET name = ?, colour = ?, shortcut = ?, position = ?, "
                    "description = ? WHERE id = ?",
                    (
                        spec.name,
                        spec.colour,
                        spec.shortcut,
                        spec.position,
                        spec.description,
                        row["id"],
                    ),
                )
        return Change.of(labels=[*touched, *deleted])


def _is_seeded(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (_SEEDED_KEY,)).fetchone() is not None


def _check_unused(conn: sqlite3.Connection, doomed: Sequence[sqlite3.Row]) -> None:
    for row in doomed:
        used = conn.execute("SELECT count(*) FROM claim WHERE label_id = ?", (row["id"],))
        count = int(used.fetchone()[0])
        if count:
            raise StorageError(
                f"the label {row['name']!r} is used by {count} claim(s) and is not in the "
                "imported schema; add it to the schema or move its claims first"
            )


def _check_shortcuts(wanted: Sequence[LabelSpec], kept: Sequence[sqlite3.Row]) -> None:
    taken = {r["shortcut"].casefold(): r["name"] for r in kept if r["shortcut"]}
    for spec in wanted:
        owner = taken.get((spec.shortcut or "").casefold())
        if spec.shortcut and owner is not None:
            raise StorageError(
                f"the shortcut {spec.shortcut!r} of the imported label {spec.name!r} is already "
                f"used by the label {owner!r}; import with replace or change one of them"
            )
