"""Claims engine: snapping, re-anchoring and drift, against baselines timed in the same run.

- ``snap_to_words`` on a 350,000-character text, against one regex word scan of the
  selection's sentence-sized neighbourhood (``WORD.findall`` over 200 characters),
  the least any tokenising snap would do;
- ``reanchor`` of a 40-character quote in a 350,000-character text (exact, moved,
  fuzzy, orphaned), against one ``str.find`` of the quote in the same text;
- ``claim_drift`` of 2,000 sentence pairs, caches cleared (cold) and warm, against
  rapidfuzz ``fuzz.token_sort_ratio`` and ``difflib.SequenceMatcher(...).ratio()``
  on the same pairs.

Runs alternate (order rotated each round); medians of 7 rounds.

    PYTHONPATH=. python bench/bench_claims.py [--quick]
"""

from __future__ import annotations

import argparse
import difflib
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from bench.textgen import story_pair  # noqa: E402
from core.anchoring import quote_selector, reanchor  # noqa: E402
from core.claim_drift import _side, claim_drift  # noqa: E402
from core.snapping import WORD, snap_to_words  # noqa: E402


def _median_seconds(cases: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in cases}
    names = list(cases)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            began = time.perf_counter()
            cases[name]()
            times[name].append(time.perf_counter() - began)
    return {name: statistics.median(t) for name, t in times.items()}


def _text() -> str:
    original, _ = story_pair(60_000, seed=7)
    return original[:350_000]


def bench_snap(rounds: int, reps: int) -> None:
    text = _text()
    start = text.index(" ", 200_000) + 3
    cases = {
        "snap_to_words": lambda: [snap_to_words(text, start, start + 30) for _ in range(reps)],
        "baseline: regex scan of 200 chars": lambda: [
            WORD.findall(text, start - 100, start + 100) for _ in range(reps)
        ],
    }
    result = _median_seconds(cases, rounds)
    base = result["baseline: regex scan of 200 chars"]
    for name, seconds in result.items():
        print(f"  {name:38} {seconds / reps * 1e6:8.2f} us  ratio {seconds / base:5.2f}")


def bench_reanchor(rounds: int, reps: int) -> None:
    body = _text()
    start = body.index(" ", 200_000) + 1
    end = start + 40
    quote = quote_selector(body, start, end)
    texts = {
        "exact (text inserted before)": "Lead paragraph. " * 40 + body,
        "moved (context edited)": body[: start - 5] + "(new) " + body[start:],
        "fuzzy (quote edited)": body[: start + 10] + "X" + body[start + 11 :],
        "orphaned (quote deleted)": body[: start - 40] + " gone. " + body[end + 40 :],
    }
    for label, new in texts.items():
        cases = {
            "reanchor": lambda new=new: [
                reanchor(new, quote, start, len(body)) for _ in range(reps)
            ],
            "baseline: str.find": lambda new=new: [new.find(quote.exact) for _ in range(reps)],
        }
        result = _median_seconds(cases, rounds)
        state = reanchor(new, quote, start, len(body)).state
        per = result["reanchor"] / reps
        ratio = result["reanchor"] / result["baseline: str.find"]
        print(f"  {label:30} -> {state:8} {per * 1e3:7.3f} ms  ratio to str.find {ratio:7.1f}")


def bench_drift(rounds: int, pairs_count: int) -> None:
    pairs = [
        (
            f"Officials said at least {i} workers were injured on Tuesday, according to police.",
            f"Officials claimed {i + 1} workers may have been hurt on Wednesday.",
        )
        for i in range(pairs_count)
    ]

    def cold() -> None:
        claim_drift.cache_clear()
        _side.cache_clear()
        for a, b in pairs:
            claim_drift(a, b)

    def warm() -> None:
        for a, b in pairs:
            claim_drift(a, b)

    cases = {
        "claim_drift cold": cold,
        "claim_drift warm (cached)": warm,
        "baseline: token_sort_ratio": lambda: [fuzz.token_sort_ratio(a, b) for a, b in pairs],
        "baseline: difflib word ratio": lambda: [
            difflib.SequenceMatcher(None, a.split(), b.split()).ratio() for a, b in pairs
        ],
    }
    warm()
    result = _median_seconds(cases, rounds)
    base = result["baseline: difflib word ratio"]
    for name, seconds in result.items():
        per = seconds / pairs_count * 1e6
        print(f"  {name:30} {per:8.2f} us/pair  ratio to difflib {seconds / base:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    print(f"load average {os.getloadavg()[0]:.2f}, {rounds} rounds, medians")
    print("snap_to_words, 350,000-char text, 30-char selection:")
    bench_snap(rounds, 2_000)
    print("reanchor, 40-char quote, 350,000-char text:")
    bench_reanchor(rounds, 20 if args.quick else 50)
    print("claim_drift, sentence pairs:")
    bench_drift(rounds, 500 if args.quick else 2_000)


if __name__ == "__main__":
    main()
