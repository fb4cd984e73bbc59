"""Typed changes inside an aligned row: the edits analysts hunt for and no diff tool names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.analysis import Token
from core.dates import DateReference, describe, resolve
from core.fastscan import may_contain, trie_pattern
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
#: Words that hedge a figure without changing it ("about 40", "roughly 40"), and articles.
_APPROXIMATORS = frozenset(
    "at least about around roughly approximately some nearly almost approx a an the".split()
)
#: Kinds compared as sets: "said ... said" against one "said" is no attribution removed.
_AS_SETS = frozenset({"hedge", "attribution"})
_CONTRACTIONS = {"n't": "not", "n’t": "not"}
#: Lemmas a row's scan looks at beyond stop words (negations are stop words or listed here).
_WATCHED = HEDGES | SPEECH_VERBS | NEGATIONS
_HEDGE_OR_SPEECH = HEDGES | SPEECH_VERBS
#: Words (casefolded) that are a negation once a contraction is spelled out.
_NEGATION_FORMS = frozenset(
    w for w in NEGATIONS | _CONTRACTIONS.keys() if _CONTRACTIONS.get(w, w) in NEGATIONS
)
_NUMBER_LABELS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_DATE_LABELS = frozenset({"DATE", "TIME"})
_SOURCE_CUE = re.compile(
    r"\b(?:according to\b|(?:as )?(?:reported|quoted|cited|noted|stated|announced|published)"
    r" by\b|citing\b|as per\b)",
    re.I,
)
#: Every match of _SOURCE_CUE holds one of these (a test that spares most rows the search).
_SOURCE_CUE_WORDS = ("according to", " by", "citing", "as per")
_BYLINE = re.compile(r"^(?:By|BY) (.{2,80})$")
_CREDIT = re.compile(r"^[^()]{2,60}\(([^()]{2,40})\)$")
_SOURCE_LABELS = frozenset({"ORG", "PERSON"})
#: Entities whose change may be a typed one; those whose tokens are no bare number.
_TYPED_LABELS = _NUMBER_LABELS | _DATE_LABELS | _SOURCE_LABELS
_COUNTED_LABELS = _NUMBER_LABELS | _DATE_LABELS
#: Words that name the form of a credit, not its source ("as per KCNA reports").
_CREDIT_NOUNS = frozenset({"report", "statement", "account", "dispatch"})
_PLACE_LABELS = frozenset({"NORP", "GPE", "LOC"})
_REPORTED = re.compile(r" (?:reported|reports)\b")
_SOURCE_END = re.compile(r"[,.;:)\n]|\b(?:said|says|reported|on|in|that)\b")
#: Words whose change may be a typed one: stems of every hedge, negation and verb of saying
#: (and their irregular forms), number words.
_TRIGGER_STEMS = {w[:-1] if w.endswith(("e", "y")) else w for w in HEDGES | SPEECH_VERBS
                  if len(w) > 4}  # fmt: skip
_TRIGGER_WORDS = {w for w in HEDGES | SPEECH_VERBS if len(w) <= 4} | {
    w for w in NEGATIONS if w.isalpha()
} | set(
    "say says said saying tell tells told telling add adds added adding note notes noted noting "
    "state states stated stating wrote write writes written writing warn warns warned warning "
    "denied denies replied replies seem seems seemed one two three four five six seven eight "
    "nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion dozen dozens half third quarter percent zero both pair first "
    "second".split()
)
# tries, not plain alternations: this runs on every changed span of every aligned row
_TRIGGER = re.compile(
    r"\d|n['’]t\b|\b" + trie_pattern(_TRIGGER_STEMS) + r"|\b" + trie_pattern(_TRIGGER_WORDS)
    + r"\b",
    re.I,
)  # fmt: skip
#: A credit somewhere in the row: "according to", "as reported by", "citing", "X reported".
_CREDIT_HINT = re.compile(r"\b(?:according to\b|citing\b|as per\b|(?:quoted|cited|"
                          r"noted|stated|announced|published) by\b|report)", re.I)  # fmt: skip
#: Every match of _CREDIT_HINT holds one of these.
_CREDIT_HINT_WORDS = ("according to", "citing", "as per", " by", "report")
_MONTH_ABBREVIATIONS = {
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
    "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
    "nov": "november", "dec": "december",
}  # fmt: skip
_MONTH_DAY = re.compile(
    r"\b(?=[ADFJMNOS])(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|May|June|July|August|September|October|November"
    r"|December) \d{1,2}\b"
)
#: Every match of _MONTH_DAY starts with one of these.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Any of _MONTHS, as one search (4x faster than a substring test for each).
_MONTH_HINT = re.compile("|".join(_MONTHS))


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an aligned row: its text, tokens and entities."""

    text: str
    tokens: Sequence[Token]
    entities: Sequence[EntityRecord]
    segments: Sequence[tuple[int, int]]
    #: What the version is dated (dateline or publication date), for relative dates.
    reference: DateReference | None = None


