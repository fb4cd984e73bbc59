"""Score the engine against the project's own gold set (bench/gold/*.toml), per failure class.

Every case is a base text and a rewrite written for the project, with hand-made gold: which
sentences link (snippets of each side, one unit each), which were added or removed, which
moved, the status of every quotation, the typed changes a row should carry and, for entity
cases, keys that must or must not reach the entity table. The set is split into a ``tuning``
part (looked at while the engine was tuned) and a ``heldout`` part (only scored).

Metrics, per class and overall, for each part:

* links: precision, recall and F1 over (base snippet, other snippet) pairs, a pair being
  linked when the units holding the two snippets share an aligned row;
* added/removed: accuracy over every snippet of both sides (unaligned or not, as the gold
  says), and the stricter agreement on the unaligned ones only, correct / (gold ∪ found);
* moved: recall of gold moved base snippets whose row has status ``moved``;
* quotes: share of gold quotations whose check has the gold status (and the gold partner),
  spurious checks of quotes the gold does not list counting as errors;
* typed changes: precision and recall by kind (kind, direction and row must match);
* entities: share of gold entity keys present / absent as the gold says.

    PYTHONPATH=. python bench/bench_gold.py [--gold DIR] [--verbose] [--case NAME]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.compare import compare_versions  # noqa: E402
from core.records import Comparison, Version  # noqa: E402
from core.textio import content_hash, normalise  # noqa: E402

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold"
SPLITS = ("tuning", "heldout")
KINDS = ("number", "date", "hedge", "negation", "sourcing", "attribution")
#: Quote statuses whose base side is plain text, not a quotation (and the other way round).
BASE_IS_TEXT = frozenset({"unquoted_in_base"})
OTHER_IS_TEXT = frozenset({"paraphrased"})


@dataclass(frozen=True)
class Source:
    """A case text as the engine's ``TextSource``, with the optional publication date."""

    source: str
    text: str
    content_hash: str
    published: str | None = None


