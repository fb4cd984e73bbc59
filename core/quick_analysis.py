"""A first analysis without spaCy: enough to align and diff, in milliseconds.

The first paint of a comparison needs units, the sentence alignment and the word
diff, none of which needs the statistical model. This module tokenises with a
regular expression, splits sentences by rule, and reduces words to crude stems (the
same rule on every version, so they match each other); spaCy's own English stop
words are read from its package without importing spaCy (importing it costs about a
second). Of the entities only figures and dates are found, by rule, so number and
date changes show at once; names are left for the model. The comparison that follows keys
everything to the same character offsets, so the panes keep their text and only the
marks are redrawn.
"""

from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.analysis import TextAnalysis, Token

if TYPE_CHECKING:
    from core.align import Overrides
    from core.compare import TextSource
    from core.corrections import EntityCorrection
    from core.records import Comparison

#: The model key of a quick comparison (never cached under a real model's key).
QUICK_MODEL = "quick@rules"
_TOKEN = re.compile(r"\w+(?:['’.\-,]\w+)*|[^\w\s]", re.UNICODE)
_END = re.compile(r"[.!?…]+['\"”’)\]]*(?=\s+['\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st mt ft jr sr prof gen sen rep gov col lt sgt capt cpl maj adm "
    "jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc corp ltd co "
    "u.s u.k u.n e.g i.e a.m p.m".split()
)
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve twenty thirty "
    "forty fifty hundred thousand million billion".split()
)
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from its package file (spaCy is not imported)."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
    namespace: dict[str, object] = {}
    try:
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    except (OSError, SyntaxError):
        return frozenset()
    words = namespace.get("STOP_WORDS", set())
    return frozenset(str(w) for w in words) if isinstance(words, set | frozenset) else frozenset()


@cache
def _known_forms() -> dict[str, str]:
    """Forms of the words typed changes look for (verbs of saying, hedges), to their lemma."""
    from core.changes import REPORTING_VERBS
    from core.claim_drift import IRREGULAR_SPEECH, inflections

    return inflections(REPORTING_VERBS | {"appear", "seem", "suggest"}) | IRREGULAR_SPEECH


@cache
def stem(word: str) -> str:
    """A crude, consistent stem: lower case, possessive and common suffixes off; the verbs
    of saying and hedging to their lemma ("said" → "say", "noted" → "note")."""
    word = word.lower().replace("’", "'")
    known = _known_forms().get(word)
    if known is not None:
        return known
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + replacement
    return word


def tokens(text: str) -> tuple[Token, ...]:
    """Words, numbers and punctuation with their offsets and what the aligner asks of them."""
    stops = stop_words()
    known = _known_forms()
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        lower = word.lower()
        alpha = word.isalpha()
        number = word[0].isdigit() or lower in _NUMBER_WORDS
        lemma = stem(word) if alpha else lower
        # An inflected verb of saying is taken for a verb ("claimed"; "claim" may be a noun).
        pos = "VERB" if lower in known and (known[lower] != lower or lower in ("say", "tell")) \
            else ""
        found.append(Token(match.start(), match.end(), word, lemma, pos, lower in stops, alpha,
                           number))
    return tuple(found)


def sentence_starts(text: str) -> tuple[int, ...]:
    """Where sentences start: after an end mark followed by a capital, not after an
    abbreviation or an initial; every paragraph starts one."""
    starts = {0}
    position = 0
    while True:
        position = text.find("\n\n", position)
        if position == -1:
            break
        starts.add(position + 2)
        position += 2
    for match in _END.finditer(text):
        before = text[max(0, match.start() - 12):match.start()].split()
        last = before[-1].lower().strip("(\"“'") if before else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or len(last) == 1):
            continue
        following = match.end()
        while following < len(text) and text[following].isspace():
            following += 1
        starts.add(following)
    return tuple(sorted(s for s in starts if s < len(text)))


_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
_COUNT = r"(?:\d[\d,]*(?:\.\d+)?|(?:{}))".format("|".join(sorted(_NUMBER_WORDS)))
#: Figures and dates by rule, so typed changes (numbers, dates) are there at first sight;
#: the model's entities replace them all.
_ENTITY_RULES = (
    ("MONEY", re.compile(r"[$€£]\d[\d,]*(?:\.\d+)?(?: (?:million|billion|thousand))?")),
    ("PERCENT", re.compile(rf"\b{_COUNT}(?: ?%| percent\b)", re.I)),
    # Month and day names only capitalised ("may" and "march" are verbs too).
    ("DATE", re.compile(rf"\b(?:(?-i:(?:{_MONTHS}) \d{{1,2}}(?:, \d{{4}})?"
                        rf"|(?:{_MONTHS})(?: \d{{4}})?)"
                        rf"|(?:last |next |this )?(?-i:{_WEEKDAYS})|(?:19|20)\d\d"
                        r"|(?:this|that|next|last|another|every|each|no)(?: \w+)? "
                        r"(?:day|week|month|year|morning|evening|night)s?"
                        r"|yesterday|today|tomorrow|annual|weekly|monthly)\b", re.I)),
    ("CARDINAL", re.compile(rf"\b{_COUNT}\b(?!%| percent)", re.I)),
)


def rule_entities(text: str) -> tuple[tuple[int, int, str], ...]:
    """Money, percentages, dates and counts found by rule (no overlaps, first rule wins)."""
    taken: list[tuple[int, int, str]] = []  # by start; no two overlap, so by end too
    starts: list[int] = []
    for label, pattern in _ENTITY_RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            # Of the spans starting before ``end``, the last one ends latest.
            before = bisect_left(starts, end)
            if before and taken[before - 1][1] > start:
                continue
            taken.insert(before, (start, end, label))
            starts.insert(before, start)
    return tuple(taken)


def quick_analysis(text: str) -> TextAnalysis:
    """The text analysed by rule: tokens, sentence starts, figures and dates."""
    return TextAnalysis(text, tokens(text), sentence_starts(text), rule_entities(text))


def quick_comparison(
    sources: Sequence[TextSource],
    *,
    overrides: Mapping[int, Overrides] | None = None,
    corrections: Mapping[int, Sequence[EntityCorrection]] | None = None,
) -> Comparison:
    """Align and diff ``sources`` without spaCy (the first paint; the model's comes after)."""
    from core.compare import compare_analyses

    analyses = [quick_analysis(source.text) for source in sources]
    return compare_analyses(sources, analyses, model=QUICK_MODEL, overrides=overrides,
                            corrections=corrections)

