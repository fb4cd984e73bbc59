"""Code point ↔ UTF-16 position conversion.

The engine counts Unicode code points; ``QTextDocument`` counts UTF-16 code units,
so every character above U+FFFF (emoji, some CJK, mathematical letters) shifts the
positions after it by one. Texts without such characters, almost all news copy,
take the fast path: the two counts are equal.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Converts positions in one text between code points and UTF-16 units."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "text", "utf16_length")

    def __init__(self, text: str) -> None:
        self.text = text
        #: Code point index of each astral character, and its UTF-16 index.
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral_cp)

    @property
    def identity(self) -> bool:
        """True when both counts agree everywhere (no astral characters)."""
        return not self._astral_cp

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code point position ``cp``."""
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """Code point position of UTF-16 position ``u16``; inside a surrogate pair, its start."""
        if not self._astral_u16:
            return u16
        # Astral characters that start before u16 each took one extra unit, except a
        # character whose pair u16 splits (it starts exactly one unit earlier).
        before = bisect_left(self._astral_u16, u16)
        if before and self._astral_u16[before - 1] == u16 - 1:
            return self._astral_cp[before - 1]
        return u16 - before

    def span_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """A half-open code point span as a UTF-16 span."""
        return self.to_utf16(start), self.to_utf16(end)

    def spans_to_utf16(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Many ``(start, end, role)`` spans at once (cheap on the fast path)."""
        if not self._astral_cp:
            return spans
        cps = self._astral_cp
        return [(s + bisect_left(cps, s), e + bisect_left(cps, e), r) for s, e, r in spans]