def may_differ(base: Side, other: Side, base_changed: Sequence[Span],
               other_changed: Sequence[Span]) -> bool:  # fmt: skip
    """Whether the row can hold a typed change at all, given the spans its word diff changed.

    Words the diff kept are the same on both sides, so a change needs a trigger in a changed
    span (a digit, a number or date entity, a word of a hedge, negation or verb of saying),
    or a credit anywhere in the row (its source's name may be all that changed). A cheap
    test that spares most reworded rows the full comparison.
    """
    for side, spans in ((base, base_changed), (other, other_changed)):
        if any(_TRIGGER.search(side.text, s.start, s.end) for s in spans):
            return True
        for e in side.entities:
            if e.label in _TYPED_LABELS and any(
                s.start < e.end and e.start < s.end for s in spans
            ):
                return True
        for start, end in side.segments:
            segment = side.text[start:end]
            if (
                _CREDIT.match(segment)
                or _BYLINE.match(segment)
                or (may_contain(segment, 0, len(segment), _CREDIT_HINT_WORDS)
                    and _CREDIT_HINT.search(segment))
            ):  # fmt: skip
                return True
    return False


def typed_changes(base: Side, other: Side) -> tuple[TypedChange, ...]:
    """Every typed change between the two sides of a row, in a stable order."""
    a, b = _scan(base), _scan(other)
    texts = (base.text, other.text)
    found = _compare("number", _counted(a.numbers, b.numbers, base.text),
                     _counted(b.numbers, a.numbers, other.text), *texts)  # fmt: skip
    found += _compare_dates(a.dates, b.dates, base, other)
    found += _compare("hedge", a.hedges, b.hedges, *texts)
    found += _compare("negation", a.negations, b.negations, *texts)
    cues_a, cues_b = _cues(base), _cues(other)
    sources_a, sources_b = _sources(base, cues_a), _sources(other, cues_b)
    found += _compare("sourcing", _unnamed(sources_a, base, other),
                      _unnamed(sources_b, other, base), *texts)  # fmt: skip
    if a.verbs or b.verbs:  # a credit alone, cut or added, is a sourcing change only
        found += _compare("attribution", a.verbs or [("say", c) for c in cues_a],
                          b.verbs or [("say", c) for c in cues_b], *texts)  # fmt: skip
    return tuple(found)


Mention = tuple[str, Span]


@dataclass(frozen=True, slots=True)
class _Scanned:
    """One side's mentions of each kind found by token (one pass over the tokens)."""

    numbers: list[Mention]
    dates: list[Mention]
    hedges: list[Mention]
    negations: list[Mention]
    verbs: list[Mention]


