"""Faster scans for the regexes run on every aligned row.

``trie_pattern``: regex alternations factored by shared prefixes. Python's ``re`` tries an
alternation's branches one after another at every position of a search; a trie of the same
words tries one letter at a time. The pattern matches exactly the given words and backtracks
like the plain alternation, so a search finds a match wherever the alternation does (a
``\\b`` after it still finds a shorter word when a longer one fails); where several words
fit, it prefers the longest, not the first listed.

``may_contain``: a substring test that rules out a case-insensitive regex search before it
runs, about ten times faster than the search on news prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
#: Letters ``re.IGNORECASE`` matches to an ASCII letter that ``str.lower`` does not lower to it
#: (dotted capital I, dotless i, long s).
_IRREGULAR_CASES = ("\u0130", "\u0131", "\u017f")
_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """A non-capturing regex that matches any of ``words`` (at least one, none empty)."""
    tree: _Trie = {}
    for word in words:
        if not word:
            raise ValueError("a word trie cannot hold the empty word")
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not tree:
        raise ValueError("a word trie needs at least one word")
    return "(?:" + _pattern(tree) + ")"


def _pattern(node: _Trie) -> str:
    branches = [re.escape(char) + _pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    ends_here = _END in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


def may_contain(text: str, start: int, end: int, needles: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` may hold one of ``needles`` (lowercase ASCII) in any case.

    False only when no needle is there in any letter case ``re.IGNORECASE`` would match, so
    a pattern every match of which holds a needle need not be searched.
    """
    piece = text[start:end]
    if any(odd in piece for odd in _IRREGULAR_CASES):
        return True
    piece = piece.lower()
    return any(needle in piece for needle in needles)
