"""How one appearance of a claim drifted from the base appearance, without spaCy.

A claims panel shows thousands of appearances, so this works on a regex
tokenisation of the two short texts (microseconds per pair) and the lexicons of
:mod:`core.changes`, matched in their inflected forms. Kinds:

- ``verbatim``: the same words (case, punctuation, quote marks and expanded or
  contracted negations aside);
- ``number`` / ``date``: a figure or date with another value (``twenty`` is
  ``20``, ``20,000`` is ``20000``, ``38 percent`` is ``38%``), or the same figure
  with an approximator of another sense (``at least 20`` against ``20``; ``about``
  and ``around`` are the same sense);
- ``hedge``: a hedge added, dropped or swapped (``reportedly``, ``may``, ``could``);
- ``attribution``: another verb of saying (``said`` -> ``claimed``) or a source
  phrase added or dropped (``according to X``, ``citing X``);
- ``negation``: the number of negations changed (``didn't`` is ``did not``);
- ``reworded``: other words changed too (or only words none of the above explains);
- ``absent``: the claim has no appearance in this version.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal, NamedTuple

from rapidfuzz.distance import Indel

from core.changes import HEDGES, NEGATIONS, SPEECH_VERBS
from core.snapping import WORD

DriftKind = Literal[
    "verbatim", "reworded", "number", "date", "hedge", "attribution", "negation", "absent"
]


@dataclass(frozen=True, slots=True)
class Drift:
    """How an appearance differs from the base one; ``details`` are plain words."""

    kinds: tuple[DriftKind, ...]
    details: tuple[str, ...]
    similarity: float


# Tokens

_TOKEN = re.compile(rf"{WORD.pattern}|[^\w\s]")
_NUMERIC = re.compile(r"\d[\d.,]*%?")
_CONTRACTIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not"),
                 "ain't": ("is", "not"), "cannot": ("can", "not")}  # fmt: skip
_SUFFIXES = {"'re": "are", "'ll": "will", "'ve": "have", "'m": "am"}


class _Token(NamedTuple):  # a tuple: dataclasses were most of the time spent here
    norm: str  # casefolded, apostrophes and hyphens unified, contractions expanded
    raw: str
    start: int
    end: int
    word: bool


def _tokens(text: str) -> list[_Token]:
    found: list[_Token] = []
    for match in _TOKEN.finditer(text):
        raw = match.group()
        start, end = match.span()
        if not raw[0].isalnum():
            found.append(_Token(raw, raw, start, end, False))
            continue
        norm = raw.casefold()
        if not norm.isalnum():
            norm = norm.translate(_UNIFY)
        if "'" in norm or norm in _CONTRACTIONS:
            found.extend(_Token(part, raw, start, end, True) for part in _expand(norm))
        else:
            found.append(_Token(norm, raw, start, end, True))
    return found


_UNIFY = str.maketrans({"’": "'", "ʼ": "'", "‐": "-", "‑": "-"})


def _expand(word: str) -> tuple[str, ...]:
    if "'" not in word:
        return _CONTRACTIONS.get(word, (word,))
    if word in _CONTRACTIONS:
        return _CONTRACTIONS[word]
    if word.endswith("n't") and len(word) > 3:
        return (word[:-3], "not")
    for suffix, full in _SUFFIXES.items():
        if word.endswith(suffix) and len(word) > len(suffix):
            return (word[: -len(suffix)], full)
    return (word,)


# Lexicons

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split()
)}  # fmt: skip
_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                          .split(), 2)}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 10**6, "billion": 10**9,
           "trillion": 10**12, "dozen": 12}  # fmt: skip
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS)
_PERCENT = ("percent", "per cent", "%")
#: Approximator phrase -> its sense; phrases of one sense are paraphrases of each other.
APPROXIMATORS: dict[str, str] = {
    **dict.fromkeys(("about", "around", "roughly", "approximately", "approx", "some", "circa",
                     "an estimated", "estimated", "close to"), "about"),
    **dict.fromkeys(("at least", "more than", "over", "upwards of", "in excess of",
                     "no fewer than", "no less than", "at minimum"), "at least"),
    **dict.fromkeys(("nearly", "almost", "just under", "just short of"), "nearly"),
    **dict.fromkeys(("up to", "at most", "as many as", "no more than", "fewer than",
                     "less than", "under", "below"), "at most"),
}  # fmt: skip
#: Last word of an approximator phrase -> its phrases, longest first.
_APPROX_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted((tuple(p.split()) for p in APPROXIMATORS), key=len, reverse=True):
    _APPROX_BY_LAST.setdefault(_phrase[-1], []).append(_phrase)
_CURRENCY = frozenset("$€£¥")
_MONTHS = {
    m: m for m in "january february march april may june july august september october "
    "november december".split()
} | {"jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
     "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
     "nov": "november", "dec": "december"}  # fmt: skip
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_RELATIVE_DAYS = frozenset("yesterday today tonight tomorrow".split())
_RELATIVE_MARKERS = frozenset("last next this past coming previous".split())
_RELATIVE_UNITS = frozenset(
    "week weekend month year night morning afternoon evening spring summer autumn fall "
    "winter decade century quarter".split()
)
_DATE_WORDS = (
    frozenset(_MONTHS) | _WEEKDAYS | _RELATIVE_DAYS | _RELATIVE_MARKERS | _RELATIVE_UNITS
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march"} | {m for m in _MONTHS if len(m) <= 4})
_MONTH_CUES = frozenset("in since until by early late mid last next this of".split())
_SOURCE_CUES: tuple[tuple[str, ...], ...] = (
    ("according", "to"), ("citing",), ("reported", "by"), ("quoted", "by"), ("cited", "by"),
)  # fmt: skip
_SOURCE_CUE_STARTS = frozenset(cue[0] for cue in _SOURCE_CUES)
_SOURCE_STOPS = frozenset("said says say told tells reported on in that who which".split())
_SOURCE_MAX_WORDS = 8


def inflections(lemmas: Iterable[str]) -> dict[str, str]:
    """Regular English verb forms of each lemma (extra forms that never occur are harmless)."""
    forms: dict[str, str] = {}
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        candidates = {lemma, lemma + "s", lemma + "es", stem + "ed", stem + "ing"}
        if lemma.endswith("y"):
            candidates |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):
            candidates |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        forms.update(dict.fromkeys(candidates, lemma))
    return forms


IRREGULAR_SPEECH = {"said": "say", "told": "tell", "wrote": "write", "written": "write"}
_SPEECH_FORMS = inflections(SPEECH_VERBS) | IRREGULAR_SPEECH
_HEDGE_FORMS = inflections({"appear", "seem", "suggest"}) | {h: h for h in HEDGES}
_NEGATION_WORDS = NEGATIONS - {"n't"}


# Mentions: (key compared across versions, text shown to the analyst, token indices used)


@dataclass(frozen=True, slots=True)
class _Mention:
    key: str
    shown: str
    indices: tuple[int, ...]
    sense: str = ""  # an approximator's sense, for numbers


def _shown(text: str, tokens: Sequence[_Token], lo: int, hi: int) -> str:
    return text[tokens[lo].start : tokens[hi - 1].end]


def _dates(text: str, tokens: Sequence[_Token]) -> list[_Mention]:
    mentions: list[_Mention] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _is_date_token(tokens, j):
            j += 1
        if j == i:
            i += 1
            continue
        absolute = sorted(_MONTHS.get(t.norm, t.norm) for t in tokens[i:j] if _is_absolute(t))
        relative = [t.norm for t in tokens[i:j] if not _is_absolute(t)]
        words = absolute or relative
        if any(w not in _RELATIVE_MARKERS for w in words):
            key = ("abs " if absolute else "rel ") + " ".join(words)
            mentions.append(_Mention(key, _shown(text, tokens, i, j), tuple(range(i, j))))
        i = j
    return mentions


def _is_absolute(token: _Token) -> bool:
    norm = token.norm
    return norm in _MONTHS or norm in _WEEKDAYS or bool(_NUMERIC.fullmatch(norm))


def _is_date_token(tokens: Sequence[_Token], i: int) -> bool:
    norm = tokens[i].norm
    if norm not in _DATE_WORDS and not norm[:1].isdigit():
        return False
    if norm in _WEEKDAYS or norm in _RELATIVE_DAYS or _is_month(tokens, i):
        return True
    if norm in _RELATIVE_MARKERS:
        return i + 1 < len(tokens) and (
            tokens[i + 1].norm in _RELATIVE_UNITS or _is_month(tokens, i + 1)
        )
    if norm in _RELATIVE_UNITS:
        return i > 0 and tokens[i - 1].norm in _RELATIVE_MARKERS
    if norm.isdigit():
        return _is_year(tokens, i) or (
            int(norm) <= 31
            and ((i > 0 and _is_month(tokens, i - 1)) or (i + 1 < len(tokens) and
                                                          _is_month(tokens, i + 1)))
        )  # fmt: skip
    return False


def _is_month(tokens: Sequence[_Token], i: int) -> bool:
    norm = tokens[i].norm
    if norm not in _MONTHS or not tokens[i].raw[:1].isupper():
        return False
    if norm in _AMBIGUOUS_MONTHS:
        # "May" is also a hedge, "March" a verb, "Jan" a name: ask the neighbours
        before = tokens[i - 1].norm if i > 0 else ""
        after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        return before in _MONTH_CUES or after.isdigit() or before.isdigit()
    return True


def _is_year(tokens: Sequence[_Token], i: int) -> bool:
    norm = tokens[i].norm
    if len(norm) != 4 or not 1800 <= int(norm) <= 2100:
        return False
    after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    return after not in _SCALES and after not in _PERCENT


def _numbers(text: str, tokens: Sequence[_Token], taken: set[int]) -> list[_Mention]:
    mentions: list[_Mention] = []
    i = 0
    while i < len(tokens):
        norm = tokens[i].norm
        maybe = norm[:1].isdigit() or norm in _NUMBER_WORDS or "-" in norm
        parsed = _number_at(tokens, i) if maybe and i not in taken else None
        if parsed is None:
            i += 1
            continue
        value, end, percent = parsed
        lo, sense = _approximator_before(tokens, i)
        key = f"{value.normalize():f}{'%' if percent else ''}"
        mentions.append(
            _Mention(key, _shown(text, tokens, lo, end), tuple(range(lo, end)), sense)
        )
        i = end
    return mentions


def _number_at(tokens: Sequence[_Token], i: int) -> tuple[Decimal, int, bool] | None:
    """The value starting at token ``i``, the index after it, and whether it is a percentage."""
    value = _value(tokens[i].norm)
    if value is None:
        return None
    end = i + 1
    percent = tokens[i].norm.endswith("%")
    while end < len(tokens) and tokens[end].norm in _SCALES:
        value *= _SCALES[tokens[end].norm]
        end += 1
    if end < len(tokens) and tokens[end].norm in ("percent", "%"):
        percent, end = True, end + 1
    elif end + 1 < len(tokens) and (tokens[end].norm, tokens[end + 1].norm) == ("per", "cent"):
        percent, end = True, end + 2
    return value, end, percent


def _value(word: str) -> Decimal | None:
    if word[0].isdigit() and _NUMERIC.fullmatch(word):
        try:
            return Decimal(word.rstrip("%").replace(",", ""))
        except InvalidOperation:
            return None
    if word in _UNITS:
        return Decimal(_UNITS[word])
    if word in _TENS:
        return Decimal(_TENS[word])
    if "-" not in word:
        return None
    tens, _, unit = word.partition("-")
    if tens in _TENS and unit in _UNITS and 0 < _UNITS[unit] < 10:
        return Decimal(_TENS[tens] + _UNITS[unit])
    return None


def _approximator_before(tokens: Sequence[_Token], i: int) -> tuple[int, str]:
    at = i
    while at > 0 and tokens[at - 1].norm in _CURRENCY:
        at -= 1
    for phrase in _APPROX_BY_LAST.get(tokens[at - 1].norm, []) if at > 0 else []:
        lo = at - len(phrase)
        if lo >= 0 and tuple(t.norm for t in tokens[lo:at]) == phrase:
            return lo, APPROXIMATORS[" ".join(phrase)]
    return at, ""


def _lexicon(
    text: str, tokens: Sequence[_Token], forms: dict[str, str], taken: set[int]
) -> list[_Mention]:
    return [
        _Mention(forms[t.norm], text[t.start : t.end], (i,))
        for i, t in enumerate(tokens)
        if t.norm in forms and i not in taken
    ]


def _sources(text: str, tokens: Sequence[_Token]) -> list[_Mention]:
    """Source phrases: "according to X", "citing X", "reported by X" up to a clause break."""
    mentions: list[_Mention] = []
    for i, token in enumerate(tokens):
        if token.norm not in _SOURCE_CUE_STARTS:
            continue
        for cue in _SOURCE_CUES:
            if tuple(t.norm for t in tokens[i : i + len(cue)]) != cue:
                continue
            end = i + len(cue)
            while (
                end < len(tokens)
                and tokens[end].word
                and tokens[end].norm not in _SOURCE_STOPS
                and end - i - len(cue) < _SOURCE_MAX_WORDS
            ):
                end += 1
            key = " ".join(t.norm for t in tokens[i + len(cue) : end])
            mentions.append(_Mention(key, _shown(text, tokens, i, end), tuple(range(i, end))))
    return mentions


# Drift


@dataclass(frozen=True, slots=True)
class _Side:
    """One text's words (``words``; ``remainder`` without those a kind explains) and mentions."""

    words: tuple[str, ...]
    remainder: tuple[str, ...]
    dates: list[_Mention]
    numbers: list[_Mention]
    hedges: list[_Mention]
    verbs: list[_Mention]
    sources: list[_Mention]
    negations: list[_Mention]


