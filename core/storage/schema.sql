-- Variorum library, schema version 1.
--
-- This file is frozen: it is the starting point every library goes through, new
-- or old. Later changes are steps in migrations.py (version 2 onwards), never
-- edits here, so a new file and an upgraded one end up identical.
--
-- Conventions:
--   * Character offsets are half-open [start, end) ranges of code points into
--     version.text, which never changes after import (a trigger enforces it).
--     The covered text is stored beside the offsets.
--   * Timestamps are ISO 8601 UTC strings with milliseconds ("...T12:00:00.000Z").
--   * Stories and versions are soft-deleted (deleted_at) so the GUI can undo a
--     deletion with the same ids and nothing else lost; purging removes them for
--     good and cascades to everything that hangs off them.
--   * AUTOINCREMENT on user-visible ids: an id is never reused, even after a
--     purge, so an undo step or a cache never points at the wrong row.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE story (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    -- The version other versions are compared against. A soft-deleted base stays
    -- recorded here (so restoring it makes it the base again); readers fall back
    -- to the oldest live version.
    base_version_id INTEGER REFERENCES version (id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX story_live_title ON story (title COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX story_base ON story (base_version_id);

CREATE TABLE version (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    story_id     INTEGER NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    text         TEXT NOT NULL CHECK (length(text) > 0),
    content_hash TEXT NOT NULL,
    source       TEXT NOT NULL,
    format       TEXT NOT NULL,
    encoding     TEXT NOT NULL,
    title        TEXT,
    outlet       TEXT,
    byline       TEXT,
    published    TEXT,
    imported_at  TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX version_story ON version (story_id);
-- Lets search skip deleted versions without reading the (large) version rows.
CREATE INDEX version_deleted ON version (deleted_at) WHERE deleted_at IS NOT NULL;
-- The same text is stored once per story (deleted versions do not count).
CREATE UNIQUE INDEX version_live_hash ON version (story_id, content_hash)
    WHERE deleted_at IS NULL;

CREATE TRIGGER version_text_is_immutable BEFORE UPDATE OF text, content_hash ON version
BEGIN
    SELECT RAISE(ABORT, 'a version''s text cannot change once imported');
END;

-- spaCy results (DocBin bytes) per version; reused only for the same text hash,
-- model name and version, and engine version.
CREATE TABLE doc_analysis (
    id             INTEGER PRIMARY KEY,
    version_id     INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    text_hash      TEXT NOT NULL,
    model_name     TEXT NOT NULL,
    model_version  TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    docbin         BLOB NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (version_id, model_name, model_version, engine_version)
);

-- Comparison results (JSON text). version_key lists the version ids compared,
-- base first ("3,7,9"); fingerprint hashes the texts and alignment overrides the
-- result was computed from, so a changed override makes the entry stale.
CREATE TABLE comparison (
    id             INTEGER PRIMARY KEY,
    story_id       INTEGER NOT NULL REFERENCES story (id) ON DELETE CASCADE,
    version_key    TEXT NOT NULL,
    model_key      TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    payload        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (version_key, model_key, engine_version)
);
CREATE INDEX comparison_story ON comparison (story_id);

CREATE TRIGGER version_purge_comparisons AFTER DELETE ON version
BEGIN
    DELETE FROM comparison
    WHERE story_id = old.story_id
      AND instr(',' || version_key || ',', ',' || old.id || ',') > 0;
END;

-- Analyst decisions on sentence alignment: units are indices into each version's
-- unit list as the engine segments it.
CREATE TABLE alignment_override (
    id               INTEGER PRIMARY KEY,
    base_version_id  INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    other_version_id INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    base_unit        INTEGER NOT NULL CHECK (base_unit >= 0),
    other_unit       INTEGER NOT NULL CHECK (other_unit >= 0),
    kind             TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
    created_at       TEXT NOT NULL,
    UNIQUE (base_version_id, other_version_id, base_unit, other_unit),
    CHECK (base_version_id <> other_version_id)
);
CREATE INDEX alignment_override_other ON alignment_override (other_version_id);

CREATE TABLE label (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    colour     TEXT NOT NULL CHECK (
        length(colour) = 7 AND colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]'
    ),
    shortcut   TEXT UNIQUE COLLATE NOCASE CHECK (shortcut IS NULL OR length(shortcut) > 0),
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE claim (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id  INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    -- RESTRICT: a label in use cannot vanish under its claims; the library
    -- reassigns them explicitly first (Library.delete_label(reassign_to=...)).
    label_id    INTEGER REFERENCES label (id) ON DELETE RESTRICT,
    status      TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'verified', 'disputed', 'refuted', 'unverifiable')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    modified_at TEXT NOT NULL,
    CHECK (start_char >= 0 AND start_char < end_char),
    CHECK (length(quote) = end_char - start_char)
);
CREATE INDEX claim_version ON claim (version_id, start_char);
CREATE INDEX claim_label ON claim (label_id);

-- A link is symmetric and stored once, smaller id first.
CREATE TABLE claim_link (
    claim_a    INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
    claim_b    INTEGER NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (claim_a, claim_b),
    CHECK (claim_a < claim_b)
) WITHOUT ROWID;
CREATE INDEX claim_link_b ON claim_link (claim_b);

CREATE TABLE entity_correction (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    version_id INTEGER NOT NULL REFERENCES version (id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    quote      TEXT NOT NULL,
    label      TEXT,  -- NULL: the span is not an entity
    entity_key TEXT,  -- NULL: derive the canonical key from the text as usual
    created_at TEXT NOT NULL,
    CHECK (start_char >= 0 AND start_char < end_char),
    CHECK (length(quote) = end_char - start_char),
    UNIQUE (version_id, start_char, end_char)
);

-- Full-text search. External content: the text is stored once, in version and
-- claim; triggers keep the indexes in step.
CREATE VIRTUAL TABLE version_fts USING fts5 (
    text, content = 'version', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER version_fts_insert AFTER INSERT ON version
BEGIN
    INSERT INTO version_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER version_fts_delete AFTER DELETE ON version
BEGIN
    INSERT INTO version_fts (version_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

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
