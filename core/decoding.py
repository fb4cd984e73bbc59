"""Bytes to text: which encoding, and how sure Variorum is of it.

The order, most certain first:

1. the encoding the user chose (``--encoding``, the GUI's choice);
2. a byte-order mark;
3. UTF-16/UTF-32 without a BOM, recognised by where the NUL bytes fall;
4. UTF-8;
5. UTF-8 with a few bytes that are not (a file pasted together from two sources):
   those bytes are read as cp1252, and the result is marked unsure;
6. cp1252 (Windows Western, a superset of Latin-1's printable characters) when it reads
   as Western text, preferred on short inputs over a detector's exotic guess: a
   detector has too little evidence in 20 bytes to tell ``Élève`` from ``Élčve``;
7. the encoding charset-normalizer detects.

Steps 5-7 are guesses: ``Decoded.unsure`` is set when another plausible encoding reads
the bytes differently, and ``Decoded.note`` says which was used and what else fits.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.errors import InputError

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
WESTERN = "cp1252"
#: Below this many non-ASCII bytes a Western reading wins over the detector's guess.
SHORT_EVIDENCE = 64
#: A Western reading has at most this share of non-ASCII letters ("été": 67%; Cyrillic: ~100%).
MAX_WESTERN_ACCENT_SHARE = 0.7
#: How much more like a language (charset-normalizer's coherence) a rival must read to win.
COHERENCE_MARGIN = 0.2
_SAMPLE = 8192
_ASCII = bytes(range(128))
_LETTER = re.compile(r"[^\W\d_]")
# A non-ASCII symbol between two letters (³ for ł, ¹ for ą): another code page's letter.
_SYMBOL_IN_WORD = re.compile(r"[^\W\d_][^\w\s\x00-\x7f][^\W\d_]")
_MIXED_ERRORS = "variorum-cp1252-fallback"
_NAMES = {
    "cp1252": "cp1252 (Windows Western)",
    "utf-8+cp1252": "UTF-8 with some cp1252 bytes",
}


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the encoding used, and whether that was a guess others could beat."""

    text: str
    encoding: str
    unsure: bool = False
    note: str | None = None


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode ``data`` (named ``source`` in errors) following the module's order."""
    if encoding:
        return _decode_as(data, source, encoding)
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError:
                raise InputError(source, f"is not valid {name} despite its BOM") from None
    wide = _wide_encoding(data)
    if wide is not None:
        return _checked_wide(data, source, wide)
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(source, "looks like a binary file, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mixed = _mixed_utf8(data)
    return mixed if mixed is not None else _guess_legacy(data, source)


def _decode_as(data: bytes, source: str, encoding: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(source, f"{encoding!r} is not an encoding Python knows") from None
    payload = data
    for bom, bom_name in BOMS:
        if data.startswith(bom) and codecs.lookup(bom_name).name == name:
            payload = data[len(bom) :]
            break
    try:
        return Decoded(payload.decode(name), name)
    except UnicodeDecodeError as exc:
        byte = payload[exc.start]
        raise InputError(
            source,
            f"is not valid {name}: byte 0x{byte:02x} at offset {exc.start} does not decode; "
            "choose another encoding",
        ) from None


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 (LE or BE) recognised by NUL bytes at every other (or every fourth) place."""
    sample = data[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    if len(sample) % 4 == 0:
        zeros = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
        if min(zeros[1:]) > 0.9 and zeros[0] < 0.1:
            return "utf-32-le"
        if min(zeros[:3]) > 0.9 and zeros[3] < 0.1:
            return "utf-32-be"
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _checked_wide(data: bytes, source: str, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(source, "looks like a binary file, not text") from None
    if looks_binary(text):
        raise InputError(source, "looks like a binary file, not text")
    return Decoded(text, encoding)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return bytes(chunk).decode(WESTERN, "strict"), error.end


codecs.register_error(_MIXED_ERRORS, _cp1252_fallback)


def _mixed_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with stray cp1252 bytes, when the UTF-8 parts hold real multi-byte characters."""
    try:
        text = data.decode("utf-8", _MIXED_ERRORS)
    except UnicodeDecodeError:
        return None
    strict_parts = data.decode("utf-8", "replace")
    stray = strict_parts.count("\ufffd")
    utf8_chars = len(strict_parts) - len(strict_parts.encode("ascii", "ignore")) - stray
    if utf8_chars == 0:
        return None
    note = (
        f"mixes UTF-8 ({utf8_chars} characters) with {stray} bytes that are not UTF-8; "
        "those were read as cp1252 (Windows Western): check them, or choose the encoding"
    )
    return Decoded(text, "utf-8+cp1252", unsure=True, note=note)


def _guess_legacy(data: bytes, source: str) -> Decoded:
    from charset_normalizer import from_bytes

    western = _western_text(data)
    matches = [m for m in from_bytes(data) if m.chaos < 0.2]
    if western is None and not matches:
        raise InputError(source, "looks like a binary file, not text (no text encoding fits)")
    best = matches[0] if matches else None
    non_ascii = len(data.translate(None, _ASCII))
    if western is not None and _western_wins(western, matches, non_ascii):
        chosen, text = WESTERN, western
    else:
        assert best is not None
        chosen, text = best.encoding, str(best)
    if looks_binary(text):
        raise InputError(source, "looks like a binary file, not text")
    same = next((m for m in matches if str(m) == text), None)
    chaos, coherence = (same.chaos, same.coherence) if same is not None else (0.0, 0.0)
    # Rivals: readings that differ yet look about as clean and as much like a language.
    rivals = [
        m.encoding
        for m in matches
        if str(m) != text and m.chaos <= chaos + 0.05 and m.coherence >= coherence - 0.1
    ]
    if western is not None and chosen != WESTERN and WESTERN not in rivals:
        rivals.insert(0, WESTERN)
    if not rivals:
        return Decoded(text, chosen)
    shown = ", ".join(rivals[:3]) + (" and others" if len(rivals) > 3 else "")
    note = (
        f"the encoding is a guess: read as {_NAMES.get(chosen, chosen)}, but {shown} "
        "would read it differently; choose the encoding if the text looks wrong"
    )
    return Decoded(text, chosen, unsure=True, note=note)


def _western_wins(western: str, matches: list[CharsetMatch], non_ascii: int) -> bool:
    """Whether the cp1252 reading beats the detector's: short evidence, or no clearer rival.

    charset-normalizer ranks cp1250 above cp1252 on equal scores, which turns French
    ``à`` into ``ŕ``: only a reading that looks clearly more like a language wins.
    """
    if not matches or str(matches[0]) == western or non_ascii < SHORT_EVIDENCE:
        return True
    own = next((m for m in matches if str(m) == western), None)
    return own is not None and matches[0].coherence <= own.coherence + COHERENCE_MARGIN


def _western_text(data: bytes) -> str | None:
    """The cp1252 reading when it looks like Western European text, else None."""
    try:
        text = data.decode(WESTERN)
    except UnicodeDecodeError:
        return None
    letters = _LETTER.findall(text[: 16 * _SAMPLE])
    accented = sum(1 for ch in letters if ord(ch) >= 0x80)
    if letters and accented / len(letters) > MAX_WESTERN_ACCENT_SHARE:
        return None
    return None if _SYMBOL_IN_WORD.search(text) else text


def looks_binary(text: str) -> bool:
    """Whether decoded text holds more control characters than any real text would."""
    sample = text[:_SAMPLE]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0c"
    )
    return controls > max(8, len(sample) // 100)
