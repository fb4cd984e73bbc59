"""`compare_analyses` of this checkout against another one (``--root``), run for run.

On a shared machine the speed of the CPU drifts by a third within a minute, so two medians
taken a minute apart say little. Here one pair (bench/textgen.py) is parsed once, then two
worker processes, one per checkout, each compare it once in turn (order alternating), many
rounds; the figure is the median of the per-round ratios (with its interquartile range),
besides each side's median and best time. Both workers also report a fingerprint of their
comparison's JSON: equal fingerprints mean the two engines gave the same output.

    PYTHONPATH=. python bench/bench_align_ab.py --root ../old-checkout [--words N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.textgen import story_pair  # noqa: E402

WORKER = """
import gc, hashlib, json, pickle, sys, time
from core.compare import compare_analyses
from core.contract import comparison_to_json
with open(sys.argv[1], "rb") as f:
    sources, analyses, model = pickle.load(f)
comparison = compare_analyses(sources, analyses, model=model)
blob = json.dumps(comparison_to_json(comparison), sort_keys=True).encode()
print(hashlib.sha256(blob).hexdigest()[:16], flush=True)
del comparison, blob
for _ in sys.stdin:
    gc.collect()
    start = time.perf_counter()
    compare_analyses(sources, analyses, model=model)
    print(time.perf_counter() - start, flush=True)
"""


def _parse(words: int, path: Path) -> None:
    from core.analysis import from_docs
    from core.nlp import load_model, model_key, parse_texts
    from core.textio import load_text

    original, rewrite = story_pair(words, seed=7)
    sources = [load_text(original, "original"), load_text(rewrite, "rewrite")]
    nlp = load_model(None)
    chunks = parse_texts(nlp, [s.text for s in sources])
    analyses = [from_docs(s.text, c) for s, c in zip(sources, chunks, strict=True)]
    with path.open("wb") as f:
        pickle.dump((sources, analyses, model_key(nlp)), f)


def main() -> None:
    parser = argparse.ArgumentParser(description="compare_analyses, this checkout vs another")
    parser.add_argument("--root", type=Path, required=True, help="the other checkout")
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=16)
    args = parser.parse_args()
    roots = {"other": args.root.resolve(), "this": ROOT}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "pair.pickle"
        _parse(args.words, data)
        workers = {
            name: subprocess.Popen(
                [sys.executable, "-c", WORKER, str(data)],
                cwd=root,
                env={**os.environ, "PYTHONPATH": str(root)},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for name, root in roots.items()
        }
        fingerprints = {name: w.stdout.readline().strip() for name, w in workers.items()}  # type: ignore[union-attr]
        times: dict[str, list[float]] = {name: [] for name in workers}
        ratios = []
        for round_ in range(args.rounds):
            order = ["other", "this"] if round_ % 2 == 0 else ["this", "other"]
            got = {}
            for name in order:
                workers[name].stdin.write("go\n")  # type: ignore[union-attr]
                workers[name].stdin.flush()  # type: ignore[union-attr]
                got[name] = float(workers[name].stdout.readline())  # type: ignore[union-attr]
                times[name].append(got[name])
            ratios.append(got["this"] / got["other"])
        for worker in workers.values():
            worker.stdin.close()  # type: ignore[union-attr]
            worker.wait()
    load = os.getloadavg()
    print(f"pair of ~{args.words:,} words, {args.rounds} rounds; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")  # fmt: skip
    for name, root in roots.items():
        print(f"  {name:<5} {root}: median {statistics.median(times[name]):.3f} s, best "
              f"{min(times[name]):.3f} s, output {fingerprints[name]}")  # fmt: skip
    quartiles = statistics.quantiles(ratios, n=4)
    print(f"this / other, per round: median {statistics.median(ratios):.3f}x "
          f"(IQR {quartiles[0]:.3f}-{quartiles[2]:.3f})")  # fmt: skip
    same = fingerprints["this"] == fingerprints["other"]
    print("outputs: " + ("identical" if same else "DIFFERENT"))


if __name__ == "__main__":
    main()
