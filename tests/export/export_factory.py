"""Stories built in a real library for export tests, and hand-built comparisons of them.

``build_story`` stores versions, a hostile label, claims (one reviewed with an
appearance in every version that has its words, one open), an entity correction, an
alignment override, and, when asked, a corrected re-import that leaves an appearance
orphaned. ``comparison_of`` makes a Comparison of the stored texts without spaCy:
one unit per version, the given entities, a whole-text replace row per other version.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core import ENGINE_VERSION, SCHEMA
from core.export.story_data import StoryData
from core.records import (
    AlignedRow,
    Alignment,
    Comparison,
    DiffOp,
    EntityDiffRow,
    EntityRecord,
    OtherSummary,
    QuoteCheck,
    QuoteChecks,
    QuoteRecord,
    Span,
    TypedChange,
    Unit,
    Version,
)
from core.storage.library import Library
from core.textio import load_text

HOSTILE_LABEL = '<b onmouseover="alert(1)">=HYPERLINK("http://x")</b>'
HOSTILE_NOTE = (
    "<script>alert('note')</script> <img src=x onerror=alert(2)> "
    '<a href="javascript:alert(3)">click</a> \u202eevil'
)
WORD = re.compile(r"\w+")
#: Texts with right-to-left marks, zero-width characters, astral characters and CRLF.
ODD_TEXTS = (
    "Budget 😀 passes\r\n\r\nThe minister said the 𝔟udget would pass on Friday. "
    "Critics\u200b disagreed: \u200fمرحبا\u200f said Ana.",
    "Budget 😀 passes late\r\n\r\nThe finance minister said the 𝔟udget will pass on Friday, "
    "3 May. \u202eReversed\u202c words.",
    "The budget passed 😀😀 on Friday by 212 votes to 190.",
)


def first_words(text: str, count: int = 3) -> tuple[int, int] | None:
    """The span of the first ``count`` words of ``text`` (fewer if it has fewer), or None."""
    words = list(WORD.finditer(text))
    if not words:
        return None
    chosen = words[: max(1, min(count, len(words)))]
    return chosen[0].start(), chosen[-1].end()


def build_story(
    lib: Library,
    texts: Sequence[str],
    *,
    title: str = "Budget vote",
    note: str = HOSTILE_NOTE,
    author: str = "Ana",
    orphan: bool = False,
) -> int:
    """Store a story with claims, a correction and an override; returns its id."""
    story_id, _ = lib.add_story(title)
    ids = []
    for number, text in enumerate(texts):
        version_id, _, _ = lib.add_version(
            story_id, load_text(text, f"v{number}.txt"), outlet=f"Outlet {number}",
            published=f"2024-05-{number + 1:02d}",
        )  # fmt: skip
        ids.append(version_id)
    label_id, _ = lib.add_label(HOSTILE_LABEL, "#aa3377", None, description="hostile")
    stored = [lib.get_version(v) for v in ids]
    span = first_words(stored[0].text)
    assert span is not None
    reviewed, _ = lib.add_claim(
        ids[0], *span, label_id=label_id, status="refuted", note=note, author=author
    )
    words = stored[0].text[span[0] : span[1]]
    for version in stored[1:]:
        at = version.text.find(words)
        if at >= 0:
            lib.add_appearance(reviewed, version.id, at, at + len(words))
        elif version is stored[1]:  # a reworded counterpart, as an analyst would accept it
            near = first_words(version.text)
            assert near is not None
            lib.add_appearance(reviewed, version.id, *near)
    last = first_words(stored[-1].text, 1)
    assert last is not None
    lib.add_claim(ids[-1], *last, status="open", note="", author="")
    lib.add_entity_correction(ids[0], *span, "ORG")
    if len(ids) > 1:
        lib.set_alignment_override(ids[0], ids[1], 0, 0, "pin")
    if orphan and len(ids) > 1:
        lib.replace_version_text(ids[1], load_text("Nothing of the sort remains here.", "new.txt"))
    return story_id


def comparison_of(
    data: StoryData, entities: Sequence[Sequence[tuple[int, int, str]]] = ()
) -> Comparison:
    """A spaCy-free comparison of the story's versions (base first)."""
    versions = []
    for index, row in enumerate(data.versions):
        ents = entities[index] if index < len(entities) else ()
        quote = first_words(row.text, 2)
        versions.append(
            Version(
                row.source, row.text, (Unit(0, len(row.text), "sentence", 0),),
                tuple(EntityRecord(s, e, label, row.text[s:e].lower()) for s, e, label in ents),
                (QuoteRecord(*quote, "Ana", "said"),) if quote else (), (), row.content_hash,
            )
        )  # fmt: skip
    base = versions[0]
    alignments, checks, summary = [], [], []
    for other_index, other in enumerate(versions[1:], start=1):
        op = DiffOp("replace", Span(0, len(base.text)), Span(0, len(other.text)))
        change = TypedChange("number", "changed", (Span(0, 1),), (Span(0, 1),), base.text[:1],
                             other.text[:1])  # fmt: skip
        alignments.append(
            Alignment(other_index, (AlignedRow((0,), (0,), 0.5, "changed", (op,), (change,)),),
                      ("rewritten",))
        )  # fmt: skip
        checks.append(QuoteChecks(other_index, (QuoteCheck(0, 0, "verbatim", 1.0),)))
        summary.append(OtherSummary(other_index, 0.5, 0.5, 0.0, {"changed": 1}, {"number": 1}))
    diff = tuple(
        EntityDiffRow(e.key, e.label, base.text[e.start : e.end],
                      tuple(1 if i == 0 else 0 for i in range(len(versions))),
                      tuple(range(1, len(versions))))
        for e in base.entities
    )  # fmt: skip
    return Comparison(SCHEMA, ENGINE_VERSION, "test-model", tuple(versions), tuple(alignments),
                      tuple(checks), diff, tuple(summary))  # fmt: skip
