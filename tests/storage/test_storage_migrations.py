"""Schema versions: every older library upgrades (after a backup); failures change nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.errors import StorageError
from core.storage import APPLICATION_ID, SCHEMA_VERSION, Library, migrations
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
        assert claim is not None and (claim.quote, claim.note) == ("Old story", "precious tag")
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
    with pytest.raises(StorageError, match=r"from schema version 1 to 2 failed.*left as it was"):
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
    statements = migrations.split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")
    with pytest.raises(ValueError, match="incomplete"):
        migrations.split_statements("CREATE TABLE t (x)")


def test_steps_are_consecutive() -> None:
    assert sorted(migrations.STEPS) == list(range(1, SCHEMA_VERSION + 1))
