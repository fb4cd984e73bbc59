"""Process-level cost of `python main.py compare A B --format json` against bare spaCy.

Cases: the demo pair (resources/demo/01_original.txt, 02_rewrite.txt) and generated pairs of
about 800 and 10,000 words (bench/textgen.py, written to a temporary folder). Per case, three
processes run in alternation, ``--reps`` times each (default 7):

* ``variorum``: ``python main.py compare A B --format json`` (output to /dev/null);
* ``spacy-senter``: bench/spacy_baseline.py loading the model the way core/nlp.py does
  (``spacy.load(name, exclude=["parser"])`` + ``enable_pipe("senter")``) and parsing both texts;
* ``spacy-full``: the same with the default pipeline (``spacy.load(name)``).

The table gives medians and median(variorum) / median(baseline). Targets (issue 13): at most
1.0x the senter baseline on 800 words and 0.8x on 10,000 words. Then, per case, a phase breakdown of
Variorum in one process (imports, reading, model, parse, flatten, compare, JSON), the modules
only Variorum imports (``-X importtime``) and, when a target is missed or with ``--profile``,
the top functions of a cProfile run of the whole command.

Last, the multi-process NLP path: ``core.nlp.parse_texts`` on the 10k and 50k pairs with
VARIORUM_NLP_PROCESSES=1 against the default (two processes above PARALLEL_THRESHOLD chars),
alternating, 3 runs per mode on 10k and ``--mp-reps`` (default 1, to stay near 5 minutes) on 50k;
plus a 5k pair (about 70,000 chars, under the threshold) with the threshold patched to 0 in the
bench process, to show whether two processes already pay off there.
Phases, imports and the parallel parse are single or few samples: read them as shares, not as
precise times. On a loaded machine the whole run takes longer (about 11 minutes at load 2.3).

    PYTHONPATH=. python bench/bench_cli.py [--quick] [--reps N] [--profile] [--no-mp] [--mp-reps N]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.textgen import word_count, write_pair  # noqa: E402

PY = sys.executable
TARGETS = {"800w": 1.0, "10kw": 0.8}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("VARIORUM_NLP_PROCESSES", None)
    return env


def _cases(tmp: Path, quick: bool) -> list[tuple[str, Path, Path]]:
    demo = ROOT / "resources" / "demo"
    cases = [("demo", demo / "01_original.txt", demo / "02_rewrite.txt")]
    cases.append(("800w", *write_pair(tmp, 800, seed=1, stem="w800_")))
    cases.append(("10kw", *write_pair(tmp, 3_000 if quick else 10_000, seed=2, stem="w10k_")))
    return cases


def _commands(model: str, a: Path, b: Path) -> dict[str, list[str]]:
    baseline = str(ROOT / "bench" / "spacy_baseline.py")
    return {
        "variorum": [PY, str(ROOT / "main.py"), "compare", str(a), str(b), "--format", "json"],
        "spacy-senter": [PY, baseline, model, "senter", str(a), str(b)],
        "spacy-full": [PY, baseline, model, "full", str(a), str(b)],
    }


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr.decode()}")
    return elapsed, done.stdout.decode() if cmd[1].endswith("spacy_baseline.py") else ""


def measure_processes(
    cases: list[tuple[str, Path, Path]], model: str, reps: int
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, float]]]:
    """Wall times per case and command, alternating (the order rotates each round).

    Also returns the senter baseline's own phase times (median over its runs).
    """
    env = _env()
    results: dict[str, dict[str, list[float]]] = {}
    base_phases: dict[str, dict[str, float]] = {}
    for index, (name, a, b) in enumerate(cases):
        commands = _commands(model, a, b)
        if index == 0:
            for cmd in commands.values():  # warm the page cache and __pycache__
                _run(cmd, env)
        times: dict[str, list[float]] = {k: [] for k in commands}
        phases: list[dict[str, float]] = []
        keys = list(commands)
        for rep in range(reps):
            order = keys[rep % len(keys) :] + keys[: rep % len(keys)]
            for key in order:
                elapsed, out = _run(commands[key], env)
                times[key].append(elapsed)
                if key == "spacy-senter":
                    phases.append(json.loads(out))
        results[name] = times
        base_phases[name] = {
            k: statistics.median(p[k] for p in phases)
            for k in ("import_spacy", "load_model", "parse")
        }
        v, s, f = (statistics.median(times[k]) for k in keys)
        print(f"  {name}: variorum {v:.3f}s, senter {s:.3f}s, full {f:.3f}s", flush=True)
    return results, base_phases


# -- Phase breakdown (runs in a child process: `bench_cli.py --phases A B`) -----------------------


def phases_child(paths: list[str], profile: bool) -> None:
    """Time each step of the compare command in this fresh process; JSON on stdout."""
    t0 = time.perf_counter()
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = time.perf_counter()

    import spacy  # noqa: F401  (shared with the baseline: imported first so core pays only its own)

    mark("import spacy")
    import core.cli
    import core.compare
    import core.contract

    mark("import core (cli, compare, contract)")
    from core.analysis import from_docs
    from core.nlp import load_model, model_key, parse_texts
    from core.textio import load_file

    sources = [load_file(p) for p in paths]
    mark("read + normalise (textio)")
    nlp = load_model(None)
    mark("load model")
    chunks = parse_texts(nlp, [s.text for s in sources])
    mark("parse (spaCy)")
    analyses = [from_docs(s.text, c) for s, c in zip(sources, chunks, strict=True)]
    mark("flatten docs (from_docs)")
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    comparison = core.compare.compare_analyses(sources, analyses, model=model_key(nlp))
    if profiler:
        profiler.disable()
    mark("compare_analyses")
    out = json.dumps(core.contract.comparison_to_json(comparison), ensure_ascii=False)
    mark("JSON (contract + dumps)")
    previous, steps = t0, {}
    for name, at in marks.items():
        steps[name] = at - previous
        previous = at
    top = []
    if profiler:
        stats = pstats.Stats(profiler)
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])  # type: ignore[attr-defined]
        for (file, line, func), (_, calls, tottime, cumtime, _) in rows[:40]:
            where = Path(file).name if file != "~" else ""
            top.append([f"{where}:{line} {func}", calls, tottime, cumtime])
    print(json.dumps({"steps": steps, "json_bytes": len(out), "profile": top}))


def measure_phases(
    cases: list[tuple[str, Path, Path]], runs: int, profile_cases: set[str]
) -> dict[str, dict[str, object]]:
    env = _env()
    result: dict[str, dict[str, object]] = {}
    for name, a, b in cases:
        samples = []
        for _ in range(runs):
            done = subprocess.run(
                [PY, __file__, "--phases", str(a), str(b)],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            samples.append(json.loads(done.stdout)["steps"])
        steps = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
        profile: list[list[object]] = []
        if name in profile_cases:
            done = subprocess.run(
                [PY, __file__, "--phases", str(a), str(b), "--profile-child"],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            profile = json.loads(done.stdout)["profile"]
        result[name] = {"steps": steps, "profile": profile}
    return result


# -- Import-time difference ----------------------------------------------------------------------


def _importtime(cmd: list[str]) -> list[tuple[str, int, int, int]]:
    done = subprocess.run(
        [PY, "-X", "importtime", *cmd[1:]], env=_env(), cwd=ROOT, capture_output=True, text=True
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, cum_us, name = line[len("import time:") :].split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((name.strip(), int(self_us), int(cum_us), depth))
    return rows


def import_overhead(model: str, a: Path, b: Path) -> tuple[float, list[tuple[str, float]]]:
    """Modules only the Variorum process imports: total self time and the costliest roots."""
    commands = _commands(model, a, b)
    base = {row[0] for row in _importtime(commands["spacy-senter"])}
    rows = _importtime(commands["variorum"])
    unique = [r for r in rows if r[0] not in base]
    total = sum(r[1] for r in unique) / 1e6
    roots = []  # importtime prints children before parents: a root's parent is not unique
    for i, (name, _, cum, depth) in enumerate(rows):
        if name in base:
            continue
        parent = next((r for r in rows[i + 1 :] if r[3] < depth), None)
        if parent is None or parent[0] in base:
            roots.append((name, cum / 1e6))
    # children of a unique root that are themselves heavy, for a finer picture
    heavy = sorted(((r[0], r[2] / 1e6) for r in unique), key=lambda kv: -kv[1])
    return total, [*sorted(roots, key=lambda kv: -kv[1])[:6], ("  heaviest:", 0.0), *heavy[:8]]


# -- Multi-process NLP path ----------------------------------------------------------------------


def measure_parallel(
    sizes: list[tuple[int, bool]], reps: list[int]
) -> list[tuple[str, int, float, float]]:
    """parse_texts with VARIORUM_NLP_PROCESSES=1 against the default, alternating.

    A size marked forced runs with core.nlp.PARALLEL_THRESHOLD set to 0 in this process
    (a runtime patch, core/ is untouched), to see whether the threshold could be lower.
    """
    import core.nlp
    from bench.textgen import story_pair

    nlp = core.nlp.load_model(None)
    core.nlp.parse_texts(nlp, ["Warm-up sentence. Another one."])
    threshold = core.nlp.PARALLEL_THRESHOLD
    rows = []
    for (words, forced), count in zip(sizes, reps, strict=True):
        texts = list(story_pair(words, seed=3))
        chars = sum(len(t) for t in texts)
        times: dict[str, list[float]] = {"1": [], "default": []}
        core.nlp.PARALLEL_THRESHOLD = 0 if forced else threshold
        try:
            for rep in range(count):
                for mode in ["1", "default"] if rep % 2 == 0 else ["default", "1"]:
                    if mode == "1":
                        os.environ["VARIORUM_NLP_PROCESSES"] = "1"
                    else:
                        os.environ.pop("VARIORUM_NLP_PROCESSES", None)
                    start = time.perf_counter()
                    core.nlp.parse_texts(nlp, texts)
                    times[mode].append(time.perf_counter() - start)
        finally:
            core.nlp.PARALLEL_THRESHOLD = threshold
            os.environ.pop("VARIORUM_NLP_PROCESSES", None)
        one, default = statistics.median(times["1"]), statistics.median(times["default"])
        label = f"{words:,} words" + (" (forced)" if forced else "")
        print(f"  {label}/text ({chars:,} chars, threshold {threshold:,}): "
              f"1 process {one:.2f}s, 2 processes {default:.2f}s", flush=True)  # fmt: skip
        rows.append((label, chars, one, default))
    return rows


# -- Report --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="Process-level benchmark of the compare CLI.")
    parser.add_argument("--quick", action="store_true", help="3 reps, 3k instead of 10k words")
    parser.add_argument("--reps", type=int, help="repetitions per command (default 7)")
    parser.add_argument("--profile", action="store_true", help="cProfile every case")
    parser.add_argument("--no-mp", action="store_true", help="skip the multi-process parse")
    parser.add_argument(
        "--mp-reps", type=int, default=1, help="runs per mode on the 50k pair (default 1)"
    )
    parser.add_argument("--phases", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phases:
        phases_child(args.phases, args.profile_child)
        return
    reps = args.reps or (3 if args.quick else 7)
    from core.nlp import resolve_model_name

    model = resolve_model_name(None)
    print(f"model {model}; {reps} alternating reps per command; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="variorum-bench-") as folder:
        cases = _cases(Path(folder), args.quick)
        for name, a, b in cases:
            ta, tb = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
            print(f"  case {name}: {word_count(ta):,} + {word_count(tb):,} words, "
                  f"{len(ta) + len(tb):,} chars")  # fmt: skip
        print("process wall times:", flush=True)
        times, base_phases = measure_processes(cases, model, reps)
        ratios = {}
        missed = set()
        for name, t in times.items():
            v = statistics.median(t["variorum"])
            ratios[name] = (v / statistics.median(t["spacy-senter"]),
                            v / statistics.median(t["spacy-full"]))  # fmt: skip
            if name in TARGETS and ratios[name][0] > TARGETS[name]:
                missed.add(name)
        print(
            "phases of the compare command in one process (-X importtime, cProfile)...", flush=True
        )
        profile_cases = {n for n, _, _ in cases} if args.profile else missed
        phases = measure_phases(cases, 1 if args.quick else 2, profile_cases)
        imports = import_overhead(model, cases[1][1], cases[1][2])
        parallel: list[tuple[str, int, float, float]] = []
        if not args.no_mp:
            print("multi-process parse (parse_texts in this process):", flush=True)
            sizes = [(3_000, True), (10_000, False)]
            reps = [2, 1]
            if not args.quick:
                sizes, reps = [(5_000, True), *sizes[1:], (50_000, False)], [2, 3, args.mp_reps]
            parallel = measure_parallel(sizes, reps)
    _report(times, ratios, phases, base_phases, imports, parallel)


def _report(
    times: dict[str, dict[str, list[float]]],
    ratios: dict[str, tuple[float, float]],
    phases: dict[str, dict[str, object]],
    base_phases: dict[str, dict[str, float]],
    imports: tuple[float, list[tuple[str, float]]],
    parallel: list[tuple[str, int, float, float]],
) -> None:
    print()
    print(f"{'case':<6} {'variorum':>16} {'spacy-senter':>16} {'spacy-full':>16} "
          f"{'x senter':>9} {'x full':>7} {'target':>7}")  # fmt: skip
    for name, t in times.items():
        cells = []
        for key in ("variorum", "spacy-senter", "spacy-full"):
            cells.append(f"{statistics.median(t[key]):.2f}s ±{_spread(t[key]):.2f}")
        target = TARGETS.get(name)
        verdict = "" if target is None else ("ok" if ratios[name][0] <= target else "MISSED")
        print(f"{name:<6} {cells[0]:>16} {cells[1]:>16} {cells[2]:>16} "
              f"{ratios[name][0]:>8.2f}x {ratios[name][1]:>6.2f}x "
              f"{'' if target is None else f'<={target}':>5} {verdict}")  # fmt: skip
    print("(± is half the interquartile range)")
    print()
    names = list(phases)
    print(f"{'phase (s; variorum: median of its runs)':<38}" + "".join(f"{n:>9}" for n in names))
    steps = {n: phases[n]["steps"] for n in names}
    for key in next(iter(steps.values())):  # type: ignore[call-overload]
        print(f"{key:<38}" + "".join(f"{steps[n][key]:>9.3f}" for n in names))  # type: ignore[index]
    print(f"{'  total in-process':<38}" + "".join(f"{sum(steps[n].values()):>9.3f}" for n in names))  # type: ignore[attr-defined]
    print(
        f"{'baseline: import spacy':<38}"
        + "".join(f"{base_phases[n]['import_spacy']:>9.3f}" for n in names)
    )
    print(
        f"{'baseline: load model':<38}"
        + "".join(f"{base_phases[n]['load_model']:>9.3f}" for n in names)
    )
    print(f"{'baseline: parse':<38}" + "".join(f"{base_phases[n]['parse']:>9.3f}" for n in names))
    print()
    total, roots = imports
    print(f"modules only Variorum imports (-X importtime, 800w): {total * 1000:.0f} ms self time")
    for name, seconds in roots:
        print(f"  {name:<44} {seconds * 1000:>7.1f} ms" if seconds else name)
    for name in names:
        profile = phases[name]["profile"]
        if profile:
            print(f"\ncProfile of compare_analyses, {name} (top by cumulative time):")
            for func, calls, tottime, cumtime in profile[:25]:  # type: ignore[misc]
                print(f"  {cumtime:>7.3f}s cum {tottime:>7.3f}s own {calls:>8} {func}")
    if parallel:
        print()
        print(f"{'parse_texts':<24} {'chars':>9} {'1 process':>10} {'2 procs':>9} {'speed-up':>9}")
        for label, chars, one, default in parallel:
            print(f"{label:<24} {chars:>9,} {one:>9.2f}s {default:>8.2f}s "
                  f"{one / default:>8.2f}x")  # fmt: skip


def _spread(values: list[float]) -> float:
    if len(values) < 4:
        return (max(values) - min(values)) / 2
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / 2


if __name__ == "__main__":
    main()
