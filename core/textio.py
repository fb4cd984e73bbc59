"""Bytes to normalised text: encoding detection, HTML main-text extraction, normalisation.

Every offset Variorum stores refers to the text this module returns, so it is
computed once per input and kept.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from core.errors import InputError

#: Inputs larger than this are refused (a 50,000-word story is about 0.3 MB).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

TextFormat = Literal["text", "markdown", "html"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<article|<p[\s>])", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
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


def text_format(value: str) -> TextFormat:
    """A stored format name as a ``TextFormat`` (unknown names read as plain text)."""
    return value if value in ("text", "markdown", "html") else "text"  # type: ignore[return-value]


def content_hash(text: str) -> str:
    """Return the SHA-256 hex digest of normalised text (its identity in the library)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read and normalise a .txt, .md or .html file; raise InputError with a plain reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), _too_large(size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    return load_bytes(data, str(path), fmt=_format_from_suffix(path.suffix), max_bytes=max_bytes)


def load_bytes(
    data: bytes,
    source: str,
    *,
    fmt: TextFormat | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceText:
    """Decode, extract and normalise raw bytes named ``source`` (a path, URL or label)."""
    if len(data) > max_bytes:
        raise InputError(source, _too_large(len(data), max_bytes))
    if not data.strip():
        raise InputError(source, "is empty")
    raw, encoding = decode_bytes(data, source)
    fmt = fmt or ("html" if _HTML_SNIFF.match(data[:2048]) else "text")
    title = None
    if fmt == "html":
        raw, title = _html_main_text(raw, source)
    elif fmt == "markdown":
        raw = _strip_markdown(raw)
    text = normalise(raw)
    if title and not text.startswith(normalise(title)):
        text = normalise(title) + "\n\n" + text
    if not text:
        raise InputError(source, "has no readable text")
    return SourceText(source, text, content_hash(text), fmt, encoding, title)


def load_text(text: str, source: str = "pasted text") -> SourceText:
    """Normalise text that arrived as a string (pasted, or typed in a test)."""
    normalised = normalise(text)
    if not normalised:
        raise InputError(source, "is empty")
    return SourceText(source, normalised, content_hash(normalised), "text", "utf-8")


def decode_bytes(data: bytes, source: str) -> tuple[str, str]:
    """Decode with the BOM, else UTF-8, else the encoding charset-normalizer detects."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                raise InputError(source, f"is not valid {encoding} despite its BOM") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "looks like a binary file, not text (no text encoding fits)")
    text = str(best)
    if _looks_binary(text):
        raise InputError(source, "looks like a binary file, not text")
    return text, best.encoding


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


def _html_main_text(html: str, source: str) -> tuple[str, str | None]:
    try:
        import trafilatura
    except ImportError as exc:  # a broken install must not lose the user's import silently
        raise InputError(source, f"HTML support is not installed ({exc.name or exc})") from None

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    if not text:
        text = _html_fallback_text(html)
    if not text or not text.strip():
        raise InputError(source, "is HTML without readable article text")
    return text, title


def _html_fallback_text(html: str) -> str:
    """All visible text of a page too small for main-text extraction (a fragment, a stub)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # lxml raises several unrelated types for malformed input
        return ""
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        bad.drop_tree()
    blocks = root.xpath("//h1|//h2|//h3|//p|//li|//blockquote")
    if blocks:
        return "\n".join(block.text_content() for block in blocks)
    return str(root.text_content())


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^#{1,6}\s+", re.M), ""),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"^>\s?", re.M), ""),
    (re.compile(r"^\s*[*+]\s+", re.M), "- "),
    (re.compile(r"`([^`]*)`"), r"\1"),
)


def _strip_markdown(text: str) -> str:
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROL.findall(sample))
    return controls > max(8, len(sample) // 100)


def _format_from_suffix(suffix: str) -> TextFormat | None:
    return {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}.get(
        suffix.lower()
    )


def _too_large(size: int, limit: int) -> str:
    return f"is too large ({_human(size)}; the limit is {_human(limit)})"


def _human(size: int) -> str:
    for unit, scale in (("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"
