"""Markdown to plain text through a real parser (markdown-it-py, CommonMark plus tables).

What a reader sees is kept: headings, paragraphs, list items (as ``- `` or ``1. ``
lines, which ``core.segment`` treats as bullets), quotes, code, table cells, link and
image texts. What a reader never sees is dropped, as the HTML path drops it: raw HTML
tags (their visible text is kept), scripts and styles, link targets of every scheme
(``[link](javascript:alert(1))`` reads ``link``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

_BLOCK_BREAK = "\n\n"
_HIDDEN_OPEN = re.compile(r"<\s*(script|style|noscript|template)\b", re.I)
_HIDDEN_CLOSE = re.compile(r"<\s*/\s*(script|style|noscript|template)\s*>", re.I)


def markdown_to_text(source: str) -> str:
    """The visible text of a Markdown document, one block per paragraph."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": 200}).enable(["table", "strikethrough"])
    # Links are never followed or rendered: every target is acceptable, so a
    # `javascript:` link still parses as a link and keeps only its text.
    parser.validateLink = lambda _url: True  # type: ignore[method-assign]
    return _BLOCK_BREAK.join(block for block in _blocks(parser.parse(source)) if block.strip())


def _blocks(tokens: Sequence[Token]) -> Iterator[str]:
    prefixes: list[str] = []
    row: list[str] | None = None
    for token in tokens:
        kind = token.type
        if kind == "list_item_open":
            prefixes.append(f"{token.info}. " if token.info else "- ")
        elif kind == "list_item_close" and prefixes:
            prefixes.pop()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            yield " | ".join(row)
            row = None
        elif kind == "inline":
            text = _inline_text(token.children or [])
            if row is not None:
                row.append(text)
            else:
                yield _take_prefix(prefixes) + text
        elif kind in ("fence", "code_block"):
            yield _take_prefix(prefixes) + token.content.rstrip("\n")
        elif kind == "html_block":
            yield _take_prefix(prefixes) + html_visible_text(token.content)


def _take_prefix(prefixes: list[str]) -> str:
    """The innermost pending list marker, printed once: later paragraphs of the item get none."""
    if not prefixes or not prefixes[-1]:
        return ""
    marker = prefixes[-1]
    prefixes[-1] = ""
    return marker


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    hidden = False
    for child in children:
        kind = child.type
        if kind == "html_inline":
            if _HIDDEN_OPEN.match(child.content):
                hidden = True
            elif _HIDDEN_CLOSE.match(child.content):
                hidden = False
        elif hidden:
            continue
        elif kind in ("text", "code_inline", "image"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def html_visible_text(fragment: str) -> str:
    """The text a browser shows for an HTML fragment (scripts, styles, comments dropped)."""
    import lxml.html
    from lxml.etree import ParserError

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for hidden in root.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    return str(root.text_content()).strip()
