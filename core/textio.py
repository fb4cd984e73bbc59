"""Bytes to normalised text: encoding detection, HTML main-text extraction, normalisation.

Every offset Variorum stores refers to the text this module returns, so it is
computed once per input and kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from core.decoding import decode
from core.errors import InputError
from core.invisibles import without_controls
from core.markdown_text import markdown_to_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Inputs larger than this are refused (a 50,000-word story is about 0.3 MB).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

TextFormat = Literal["text", "markdown", "html"]

#: Reads are done in pieces of this size, never more than the limit allows.
_READ_CHUNK = 1024 * 1024
#: A container tag: dropped (text kept) when a page nests deeper than the parser allows.
_CONTAINER_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|td|th|div|span|font|center|section|b|i|u|em|strong)\b[^>]*>",
    re.I,
)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<p[\s>])", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DEPTH_ERROR = "Excessive depth"
_BULLET = re.compile(r"^(?:[-*•▪‣◦]|\d{1,2}[.)])\s")


@dataclass(frozen=True, slots=True)
class SourceText:
    """A version's text as Variorum keeps it."""

    source: str
    text: str
    content_hash: str
    format: TextFormat
    encoding: str
    title: str | None = None
    #: Whether the encoding was a guess that another encoding could beat (see core.decoding).
    encoding_unsure: bool = False
    #: Things the user should be told about how the text was read (a guessed encoding,
    #: text a parser could not reach), one sentence each.
    notes: tuple[str, ...] = ()
    #: When the version was published (ISO date), if known: relative dates in the text
    #: ("last June") are read against it when no dateline gives the year.
    published: str | None = None


class TooLargeError(InputError):
    """An input over the size limit; ``size`` is at least ``limit + 1`` bytes."""

    def __init__(self, source: str, size: int, limit: int, *, exact: bool = True) -> None:
        over = f"{size:,} bytes" if exact else f"more than {limit:,} bytes"
        super().__init__(source, f"is too large ({over}; the limit is {limit:,} bytes)")
        self.size = size
        self.limit = limit


def text_format(value: str) -> TextFormat:
    """A stored format name as a ``TextFormat`` (unknown names read as plain text)."""
    return value if value in ("text", "markdown", "html") else "text"  # type: ignore[return-value]


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of normalised text (its identity in the library)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None
) -> SourceText:
    """Read and normalise a .txt, .md or .html file; raise InputError with a plain reason.

    Only regular files are read (a FIFO, a device or a socket is refused before any
    read can block), and never more than ``max_bytes + 1`` bytes, whatever the file
    system reports as its size. ``encoding`` overrides detection (see core.decoding).
    """
    path = Path(path)
    label = path_label(path)
    data = read_bounded(path, label, max_bytes)
    return load_bytes(
        data, label, fmt=_format_from_suffix(path.suffix), max_bytes=max_bytes, encoding=encoding
    )


