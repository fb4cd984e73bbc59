"""`Comparison` to and from the JSON contract of docs/comparison-schema.md."""

from __future__ import annotations

from typing import Any

from core import SCHEMA
from core.errors import VariorumError
from core.records import (
    AlignedRow,
    Alignment,
    AttributionChange,
    Comparison,
    DiffOp,
    EntityDiffRow,
    EntityRecord,
    OtherSummary,
    QuoteCheck,
    QuoteChecks,
    QuoteRecord,
    Span,
    Takeaway,
    TypedChange,
    Unit,
    Version,
)

Json = dict[str, Any]


class ContractError(VariorumError):
    """A JSON document that is not a comparison this Variorum can read."""


def comparison_to_json(comparison: Comparison) -> Json:
    """The contract's JSON object (plain dicts, lists, strings and numbers)."""
    return {
        "schema": comparison.schema,
        "engine_version": comparison.engine_version,
        "model": comparison.model,
        "versions": [_version(v) for v in comparison.versions],
        "alignments": [
            {
                "other": a.other,
                "rows": [_row(r) for r in a.rows],
                "derivation": list(a.derivation),
            }
            for a in comparison.alignments
        ],
        "quote_checks": [
            {"other": q.other, "rows": [_quote_check(c) for c in q.rows]}
            for q in comparison.quote_checks
        ],
        "entity_diff": [
            {
                "key": e.key,
                "label": e.label,
                "text": e.text,
                "counts": list(e.counts),
                "missing_in": list(e.missing_in),
            }
            for e in comparison.entity_diff
        ],
        "summary": [_summary(s) for s in comparison.summary],
    }


