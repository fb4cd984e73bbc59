"""Checks on what the command line is given: numbers with bounds, ids, text, encodings.

Each ``*_arg`` function is an argparse ``type=``: a bad value becomes argparse's usual
two-line usage error with exit status 2, never a traceback. Digits are ASCII only
(``str.isdigit`` accepts ``²``, which ``int`` refuses), and ids stop at SQLite's
largest integer so no lookup can overflow.
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.errors import VariorumError

if TYPE_CHECKING:
    from core.align import Overrides

#: SQLite stores integers in 64 bits; larger ids cannot exist in a library.
MAX_ID = 2**63 - 1
#: Most search hits one command prints.
MAX_SEARCH_LIMIT = 10_000
#: The largest input limit accepted (far above any news story, far below memory).
MAX_INPUT_BYTES = 1024**3
_DIGITS = re.compile(r"[0-9]+")


def as_id(text: str) -> int | None:
    """``text`` as a stored id when it is ASCII digits (surrounding spaces allowed), else None.

    Raises VariorumError for a number too large to be an id, so callers that treat
    "not a number" as "a title" still never send an overflowing number to SQLite.
    """
    value = text.strip()
    if not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    if number > MAX_ID:
        raise VariorumError(f"{_short(value)} is not an id this library can hold (too large)")
    return number


def bounded_int(low: int, high: int, *, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type for ASCII-digit integers from ``low`` to ``high`` inclusive."""

    def parse(text: str) -> int:
        value = text.strip()
        sign = -1 if value.startswith("-") else 1
        digits = value.lstrip("+-") if value[:1] in "+-" else value
        if not _DIGITS.fullmatch(digits) or len(digits) > 30:
            raise argparse.ArgumentTypeError(f"{text!r} is not {what} ({low}–{high})")
        number = sign * int(digits)
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{text!r} is out of range: give {low}–{high}")
        return number

    parse.__name__ = what  # argparse names the type in some messages
    return parse


def text_arg(text: str) -> str:
    """An argparse type for names and queries: refuses bytes that are not valid text.

    An argument with undecodable bytes (``$'bad\\xff'``) arrives as surrogate escapes,
    which can be neither stored nor printed; the user's terminal or script is wrong.
    """
    bad = next((ch for ch in text if "\udc80" <= ch <= "\udcff"), None)
    if bad is not None:
        byte = ord(bad) - 0xDC00
        shown = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise argparse.ArgumentTypeError(
            f"{shown!r} is not valid UTF-8 text (byte 0x{byte:02x}); "
            "check the terminal's or the script's encoding"
        )
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        raise argparse.ArgumentTypeError(f"{text!r} is not valid text")
    return text


def published_arg(text: str) -> str | None:
    """An argparse type for ``--published``: an ISO date (``2026-03-12``), or ``-`` for none."""
    if text == "-":
        return None
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date (e.g. 2026-03-12; '-' when not known)"
        ) from None
    return text


def encoding_arg(text: str) -> str:
    """An argparse type for ``--encoding``: a codec Python knows that decodes text."""
    try:
        info = codecs.lookup(text.strip())
    except LookupError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an encoding Python knows (e.g. utf-8, cp1252, latin-1, utf-16)"
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"{text!r} is not a text encoding")
    return info.name


max_bytes_arg = bounded_int(1, MAX_INPUT_BYTES, what="a number of bytes")
search_limit_arg = bounded_int(1, MAX_SEARCH_LIMIT, what="a number of hits")


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class OverrideArg:
    """One ``--pin``/``--forbid`` value: base unit ``base`` with unit ``other`` of ``version``."""

    option: str
    value: str
    version: int
    base: int
    other: int

    @property
    def shown(self) -> str:
        return f"{self.option} {self.value}"


def parse_override_args(
    pins: Sequence[str], forbids: Sequence[str], n_others: int
) -> list[OverrideArg]:
    """Parse ``[V:]B:O`` values; refuse bad syntax, unknown versions and contradictions."""
    parsed: list[OverrideArg] = []
    for option, values in (("--pin", pins), ("--forbid", forbids)):
        for value in values:
            parts = value.split(":")
            if len(parts) not in (2, 3) or not all(_DIGITS.fullmatch(p) for p in parts):
                raise VariorumError(
                    f"{option} {value!r}: expected B:O or V:B:O (unit and version numbers "
                    "in ASCII digits)"
                )
            if any(len(p) > 9 for p in parts):
                raise VariorumError(f"{option} {value!r}: no text has that many units")
            numbers = [int(p) for p in parts]
            version, base, other = numbers if len(numbers) == 3 else [1, *numbers]
            if not 1 <= version <= n_others:
                raise VariorumError(f"{option} {value!r}: there is no other version {version}")
            parsed.append(OverrideArg(option, value, version, base, other))
    _refuse_contradictions(parsed)
    return parsed


def _refuse_contradictions(parsed: Sequence[OverrideArg]) -> None:
    pinned = {(a.version, a.base, a.other): a for a in parsed if a.option == "--pin"}
    for arg in parsed:
        pin = pinned.get((arg.version, arg.base, arg.other))
        if arg.option == "--forbid" and pin is not None:
            raise VariorumError(
                f"{pin.shown} and {arg.shown} contradict each other: a pair cannot be both "
                "pinned and forbidden"
            )


def overrides_by_version(parsed: Sequence[OverrideArg]) -> dict[int, Overrides]:
    """The parsed values as ``core.align.Overrides`` per other version index."""
    from core.align import Overrides

    found: dict[int, tuple[set[tuple[int, int]], set[tuple[int, int]]]] = {}
    for arg in parsed:
        pins, forbids = found.setdefault(arg.version, (set(), set()))
        (pins if arg.option == "--pin" else forbids).add((arg.base, arg.other))
    return {v: Overrides(frozenset(p), frozenset(f)) for v, (p, f) in found.items()}


def check_unit_ranges(parsed: Sequence[OverrideArg], unit_counts: Sequence[int]) -> None:
    """Refuse a value naming a unit the texts do not have (units are numbered from 0)."""
    for arg in parsed:
        for side, index, count in (
            ("the base", arg.base, unit_counts[0]),
            (f"other version {arg.version}", arg.other, unit_counts[arg.version]),
        ):
            if index >= count:
                raise VariorumError(
                    f"{arg.shown}: {side} has {count} units, numbered 0–{count - 1}; "
                    f"there is no unit {index}"
                )
