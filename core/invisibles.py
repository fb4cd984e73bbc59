"""Characters that change how text looks without being seen: bidi controls and invisibles.

They stay in the stored text (they are the source's), but a display must not let them
act unseen: terminals get them escaped (``core.output.terminal_safe``), HTML isolates
every piece of text, and a text pane can mark each position this module lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

#: Explicit bidi formatting characters (Unicode UAX #9): embeddings, overrides, isolates, marks.
BIDI_CONTROLS: dict[str, str] = {
    "\u061c": "ALM",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
#: Characters with no width that are not bidi controls (joiners, word joiner, BOM, soft hyphen).
INVISIBLES: dict[str, str] = {
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\ufeff": "BOM",
    "\u00ad": "SHY",
    "\u180e": "MVS",
}
_OPENERS = frozenset("\u202a\u202b\u202d\u202e")  # closed by PDF
_ISOLATES = frozenset("\u2066\u2067\u2068")  # closed by PDI
_ANY = re.compile("[" + "".join(BIDI_CONTROLS) + "".join(INVISIBLES) + "]")
#: What ``unterminated_bidi`` reads: openers, PDF, isolates, PDI and paragraph ends.
_BIDI_STRUCTURE = re.compile("[\n\u202a-\u202e\u2066-\u2069]")
_BIDI_OPENING = re.compile("[\u202a\u202b\u202d\u202e\u2066-\u2068]")

ControlKind = Literal["bidi", "invisible"]


@dataclass(frozen=True, slots=True)
class Control:
    """One invisible character at ``start`` in a text, with its short name (``RLO``, ``ZWSP``)."""

    start: int
    char: str
    abbreviation: str
    kind: ControlKind

    @property
    def name(self) -> str:
        """The Unicode name, e.g. ``RIGHT-TO-LEFT OVERRIDE``."""
        return unicodedata.name(self.char, f"U+{ord(self.char):04X}")


def find_controls(text: str) -> list[Control]:
    """Every bidi control and invisible character in ``text``, in order of position."""
    found = []
    for match in _ANY.finditer(text):
        char = match.group()
        if char in BIDI_CONTROLS:
            found.append(Control(match.start(), char, BIDI_CONTROLS[char], "bidi"))
        else:
            found.append(Control(match.start(), char, INVISIBLES[char], "invisible"))
    return found


def unterminated_bidi(text: str) -> list[int]:
    """Positions of embeddings, overrides and isolates not closed before the end of a paragraph.

    An unterminated U+202E reverses everything after it up to the paragraph's end: the
    classic way to make ``gnp.exe`` read as ``exe.png``. Closing follows UAX #9: a PDF
    closes the innermost embedding or override unless an isolate is open inside it; a
    PDI closes the innermost isolate and everything opened within it.
    """
    if not _BIDI_OPENING.search(text):  # nearly every text: nothing was opened
        return []
    unclosed: list[int] = []
    stack: list[tuple[str, int]] = []
    for match in _BIDI_STRUCTURE.finditer(text):
        index, char = match.start(), match.group()
        if char == "\n":
            unclosed += [position for _, position in stack]
            stack = []
        elif char in _OPENERS or char in _ISOLATES:
            stack.append((char, index))
        elif char == "\u202c" and stack and stack[-1][0] in _OPENERS:
            stack.pop()
        elif char == "\u2069":
            isolates = [i for i, (opener, _) in enumerate(stack) if opener in _ISOLATES]
            if isolates:
                del stack[isolates[-1] :]
    return sorted(unclosed + [position for _, position in stack])


def without_controls(text: str) -> str:
    """The text with every bidi control and invisible character removed (to test for content)."""
    return _ANY.sub("", text)