def _scan(side: Side) -> _Scanned:
    untagged = _untagged_dates(side)
    numbers = [
        (_number_key(side.text[e.start : e.end]), Span(e.start, e.end))
        for e in side.entities
        if e.label in _NUMBER_LABELS
    ]
    dates = [
        (_date_key(side.text[e.start : e.end]), Span(e.start, e.end))
        for e in side.entities
        if e.label in _DATE_LABELS
    ]
    covered = [(e.start, e.end) for e in side.entities if e.label in _COUNTED_LABELS]
    covered += [(s.start, s.end) for _, s in untagged]
    hedges: list[Mention] = []
    negations: list[Mention] = []
    verbs: list[Mention] = []
    figures = [t for t in side.tokens if t.like_num]
    # most words are no hedge, negation or verb of saying: the rest picked out in one pass
    watched = [
        t
        for t in side.tokens
        if (t.is_stop or t.lemma in _WATCHED)
        and (t.lemma in _HEDGE_OR_SPEECH or t.text.casefold() in _NEGATION_FORMS)
    ]
    for t in figures:
        if not any(a <= t.start < b for a, b in covered):
            numbers.append((_number_key(t.text), Span(t.start, t.end)))
    for t in watched:
        if t.pos != "PROPN":
            if t.lemma in HEDGES:
                hedges.append((t.lemma, Span(t.start, t.end)))
            word = t.text.casefold()
            word = _CONTRACTIONS.get(word, word)  # "won't" is "will not": nothing flipped
            if word in NEGATIONS:
                negations.append((word, Span(t.start, t.end)))
        if t.lemma in SPEECH_VERBS and t.pos in {"VERB", "AUX"}:
            verbs.append((t.lemma, Span(t.start, t.end)))
    return _Scanned(numbers, dates + untagged, hedges, negations, verbs)


def _number_key(text: str) -> str:
    words = re.findall(r"[\w.]+", text.casefold().replace(",", ""))
    return " ".join(_NUMBER_WORDS.get(w, w) for w in words if w not in _APPROXIMATORS)


def _untagged_dates(side: Side) -> list[Mention]:
    """Month-and-day phrases the parser did not tag ("Seoul, Aug 17" in a dateline)."""
    dates = [(e.start, e.end) for e in side.entities if e.label in _DATE_LABELS]
    found = []
    for start, end in side.segments:
        if not _MONTH_HINT.search(side.text, start, end):
            continue
        for match in _MONTH_DAY.finditer(side.text, start, end):
            if not any(a < match.end() and match.start() < b for a, b in dates):
                found.append((_date_key(match.group()), Span(match.start(), match.end())))
    return found


