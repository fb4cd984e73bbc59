"""Opening libraries: pragmas, transactions, locations, bad files and read-only files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.errors import StorageError
from core.storage import APPLICATION_ID, SCHEMA_VERSION, Library, default_db_path
from core.storage import db as db_module
from core.textio import load_text


def _make_library(path: Path, n_versions: int = 1) -> None:
    with Library.open(path) as lib:
        story_id, _ = lib.add_story("S")
        for i in range(n_versions):
            lib.add_version(story_id, load_text(f"Version {i}. " + "word " * 400))
    assert not Path(f"{path}-wal").exists()  # closed cleanly: everything is in the main file


def _assert_refused_untouched(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(StorageError, match=match):
        Library.open(path)
    assert path.read_bytes() == before


# Pragmas and transactions


def test_new_library_pragmas(lib: Library) -> None:
    conn = lib._db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert lib.integrity_check() == ["ok"]
    assert not lib.is_read_only and lib.notice is None and lib.backup_path is None


def test_every_call_commits_before_returning(lib: Library, db_path: Path) -> None:
    story_id, _ = lib.add_story("Committed")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT title FROM story WHERE id = ?", (story_id,)).fetchone() == (
        "Committed",
    )
    other.close()
    assert not lib._db.conn.in_transaction


def test_transaction_rolls_back_on_error(lib: Library) -> None:
    def insert_then_fail() -> None:
        with lib._db.transaction() as conn:
            conn.execute("INSERT INTO story (title, created_at) VALUES ('x', 'now')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        insert_then_fail()
    assert lib.list_stories() == []
    assert not lib._db.conn.in_transaction


def test_transaction_turns_sqlite_errors_into_storage_errors(lib: Library) -> None:
    with pytest.raises(StorageError), lib._db.transaction() as conn:
        conn.execute("INSERT INTO claim (version_id) VALUES (12345)")
    assert not lib._db.conn.in_transaction


def test_busy_library_gives_a_clear_error(lib: Library, db_path: Path, monkeypatch) -> None:
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    lib._db.conn.execute("PRAGMA busy_timeout = 50")
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.05)
    try:
        with pytest.raises(StorageError, match="busy"):
            lib.add_story("blocked")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    lib.add_story("now it works")


def test_connection_belongs_to_its_thread(lib: Library) -> None:
    import threading

    errors: list[BaseException] = []

    def use() -> None:
        try:
            lib.list_stories()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=use)
    thread.start()
    thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)


# Locations


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "library.sqlite3"
    Library.open(path).close()
    assert path.is_file()


def test_parent_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("I am a file")
    with pytest.raises(StorageError, match="a file is in the way"):
        Library.open(blocker / "library.sqlite3")
    with pytest.raises(StorageError, match="a file is in the way"):
        Library.open(blocker / "deeper" / "library.sqlite3")
    assert blocker.read_text() == "I am a file"


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="is a folder"):
        Library.open(tmp_path)


def test_no_create_and_read_only_do_not_create(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    for kwargs in ({"create": False}, {"read_only": True}):
        with pytest.raises(StorageError, match="no library"):
            Library.open(path, **kwargs)
    assert not path.exists()


def test_default_path_honours_env_then_platformdirs(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VARIORUM_DB", str(tmp_path / "x.sqlite3"))
    assert default_db_path() == tmp_path / "x.sqlite3"
    with Library.open() as lib:
        assert lib.path == tmp_path / "x.sqlite3"
    monkeypatch.delenv("VARIORUM_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    path = default_db_path()
    assert path.name == "library.sqlite3"
    assert path.parent.name == "Variorum"


def test_empty_file_becomes_a_library(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with Library.open(path) as lib:
        assert lib.list_stories() == []


# Bad files: refused with a clear message, left byte-identical


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "random.sqlite3"
    path.write_bytes(os.urandom(8192))
    _assert_refused_untouched(path, "not an SQLite database")


def test_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n" * 100)
    _assert_refused_untouched(path, "not a Variorum library")


def test_sqlite_header_with_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(db_module.SQLITE_MAGIC + os.urandom(4096))
    _assert_refused_untouched(path, "damaged|not a database|not a Variorum")


def test_truncated_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "short.sqlite3"
    path.write_bytes(db_module.SQLITE_MAGIC + b"\x10\x00")
    _assert_refused_untouched(path, "truncated")


def test_truncated_library_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _make_library(path, n_versions=40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    _assert_refused_untouched(path, "damaged")


def test_corrupted_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _make_library(path, n_versions=40)
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = os.urandom(200)  # a b-tree page, not the header
    path.write_bytes(bytes(data))
    _assert_refused_untouched(path, "damaged")


def test_foreign_sqlite_file_is_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('precious')")
    conn.commit()
    conn.close()
    _assert_refused_untouched(path, "not a Variorum library")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-app.db"]


def test_foreign_application_id_is_refused_even_when_empty(tmp_path: Path) -> None:
    path = tmp_path / "other-app.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 12345")
    conn.close()
    _assert_refused_untouched(path, "not a Variorum library")


def test_newer_schema_is_refused_and_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    _make_library(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.close()
    _assert_refused_untouched(
        path, f"newer Variorum .*version {SCHEMA_VERSION + 7}.*up to version {SCHEMA_VERSION}"
    )
    with pytest.raises(StorageError, match="newer"):
        Library.open(path, read_only=True)


def test_refusal_does_not_checkpoint_a_leftover_wal(tmp_path: Path) -> None:
    """A newer library left with a -wal file (its app crashed) is refused, main file unchanged."""
    live = tmp_path / "live" / "library.sqlite3"
    _make_library(live)
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    writer.execute("INSERT INTO meta VALUES ('written by', 'a newer Variorum')")
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):  # the files as a killed process leaves them
        shutil.copyfile(f"{live}{suffix}", crashed / f"library.sqlite3{suffix}")
    writer.close()
    path = crashed / "library.sqlite3"
    wal_before = Path(f"{path}-wal").read_bytes()
    assert wal_before
    _assert_refused_untouched(path, "newer Variorum")
    assert Path(f"{path}-wal").read_bytes() == wal_before


# Read-only


def test_explicit_read_only(db_path: Path, story, lib: Library) -> None:
    story_id, ids = story
    before = db_path.read_bytes()
    with Library.open(db_path, read_only=True) as ro:
        assert ro.is_read_only
        assert ro.notice is None
        assert [v.id for v in ro.list_versions(story_id)] == ids
        assert ro.search("minister")
        for write in (
            lambda: ro.add_story("x"),
            lambda: ro.add_claim(ids[0], 0, 3),
            lambda: ro.delete_story(story_id),
            lambda: ro.add_label("L", "#000000"),
        ):
            with pytest.raises(StorageError, match="read-only"):
                write()
    assert db_path.read_bytes() == before


def test_unwritable_file_opens_read_only_with_a_notice(db_path: Path, story, lib, monkeypatch):
    monkeypatch.setattr(db_module, "_writable", lambda path: False)
    with Library.open(db_path) as ro:
        assert ro.is_read_only
        assert "read-only" in (ro.notice or "")
        with pytest.raises(StorageError, match="read-only"):
            ro.add_story("x")


def test_chmod_0444_library(db_path: Path, story, lib: Library) -> None:
    lib.close()
    db_path.chmod(0o444)
    try:
        with Library.open(db_path) as opened:
            # root ignores file modes; then the file really is writable.
            assert opened.is_read_only == (not os.access(db_path, os.W_OK))
            assert opened.list_stories()
    finally:
        db_path.chmod(0o644)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can enter (pytest's tmp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="variorum-ro-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _as_unprivileged_user(check: Callable[[], str]) -> str:
    """Run ``check`` as an ordinary user: in a forked child when we are root.

    Forking (no exec) keeps the already imported modules, so the child needs no
    access to root's Python installation.
    """
    if os.geteuid() != 0:
        return check()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            result = check()
        except BaseException as exc:  # reported to the parent
            result = f"child failed: {exc!r}"
        os.write(write_end, result.encode())
        os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return b"".join(chunks).decode()


def test_really_read_only_file_and_folder(shared_dir: Path) -> None:
    """A library its user cannot write: opens read-only with a notice, reads, refuses writes."""
    library = shared_dir / "lib" / "library.sqlite3"
    _make_library(library)
    library.chmod(0o444)
    library.parent.chmod(0o555)
    before = library.read_bytes()

    def check() -> str:
        lib = Library.open(library)
        lines = [
            f"{lib.is_read_only} {bool(lib.notice)} {len(lib.list_stories())} "
            f"{lib.search('word')[0].kind}"
        ]
        try:
            lib.add_story("x")
        except StorageError as exc:
            lines.append(f"refused {exc}")
        lib.close()
        return "\n".join(lines)

    lines = _as_unprivileged_user(check).splitlines()
    assert lines[0] == "True True 1 version"
    assert lines[1].startswith("refused") and "read-only" in lines[1]
    assert library.read_bytes() == before
    assert sorted(p.name for p in library.parent.iterdir()) == ["library.sqlite3"]


class _LockedFor:
    """A connection whose ``PRAGMA journal_mode = WAL`` meets "database is locked" the
    first ``times`` asks, as when another process is creating the same library."""

    def __init__(self, times: int, message: str = "database is locked") -> None:
        self.times, self.message, self.asked = times, message, 0

    def execute(self, _sql: str) -> _LockedFor:
        self.asked += 1
        if self.asked <= self.times:
            raise sqlite3.OperationalError(self.message)
        return self

    def fetchone(self) -> tuple[str]:
        return ("wal",)


def test_the_switch_to_wal_waits_for_a_library_another_process_is_creating() -> None:
    conn = _LockedFor(times=3)
    assert db_module._switch_to_wal(conn) == "wal"  # type: ignore[arg-type]
    assert conn.asked == 4


def test_the_switch_to_wal_gives_up_after_the_busy_timeout(monkeypatch) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_S", 0.05)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        db_module._switch_to_wal(_LockedFor(times=10**6))  # type: ignore[arg-type]


def test_the_switch_to_wal_raises_other_errors_at_once() -> None:
    conn = _LockedFor(times=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        db_module._switch_to_wal(conn)  # type: ignore[arg-type]
    assert conn.asked == 1