def comparison_from_json(data: Json) -> Comparison:
    """Rebuild the records; refuses an unknown schema with a clear message."""
    schema = data.get("schema") if isinstance(data, dict) else None
    if schema != SCHEMA:
        raise ContractError(
            f"unsupported comparison schema {schema!r} (this Variorum reads {SCHEMA})"
        )
    try:
        return _comparison(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ContractError(f"malformed comparison JSON: {exc!r}") from None


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def _unspan(value: list[int] | None) -> Span | None:
    return None if value is None else Span(int(value[0]), int(value[1]))


def _version(v: Version) -> Json:
    return {
        "source": v.source,
        "content_hash": v.content_hash,
        "text": v.text,
        "sentences": [
            {"start": u.start, "end": u.end, "kind": u.kind, "paragraph": u.paragraph}
            for u in v.units
        ],
        "entities": [
            {"start": e.start, "end": e.end, "label": e.label, "key": e.key} for e in v.entities
        ],
        "quotes": [
            {
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "verb": q.verb,
                "speaker_span": _span(q.speaker_span),
                "verb_span": _span(q.verb_span),
                "nested_in": q.nested_in,
            }
            for q in v.quotes
        ],
        "takeaways": [
            {"unit": t.unit, "supported_by": list(t.supported_by), "score": t.score}
            for t in v.takeaways
        ],
    }


def _op(op: DiffOp) -> Json:
    return {"op": op.op, "base": _span(op.base), "other": _span(op.other), "minor": op.minor}


def _row(r: AlignedRow) -> Json:
    return {
        "base": list(r.base),
        "other": list(r.other),
        "similarity": round(r.similarity, 4),
        "status": r.status,
        "pinned": r.pinned,
        "diff": [_op(op) for op in r.diff],
        "changes": [
            {
                "kind": c.kind,
                "direction": c.direction,
                "base_spans": [_span(s) for s in c.base_spans],
                "other_spans": [_span(s) for s in c.other_spans],
                "base_text": c.base_text,
                "other_text": c.other_text,
                "note": c.note,
            }
            for c in r.changes
        ],
    }


def _quote_check(c: QuoteCheck) -> Json:
    attribution = c.attribution
    return {
        "base_quote": c.base_quote,
        "other_quote": c.other_quote,
        "status": c.status,
        "similarity": round(c.similarity, 4),
        "diff": [_op(op) for op in c.diff],
        "base_span": _span(c.base_span),
        "other_span": _span(c.other_span),
        "attribution": None
        if attribution is None
        else {
            "base_speaker": attribution.base_speaker,
            "other_speaker": attribution.other_speaker,
            "base_verb": attribution.base_verb,
            "other_verb": attribution.other_verb,
        },
    }


def _summary(s: OtherSummary) -> Json:
    return {
        "other": s.other,
        "similarity": s.similarity,
        "reuse_share": s.reuse_share,
        "verbatim_share": s.verbatim_share,
        "status_counts": dict(s.status_counts),
        "change_counts": dict(s.change_counts),
        "derivation_counts": dict(s.derivation_counts),
        "quote_counts": dict(s.quote_counts),
    }


def _unop(d: Json) -> DiffOp:
    return DiffOp(d["op"], _unspan(d["base"]), _unspan(d["other"]), bool(d["minor"]))  # type: ignore[arg-type]


def _unversion(d: Json) -> Version:
    return Version(
        source=d["source"],
        text=d["text"],
        units=tuple(Unit(u["start"], u["end"], u["kind"], u["paragraph"]) for u in d["sentences"]),
        entities=tuple(
            EntityRecord(e["start"], e["end"], e["label"], e["key"]) for e in d["entities"]
        ),
        quotes=tuple(
            QuoteRecord(
                q["start"],
                q["end"],
                q["speaker"],
                q["verb"],
                _unspan(q["speaker_span"]),
                _unspan(q["verb_span"]),
                q["nested_in"],
            )
            for q in d["quotes"]
        ),
        takeaways=tuple(
            Takeaway(t["unit"], tuple(t["supported_by"]), t["score"]) for t in d["takeaways"]
        ),
        content_hash=d["content_hash"],
    )


def _unrow(d: Json) -> AlignedRow:
    changes = tuple(
        TypedChange(
            c["kind"], c["direction"],
            tuple(_unspan(s) for s in c["base_spans"]),  # type: ignore[misc]
            tuple(_unspan(s) for s in c["other_spans"]),  # type: ignore[misc]
            c["base_text"], c["other_text"], c.get("note", ""),
        )
        for c in d["changes"]
    )  # fmt: skip
    return AlignedRow(
        tuple(d["base"]), tuple(d["other"]), d["similarity"], d["status"],
        tuple(_unop(op) for op in d["diff"]), changes, bool(d["pinned"]),
    )  # fmt: skip


def _uncheck(d: Json) -> QuoteCheck:
    a = d["attribution"]
    return QuoteCheck(
        d["base_quote"], d["other_quote"], d["status"], d["similarity"],
        tuple(_unop(op) for op in d["diff"]),
        None if a is None else AttributionChange(
            a["base_speaker"], a["other_speaker"], a["base_verb"], a["other_verb"]
        ),
        _unspan(d.get("base_span")), _unspan(d.get("other_span")),
    )  # fmt: skip


def _comparison(d: Json) -> Comparison:
    return Comparison(
        schema=d["schema"],
        engine_version=d["engine_version"],
        model=d["model"],
        versions=tuple(_unversion(v) for v in d["versions"]),
        alignments=tuple(
            Alignment(a["other"], tuple(_unrow(r) for r in a["rows"]), tuple(a["derivation"]))
            for a in d["alignments"]
        ),
        quote_checks=tuple(
            QuoteChecks(q["other"], tuple(_uncheck(c) for c in q["rows"]))
            for q in d["quote_checks"]
        ),
        entity_diff=tuple(
            EntityDiffRow(
                e["key"], e["label"], e["text"], tuple(e["counts"]), tuple(e["missing_in"])
            )
            for e in d["entity_diff"]
        ),
        summary=tuple(OtherSummary(**s) for s in d["summary"]),
    )
