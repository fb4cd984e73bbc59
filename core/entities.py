"""Entities per version with canonical keys, and which version mentions what."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from core.records import EntityDiffRow, EntityRecord

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_PUNCT = re.compile(r"[^\w\s\-&]")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des"})


@lru_cache(maxsize=65536)
def canonical_key(surface: str) -> str:
    """The key under which variants of one name meet: no article, no possessive, casefolded."""
    text = " ".join(surface.split())
    text = _LEADING_ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub("", text).casefold()
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def display_form(surface: str) -> str:
    """A surface form fit for a table: no leading article or trailing possessive."""
    return _POSSESSIVE.sub("", _LEADING_ARTICLE.sub("", " ".join(surface.split())))


def acronym_aliases(text: str, entities: Iterable[tuple[int, int, str]]) -> dict[str, str]:
    """Map an acronym's key to its long form's key where the text defines it: "Long Name (LN)"."""
    aliases: dict[str, str] = {}
    for start, end, _ in entities:
        match = _ACRONYM_DEF.match(text, end + 1) if text[end : end + 2] == " (" else None
        if match and _initials_match(text[start:end], match.group(1)):
            aliases[canonical_key(match.group(1))] = canonical_key(text[start:end])
    return aliases


def _initials_match(long_form: str, acronym: str) -> bool:
    words = list(re.findall(r"[A-Za-z]+", _LEADING_ARTICLE.sub("", long_form)))
    significant = "".join(w[0] for w in words if w.lower() not in _MINOR_WORDS).upper()
    everything = "".join(w[0] for w in words).upper()
    return acronym.upper() in (significant, everything)


def entity_records(
    text: str, spans: Iterable[tuple[int, int, str]], aliases: Mapping[str, str]
) -> tuple[EntityRecord, ...]:
    """Records for spaCy's entity spans; spans across a paragraph break are dropped as noise."""
    records = []
    for start, end, label in spans:
        surface = text[start:end]
        if "\n" in surface:
            continue
        key = canonical_key(surface)
        if key:
            records.append(EntityRecord(start, end, label, aliases.get(key, key)))
    return tuple(records)


def entity_diff(
    texts: Sequence[str], entities: Sequence[Sequence[EntityRecord]]
) -> tuple[EntityDiffRow, ...]:
    """One row per canonical key: label, display text, mentions per version, where missing."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(texts))
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for index, (text, records) in enumerate(zip(texts, entities, strict=True)):
        for record in records:
            counts[record.key][index] += 1
            labels[record.key][record.label] += 1
            surfaces[record.key][display_form(text[record.start : record.end])] += 1
    rows = [
        EntityDiffRow(
            key=key,
            label=labels[key].most_common(1)[0][0],
            text=_preferred_surface(surfaces[key]),
            counts=tuple(per_version),
            missing_in=tuple(i for i, n in enumerate(per_version) if n == 0),
        )
        for key, per_version in counts.items()
    ]
    rows.sort(key=lambda row: (-len(row.missing_in), row.label, row.key))
    return tuple(rows)


def _preferred_surface(surfaces: Counter[str]) -> str:
    """The most frequent form; among equals, the longest (the full name over its acronym)."""
    return max(surfaces.items(), key=lambda item: (item[1], len(item[0])))[0]