@lru_cache(maxsize=4_096)
def _side(text: str) -> _Side:
    """The side of one text (cached: a base appearance meets every other one)."""
    tokens = _tokens(text)
    dates = _dates(text, tokens)
    taken = {i for m in dates for i in m.indices}
    numbers = _numbers(text, tokens, taken)
    taken |= {i for m in numbers for i in m.indices}
    hedges = _lexicon(text, tokens, _HEDGE_FORMS, taken)
    verbs = _lexicon(text, tokens, _SPEECH_FORMS, taken)
    sources = _sources(text, tokens)
    negations = [
        _Mention(t.norm, t.norm, (i,)) for i, t in enumerate(tokens) if t.norm in _NEGATION_WORDS
    ]
    explained = taken.union(*(m.indices for m in (*hedges, *verbs, *sources, *negations)))
    return _Side(
        tuple(t.norm for t in tokens if t.word),
        tuple(t.norm for i, t in enumerate(tokens) if t.word and i not in explained),
        dates,
        numbers,
        hedges,
        verbs,
        sources,
        negations,
    )


@lru_cache(maxsize=16_384)
def claim_drift(base_text: str, other_text: str | None) -> Drift:
    """How ``other_text`` (an appearance of the claim) differs from ``base_text``."""
    if other_text is None:
        return Drift(("absent",), ("absent: no counterpart in this version",), 0.0)
    base, other = _side(base_text), _side(other_text)
    if base.words == other.words:
        return Drift(("verbatim",), _verbatim_details(base_text, other_text), 1.0)
    similarity = round(Indel.normalized_similarity(base.words, other.words), 4)
    found: list[tuple[DriftKind, str]] = []
    found += [("number", d) for d in _number_details(base, other)]
    found += [("date", d) for d in _changed("date", base.dates, other.dates)]
    found += [("hedge", d) for d in _changed("hedge", base.hedges, other.hedges)]
    found += [("attribution", d) for d in _changed("attribution", base.verbs, other.verbs)]
    found += [("attribution", d) for d in _changed("source", base.sources, other.sources)]
    found += [("negation", d) for d in _negation_details(base, other)]
    if not found or base.remainder != other.remainder:
        kept = f"reworded: {similarity:.0%} of the words kept"
        found.insert(0, ("reworded", kept))
    kinds = tuple(dict.fromkeys(kind for kind, _ in found))
    return Drift(kinds, tuple(d for _, d in found), similarity)