@dataclass
class Tally:
    """Counts behind every metric; added together over cases."""

    link_tp: int = 0
    link_fp: int = 0
    link_fn: int = 0
    ar_right: int = 0
    ar_union: int = 0
    ar_correct: int = 0
    ar_total: int = 0
    moved_gold: int = 0
    moved_found: int = 0
    quote_right: int = 0
    quote_total: int = 0
    change_tp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    change_fp: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    change_fn: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    entity_right: int = 0
    entity_total: int = 0

    def add(self, other: Tally) -> None:
        for name in ("link_tp", "link_fp", "link_fn", "ar_right", "ar_union", "ar_correct",
                     "ar_total", "moved_gold",
                     "moved_found", "quote_right", "quote_total", "entity_right",
                     "entity_total"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("change_tp", "change_fp", "change_fn"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for kind, n in theirs.items():
                mine[kind] += n


# -- Reading the gold ----------------------------------------------------------------------------


def read_cases(folder: Path) -> list[dict[str, Any]]:
    """Every case of every file, tagged with its file's class."""
    cases = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            case.setdefault("class", data.get("class", path.stem))
            if case.get("split") not in SPLITS:
                raise SystemExit(f"{path.name}: case {case.get('name')!r} has no valid split")
            cases.append(case)
    return cases


def _source(text: str, name: str, published: str | None) -> Source:
    normalised = normalise(text)
    return Source(name, normalised, content_hash(normalised), published)


def run_case(case: dict[str, Any], nlp: object) -> Comparison:
    published = case.get("published")
    sources = [
        _source(case["base"], f"{case['name']}/base", case.get("base_published", published)),
        _source(case["other"], f"{case['name']}/other", case.get("other_published", published)),
    ]
    return compare_versions(sources, nlp=nlp)  # type: ignore[arg-type]


# -- Scoring one case ----------------------------------------------------------------------------


class Problems:
    """What went wrong in one case, for --verbose."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, text: str) -> None:
        self.lines.append(text)


def _unit_of(version: Version, snippet: str, problems: Problems) -> int | None:
    for index, unit in enumerate(version.units):
        if snippet in version.text[unit.start : unit.end]:
            return index
    problems(f"snippet not found in any unit: {snippet!r}")
    return None


def _quote_of(version: Version, snippet: str) -> int | None:
    for index, quote in enumerate(version.quotes):
        if quote.nested_in is None and snippet in version.text[quote.start : quote.end]:
            return index
    return None


def score_case(case: dict[str, Any], comparison: Comparison, problems: Problems) -> Tally:
    tally = Tally()
    base, other = comparison.versions[0], comparison.versions[1]
    rows = comparison.alignments[0].rows
    row_of_base = {b: n for n, row in enumerate(rows) for b in row.base}
    row_of_other = {o: n for n, row in enumerate(rows) for o in row.other}
    links = [tuple(pair) for pair in case.get("links", [])]
    base_snips = sorted({b for b, _ in links} | set(case.get("removed", [])))
    other_snips = sorted({o for _, o in links} | set(case.get("added", [])))
    b_unit = {s: _unit_of(base, s, problems) for s in base_snips}
    o_unit = {s: _unit_of(other, s, problems) for s in other_snips}
    gold_pairs = _gold_pairs(links)
    for b in base_snips:
        for o in other_snips:
            bu, ou = b_unit[b], o_unit[o]
            found = bu is not None and ou is not None and row_of_base.get(bu) == row_of_other.get(
                ou, -1
            )
            gold = (b, o) in gold_pairs
            if found and gold:
                tally.link_tp += 1
            elif found:
                tally.link_fp += 1
                problems(f"spurious link: {b!r} ~ {o!r}")
            elif gold:
                tally.link_fn += 1
                problems(f"missed link: {b!r} ~ {o!r}")
    _score_unaligned(case, rows, b_unit, o_unit, row_of_base, row_of_other, tally, problems)
    for snippet in case.get("moved", []):
        tally.moved_gold += 1
        unit = b_unit.get(snippet)
        if unit is not None and rows[row_of_base[unit]].status == "moved":
            tally.moved_found += 1
        else:
            problems(f"not marked moved: {snippet!r}")
    if "quotes" in case:
        _score_quotes(case, comparison, tally, problems)
    if "changes" in case:
        _score_changes(case, comparison, row_of_base, row_of_other, tally, problems)
    _score_entities(case, comparison, tally, problems)
    return tally


def _gold_pairs(links: list[tuple[str, ...]]) -> set[tuple[str, str]]:
    """Every (base, other) pair within one linked group (split and merged rows included)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for b, o in links:
        parent[find("b:" + b)] = find("o:" + o)
    groups: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for b, o in links:
        root = find("b:" + b)
        groups[root][0].add(b)
        groups[root][1].add(o)
    return {(b, o) for bs, os_ in groups.values() for b in bs for o in os_}


def _score_unaligned(
    case: dict[str, Any],
    rows: Iterable[Any],
    b_unit: dict[str, int | None],
    o_unit: dict[str, int | None],
    row_of_base: dict[int, int],
    row_of_other: dict[int, int],
    tally: Tally,
    problems: Problems,
) -> None:
    rows = list(rows)
    gold = {("b", s) for s in case.get("removed", [])} | {("o", s) for s in case.get("added", [])}
    found = {
        ("b", s) for s, u in b_unit.items() if u is not None and not rows[row_of_base[u]].other
    }
    found |= {
        ("o", s) for s, u in o_unit.items() if u is not None and not rows[row_of_other[u]].base
    }
    tally.ar_union += len(gold | found)
    tally.ar_right += len(gold & found)
    every = {("b", s) for s in b_unit} | {("o", s) for s in o_unit}
    tally.ar_total += len(every)
    tally.ar_correct += len(every) - len(gold ^ found)
    for side, snippet in sorted(gold - found):
        problems(f"not {'removed' if side == 'b' else 'added'}: {snippet!r}")
    for side, snippet in sorted(found - gold):
        problems(f"wrongly {'removed' if side == 'b' else 'added'}: {snippet!r}")


def _score_quotes(
    case: dict[str, Any], comparison: Comparison, tally: Tally, problems: Problems
) -> None:
    base, other = comparison.versions[0], comparison.versions[1]
    checks = list(comparison.quote_checks[0].rows)
    explained: set[int] = set()
    for gold in case["quotes"]:
        tally.quote_total += 1
        status = gold["status"]
        found = _find_check(gold, checks, base, other)
        if found is None:
            problems(f"quote {status} not found: {gold.get('base') or gold.get('other')!r}")
            continue
        explained.add(found)
        check = checks[found]
        if check.status == status and _partner_ok(gold, check, base, other):
            tally.quote_right += 1
        else:
            problems(f"quote {gold.get('base') or gold.get('other')!r}: {check.status}, "
                     f"gold {status}")  # fmt: skip
    for index, check in enumerate(checks):
        if index not in explained:
            tally.quote_total += 1
            problems(f"spurious quote check {check.status}: "
                     f"{_check_text(check, base, other)!r}")  # fmt: skip


def _find_check(
    gold: dict[str, Any], checks: list[Any], base: Version, other: Version
) -> int | None:
    status = gold["status"]
    if "base" in gold and status not in BASE_IS_TEXT:
        q = _quote_of(base, gold["base"])
        found = [n for n, c in enumerate(checks) if q is not None and c.base_quote == q]
        partner = _quote_of(other, gold["other"]) if "other" in gold else None
        paired = [n for n in found if partner is not None and checks[n].other_quote == partner]
        return (paired or found or [None])[0]
    q = _quote_of(other, gold["other"])
    return next((n for n, c in enumerate(checks) if q is not None and c.other_quote == q), None)


def _partner_ok(gold: dict[str, Any], check: Any, base: Version, other: Version) -> bool:
    status = gold["status"]
    if status in OTHER_IS_TEXT:
        return _span_holds(other, getattr(check, "other_span", None), gold["other"])
    if status in BASE_IS_TEXT:
        return _span_holds(base, getattr(check, "base_span", None), gold["base"])
    if "other" in gold and "base" in gold:
        q = _quote_of(other, gold["other"])
        return q is not None and check.other_quote == q
    return True


def _span_holds(version: Version, span: Any, snippet: str) -> bool:
    if span is None:
        return False
    start = version.text.find(snippet)
    return start != -1 and span.start < start + len(snippet) and start < span.end


def _check_text(check: Any, base: Version, other: Version) -> str:
    if check.base_quote is not None:
        q = base.quotes[check.base_quote]
        return base.text[q.start : q.end]
    q = other.quotes[check.other_quote]
    return other.text[q.start : q.end]


def _score_changes(
    case: dict[str, Any],
    comparison: Comparison,
    row_of_base: dict[int, int],
    row_of_other: dict[int, int],
    tally: Tally,
    problems: Problems,
) -> None:
    base, other = comparison.versions[0], comparison.versions[1]
    rows = comparison.alignments[0].rows
    found = [(n, c) for n, row in enumerate(rows) for c in row.changes]
    matched: set[int] = set()
    for gold in case["changes"]:
        row = _row_at(gold["at"], base, other, row_of_base, row_of_other)
        hit = next(
            (
                k
                for k, (n, c) in enumerate(found)
                if k not in matched
                and n == row
                and c.kind == gold["kind"]
                and c.direction == gold["direction"]
            ),
            None,
        )
        if hit is None:
            tally.change_fn[gold["kind"]] += 1
            problems(f"missed change {gold['kind']} {gold['direction']} at {gold['at']!r}")
        else:
            matched.add(hit)
            tally.change_tp[gold["kind"]] += 1
    for k, (_, c) in enumerate(found):
        if k not in matched:
            tally.change_fp[c.kind] += 1
            problems(f"spurious change {c.kind} {c.direction}: {c.base_text!r} -> "
                     f"{c.other_text!r}")  # fmt: skip


def _row_at(
    snippet: str,
    base: Version,
    other: Version,
    row_of_base: dict[int, int],
    row_of_other: dict[int, int],
) -> int | None:
    for version, row_of in ((base, row_of_base), (other, row_of_other)):
        for index, unit in enumerate(version.units):
            if snippet in version.text[unit.start : unit.end]:
                return row_of.get(index)
    return None


def _score_entities(
    case: dict[str, Any], comparison: Comparison, tally: Tally, problems: Problems
) -> None:
    keys = {row.key for row in comparison.entity_diff}
    for key in case.get("entities_present", []):
        tally.entity_total += 1
        if key in keys:
            tally.entity_right += 1
        else:
            problems(f"entity missing from the table: {key!r}")
    for key in case.get("entities_absent", []):
        tally.entity_total += 1
        if key not in keys:
            tally.entity_right += 1
        else:
            problems(f"noise in the entity table: {key!r}")


# -- Report --------------------------------------------------------------------------------------


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def _prf(tp: int, fp: int, fn: int) -> tuple[str, str, str]:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return tuple("  -  " if x is None else f"{x:.3f}" for x in (p, r, f))  # type: ignore[return-value]


def _typed(t: Tally) -> tuple[str, str]:
    tp, fp, fn = (sum(getattr(t, n).values()) for n in ("change_tp", "change_fp", "change_fn"))
    p, r, _ = _prf(tp, fp, fn)
    return p, r


HEADER = (f"{'class':<16} {'part':<8} {'n':>3} {'link P':>6} {'link R':>6} {'link F1':>7} "
          f"{'a/r acc':>7} {'a/r J':>6} {'moved R':>7} {'quote acc':>9} {'typed P':>7} "
          f"{'typed R':>7} {'ent acc':>7}")  # fmt: skip


def _line(name: str, part: str, n: int, t: Tally) -> str:
    p, r, f = _prf(t.link_tp, t.link_fp, t.link_fn)
    tp, tr = _typed(t)
    return (f"{name:<16} {part:<8} {n:>3} {p:>6} {r:>6} {f:>7} "
            f"{_ratio(t.ar_correct, t.ar_total):>7} {_ratio(t.ar_right, t.ar_union):>6} "
            f"{_ratio(t.moved_found, t.moved_gold):>7} "
            f"{_ratio(t.quote_right, t.quote_total):>9} {tp:>7} {tr:>7} "
            f"{_ratio(t.entity_right, t.entity_total):>7}")  # fmt: skip


def report(results: list[tuple[dict[str, Any], Tally]]) -> None:
    classes = sorted({case["class"] for case, _ in results})
    print(HEADER)
    totals = {split: Tally() for split in SPLITS}
    counts = dict.fromkeys(SPLITS, 0)
    for name in classes:
        for split in SPLITS:
            chosen = [t for c, t in results if c["class"] == name and c["split"] == split]
            if not chosen:
                continue
            tally = Tally()
            for t in chosen:
                tally.add(t)
            totals[split].add(tally)
            counts[split] += len(chosen)
            print(_line(name, split, len(chosen), tally))
    for split in SPLITS:
        print(_line("OVERALL", split, counts[split], totals[split]))
    print()
    print("typed changes by kind (precision / recall; tp fp fn):")
    for split in SPLITS:
        t = totals[split]
        cells = []
        for kind in KINDS:
            p, r, _ = _prf(t.change_tp[kind], t.change_fp[kind], t.change_fn[kind])
            cells.append(f"{kind} {p}/{r} ({t.change_tp[kind]} {t.change_fp[kind]} "
                         f"{t.change_fn[kind]})")  # fmt: skip
        print(f"  {split:<8} " + "; ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description="Score the engine on the project's gold set")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of *.toml cases")
    parser.add_argument("--verbose", action="store_true", help="print every mismatch")
    parser.add_argument("--case", help="only the cases whose name contains this")
    parser.add_argument("--split", choices=SPLITS, help="only one part of the set")
    args = parser.parse_args()
    from core.nlp import load_model

    nlp = load_model(None)
    cases = [
        c
        for c in read_cases(args.gold)
        if (not args.case or args.case in c["name"])
        and (not args.split or c["split"] == args.split)
    ]
    results = []
    for case in cases:
        problems = Problems()
        tally = score_case(case, run_case(case, nlp), problems)
        results.append((case, tally))
        if args.verbose and problems.lines:
            print(f"[{case['class']}/{case['name']} ({case['split']})]")
            for line in problems.lines:
                print(f"   {line}")
    if args.verbose:
        print()
    report(results)


if __name__ == "__main__":
    main()