def _date_key(text: str) -> str:
    words = re.findall(r"\w+", text.casefold())
    words = [_MONTH_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(w for w in words if w not in _APPROXIMATORS and w != "the")


def _cues(side: Side) -> list[Span]:
    """Credit phrases ("according to", "as reported by"): with no verb of saying in the row,
    each frames a statement as "X said" does, a neutral "say" for attribution."""
    return [
        Span(cue.start(), cue.end())
        for start, end in side.segments
        if may_contain(side.text, start, end, _SOURCE_CUE_WORDS)
        for cue in _SOURCE_CUE.finditer(side.text, start, end)
    ]


def _unnamed(mentions: list[Mention], side: Side, opposite: Side) -> list[Mention]:
    """Credits whose source the opposite side does not name at all (else only the form moved:
    "police said" and "according to police" credit the same source)."""
    if not mentions:
        return mentions
    named = {t.lemma for t in opposite.tokens} | {t.text.casefold() for t in opposite.tokens}
    named |= {e.key for e in opposite.entities}

    def is_named(words: list[str]) -> bool:
        return bool(words) and all(w in named for w in words)

    return [
        (key, span)
        for key, span in mentions
        if key not in named
        and not is_named(key.replace(" + ", " ").split())
        and not is_named(_credited_words(side.text[span.start : span.end]))
    ]


def _credited_words(credit: str) -> list[str]:
    """The words naming the source in a credit phrase ("according to the KCNA": "kcna")."""
    words = re.findall(r"\w+", _SOURCE_CUE.sub(" ", credit).casefold())
    return [w for w in words if w not in {"the", "a", "an", "of"}]


def _counted(mentions: list[Mention], opposite: list[Mention], text: str) -> list[Mention]:
    """Without spelled-out counts ("the two groups") when the opposite side has no figure
    for them to contradict: spelling out a count adds no number."""
    if opposite:
        return mentions
    return [(k, s) for k, s in mentions if text[s.start : s.end].casefold() not in _NUMBER_WORDS]


def _sources(side: Side, cues: list[Span]) -> list[Mention]:
    """Who a row credits: "according to X", "reported by X", "citing X", "X reported"."""
    mentions: list[Mention] = []
    for cue in cues:
        end = next(b for a, b in side.segments if a <= cue.start < b)
        stop = _SOURCE_END.search(side.text, cue.end + 1, end)
        span = Span(cue.start, stop.start() if stop else end)
        mentions.append((_source_key(side, span, cue.end), span))
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
        and t.lemma not in _CREDIT_NOUNS
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
    if not base and not other:
        return []
    keys_base, keys_other = [k for k, _ in base], [k for k, _ in other]
    if sorted(keys_base) == sorted(keys_other):
        return []
    if kind in _AS_SETS and set(keys_base) == set(keys_other):
        return []
    count_base, count_other = Counter(keys_base), Counter(keys_other)
    only_base = count_base - count_other
    only_other = count_other - count_base
    if kind in _AS_SETS:
        only_base = Counter({k: 1 for k in only_base if k not in count_other})
        only_other = Counter({k: 1 for k in only_other if k not in count_base})
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


def _compare_dates(
    base: list[Mention], other: list[Mention], base_side: Side, other_side: Side
) -> list[TypedChange]:
    """Dates compared by the words they use, then by the dates they name.

    Phrases cut differently by the parser ("three months last year" against "three
    months" + "last year") are no change; two phrases naming the same resolved date are a
    rewording; the rest is added, removed or changed, with the resolved dates in the note.
    """
    if _words(base) == _words(other):
        return []
    refs = (base_side.reference, other_side.reference)
    texts = (base_side.text, other_side.text)
    resolved = [
        [resolve(texts[side][s.start : s.end], refs[side]) for _, s in mentions]
        for side, mentions in enumerate((base, other))
    ]
    changes: list[TypedChange] = []
    left_b = list(range(len(base)))
    left_o = list(range(len(other)))
    for i in list(left_b):
        same_words = next((j for j in left_o if other[j][0] == base[i][0]), None)
        if same_words is not None:
            left_b.remove(i)
            left_o.remove(same_words)
    # a phrase the parser tagged on one side only is still there on the other
    left_b = [i for i in left_b if not _says(other_side, texts[0], base[i][1])]
    left_o = [j for j in left_o if not _says(base_side, texts[1], other[j][1])]
    for i in list(left_b):
        value = resolved[0][i]
        j = next((j for j in left_o if value is not None and resolved[1][j] == value), None)
        if j is None:
            continue
        left_b.remove(i)
        left_o.remove(j)
        note = f"both {describe(value, refs[0])}, read from {_sources_of(refs)}"
        changes.append(_change("date", "reworded", [base[i]], [other[j]], texts, note))
    if left_b or left_o:
        direction: ChangeDirection = (
            "changed" if left_b and left_o else "removed" if left_b else "added"
        )
        note = ""
        if direction == "changed" and len(left_b) == len(left_o) == 1:
            a, b = resolved[0][left_b[0]], resolved[1][left_o[0]]
            if a is not None and b is not None:
                note = (f"{describe(a, refs[0])} → {describe(b, refs[1])}, read from "
                        f"{_sources_of(refs)}")  # fmt: skip
        changes.append(_change(
            "date", direction, [base[i] for i in left_b], [other[j] for j in left_o], texts, note
        ))  # fmt: skip
    return changes


def _words(mentions: list[Mention]) -> list[str]:
    return sorted(" ".join(k for k, _ in mentions).split())


def _says(side: Side, text: str, span: Span) -> bool:
    phrase = text[span.start : span.end].casefold()
    return any(phrase in side.text[a:b].casefold() for a, b in side.segments)


def _sources_of(refs: tuple[DateReference | None, DateReference | None]) -> str:
    base, other = refs
    if base and other and (base.year, base.month, base.day) == (other.year, other.month, other.day):
        return base.source  # one date, spelled "Aug 17" here and "August 17" there
    names = [r.source for r in refs if r is not None]
    return " and ".join(dict.fromkeys(names)) or "the text"


def _change(
    kind: ChangeKind,
    direction: ChangeDirection,
    base: list[Mention],
    other: list[Mention],
    texts: tuple[str, str],
    note: str = "",
) -> TypedChange:
    return TypedChange(
        kind,
        direction,
        tuple(s for _, s in base),
        tuple(s for _, s in other),
        "; ".join(texts[0][s.start : s.end] for _, s in base),
        "; ".join(texts[1][s.start : s.end] for _, s in other),
        note,
    )

