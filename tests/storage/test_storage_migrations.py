"""Schema versions: every older library upgrades (after a backup); failures change nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from core.errors import StorageError
from core.storage import APPLICATION_ID, SCHEMA_VERSION, Library, migrations
from core.storage.sqlscript import split_statements
from core.textio import content_hash

OLD_TEXT = "Old story\n\nThis version was stored by an older Variorum, with seven words."


def _build_old_library(path: Path, version: int) -> None:
    """A library at an older schema version, holding a story, a version, a label and a claim."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.upgrade(conn, path, target=version)
    now = "2024-01-01T00:00:00.000Z"
    conn.execute("INSERT INTO story (id, title, created_at) VALUES (1, 'Old', ?)", (now,))
    conn.execute(
        """INSERT INTO version (id, story_id, text, content_hash, source, format, encoding,
           imported_at) VALUES (1, 1, ?, ?, 'old.txt', 'text', 'utf-8', ?)""",
        (OLD_TEXT, content_hash(OLD_TEXT), now),
    )
    conn.execute("UPDATE story SET base_version_id = 1")
    if version >= 2:  # Variorum 2 counted the words on import
        conn.execute("UPDATE version SET word_count = ?", (len(OLD_TEXT.split()),))
    conn.execute("INSERT INTO label VALUES (1, 'Claim', '#ff0000', '1', 0, ?)", (now,))
    conn.execute(
        """INSERT INTO claim (id, version_id, start_char, end_char, quote, label_id, note,
           created_at, modified_at) VALUES (1, 1, 0, 9, 'Old story', 1, 'precious tag', ?, ?)""",
        (now, now),
    )
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_older_version_upgrades_with_a_backup(tmp_path: Path, version: int) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, version)
    with Library.open(path) as lib:
        assert lib.backup_path is not None
        assert lib.backup_path.name.startswith(f"library.sqlite3.backup-v{version}-")
        assert lib._db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        row = lib.get_version(1)
        assert row is not None and row.text == OLD_TEXT
        assert row.word_count == len(OLD_TEXT.split())
        claim = lib.get_claim(1)
        assert claim is not None and (claim.origin.quote, claim.note) == (
            "Old story",
            "precious tag",
        )
        assert (claim.origin.id, claim.origin.prefix, claim.origin.suffix) == (
            1,
            "",
            OLD_TEXT[9:41],
        )
        assert lib.search("precious")[0].claim_id == 1
        assert lib.integrity_check() == ["ok"]
        backup = lib.backup_path
    backup_conn = sqlite3.connect(backup)
    assert backup_conn.execute("PRAGMA user_version").fetchone()[0] == version
    assert backup_conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert backup_conn.execute("SELECT note FROM claim").fetchone()[0] == "precious tag"
    assert backup_conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    backup_conn.close()
    with Library.open(path) as again:  # already current: no second backup
        assert again.backup_path is None
    assert len(list(tmp_path.glob("*.backup-*"))) == 1


def test_new_library_runs_the_whole_chain(tmp_path: Path, monkeypatch) -> None:
    ran: list[int] = []
    for number, step in list(migrations.STEPS.items()):
        monkeypatch.setitem(
            migrations.STEPS, number, lambda conn, n=number, s=step: (ran.append(n), s(conn))
        )
    with Library.open(tmp_path / "new.sqlite3") as lib:
        assert lib.backup_path is None
    assert ran == list(range(1, SCHEMA_VERSION + 1))
    assert list(tmp_path.glob("*.backup-*")) == []


def test_new_and_upgraded_schemas_are_identical(tmp_path: Path) -> None:
    def schema(path: Path) -> list[tuple[str, str]]:
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
        conn.close()
        return rows

    Library.open(tmp_path / "new.sqlite3").close()
    _build_old_library(tmp_path / "old.sqlite3", 1)
    Library.open(tmp_path / "old.sqlite3").close()
    assert schema(tmp_path / "new.sqlite3") == schema(tmp_path / "old.sqlite3")


def test_failed_upgrade_leaves_the_library_as_it_was(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 1)

    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE version ADD COLUMN half_done INTEGER")
        conn.execute("SELECT no_such_function()")

    monkeypatch.setitem(migrations.STEPS, 2, broken_step)
    with pytest.raises(
        StorageError, match=rf"from schema version 1 to {SCHEMA_VERSION} failed.*left as it was"
    ):
        Library.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = {row[1] for row in conn.execute("PRAGMA table_info(version)")}
    assert "half_done" not in columns and "word_count" not in columns
    assert conn.execute("SELECT note FROM claim").fetchone()[0] == "precious tag"
    conn.close()
    assert len(list(tmp_path.glob("library.sqlite3.backup-v1-*"))) == 1
    monkeypatch.undo()
    with Library.open(path) as lib:  # the real step still works afterwards
        assert lib.get_version(1).word_count > 0  # type: ignore[union-attr]


def test_older_library_is_not_upgraded_read_only(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 1)
    before = path.read_bytes()
    with pytest.raises(StorageError, match="needs upgrading"):
        Library.open(path, read_only=True)
    assert path.read_bytes() == before


def test_split_statements_keeps_triggers_whole() -> None:
    script = """
    -- a comment
    CREATE TABLE t (x);
    CREATE TRIGGER tr AFTER INSERT ON t BEGIN
        INSERT INTO t VALUES (1);
        SELECT 2;
    END;
    -- trailing comment
    """
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    with pytest.raises(ValueError, match="incomplete"):
        split_statements("CREATE TABLE t (x)")