def _verbatim_details(base_text: str, other_text: str) -> tuple[str, ...]:
    if base_text == other_text:
        return ()
    raw = [[t.raw.casefold().translate(_UNIFY) for t in _tokens(s) if t.word]
           for s in (base_text, other_text)]  # fmt: skip
    return ("punctuation/case only",) if raw[0] == raw[1] else ("contraction only",)


def _changed(what: str, base: list[_Mention], other: list[_Mention]) -> list[str]:
    if sorted(m.key for m in base) == sorted(m.key for m in other):
        return []
    base_keys, other_keys = Counter(m.key for m in base), Counter(m.key for m in other)
    only_base, only_other = base_keys - other_keys, other_keys - base_keys
    if what == "date" and _same_dates(base, other):
        return []
    gone = _quoted(m.shown for m in base if m.key in only_base)
    new = _quoted(m.shown for m in other if m.key in only_other)
    if gone and new:
        return [f"{what} changed: {gone} → {new}"]
    if gone:
        return [f"{what} dropped: {gone}"]
    return [f"{what} added: {new}"] if new else []


def _same_dates(base: list[_Mention], other: list[_Mention]) -> bool:
    """Absolute dates decide when both sides have them; relative words only otherwise."""
    absolute = [Counter(m.key for m in side if m.key.startswith("abs")) for side in (base, other)]
    return bool(absolute[0]) and absolute[0] == absolute[1]


