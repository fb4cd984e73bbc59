"""The library: one SQLite file with every story, version, analysis and claim.

:class:`Library` is the only way the GUI and the command line touch storage.
Every mutating call runs in its own transaction and has committed when it
returns; it returns the new id(s), where there are any, and a
:class:`~core.storage.changes.Change` saying what to refresh. Rows come out as
frozen dataclasses (:mod:`core.storage.rows`).

Deletion and undo: stories and versions are soft-deleted and restored with the
same ids (``restore_story``, ``restore_version``); claims, appearances, labels and
entity corrections are deleted for real and re-created with their old ids
(``restore_claim``, ``add_appearance(appearance_id=...)``, ``add_label(label_id=...)``,
``add_entity_correction(correction_id=...)``). A version's text can be replaced
(``replace_version_text``); the old one is kept (``list_revisions``).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType

from platformdirs import user_data_path

from core.storage.cache import CacheMixin
from core.storage.claims import ClaimsMixin
from core.storage.corrections import CorrectionsMixin
from core.storage.db import Database
from core.storage.label_io import LabelSchemaMixin
from core.storage.revisions import RevisionsMixin
from core.storage.search import SearchMixin
from core.storage.stories import StoriesMixin
from core.storage.story_import import StoryImportMixin

#: Environment variable naming the library file; it wins over the platform default.
DB_ENV = "VARIORUM_DB"
DB_FILENAME = "library.sqlite3"


def default_db_path() -> Path:
    """``$VARIORUM_DB`` if set, else ``library.sqlite3`` in the platform's user data folder."""
    override = os.environ.get(DB_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_path("Variorum", appauthor=False) / DB_FILENAME


class Library(
    StoriesMixin,
    RevisionsMixin,
    LabelSchemaMixin,
    ClaimsMixin,
    CorrectionsMixin,
    CacheMixin,
    SearchMixin,
    StoryImportMixin,
):
    """A Variorum library file, open for reading and (usually) writing.

    Use from the thread that opened it. Open with :meth:`open`; close with
    :meth:`close` or a ``with`` block.
    """

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, read_only: bool = False, create: bool = True
    ) -> Library:
        """Open the library at ``path`` (default: :func:`default_db_path`).

        A missing file is created (with its folder) unless ``create`` is False or
        ``read_only`` is True. An older library is backed up and upgraded. Raises
        StorageError, leaving the file untouched, for a file that is not a
        Variorum library, is damaged, or comes from a newer Variorum. A file that
        cannot be written opens read-only, with :attr:`notice` saying so. A
        library never seeded with the default labels gets them (once).
        """
        library = cls(Database.open(path or default_db_path(), read_only=read_only, create=create))
        try:
            library.ensure_default_labels()
        except BaseException:
            library.close()
            raise
        return library

    @property
    def path(self) -> Path:
        """The library file."""
        return self._db.path

    @property
    def is_read_only(self) -> bool:
        """Whether changes are refused (asked for, or the file cannot be written)."""
        return self._db.read_only

    @property
    def notice(self) -> str | None:
        """Something the user should be told about how the library opened, or None."""
        return self._db.notice

    @property
    def backup_path(self) -> Path | None:
        """The copy saved before upgrading the library's schema on this opening, or None."""
        return self._db.backup_path

    def integrity_check(self) -> list[str]:
        """SQLite's full integrity check; ``["ok"]`` when the file is sound."""
        return self._db.integrity_check()

    def close(self) -> None:
        """Close the file. Everything was already committed; nothing is lost by not calling it."""
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
