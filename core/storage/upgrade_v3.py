"""Schema step 3: a claim is one object with one appearance per version.

Version 2 stored a claim as one span of one version and joined "the same claim in
another version" with pairwise ``claim_link`` rows. Version 3 keeps the claim
(label, status, note, author) apart from where it appears: ``claim_appearance``
holds one span per version, and exactly one appearance per claim is its
*origin*, the span the analyst tagged and the base of drift.

Moving the data: every old claim becomes an appearance with the same id. Claims
joined by links (connected components) whose versions are all distinct merge
into one claim: the lowest id in a live version survives (ids are kept) and is
the origin; its label and status win and the other notes are appended, so no
words are lost. A component with two claims in one version cannot be one claim:
its claims stay apart and their links are kept as JSON under the meta key
``claim_links_not_merged`` (the backup written before the upgrade has them too).

Versions may now change text (a corrected re-import): the immutability trigger
goes, replaced texts are kept in ``version_revision``, and ``version_fts`` gets
its missing update trigger. Labels get a description.

This step is frozen once shipped, like every step: it must not call code that may
change later, hence its own copy of the quote context (32 characters each side,
as ``core.anchoring.quote_selector`` takes by default).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from core.storage.sqlscript import run_script

_CONTEXT = 32
_UNMERGED_KEY = "claim_links_not_merged"

_BEFORE = """
ALTER TABLE claim RENAME TO claim_v2;
DROP INDEX claim_version;
DROP INDEX claim_label;
DROP TRIGGER claim_fts_insert;
DROP TRIGGER claim_fts_delete;
DROP TRIGGER claim_fts_update;
DROP TABLE claim_fts;

ALTER TABLE label ADD COLUMN description TEXT NOT NULL DEFAULT '';

DROP TRIGGER version_text_is_immutable;
CREATE TRIGGER version_fts_update AFTER UPDATE OF text ON version
BEGIN
    INSERT INTO version_fts (version_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO version_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Every text a version had before a corrected re-import replaced it.
CREATE TABLE version_revision (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id   INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    text         TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source       TEXT NOT NULL,
    format       TEXT NOT NULL,
    encoding     TEXT NOT NULL,
    replaced_at  TEXT NOT NULL
);
CREATE INDEX version_revision_version ON version_revision (version_id);

CREATE TABLE claim (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id    INTEGER NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    -- RESTRICT: a label in use cannot vanish under its claims; the library
    -- reassigns them explicitly first (Library.delete_label(reassign_to=...)).
    label_id    INTEGER REFERENCES label (id) ON DELETE RESTRICT,
    status      TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'verified', 'disputed', 'refuted', 'unverifiable')),
    note        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL
);
CREATE INDEX claim_story ON claim (story_id);
CREATE INDEX claim_label ON claim (label_id);

-- Where a claim appears. prefix and suffix are the text around the quote (a W3C
-- text-quote selector), so the span can be found again when the text changes.
-- An orphaned appearance (its text is gone) keeps its last quote, without offsets.
CREATE TABLE claim_appearance (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id   INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
    version_id INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    start_char INTEGER,
    end_char   INTEGER,
    quote      TEXT NOT NULL,
    prefix     TEXT NOT NULL DEFAULT '',
    suffix     TEXT NOT NULL DEFAULT '',
    origin     INTEGER NOT NULL DEFAULT 0 CHECK (origin IN (0, 1)),
    anchor     TEXT NOT NULL DEFAULT 'exact'
        CHECK (anchor IN ('exact', 'moved', 'fuzzy', 'orphaned')),
    created_at TEXT NOT NULL,
    UNIQUE (claim_id, version_id),
    CHECK ((start_char IS NULL) = (end_char IS NULL)),
    CHECK (start_char IS NOT NULL OR anchor = 'orphaned'),
    CHECK (start_char IS NULL OR (
        start_char >= 0 AND start_char < end_char AND length(quote) = end_char - start_char
    ))
);
CREATE INDEX claim_appearance_version ON claim_appearance (version_id, start_char);
CREATE UNIQUE INDEX claim_appearance_origin ON claim_appearance (claim_id) WHERE origin = 1;

CREATE TRIGGER claim_appearance_same_story BEFORE INSERT ON claim_appearance
WHEN (SELECT story_id FROM version WHERE id = new.version_id)
     IS NOT (SELECT story_id FROM claim WHERE id = new.claim_id)
BEGIN
    SELECT RAISE(ABORT, 'a claim appears only in versions of its own story');
END;
-- A claim without its origin has no base: purging the origin's version removes the claim.
CREATE TRIGGER claim_appearance_origin_gone AFTER DELETE ON claim_appearance
WHEN old.origin = 1
BEGIN
    DELETE FROM claim WHERE id = old.claim_id;
END;
"""

_AFTER = """
DROP TABLE claim_link;
DROP TABLE claim_v2;

