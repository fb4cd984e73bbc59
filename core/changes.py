"""Typed changes inside an aligned row: the edits analysts hunt for and no diff tool names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.analysis import Token
from core.records import ChangeDirection, ChangeKind, EntityRecord, Span, TypedChange

HEDGES = frozenset(
    "reportedly allegedly apparently purportedly supposedly seemingly possibly perhaps "
    "probably likely unlikely presumably may might could appear seem suggest unconfirmed "
    "unverified alleged suspected rumour rumor".split()
)
NEGATIONS = frozenset("not n't no never none nobody nothing neither nor without".split())
#: Verbs of saying whose swap ("said" -> "claimed") changes how a statement is framed.
SPEECH_VERBS = frozenset(
    "say tell state claim acknowledge assert insist note add argue declare explain warn announce "
    "stress admit deny allege write remark reply confirm concede contend emphasize emphasise "
    "boast concede lament complain".split()
)
#: Verbs that can introduce a quotation, a wider set used to find who said it.
REPORTING_VERBS = SPEECH_VERBS | frozenset("report indicate describe suggest call".split())
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
#: Words that hedge a figure without changing it ("about 40", "roughly 40").
_APPROXIMATORS = frozenset(
    "at least about around roughly approximately some nearly almost approx".split()
)
_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_SOURCE_CUE = re.compile(
    r"\baccording to\b|\b(?:as )?(?:reported|quoted|cited|noted|stated|announced|published) by\b"
    r"|\bciting\b|\bas per\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:By|BY) (.{2,80})$")
_CREDIT = re.compile(r"^[^()]{2,60}\(([^()]{2,40})\)$")
_SOURCE_LABELS = frozenset({"ORG", "PERSON"})
_PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})
_REPORTED = re.compile(r" (?:reported|reports)\b")
_SOURCE_END = re.compile(r"[,.;:)\n]|\b(?:said|says|reported|on|in|that)\b")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an aligned row: its text, tokens and entities."""

    text: str
    tokens: Sequence[Token]
    entities: Sequence[EntityRecord]
    segments: Sequence[tuple[int, int]]


def typed_changes(base: Side, other: Side) -> tuple[TypedChange, ...]:
    """Every typed change between the two sides of a row, in a stable order."""
    found: list[TypedChange] = []
    for kind, extract in _EXTRACTORS:
        found.extend(_compare(kind, extract(base), extract(other), base.text, other.text))
    return tuple(found)


Mention = tuple[str, Span]


def _numbers(side: Side) -> list[Mention]:
    spans = [e for e in side.entities if e.label in _NUMBER_LABELS]
    mentions = [(_number_key(side.text[e.start : e.end]), Span(e.start, e.end)) for e in spans]
    covered = [(e.start, e.end) for e in side.entities if e.label in _NUMBER_LABELS | _DATE_LABELS]
    for t in side.tokens:
        if t.like_num and not any(a <= t.start < b for a, b in covered):
            mentions.append((_number_key(t.text), Span(t.start, t.end)))
    return mentions


def _number_key(text: str) -> str:
    words = re.findall(r"[\w.]+", text.casefold().replace(",", ""))
    return " ".join(_NUMBER_WORDS.get(w, w) for w in words if w not in _APPROXIMATORS)


def _dates(side: Side) -> list[Mention]:
    return [
        (_date_key(side.text[e.start : e.end]), Span(e.start, e.end))
        for e in side.entities
        if e.label in _DATE_LABELS
    ]


def _date_key(text: str) -> str:
    words = re.findall(r"\w+", text.casefold())
    return " ".join(w for w in words if w not in _APPROXIMATORS and w != "the")


def _lexicon(words: frozenset[str], *, by_lemma: bool) -> Callable[[Side], list[Mention]]:
    def extract(side: Side) -> list[Mention]:
        return [
            (t.lemma if by_lemma else t.text.casefold(), Span(t.start, t.end))
            for t in side.tokens
            if (t.lemma if by_lemma else t.text.casefold()) in words and t.pos != "PROPN"
        ]

    return extract


def _attribution(side: Side) -> list[Mention]:
    return [
        (t.lemma, Span(t.start, t.end))
        for t in side.tokens
        if t.lemma in SPEECH_VERBS and t.pos in {"VERB", "AUX"}
    ]


def _sources(side: Side) -> list[Mention]:
    """Who a row credits: "according to X", "reported by X", "citing X", "X reported"."""
    mentions: list[Mention] = []
    for start, end in side.segments:
        segment = side.text[start:end]
        byline = _BYLINE.match(segment)
        if byline:
            key = " ".join(byline.group(1).casefold().split())
            mentions.append((key, Span(start + byline.start(1), start + byline.end(1))))
        credit = _CREDIT.match(segment)
        if credit:  # a dateline's agency credit: "SEOUL, Aug 17 (Yonhap)"
            key = " ".join(credit.group(1).casefold().split())
            mentions.append((key, Span(start + credit.start(1), start + credit.end(1))))
        for cue in _SOURCE_CUE.finditer(segment):
            tail = segment[cue.end() :]
            stop = _SOURCE_END.search(tail, 1)
            span = Span(
                start + cue.start(), start + cue.end() + (stop.start() if stop else len(tail))
            )
            mentions.append((_source_key(side, span, start + cue.end()), span))
    for entity in side.entities:
        if entity.label == "ORG" and _REPORTED.match(side.text, entity.end):
            mentions.append((entity.key, Span(entity.start, entity.end)))
    return mentions


def _source_key(side: Side, span: Span, phrase_start: int) -> str:
    inside = [e for e in side.entities if span.start <= e.start < span.end]
    for labels in (_SOURCE_LABELS, _PLACE_LABELS):
        keys = sorted({e.key for e in inside if e.label in labels})
        if keys:
            return " + ".join(keys)
    dates = [(e.start, e.end) for e in inside if e.label in _DATE_LABELS]
    words = [
        t.lemma
        for t in side.tokens
        if phrase_start <= t.start < span.end
        and t.is_content
        and not any(a <= t.start < b for a, b in dates)
    ]
    return " ".join(words)


def _compare(
    kind: ChangeKind,
    base: list[Mention],
    other: list[Mention],
    base_text: str,
    other_text: str,
) -> list[TypedChange]:
    if sorted(k for k, _ in base) == sorted(k for k, _ in other):
        return []
    only_base = Counter(k for k, _ in base) - Counter(k for k, _ in other)
    only_other = Counter(k for k, _ in other) - Counter(k for k, _ in base)
    if not only_base and not only_other:
        return []
    base_spans = tuple(s for k, s in base if k in only_base)
    other_spans = tuple(s for k, s in other if k in only_other)
    direction: ChangeDirection = (
        "changed" if base_spans and other_spans else "removed" if base_spans else "added"
    )
    if kind == "negation" and direction == "changed":
        return []  # a negation moved within the sentence: nothing flipped
    return [
        TypedChange(
            kind,
            direction,
            base_spans,
            other_spans,
            "; ".join(base_text[s.start : s.end] for s in base_spans),
            "; ".join(other_text[s.start : s.end] for s in other_spans),
        )
    ]


_EXTRACTORS: tuple[tuple[ChangeKind, Callable[[Side], list[Mention]]], ...] = (
    ("number", _numbers),
    ("date", _dates),
    ("hedge", _lexicon(HEDGES, by_lemma=True)),
    ("negation", _lexicon(NEGATIONS, by_lemma=False)),
    ("sourcing", _sources),
    ("attribution", _attribution),
)
