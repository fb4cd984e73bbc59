"""Schema versions: identify a file, refuse what is not ours, upgrade step by step.

``PRAGMA user_version`` holds the schema version and ``PRAGMA application_id``
marks the file as a Variorum library. A new file starts empty and goes through
every step (``schema.sql`` is step 1), so new and upgraded libraries are built
by the same code. An existing file is copied with SQLite's backup API before the
first step runs, and all steps run in one transaction: an upgrade either
completes or leaves the file as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Literal

from core.errors import StorageError
from core.storage import upgrade_v3
from core.storage.sqlscript import run_script

#: "Varm": written into every library's header, so foreign SQLite files are recognised.
APPLICATION_ID = 0x5661726D
#: The newest schema this code reads and writes.
SCHEMA_VERSION = 3

Step = Callable[[sqlite3.Connection], None]
FileKind = Literal["empty", "ours", "foreign"]


@dataclass(frozen=True, slots=True)
class Identity:
    """What an SQLite file says about itself, read without writing anything."""

    application_id: int
    user_version: int
    objects: int

    @property
    def kind(self) -> FileKind:
        """``empty`` (a new file), ``ours`` (a Variorum library) or ``foreign``."""
        if self.application_id == APPLICATION_ID:
            return "ours"
        if self.application_id == 0 and self.user_version == 0 and self.objects == 0:
            return "empty"
        return "foreign"


def identify(conn: sqlite3.Connection) -> Identity:
    """Read the application id, schema version and number of schema objects."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return Identity(int(app_id), int(version), int(objects))


def count_words(text: str | None) -> int:
    """Whitespace-separated words: the figure stored in ``version.word_count``."""
    return len(text.split()) if text else 0


def _create_v1(conn: sqlite3.Connection) -> None:
    run_script(conn, resources.files("core.storage").joinpath("schema.sql").read_text("utf-8"))
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _add_word_count(conn: sqlite3.Connection) -> None:
    conn.create_function("variorum_count_words", 1, count_words, deterministic=True)
    conn.execute("ALTER TABLE version ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE version SET word_count = variorum_count_words(text)")


#: Step N takes a library from version N-1 to N. Append only; never edit a shipped step.
#: A future step that rebuilds a table must use PRAGMA defer_foreign_keys (foreign_keys
#: cannot be switched off inside the transaction) and PRAGMA foreign_key_check after.
STEPS: dict[int, Step] = {1: _create_v1, 2: _add_word_count, 3: upgrade_v3.claims_as_objects}


def refuse_newer(path: Path, version: int) -> StorageError:
    """The error for a library written by a newer Variorum."""
    return StorageError(
        f"{path} was written by a newer Variorum (library schema version {version}; "
        f"this Variorum reads up to version {SCHEMA_VERSION}). Update Variorum to open it; "
        "the file was not changed"
    )


def upgrade(conn: sqlite3.Connection, path: Path, *, target: int = SCHEMA_VERSION) -> Path | None:
    """Bring the library at ``path`` (open as ``conn``) to schema ``target``.

    Returns the backup written before upgrading an existing library, or None when
    nothing was upgraded or the file was new. The version is read again under
    the write lock, so two processes opening an old file upgrade it once.
    """
    if identify(conn).user_version == target:
        return None
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = identify(conn)
        if found.kind == "foreign":
            raise StorageError(f"{path} is an SQLite database but not a Variorum library")
        if found.user_version > target:
            raise refuse_newer(path, found.user_version)
        if found.user_version == target:  # another process upgraded it meanwhile
            conn.execute("COMMIT")
            return None
        backup_path = backup(path, found.user_version) if found.user_version > 0 else None
        _run_steps(conn, path, found.user_version, target, backup_path)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return backup_path


def _run_steps(
    conn: sqlite3.Connection, path: Path, start: int, target: int, backup_path: Path | None
) -> None:
    try:
        for version in range(start + 1, target + 1):
            STEPS[version](conn)
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        saved = f" and a copy was saved as {backup_path.name}" if backup_path else ""
        raise StorageError(
            f"upgrading {path} from schema version {start} to {target} failed ({exc}); "
            f"the library was left as it was{saved}"
        ) from exc


def backup(path: Path, version: int) -> Path:
    """Copy the library with SQLite's backup API to ``<name>.backup-v<N>-<UTC time>``.

    The copy is read through a second, read-only connection: the caller holds the
    write lock, and in WAL mode a reader still sees the last committed state.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-v{version}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.backup-v{version}-{stamp}-{counter}")
    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            # A self-contained single file, whatever mode the library is in.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise StorageError(f"could not write the backup {target} before upgrading: {exc}") from exc
    finally:
        source.close()
    return target