def path_label(path: str | Path) -> str:
    """The path as text that can be stored and shown: undecodable bytes become ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_bounded(path: Path, label: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` bytes of a regular file, else InputError (never a hang)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    except OSError as exc:
        raise InputError(label, f"cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(label, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise InputError(label, f"is {_kind_of(mode)}, not a regular file; save it to a file")
        return _read_at_most(fd, label, max_bytes)
    except OSError as exc:
        raise InputError(label, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, label: str, max_bytes: int) -> bytes:
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - total))
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        total += len(piece)
        if total > max_bytes:
            size = os.fstat(fd).st_size
            raise TooLargeError(label, max(size, total), max_bytes, exact=size >= total)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def load_bytes(
    data: bytes,
    source: str,
    *,
    fmt: TextFormat | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
) -> SourceText:
    """Decode, extract and normalise raw bytes named ``source`` (a path, URL or label)."""
    if len(data) > max_bytes:
        raise TooLargeError(source, len(data), max_bytes)
    if not data.strip():
        raise InputError(source, "is empty")
    decoded = decode(data, source, encoding)
    raw = decoded.text
    fmt = fmt or ("html" if _HTML_SNIFF.match(data[:2048]) else "text")
    title = None
    notes = [decoded.note] if decoded.note else []
    if fmt == "html":
        raw, title, html_note = _html_main_text(raw, source)
        notes += [html_note] if html_note else []
    elif fmt == "markdown":
        raw = markdown_to_text(raw)
    text = normalise(raw)
    if title and not text.startswith(normalise(title)):
        text = normalise(title) + "\n\n" + text
    if not without_controls(text).strip():
        raise InputError(
            source,
            "has no readable text"
            if not text
            else "has only invisible characters (bidi or zero-width controls), no readable text",
        )
    return SourceText(
        source, text, content_hash(text), fmt, decoded.encoding, title,
        encoding_unsure=decoded.unsure, notes=tuple(notes),
    )  # fmt: skip


def load_text(text: str, source: str = "pasted text") -> SourceText:
    """Normalise text that arrived as a string (pasted, or typed in a test)."""
    normalised = normalise(text)
    if not without_controls(normalised).strip():
        raise InputError(source, "is empty" if not normalised else "has no readable text")
    return SourceText(source, normalised, content_hash(normalised), "text", "utf-8")


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """Decoded text and the encoding used (``core.decoding.decode`` says how sure it was)."""
    decoded = decode(data, source, encoding)
    return decoded.text, decoded.encoding


def normalise(text: str) -> str:
    """NFC, one kind of newline and space, unwrapped paragraphs separated by one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text.replace("\t", " "))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    paragraphs = _unwrap(lines) if _is_hard_wrapped(lines) else [ln for ln in lines if ln]
    return "\n\n".join(paragraphs)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the text was wrapped at a fixed width (so one paragraph spans many lines)."""
    filled = [ln for ln in lines if ln]
    if len(filled) < 4 or max(len(ln) for ln in filled) > 100:
        return False
    wrapped = sum(1 for ln in filled if 50 <= len(ln) <= 100)
    has_blank_separators = any(not ln for ln in lines)
    return has_blank_separators and wrapped >= 0.6 * len(filled)


def _unwrap(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line or _BULLET.match(line):
            if current:
                paragraphs.append(" ".join(current))
            current = [line] if line else []
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _html_main_text(html: str, source: str) -> tuple[str, str | None, str | None]:
    """The article text, its title, and a note when part of the page could not be read."""
    try:
        import trafilatura
    except ImportError as exc:  # a broken install must not lose the user's import silently
        raise InputError(source, f"HTML support is not installed ({exc.name or exc})") from None

    tree, html, note = _html_tree(html)
    text = trafilatura.extract(
        tree, include_comments=False, include_tables=False, favor_precision=True
    )
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    if not text:
        text = _html_fallback_text(_html_tree(html)[0])
    if not text or not text.strip():
        raise InputError(source, "is HTML without readable article text")
    return text, title, note


def _html_tree(html: str) -> tuple[HtmlElement | None, str, str | None]:
    """Parse without libxml2's default depth limit of 256 (100 nested tables exceed it).

    Past even the raised limit, container tags are dropped (their text kept) and the
    page parsed again; if that still fails, the note says text was dropped.
    """
    tree, deep = _parse_html(html)
    if not deep:
        return tree, html, None
    flat = _CONTAINER_TAG.sub(" ", html)
    tree, deep = _parse_html(flat)
    if not deep:
        return tree, flat, "nests its markup too deeply to read as it is; read without its tables"
    return (
        tree,
        flat,
        (
            "nests its markup deeper than the HTML parser allows; "
            "the text after that point was dropped"
        ),
    )


def _parse_html(html: str) -> tuple[HtmlElement | None, bool]:
    import lxml.html
    from lxml.etree import ParserError

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except (ParserError, ValueError):
        return None, False
    return tree, any(_DEPTH_ERROR in str(entry) for entry in parser.error_log)


def _html_fallback_text(root: HtmlElement | None) -> str:
    """All visible text of a page too small for main-text extraction (a fragment, a stub)."""
    if root is None:
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    blocks = root.xpath("//h1|//h2|//h3|//p|//li|//blockquote")
    if blocks:
        return "\n".join(block.text_content() for block in blocks)
    return str(root.text_content())


def _format_from_suffix(suffix: str) -> TextFormat | None:
    return {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}.get(
        suffix.lower()
    )
