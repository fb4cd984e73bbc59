"""Entities per version with canonical keys, and which version mentions what."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from core.records import EntityDiffRow, EntityRecord, Unit

_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_PUNCT = re.compile(r"[^\w\s\-&]")
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z0-9&]{1,9})\)")
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&", "de", "du", "des"})
#: A count, not a name: bare digits or a number word ("1", "two") tagged CARDINAL.
_BARE_NUMBER = re.compile(
    r"^(?:[\d.,]+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)$"
)
#: Hedges the parser glues to the front of a date ("at least Friday").
_DATE_HEDGE = re.compile(
    r"^(?:at least|at the earliest|at the latest|about|around|roughly|approximately|some|"
    r"nearly|almost|until|up to|more than|less than|no later than)\s+",
    re.I,
)
#: Share of capitalised words that makes a headline title case ("Troops in the Border Conflict").
_TITLE_CASE = 0.7


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
        if label in ("DATE", "TIME"):
            hedge = _DATE_HEDGE.match(surface)
            start += hedge.end() if hedge and hedge.end() < len(surface) else 0
            surface = text[start:end]
        key = canonical_key(surface)
        if key and not (label == "CARDINAL" and _BARE_NUMBER.match(key)):
            records.append(EntityRecord(start, end, label, aliases.get(key, key)))
    return tuple(records)


def without_headline_noise(
    text: str, records: Sequence[EntityRecord], units: Sequence[Unit]
) -> tuple[EntityRecord, ...]:
    """Drop names the parser read into a title-case headline's capitals ("Ukraine Conflict").

    In a headline where most words are capitalised, a capitalised phrase is no evidence of a
    name: an entity there is kept only when the body names it too (same key, or the same
    words with the same capitals).
    """
    headlines = [u for u in units if u.kind == "headline" and _title_case(text[u.start : u.end])]
    if not headlines:
        return tuple(records)

    def in_headline(record: EntityRecord) -> bool:
        return any(u.start <= record.start < u.end for u in headlines)

    body_keys = {r.key for r in records if not in_headline(r)}
    body = "\n".join(
        text[u.start : u.end] for u in units if u.kind != "headline"
    )
    return tuple(
        r
        for r in records
        if not in_headline(r) or r.key in body_keys or text[r.start : r.end] in body
    )


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _MINOR_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= _TITLE_CASE


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
