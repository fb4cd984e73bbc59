"""Alignment and word diff without NLP: `core.compare.compare_analyses` on long story pairs.

Each pair (bench/textgen.py, about 5k, 10k, 20k and 50k words per version) is parsed once;
then ``compare_analyses`` (units, features, alignment, word diffs, entities, quotes, typed
changes, summary) is timed against, in the same run and alternating, a plain
``difflib.SequenceMatcher`` word diff of the two whole texts (``text.split()``; with
``autojunk=False`` as core/worddiff.py uses it, and with the default ``autojunk=True``).

Reported: median seconds, Variorum / difflib ratios, milliseconds per 1,000 words at each size
(flat = linear growth) and the growth exponent between sizes; for the largest pair, the
tracemalloc peak during ``compare_analyses`` and the process's ru_maxrss. Target: the 50k-word
pair within 1 s. A cProfile of the largest pair is printed when the target is missed (or with
``--profile``).

    PYTHONPATH=. python bench/bench_align.py [--quick] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import gc
import math
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.textgen import story_pair, word_count  # noqa: E402
from core.analysis import TextAnalysis, from_docs  # noqa: E402
from core.compare import compare_analyses  # noqa: E402
from core.nlp import load_model, model_key, parse_texts  # noqa: E402
from core.textio import SourceText, load_text  # noqa: E402

TARGET_SECONDS = 1.0
TARGET_WORDS = 50_000


def _parse(words: int) -> tuple[list[SourceText], list[TextAnalysis], str, int]:
    original, rewrite = story_pair(words, seed=7)
    sources = [load_text(original, "original"), load_text(rewrite, "rewrite")]
    nlp = load_model(None)
    chunks = parse_texts(nlp, [s.text for s in sources])
    analyses = [from_docs(s.text, c) for s, c in zip(sources, chunks, strict=True)]
    mean_words = (word_count(original) + word_count(rewrite)) // 2
    return sources, analyses, model_key(nlp), mean_words


def _variorum(sources: list[SourceText], analyses: list[TextAnalysis], model: str) -> float:
    gc.collect()
    start = time.perf_counter()
    compare_analyses(sources, analyses, model=model)
    return time.perf_counter() - start


def _difflib(sources: list[SourceText], autojunk: bool) -> float:
    gc.collect()
    start = time.perf_counter()
    a, b = sources[0].text.split(), sources[1].text.split()
    difflib.SequenceMatcher(None, a, b, autojunk=autojunk).get_opcodes()
    return time.perf_counter() - start


def _reps(words: int, quick: bool) -> int:
    if quick:
        return 2
    return 5 if words <= 10_000 else 3


def main() -> None:
    parser = argparse.ArgumentParser(description="compare_analyses against a difflib word diff")
    parser.add_argument("--quick", action="store_true", help="sizes 2k, 5k, 10k; 2 reps")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest pair")
    args = parser.parse_args()
    sizes = [2_000, 5_000, 10_000] if args.quick else [5_000, 10_000, 20_000, TARGET_WORDS]
    print(f"parsing {len(sizes)} pairs once (not timed)...", flush=True)
    start = time.perf_counter()
    parsed = {size: _parse(size) for size in sizes}
    print(f"  parsed in {time.perf_counter() - start:.1f}s", flush=True)
    rows, quality = [], []
    for size in sizes:
        sources, analyses, model, words = parsed[size]
        compare_analyses(sources, analyses, model=model)  # warm-up
        times: dict[str, list[float]] = {"variorum": [], "nojunk": [], "autojunk": []}
        for rep in range(_reps(size, args.quick)):
            runs = [
                ("variorum", lambda s=sources, a=analyses, m=model: _variorum(s, a, m)),
                ("nojunk", lambda s=sources: _difflib(s, autojunk=False)),
                ("autojunk", lambda s=sources: _difflib(s, autojunk=True)),
            ]
            shift = rep % len(runs)
            for key, run in runs[shift:] + runs[:shift]:
                times[key].append(run())
        medians = {k: statistics.median(v) for k, v in times.items()}
        comparison = compare_analyses(sources, analyses, model=model)
        units = len(comparison.versions[0].units)
        statuses = Counter(row.status for row in comparison.alignments[0].rows)
        rows.append((size, words, units, medians))
        quality.append((words, units, statuses))
        print(f"  {words:,} words: variorum {medians['variorum']:.3f}s, difflib "
              f"{medians['nojunk']:.3f}s / {medians['autojunk']:.3f}s", flush=True)  # fmt: skip
    largest_sources, largest_analyses, model, _ = parsed[sizes[-1]]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    compare_analyses(largest_sources, largest_analyses, model=model)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _report(rows, peak, rss_before, rss_after)
    _report_quality(quality)
    seconds = rows[-1][3]["variorum"]
    if args.profile or (sizes[-1] == TARGET_WORDS and seconds > TARGET_SECONDS):
        _profile(largest_sources, largest_analyses, model)


def _report(
    rows: list[tuple[int, int, int, dict[str, float]]], peak: int, rss_before: int, rss_after: int
) -> None:
    print()
    print(f"{'words/version':>13} {'units':>6} {'variorum':>9} {'difflib':>9} {'difflib':>9} "
          f"{'x difflib':>10} {'x difflib':>10} {'ms/1k w':>8} {'growth':>7}")  # fmt: skip
    print(f"{'':>13} {'':>6} {'':>9} {'autojunk=F':>9} {'default':>9} "
          f"{'autojunk=F':>10} {'default':>10} {'variorum':>8} {'exp.':>7}")  # fmt: skip
    previous = None
    for _, words, units, m in rows:
        per_k = m["variorum"] / words * 1000 * 1000
        growth = ""
        if previous:
            growth = f"{math.log(m['variorum'] / previous[1]) / math.log(words / previous[0]):.2f}"
        previous = (words, m["variorum"])
        print(f"{words:>13,} {units:>6,} {m['variorum']:>8.3f}s {m['nojunk']:>8.3f}s "
              f"{m['autojunk']:>8.3f}s {m['variorum'] / m['nojunk']:>9.2f}x "
              f"{m['autojunk'] and m['variorum'] / m['autojunk']:>9.2f}x {per_k:>8.1f} "
              f"{growth:>7}")  # fmt: skip
    first, last = rows[0], rows[-1]
    flat = (last[3]["variorum"] / last[1]) / (first[3]["variorum"] / first[1])
    print(f"(growth exp.: time ~ words^exp between neighbouring sizes; 1.00 = linear. "
          f"ms per 1k words at {last[1]:,} / at {first[1]:,} = {flat:.2f})")  # fmt: skip
    seconds = last[3]["variorum"]
    verdict = "ok" if seconds <= TARGET_SECONDS else "MISSED"
    print(
        f"target: {last[1]:,}-word pair within {TARGET_SECONDS:.0f} s -> {seconds:.3f}s {verdict}"
    )
    print(f"memory, {last[1]:,}-word pair: tracemalloc peak during compare_analyses "
          f"{peak / 2**20:.1f} MiB; ru_maxrss {rss_before / 1024:.0f} MiB after model + parsing, "
          f"{rss_after / 1024:.0f} MiB after compare")  # fmt: skip


def _report_quality(quality: list[tuple[int, int, Counter[str]]]) -> None:
    """Rows by status: a speed-up that stops matching sentences is no speed-up."""
    kinds = ("identical", "changed", "moved", "removed", "added")
    print("alignment rows by status (textgen drops 5% of sentences, moves 3%, adds 5%):")
    print(f"{'words/version':>13} {'base units':>10} " + " ".join(f"{k:>9}" for k in kinds))
    for words, units, statuses in quality:
        print(f"{words:>13,} {units:>10,} " + " ".join(f"{statuses[k]:>9,}" for k in kinds))


def _profile(sources: list[SourceText], analyses: list[TextAnalysis], model: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    compare_analyses(sources, analyses, model=model)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])  # type: ignore[attr-defined]
    print("\ncProfile of compare_analyses on the largest pair (top by cumulative time):")
    for (file, line, func), (_, calls, tottime, cumtime, _) in rows[:30]:
        where = f"{Path(file).name}:{line}" if file != "~" else "builtin"
        print(f"  {cumtime:>7.3f}s cum {tottime:>7.3f}s own {calls:>9,} {where} {func}")


if __name__ == "__main__":
    main()