CREATE VIRTUAL TABLE claim_fts USING fts5 (
    note, content = 'claim', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim
BEGIN
    INSERT INTO claim_fts (rowid, note) VALUES (new.id, new.note);
END;
CREATE TRIGGER claim_fts_delete AFTER DELETE ON claim
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, note) VALUES ('delete', old.id, old.note);
END;
CREATE TRIGGER claim_fts_update AFTER UPDATE OF note ON claim
BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, note) VALUES ('delete', old.id, old.note);
    INSERT INTO claim_fts (rowid, note) VALUES (new.id, new.note);
END;
INSERT INTO claim_fts (claim_fts) VALUES ('rebuild');
"""


class _OldClaim(NamedTuple):
    id: int
    version_id: int
    story_id: int
    label_id: int | None
    status: str
    note: str
    created_at: str
    modified_at: str
    live: bool


def claims_as_objects(conn: sqlite3.Connection) -> None:
    """Schema 2 → 3 (see the module docstring); runs inside the upgrade's transaction."""
    # Tables are rebuilt while rows still point at them; checked once, below.
    conn.execute("PRAGMA defer_foreign_keys = ON")
    run_script(conn, _BEFORE)
    _move_claims(conn)
    run_script(conn, _AFTER)
    problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise sqlite3.IntegrityError(f"foreign keys broken by the upgrade: {problems[:3]}")


def _move_claims(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        """SELECT c.id, c.version_id, v.story_id, c.label_id, c.status, c.note, c.created_at,
                  c.modified_at, v.deleted_at IS NULL AND s.deleted_at IS NULL
           FROM claim_v2 c JOIN version v ON v.id = c.version_id
           JOIN story s ON s.id = v.story_id ORDER BY c.id"""
    ).fetchall()
    claims = {int(r[0]): _OldClaim(*r[:8], live=bool(r[8])) for r in rows}
    links = [(int(a), int(b)) for a, b in conn.execute("SELECT claim_a, claim_b FROM claim_link")]
    new_claims: list[tuple[object, ...]] = []
    appearances: list[tuple[int, int, bool]] = []  # (old claim id, claim id, origin)
    unmerged: list[tuple[int, int]] = []
    for group in _components(claims, links):
        members = [claims[i] for i in group]
        if len({m.version_id for m in members}) == len(members):
            survivor = next((m for m in members if m.live), members[0])
            new_claims.append(_merged(survivor, members))
            appearances += [(m.id, survivor.id, m is survivor) for m in members]
        else:
            new_claims += [_merged(m, [m]) for m in members]
            appearances += [(m.id, m.id, True) for m in members]
            unmerged += [(a, b) for a, b in links if a in group]
    conn.executemany(
        """INSERT INTO claim (id, story_id, label_id, status, note, author, created_at,
           modified_at) VALUES (?, ?, ?, ?, ?, '', ?, ?)""",
        new_claims,
    )
    _insert_appearances(conn, appearances)
    if unmerged:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            (_UNMERGED_KEY, json.dumps(sorted(unmerged))),
        )


def _components(claims: dict[int, _OldClaim], links: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Claims grouped by links (union-find), each group sorted, groups by lowest id."""
    parent = {claim_id: claim_id for claim_id in claims}

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in links:
        if a in parent and b in parent:
            low, high = sorted((root(a), root(b)))
            parent[high] = low
    groups: dict[int, list[int]] = {}
    for claim_id in sorted(claims):
        groups.setdefault(root(claim_id), []).append(claim_id)
    return sorted(groups.values())


def _merged(survivor: _OldClaim, members: Sequence[_OldClaim]) -> tuple[object, ...]:
    others = [m.note for m in members if m is not survivor]
    notes = dict.fromkeys(n for n in [survivor.note, *others] if n.strip())
    return (
        survivor.id,
        survivor.story_id,
        survivor.label_id,
        survivor.status,
        "\n\n".join(notes),
        survivor.created_at,
        max(m.modified_at for m in members),
    )


def _insert_appearances(conn: sqlite3.Connection, appearances: list[tuple[int, int, bool]]) -> None:
    """One appearance per old claim, with the same id and the quote's context."""
    target = {old: (claim_id, origin) for old, claim_id, origin in appearances}
    by_version: dict[int, list[tuple[int, int, int, str, str]]] = {}
    for row in conn.execute(
        "SELECT id, version_id, start_char, end_char, quote, created_at FROM claim_v2"
    ):
        by_version.setdefault(int(row[1]), []).append((row[0], row[2], row[3], row[4], row[5]))
    for version_id, spans in by_version.items():
        text = conn.execute("SELECT text FROM version WHERE id = ?", (version_id,)).fetchone()[0]
        conn.executemany(
            """INSERT INTO claim_appearance (id, claim_id, version_id, start_char, end_char,
               quote, prefix, suffix, origin, anchor, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?)""",
            [
                (
                    old,
                    target[old][0],
                    version_id,
                    start,
                    end,
                    quote,
                    text[max(0, start - _CONTEXT) : start],
                    text[end : end + _CONTEXT],
                    int(target[old][1]),
                    created_at,
                )
                for old, start, end, quote, created_at in spans
            ],
        )
