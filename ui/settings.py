"""Typed access to the GUI's preferences and window state, kept in QSettings.

Only UI state lives here (no analysis data): the library path, the spaCy model name,
the text size, the author name put on new claims, window geometry, splitter sizes and
the story shown last. Values are
stored as plain strings or bytes so that every QSettings backend (registry, plist,
INI) round-trips them identically.
"""

from __future__ import annotations

import getpass

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "Variorum"
APPLICATION = "Variorum"

DEFAULT_FONT_SIZE = 11
MIN_FONT_SIZE = 6
MAX_FONT_SIZE = 40
_AUTHOR_KEY = "claims/author_name"


def login_name() -> str:
    """The operating system's name for the user, or "" where it has none."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment or passwd
        return ""


class Settings:
    """A typed wrapper over one QSettings store; pass a store in tests to isolate them."""

    def __init__(self, store: QSettings | None = None) -> None:
        # INI on every platform: readable, and QSettings.setPath can redirect it (tests do).
        self._store = store if store is not None else QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
        )

    # ------------------------------------------------------------------ helpers

    def _text(self, key: str) -> str | None:
        value = self._store.value(key)
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    def _set_text(self, key: str, value: str | None) -> None:
        if value:
            self._store.setValue(key, value)
        else:
            self._store.remove(key)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        if isinstance(value, QByteArray) and not value.isEmpty():
            return value
        if isinstance(value, bytes | bytearray) and value:
            return QByteArray(bytes(value))
        return None

    def sync(self) -> None:
        self._store.sync()

    # ------------------------------------------------------------------ preferences

    @property
    def db_path(self) -> str | None:
        """The library database chosen by the user; None means the default location."""
        return self._text("library/db_path")

    @db_path.setter
    def db_path(self, value: str | None) -> None:
        self._set_text("library/db_path", value)

    @property
    def model_name(self) -> str | None:
        """The spaCy model to analyse with; None means the engine's default."""
        return self._text("analysis/model_name")

    @model_name.setter
    def model_name(self, value: str | None) -> None:
        self._set_text("analysis/model_name", value)

    @property
    def model_key(self) -> str | None:
        """``name@version`` of the model loaded last: the cache key until spaCy has loaded."""
        return self._text("analysis/model_key")

    @model_key.setter
    def model_key(self, value: str | None) -> None:
        self._set_text("analysis/model_key", value)

    @property
    def font_size(self) -> int:
        """Point size of the comparison text, clamped to a legible range."""
        text = self._text("view/font_size")
        try:
            size = int(text) if text is not None else DEFAULT_FONT_SIZE
        except ValueError:
            size = DEFAULT_FONT_SIZE
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._store.setValue("view/font_size", str(max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, value))))

    @property
    def author_name(self) -> str:
        """The name put on the claims this user tags: as set, else the login name, else ""."""
        value = self._store.value(_AUTHOR_KEY)
        return str(value) if value is not None else login_name()

    @author_name.setter
    def author_name(self, value: str | None) -> None:
        """Store the name (spaces around it dropped; "" is kept: no name); None forgets it."""
        if value is None:
            self._store.remove(_AUTHOR_KEY)
        else:
            self._store.setValue(_AUTHOR_KEY, value.strip())

    @property
    def author_name_is_set(self) -> bool:
        """True once the user chose a name (even an empty one)."""
        return self._store.contains(_AUTHOR_KEY)

    # ------------------------------------------------------------------ window state

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        """Dock and toolbar layout from ``QMainWindow.saveState``."""
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def splitter_sizes(self, name: str) -> list[int] | None:
        """Sizes saved for the splitter called ``name``, or None if never saved."""
        text = self._text(f"splitters/{name}")
        if text is None:
            return None
        try:
            sizes = [int(part) for part in text.split(",")]
        except ValueError:
            return None
        return sizes if sizes and all(size >= 0 for size in sizes) else None

    def set_splitter_sizes(self, name: str, sizes: list[int]) -> None:
        self._store.setValue(f"splitters/{name}", ",".join(str(int(size)) for size in sizes))

    @property
    def library_visible(self) -> bool | None:
        """Whether the library panel was shown when the window last closed (None: never)."""
        text = self._text("window/library_visible")
        return None if text is None else text == "1"

    @library_visible.setter
    def library_visible(self, value: bool) -> None:
        self._store.setValue("window/library_visible", "1" if value else "0")

    @property
    def last_story(self) -> int | None:
        """Id of the story open when the window last closed."""
        text = self._text("library/last_story")
        try:
            return int(text) if text is not None else None
        except ValueError:
            return None

    @last_story.setter
    def last_story(self, value: int | None) -> None:
        self._set_text("library/last_story", None if value is None else str(value))