def _number_details(base: _Side, other: _Side) -> list[str]:
    details = _changed("number", base.numbers, other.numbers)
    if details:
        return details
    for key in dict.fromkeys(m.key for m in base.numbers):
        senses = [Counter(m.sense for m in side.numbers if m.key == key) for side in (base, other)]
        if senses[0] != senses[1]:
            gone = _quoted(m.shown for m in base.numbers if m.key == key)
            new = _quoted(m.shown for m in other.numbers if m.key == key)
            details.append(f"approximator changed: {gone} → {new}")
    return details


def _negation_details(base: _Side, other: _Side) -> list[str]:
    if len(base.negations) == len(other.negations):
        return []
    only_base = Counter(m.key for m in base.negations) - Counter(m.key for m in other.negations)
    only_other = Counter(m.key for m in other.negations) - Counter(m.key for m in base.negations)
    if len(base.negations) > len(other.negations):
        return [f"negation flipped: {_quoted(only_base.elements())} dropped"]
    return [f"negation flipped: {_quoted(only_other.elements())} added"]


def _quoted(texts: Iterable[str]) -> str:
    return ", ".join(f"“{t}”" for t in dict.fromkeys(texts))


def drift_label(drift: Drift) -> str:
    """Short words for a table cell: "verbatim", "number changed", "reworded · hedge added"."""
    if drift.kinds in (("verbatim",), ("absent",)):
        return drift.kinds[0]
    heads = (detail.partition(":")[0] for detail in drift.details)
    return " · ".join(dict.fromkeys(heads))
