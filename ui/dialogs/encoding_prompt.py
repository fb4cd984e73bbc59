"""Ask which encoding to read a file with, when the detection was not sure.

Variorum never changes the words it was given without saying so: a file read with an
encoding it only guessed is stored, named in the status line, and the analyst may read
it again with another encoding (the version's text is then replaced, undoably).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QWidget

from core.textio import SourceText

#: Offered first: the common Western and Central/Eastern European encodings of news copy.
COMMON_ENCODINGS = ("utf-8", "cp1252", "iso-8859-1", "cp1250", "iso-8859-2", "cp1251",
                    "koi8-r", "iso-8859-15", "mac-roman", "utf-16")


def encoding_choices(used: str) -> list[str]:
    """The encoding used first (to keep it), then the common ones."""
    return [used, *(name for name in COMMON_ENCODINGS if name != used.lower())]


def ask_encoding(parent: QWidget, source: SourceText) -> str | None:
    """The encoding to read ``source`` again with, or None to keep the one used."""
    name = Path(source.source).name
    notes = "\n".join(source.notes)
    choices = encoding_choices(source.encoding)
    choice, ok = QInputDialog.getItem(
        parent, "Check the encoding",
        f"{name} was read as {source.encoding}, but the file does not say which encoding "
        f"it uses.\n{notes}\n\nLook at its text: if letters are wrong, read it again as:",
        choices, 0, False)
    return choice if ok and choice != source.encoding else None
