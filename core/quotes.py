"""Quoted passages, who said them, and how each quote fared in another version."""

from __future__ import annotations

import bisect
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from core.analysis import Token
from core.changes import REPORTING_VERBS
from core.entities import canonical_key
from core.records import AttributionChange, QuoteCheck, QuoteRecord, Span, Unit
from core.segment import paragraphs
from core.worddiff import diff_segments

_NOT_ALNUM = re.compile(r"[\W_]+")
_MARKS = re.compile("[\"“”„«»‘’']")
_OPEN_DOUBLE, _CLOSE_DOUBLE = "“„«", "”»"
_OPEN_SINGLE, _CLOSE_SINGLE = "‘", "’"
_SPEAKER_POS = frozenset({"PROPN", "PRON"})
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Quotes this similar (0-1, on casefolded words) are the same quote, altered.
MIN_QUOTE_MATCH = 0.6
#: Above this many quote pairs (base x other) their scores are computed in one C matrix.
QUOTE_PAIRS_IN_C = 20_000
#: A single-quoted passage outside double quotes is at most this long (headline and British
#: style quote phrases); a longer "quote" is two apostrophes far apart.
MAX_SINGLE_QUOTE_WORDS = 40
#: What may stand before a single mark that opens a quote.
_OPENS_AFTER = " \t\n([{—–-/\"“"
#: Apostrophes that open no quote: decades, "rock 'n' roll", elisions.
_ELISION = re.compile(r"(?:\d0s|\d\ds|n['’]|em\b|til\b|cause\b|tis\b|twas\b)", re.I)


@dataclass(frozen=True, slots=True)
class _Open:
    start: int
    mark: str


def find_quote_spans(text: str) -> list[tuple[int, int, int | None]]:
    """(start, end, enclosing quote index) of every quoted passage, in text order.

    Quotes close at the end of their paragraph at the latest, so one stray mark
    cannot swallow the rest of the story.
    """
    found: list[tuple[int, int, int | None]] = []
    for p_start, p_end in paragraphs(text):
        stack: list[_Open] = []
        for mark in _MARKS.finditer(text, p_start, p_end):
            pos, ch = mark.start(), mark.group()
            kind = _mark_kind(text, pos, stack)
            if kind == "open":
                stack.append(_Open(pos + 1, ch))
            elif kind == "close":
                _close(found, stack.pop(), pos, text)
        while stack:
            _close(found, stack.pop(), p_end, text)
    found.sort(key=lambda q: q[0])
    return _reindex(found)


def _mark_kind(text: str, pos: int, stack: list[_Open]) -> str | None:
    ch = text[pos]
    inside_double = any(o.mark in '"' + _OPEN_DOUBLE for o in stack)
    if ch in _OPEN_DOUBLE:
        return "open"
    if ch in _CLOSE_DOUBLE:
        return "close" if stack and stack[-1].mark in _OPEN_DOUBLE else None
    if ch == '"':
        return "close" if stack and stack[-1].mark == '"' else "open"
    if ch == _OPEN_SINGLE and inside_double:
        return "open"
    if ch in (_CLOSE_SINGLE, "'") and stack and stack[-1].mark in (_OPEN_SINGLE, "'"):
        return "close" if _single_closes(text, pos) else None
    if ch == "'" and inside_double:
        before = text[pos - 1] if pos else " "
        after = text[pos + 1] if pos + 1 < len(text) else " "
        return "open" if not before.isalnum() and after.isalnum() else None
    if ch in (_OPEN_SINGLE, "'") and not stack and _single_opens(text, pos):
        return "open"
    return None


def _single_closes(text: str, pos: int) -> bool:
    """A single mark after a word that no letter follows ("'historic' deal", not "union's")."""
    after = text[pos + 1] if pos + 1 < len(text) else " "
    before = text[pos - 1] if pos else " "
    return not after.isalnum() and not before.isspace()


def _single_opens(text: str, pos: int) -> bool:
    """A single mark that opens a quote outside double quotes: it follows a space or bracket,
    a word follows it, it is no elision ("'90s", "'n'") and a closing mark follows within
    MAX_SINGLE_QUOTE_WORDS words, in the same paragraph."""
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before not in _OPENS_AFTER or not after.isalnum() or _ELISION.match(text, pos + 1):
        return False
    end = text.find("\n\n", pos)
    end = len(text) if end == -1 else end
    words = 0
    for index in range(pos + 1, end):
        ch = text[index]
        if ch.isspace():
            words += 1
            if words > MAX_SINGLE_QUOTE_WORDS:
                return False
        elif ch in "'’" and _single_closes(text, index):
            return True
        elif ch in '"“”':
            return False
    return False


