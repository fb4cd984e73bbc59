"""Parse speed of Variorum's own worker pool against spaCy's ``n_process`` and one process.

    PYTHONPATH=. python bench/bench_workers.py [--words 10000] [--reps 5]

``core.nlp.parse_texts`` now parses long texts on workers that die with their parent
(``core.nlp_workers``) instead of ``nlp.pipe(n_process=2)``. This measures, alternating
the order each round and reporting medians, the three ways on the same pieces of a
generated pair: the pool, spaCy's own multiprocessing (the old path, the baseline), and
a single process. Needs a free second core to show a parallel speed-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from textgen import story_pair

from core.nlp import _chunks, load_model, parse_texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000, help="words per version")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    texts = list(story_pair(args.words, 11))
    nlp = load_model()
    pieces = [piece for text in texts for _, piece in _chunks(text)]
    ways = {
        "pool (2 workers)": lambda: parse_texts(nlp, texts, processes=2),
        "spaCy n_process=2": lambda: list(nlp.pipe(pieces, batch_size=2, n_process=2)),
        "one process": lambda: parse_texts(nlp, texts, processes=1),
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    for rep in range(args.reps):
        order = list(ways)[rep % len(ways) :] + list(ways)[: rep % len(ways)]
        for name in order:
            started = time.perf_counter()
            ways[name]()
            times[name].append(time.perf_counter() - started)
    baseline = statistics.median(times["spaCy n_process=2"])
    print(f"{sum(map(len, texts)):,} characters, {len(pieces)} pieces; "
          f"load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")  # fmt: skip
    print("| way | median s | ± | vs spaCy n_process |\n|---|---|---|---|")
    for name, values in times.items():
        median = statistics.median(values)
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [median, median, median]
        print(f"| {name} | {median:.2f} | {(q[2] - q[0]) / 2:.2f} | {median / baseline:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