def test_steps_are_consecutive() -> None:
    assert sorted(migrations.STEPS) == list(range(1, SCHEMA_VERSION + 1))


# Schema 3: claims as objects with appearances


def _add_v2_claims(path: Path) -> None:
    """Versions 2-4 and claims 2-9 with links, written as Variorum 2 wrote them."""
    conn = sqlite3.connect(path, isolation_level=None)
    now = "2024-01-01T00:00:00.000Z"
    texts = {2: OLD_TEXT + " Second.", 3: OLD_TEXT + " Third.", 4: OLD_TEXT + " Fourth."}
    for version_id, text in texts.items():
        conn.execute(
            """INSERT INTO version (id, story_id, text, content_hash, source, format, encoding,
               imported_at, deleted_at) VALUES (?, 1, ?, ?, 'v.txt', 'text', 'utf-8', ?, ?)""",
            (version_id, text, content_hash(text), now, now if version_id == 4 else None),
        )
    conn.execute("UPDATE version SET word_count = 14 WHERE id > 1")
    claims = [  # id, version, start, end, label, status, note, modified
        (2, 2, 10, 17, 1, "disputed", "second note", "2024-03-01T00:00:00.000Z"),
        (3, 3, 10, 17, None, "open", "", now),
        (4, 1, 20, 27, None, "open", "same version A", now),
        (5, 1, 30, 37, None, "open", "same version B", now),
        (6, 2, 20, 27, None, "open", "", now),
        (7, 4, 0, 9, None, "verified", "in a deleted version", now),
        (8, 3, 0, 9, None, "open", "live one", now),
        (9, 3, 40, 47, None, "open", "alone", now),
    ]
    for claim_id, version_id, start, end, label, status, note, modified in claims:
        quote = conn.execute(
            "SELECT substr(text, ?, ?) FROM version WHERE id = ?",
            (start + 1, end - start, version_id),
        ).fetchone()[0]
        conn.execute(
            """INSERT INTO claim (id, version_id, start_char, end_char, quote, label_id, status,
               note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (claim_id, version_id, start, end, quote, label, status, note, now, modified),
        )
    links = [(1, 2), (2, 3), (4, 6), (5, 6), (7, 8)]
    conn.executemany("INSERT INTO claim_link VALUES (?, ?, ?)", [(a, b, now) for a, b in links])
    conn.close()


def test_v2_claims_and_links_become_claims_with_appearances(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 2)
    _add_v2_claims(path)
    with Library.open(path) as lib:
        assert lib.integrity_check() == ["ok"]
        merged = lib.get_claim(1)
        assert merged is not None
        assert [(a.id, a.version_id, a.origin) for a in merged.appearances] == [
            (1, 1, True),
            (2, 2, False),
            (3, 3, False),
        ]
        assert (merged.label_id, merged.status) == (1, "open")  # the survivor's
        assert merged.note == "precious tag\n\nsecond note"  # no words lost
        assert merged.modified_at == "2024-03-01T00:00:00.000Z"
        assert merged.appearances[1].quote == (OLD_TEXT + " Second.")[10:17]
        assert merged.appearances[1].prefix == OLD_TEXT[:10]
        # 4 and 5 are in one version: the component stays apart, its links kept in meta
        for claim_id in (4, 5, 6):
            row = lib.get_claim(claim_id)
            assert row is not None and [a.id for a in row.appearances] == [claim_id]
        kept = lib._db.conn.execute(
            "SELECT value FROM meta WHERE key = 'claim_links_not_merged'"
        ).fetchone()[0]
        assert json.loads(kept) == [[4, 6], [5, 6]]
        # the survivor is the lowest id in a live version, so the claim stays visible
        live = lib.get_claim(8)
        assert live is not None and live.note == "live one\n\nin a deleted version"
        assert [a.id for a in live.appearances] == [8]  # 7's version is deleted
        lib.restore_version(4)
        assert [a.id for a in lib.get_claim(8).appearances] == [8, 7]  # type: ignore[union-attr]
        assert lib.get_claim(7) is None
        assert sorted(c.id for c in lib.list_claims()) == [1, 4, 5, 6, 8, 9]
        assert [h.claim_id for h in lib.search("second note")] == [1]
        assert lib.get_story(1).claim_count == 6  # type: ignore[union-attr]
        new_id, _ = lib.add_claim(1, 0, 3)
        assert new_id == 10
        conn = lib._db.conn
        assert (
            conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'claim_link'").fetchone()[
                0
            ]
            == 0
        )
        conn.execute("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')")
        backup = lib.backup_path
    assert backup is not None and backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert old.execute("SELECT count(*) FROM claim").fetchone()[0] == 9
    assert old.execute("SELECT count(*) FROM claim_link").fetchone()[0] == 5
    old.close()
    with Library.open(backup) as again:  # the backup is a v2 library this code can upgrade
        assert again.get_claim(1).note == "precious tag\n\nsecond note"  # type: ignore[union-attr]


def test_labels_get_a_description_and_versions_a_revision_table(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _build_old_library(path, 2)
    with Library.open(path) as lib:
        assert lib.get_label(1).description == ""  # type: ignore[union-attr]
        assert lib.list_revisions(1) == []