def _close(found: list[tuple[int, int, int | None]], opened: _Open, end: int, text: str) -> None:
    start = opened.start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in text[start:end]):
        found.append((start, end, None))


def _reindex(found: list[tuple[int, int, int | None]]) -> list[tuple[int, int, int | None]]:
    """Link each quote to the innermost earlier quote that contains it."""
    result: list[tuple[int, int, int | None]] = []
    reach: list[int] = []  # reach[k]: the furthest end of result[0..k]
    for start, end, _ in found:
        parent = None
        for index in range(len(result) - 1, -1, -1):
            if reach[index] < end:
                break  # no quote up to here ends late enough to hold it (most quotes)
            p_start, p_end, _ = result[index]
            if p_start <= start and end <= p_end:
                parent = index
                break
        result.append((start, end, parent))
        reach.append(max(end, reach[-1]) if reach else end)
    return result


def quote_records(
    text: str,
    units: Sequence[Unit],
    tokens: Sequence[Token],
    entities: Sequence[tuple[int, int, str]],
) -> tuple[QuoteRecord, ...]:
    """Quotes with their speaker and reporting verb when the quote's sentence names them."""
    spans = find_quote_spans(text)
    top_level = [span for span in spans if span[2] is None]
    starts = [t.start for t in tokens]
    unit_starts = [u.start for u in units]
    records = []
    for start, end, parent in spans:
        context = _context(units, unit_starts, start, end)
        verb = _reporting_verb(tokens, starts, context, top_level, start, end)
        speaker = _speaker(text, tokens, starts, entities, verb, context) if verb else None
        records.append(
            QuoteRecord(
                start,
                end,
                text[speaker.start : speaker.end] if speaker else None,
                text[verb.start : verb.end] if verb else None,
                speaker,
                Span(verb.start, verb.end) if verb else None,
                parent,
            )
        )
    return tuple(records)


def _context(units: Sequence[Unit], unit_starts: list[int], start: int, end: int) -> Span:
    first = max(0, bisect.bisect_right(unit_starts, start) - 1)
    last = max(first, bisect.bisect_left(unit_starts, end) - 1)
    if not units:
        return Span(start, end)
    return Span(units[first].start, units[last].end)


def _outside_quotes(pos: int, spans: Sequence[tuple[int, int, int | None]]) -> bool:
    """Whether ``pos`` lies outside every quote and its marks.

    ``spans`` are the top-level quotes, sorted and disjoint, so only the last one
    starting at or before ``pos`` can contain it.
    """
    index = bisect.bisect_right(spans, (pos + 1, -1, None)) - 1
    return index < 0 or not spans[index][0] - 1 <= pos <= spans[index][1]


def _reporting_verb(
    tokens: Sequence[Token],
    starts: list[int],
    context: Span,
    spans: Sequence[tuple[int, int, int | None]],
    start: int,
    end: int,
) -> Token | None:
    lo, hi = bisect.bisect_left(starts, context.start), bisect.bisect_left(starts, context.end)
    verbs = [
        t
        for t in tokens[lo:hi]
        if t.lemma in REPORTING_VERBS
        and t.pos in {"VERB", "AUX"}
        and _outside_quotes(t.start, spans)
    ]
    return min(verbs, key=lambda t: min(abs(t.start - end), abs(t.end - start)), default=None)


def _speaker(
    text: str,
    tokens: Sequence[Token],
    starts: list[int],
    entities: Sequence[tuple[int, int, str]],
    verb: Token,
    context: Span,
) -> Span | None:
    """The name or pronoun right before the verb ("Lee said"), else right after ("said Lee")."""
    index = bisect.bisect_left(starts, verb.start)
    before = [t for t in tokens[max(0, index - 4) : index] if t.start >= context.start]
    while before and before[-1].pos in {"ADV", "AUX", "PART"}:
        before.pop()
    if before and before[-1].pos in _SPEAKER_POS:
        return _expand(before[-1], entities)
    after = [t for t in tokens[index + 1 : index + 4] if t.end <= context.end]
    if after and after[0].pos in _SPEAKER_POS:
        return _expand(after[0], entities)
    if len(after) > 1 and after[0].lemma == "to" and after[1].pos in _SPEAKER_POS:
        return _expand(after[1], entities)
    return None


