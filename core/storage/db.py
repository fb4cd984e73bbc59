"""The SQLite connection under a library: checks on opening, pragmas, transactions.

Opening never alters a file it refuses: the identity, schema version and
``PRAGMA quick_check`` are read first, and only a healthy Variorum library (or
a new, empty file) is switched to WAL and upgraded.

Durability: WAL with ``synchronous=FULL``. A commit is on disk (fsynced) when
the call returns, so neither a killed process nor a power cut loses an edit the
user saw saved. ``NORMAL`` would survive a killed process too but may lose the
last commits on power loss, and with edits arriving at human speed the fsync
(well under a millisecond on an SSD) costs nothing noticeable.

The connection belongs to the thread that opened it (sqlite3's default check).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

from core.errors import StorageError
from core.storage import migrations

BUSY_TIMEOUT_S = 5.0
#: How long ``_switch_to_wal`` waits before asking again.
_WAL_RETRY_S = 0.01
SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024


def utc_now() -> str:
    """The current time as stored in the library: ISO 8601, UTC, milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def reraise(exc: sqlite3.Error, path: Path) -> NoReturn:
    """Raise ``exc`` as a StorageError a user can act on.

    Misuse of the API (a closed connection, another thread) is a bug, not a
    problem with the file, and is raised unchanged.
    """
    if isinstance(exc, sqlite3.ProgrammingError | sqlite3.InterfaceError):
        raise exc
    raise translate(exc, path) from exc


def _is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock SQLite wanted."""
    lowered = str(exc).lower()
    return "locked" in lowered or "busy" in lowered


def translate(exc: sqlite3.Error, path: Path) -> StorageError:
    """Turn an sqlite3 error into a StorageError a user can act on."""
    message = str(exc)
    lowered = message.lower()
    if _is_busy(exc):
        text = (
            f"{path} is busy: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_S:.0f} s; try again"
        )
    elif "readonly" in lowered or "read-only" in lowered:
        text = f"{path} cannot be written (the file or its folder is read-only)"
    elif "full" in lowered:
        text = f"cannot save to {path}: the disk is full"
    elif "malformed" in lowered or "not a database" in lowered:
        text = f"{path} is damaged ({message}); it was left unchanged"
    else:
        text = f"{path}: {message}"
    return StorageError(text)


class Database:
    """One open library file: a connection plus its transaction discipline."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        read_only: bool,
        notice: str | None = None,
        backup_path: Path | None = None,
    ) -> None:
        self._conn = conn
        self.path = path
        self.read_only = read_only
        #: A message for the user about how the file was opened (e.g. read-only), or None.
        self.notice = notice
        #: The backup written before an upgrade during this opening, or None.
        self.backup_path = backup_path

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = True) -> Database:
        """Open (creating when allowed) and check a library; raise StorageError if unusable."""
        path = Path(path).expanduser()
        _prepare_location(path, create=create and not read_only)
        if path.exists() and path.stat().st_size > 0:
            _check_header(path)
        notice = None
        if not read_only and path.exists() and not _writable(path):
            read_only = True
            notice = f"{path} is read-only: the library can be read but changes cannot be saved"
        try:
            return cls._open_checked(path, read_only=read_only, notice=notice)
        except sqlite3.Error as exc:
            # A file we may write but cannot (read-only mount, say): open it read-only.
            if read_only or "readonly" not in str(exc).lower():
                reraise(exc, path)
        notice = f"{path} cannot be written: the library can be read but changes cannot be saved"
        try:
            return cls._open_checked(path, read_only=True, notice=notice)
        except sqlite3.Error as exc:
            reraise(exc, path)

    @classmethod
    def _open_checked(cls, path: Path, *, read_only: bool, notice: str | None) -> Database:
        # Inspect through a read-only connection first: unlike a writable one, it
        # never checkpoints a -wal file into a library it then refuses.
        probe = _connect(path, read_only=True) if path.exists() else None
        if probe is not None:
            try:
                if _check_identity(probe, path, read_only=read_only).kind == "ours":
                    _quick_check(probe, path)
            except BaseException:
                probe.close()
                raise
            if read_only:
                return cls(probe, path, read_only=True, notice=notice)
            probe.close()
        conn = _connect(path, read_only=False)
        try:
            _set_write_pragmas(conn)
            backup_path = migrations.upgrade(conn, path)
        except BaseException:
            conn.close()
            raise
        return cls(conn, path, read_only=False, notice=notice, backup_path=backup_path)

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (for reads; write through :meth:`transaction`)."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block as one write transaction, committed before the block's caller returns.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a second process
        waits (up to the busy timeout) instead of failing mid-way. A nested use
        joins the outer transaction. sqlite3 errors come out as StorageError.
        """
        if self.read_only:
            raise StorageError(f"{self.path} is open read-only; the change was not saved")
        if self._conn.in_transaction:
            yield self._conn
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            reraise(exc, self.path)
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                reraise(exc, self.path)
            raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Run the block's reads against one consistent snapshot."""
        if self._conn.in_transaction:
            yield self._conn
            return
        try:
            self._conn.execute("BEGIN")
            yield self._conn
        except sqlite3.Error as exc:
            reraise(exc, self.path)
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def integrity_check(self) -> list[str]:
        """Run ``PRAGMA integrity_check``; returns ``["ok"]`` for a healthy file."""
        with self.reading() as conn:
            return [row[0] for row in conn.execute("PRAGMA integrity_check")]

    def close(self) -> None:
        """Close the connection (WAL is checkpointed by SQLite when the last one closes)."""
        try:
            if not self.read_only:
                self._conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass  # optimising is a courtesy; closing must not fail because of it
        finally:
            self._conn.close()