def _expand(token: Token, entities: Sequence[tuple[int, int, str]]) -> Span:
    """The whole name a speaker token belongs to (entities are sorted by start)."""
    index = bisect.bisect_right(entities, (token.start, float("inf"), "")) - 1
    for start, end, label in entities[max(0, index - 2) : index + 1]:
        if start <= token.start < end and label in _SPEAKER_LABELS:
            return Span(start, end)
    return Span(token.start, token.end)


def check_quotes(
    base_text: str,
    base_quotes: Sequence[QuoteRecord],
    other_text: str,
    other_quotes: Sequence[QuoteRecord],
    lemma_of: dict[str, str],
) -> tuple[QuoteCheck, ...]:
    """Match top-level quotes by wording; class each verbatim, altered, added or removed."""
    a = [i for i, q in enumerate(base_quotes) if q.nested_in is None]
    b = [j for j, q in enumerate(other_quotes) if q.nested_in is None]
    norm_a = {i: _norm(base_text, base_quotes[i]) for i in a}
    norm_b = {j: _norm(other_text, other_quotes[j]) for j in b}
    pairs = _scored_pairs(a, b, [norm_a[i] for i in a], [norm_b[j] for j in b])
    used_a: set[int] = set()
    used_b: set[int] = set()
    rows: list[QuoteCheck] = []
    for score, i, j in pairs:
        if score < MIN_QUOTE_MATCH or i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        qa, qb = base_quotes[i], other_quotes[j]
        verbatim = norm_a[i] == norm_b[j]
        diff = (
            ()
            if verbatim
            else diff_segments(base_text, [(qa.start, qa.end)], other_text, [(qb.start, qb.end)])
        )
        status = "verbatim" if verbatim else "altered"
        rows.append(QuoteCheck(i, j, status, round(score, 4), diff, _attribution(qa, qb, lemma_of)))
    rows += [QuoteCheck(i, None, "removed", 0.0) for i in a if i not in used_a]
    rows += [QuoteCheck(None, j, "added", 0.0) for j in b if j not in used_b]
    rows.sort(
        key=lambda r: (r.base_quote if r.base_quote is not None else 10**9, r.other_quote or 0)
    )
    return tuple(rows)


def _scored_pairs(
    a: list[int], b: list[int], texts_a: list[str], texts_b: list[str]
) -> list[tuple[float, int, int]]:
    """Every pair similar enough to be one quote, best first.

    Many quotes: the matrix in C (``cdist``, which needs numpy). A news story's few: pair
    by pair, with each score rounded to float32 as ``cdist`` stores it, so both give the
    same numbers and the window's first look never imports numpy.
    """
    if not a or not b:
        return []
    cutoff = MIN_QUOTE_MATCH * 100
    if len(a) * len(b) > QUOTE_PAIRS_IN_C:
        matrix = cdist(texts_a, texts_b, scorer=fuzz.ratio, score_cutoff=cutoff)
        rows, cols = matrix.nonzero()
        scored = [(float(matrix[r, c]) / 100, a[r], b[c])
                  for r, c in zip(rows, cols, strict=True)]
    else:
        scored = [(_as_float32(score) / 100, a[r], b[c])
                  for r, text_a in enumerate(texts_a) for c, text_b in enumerate(texts_b)
                  if (score := fuzz.ratio(text_a, text_b, score_cutoff=cutoff))]
    return sorted(scored, key=lambda item: (-item[0], item[1], item[2]))


def _as_float32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _norm(text: str, quote: QuoteRecord) -> str:
    # every run of characters that are not str.isalnum() becomes one space
    return " ".join(_NOT_ALNUM.sub(" ", text[quote.start : quote.end].casefold()).split())


def _attribution(
    a: QuoteRecord, b: QuoteRecord, lemma_of: dict[str, str]
) -> AttributionChange | None:
    speaker_a = canonical_key(a.speaker) if a.speaker else None
    speaker_b = canonical_key(b.speaker) if b.speaker else None
    verb_a = lemma_of.get(a.verb.casefold(), a.verb.casefold()) if a.verb else None
    verb_b = lemma_of.get(b.verb.casefold(), b.verb.casefold()) if b.verb else None
    verb_changed = verb_a is not None and verb_b is not None and verb_a != verb_b
    speaker_changed = speaker_a is not None and speaker_b is not None and speaker_a != speaker_b
    if not verb_changed and not speaker_changed:
        return None  # one version naming no verb or speaker is not evidence of a change
    return AttributionChange(a.speaker, b.speaker, a.verb, b.verb)