def _prepare_location(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a library file")
    if path.exists():
        _refuse_special(path)
        return
    if not create:
        raise StorageError(f"there is no library at {path}")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise StorageError(
            f"cannot create the library {path}: a file is in the way of its folder {folder}"
        ) from None
    except PermissionError:
        raise StorageError(f"cannot create the folder {folder}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None


def _refuse_special(path: Path) -> None:
    """Refuse a FIFO, device or socket before SQLite opens it (a FIFO would block forever)."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return
    kind = (
        "a pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
    )
    raise StorageError(f"{path} is {kind}, not a library file; give the path of a file")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
    except PermissionError:
        raise StorageError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header.startswith(SQLITE_MAGIC):
        raise StorageError(
            f"{path} is not a Variorum library (it is not an SQLite database); "
            "it was left unchanged"
        )
    if len(header) < _HEADER_SIZE:
        raise StorageError(f"{path} is damaged (truncated); it was left unchanged")


def _writable(path: Path) -> bool:
    # WAL needs to create -wal and -shm files beside the library, hence the folder too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return _configure(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None))
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute("PRAGMA application_id").fetchone()
    except sqlite3.OperationalError:
        # A WAL library in a folder we cannot write: SQLite cannot create the -shm
        # file it reads through. With no -wal file beside it, the main file holds
        # every commit and nobody can add a -wal there, so reading it as an
        # immutable file is exact.
        conn.close()
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return _configure(conn)


def _configure(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _check_identity(
    conn: sqlite3.Connection, path: Path, *, read_only: bool
) -> migrations.Identity:
    identity = migrations.identify(conn)
    if identity.kind == "foreign":
        raise StorageError(
            f"{path} is an SQLite database but not a Variorum library; it was left unchanged"
        )
    if identity.user_version > migrations.SCHEMA_VERSION:
        raise migrations.refuse_newer(path, identity.user_version)
    if read_only and identity.kind == "empty":
        raise StorageError(f"{path} is empty, not a Variorum library")
    if read_only and identity.user_version < migrations.SCHEMA_VERSION:
        raise StorageError(
            f"{path} uses library schema version {identity.user_version} and needs upgrading "
            f"to version {migrations.SCHEMA_VERSION}, which a read-only file does not allow; "
            "open it once with write access"
        )
    return identity


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
        raise StorageError(
            f"{path} is damaged ({problems[0]}{more}); it was left unchanged. "
            f"Restore a copy (Variorum saves {path.name}.backup-* files before upgrades)"
        )


def _switch_to_wal(conn: sqlite3.Connection) -> str:
    """``PRAGMA journal_mode = WAL``, waiting up to ``BUSY_TIMEOUT_S`` for the file.

    When two processes create one library at once, the switch needs the file to itself
    and SQLite answers "database is locked" at once instead of through the busy handler
    (seen in the two-process storage test, now and then), so it is asked again.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
        except sqlite3.OperationalError as exc:
            if not _is_busy(exc) or time.monotonic() > deadline:
                raise
        time.sleep(_WAL_RETRY_S)


def _set_write_pragmas(conn: sqlite3.Connection) -> None:
    mode = _switch_to_wal(conn)
    if str(mode).lower() != "wal":
        raise StorageError(f"the library could not switch to WAL mode (it is in {mode} mode)")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA journal_size_limit = {_JOURNAL_SIZE_LIMIT}")
