"""GUI start-up, responsiveness and re-highlighting, measured on whole processes (offscreen Qt).

Every figure comes from a fresh child process (this script with ``--child ...``) run under
``QT_QPA_PLATFORM=offscreen`` with its own temporary library (``VARIORUM_DB``) and its own
``XDG_CONFIG_HOME`` / ``XDG_DATA_HOME``, so the user's settings and library are never touched.
The parent stamps ``time.monotonic()`` just before starting a child (system-wide on Linux) and
the child reports its own monotonic stamps, so times run from the moment the process started.

Cases (the app runs through its own path, ``main.main(argv)``; the driver only wraps
``MainWindow.show`` to attach probes, and closes the window when done):

* ``demo-first``: ``main.py --demo`` on an empty library: imports the demo, then analyses it;
* ``demo-second``: ``main.py`` again on the same library and settings (cached comparison);
* ``pair``: ``main.py a.txt b.txt`` with a generated pair of ~50,000 words per version
  (bench/textgen.py; ~10,000 with ``--quick``), on an empty library;
* ``pair-second``: ``main.py`` again on that library (the pair's cached comparison).

Children run on a 1920x1080 offscreen screen (``offscreen:configfile=...``): the plugin's
default 800x800 screen would clamp the window geometry the second launch restores.

Times: *shown* = the main window's first paint has been processed (a zero timer after the first
Paint event); *painted* = ``compare_view.comparison()`` is set and the first paint of a text pane
after it has been processed. Baselines, alternated with the cases (order rotating each round):

* ``empty``: a process that imports PySide6, shows an empty 1400x860 QMainWindow and quits
  (time to shown, same definition); every *shown* is reported against it;
* ``spacy``: bench/spacy_baseline.py (spaCy import, the model loaded as core/nlp.py does, both
  texts parsed on one process, as the GUI parses) on the pair; process wall time. The pair's
  *painted* is reported against it.

Responsiveness: a 10 ms PreciseTimer on the GUI thread runs from ``show()`` to *settled* (after
*painted*, the overview strip has measured every pane, in slices between events); the largest
gap between ticks is reported by phase: *start* (until the analysis starts), *analysis*
(``analysis_started`` to the last tick before the result reaches the GUI thread), *hand-off*
(from the result's arrival to *painted*: cache write, ``set_comparison``, first paint) and
*settle* (from *painted* to *settled*).

Re-highlighting: after *painted*, ``--toggles`` times (default 10) each of: entities on
(``set_layer_visible("entities", True)`` then ``processEvents()``, which delivers the paints the
view scheduled), entities off (the same), and the baseline, a plain repaint of the same view
(``update()`` on the view and its text panes' viewports, then ``processEvents()``: the same paint
events, nothing changed), in alternating order. Medians; the first "on" is shown apart (cold
caches) and left out of the median. Done in the ``demo-second`` and ``pair`` processes (after
their timings are taken).

    PYTHONPATH=. python bench/bench_gui.py [--quick] [--reps N] [--pair-reps N] [--words N]
                                           [--toggles N] [--json FILE]
"""

from __future__ import annotations

import time

T_FIRST_LINE = time.monotonic()

import os  # noqa: E402

# Before anything can import Qt (the children inherit it; the parent never imports Qt).
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import itertools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
T0_ENV = "BENCH_GUI_T0"
MARK = "BENCH_GUI_JSON "
TICK_MS = 10
CHILD_TIMEOUT_S = 240.0
#: The offscreen plugin's default screen is 800x800, which clamps restored window geometry; the
#: children get a 1920x1080 one (``offscreen:configfile=...``, written by the parent).
SCREEN = {"synchronousWindowSystemEvents": False, "windowFrameMargins": False, "screens": [
    {"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96,
     "logicalBaseDpi": 96, "dpr": 1}]}
_platform = "offscreen"


# =============================================================================== child side


def _t0() -> float:
    return float(os.environ.get(T0_ENV, T_FIRST_LINE))


class _Report:
    """Stamps (seconds since the parent started the process) and the final JSON line."""

    def __init__(self) -> None:
        self.t0 = _t0()
        self.data: dict[str, Any] = {"first_line": T_FIRST_LINE - self.t0}

    def stamp(self, name: str) -> float:
        now = time.monotonic() - self.t0
        self.data.setdefault(name, now)
        return now

    def emit(self) -> None:
        print(MARK + json.dumps(self.data), flush=True)


def _painted_probe(report: _Report, name: str, then: Any) -> Any:
    """An event filter: at the first Paint it sees, stamp ``name`` once the paint is processed."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class Probe(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.fired = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if not self.fired and event.type() == QEvent.Type.Paint:
                self.fired = True
                report.stamp(name + "_paint_event")
                QTimer.singleShot(0, lambda: (report.stamp(name), then()))
            return False

    return Probe()


def child_empty() -> int:
    """Baseline: import PySide6, show an empty QMainWindow, quit after its first paint."""
    report = _Report()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    report.stamp("imported")
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 860)

    def done() -> None:
        report.emit()
        QTimer.singleShot(0, app.quit)

    probe = _painted_probe(report, "shown", done)
    window.installEventFilter(probe)
    report.stamp("show_called")
    window.show()
    app.exec()
    sys.stdout.flush()
    os._exit(0)


def _tick_summary(ticks: list[float], data: dict[str, Any]) -> dict[str, Any]:
    """Largest gaps between timer ticks, by phase (see the module docstring)."""
    gaps = [(b - a, a, b) for a, b in itertools.pairwise(ticks)]
    started = data.get("analysis_started")
    ready = data.get("comparison_ready")
    out: dict[str, Any] = {"ticks": len(ticks)}

    def worst(select: list[tuple[float, float, float]]) -> list[float] | None:
        if not select:
            return None
        gap, a, b = max(select)
        return [round(gap * 1000, 1), round(a, 3), round(b, 3)]

    out["overall"] = worst(gaps)
    if started is not None:
        out["start"] = worst([g for g in gaps if g[2] <= started])
    painted = data.get("painted")
    if painted is not None:
        out["settle"] = worst([g for g in gaps if g[1] >= painted])
    if ready is not None:
        out["handoff"] = worst([g for g in gaps if g[2] >= ready
                                and (painted is None or g[1] < painted)])
    if started is not None and ready is not None:
        out["analysis"] = worst([g for g in gaps if g[1] >= started and g[2] < ready])
        during = [g[0] for g in gaps if g[1] >= started and g[2] < ready]
        if during:
            during.sort()
            out["analysis_p99_ms"] = round(during[int(0.99 * (len(during) - 1))] * 1000, 1)
            out["analysis_over_50ms"] = sum(1 for g in during if g > 0.05)
    return out


def _toggles(window: Any, count: int) -> dict[str, Any]:
    """Entities on / off against a plain repaint of the same view; times in ms.

    Toggle: ``set_layer_visible("entities", on)`` then ``processEvents()``, which delivers the
    paints the view scheduled (``set_`` keeps the time of the call alone). Baseline: ``update()``
    on the view and on every text pane's viewport, then ``processEvents()``: the same paint
    events with nothing changed. (``view.repaint()`` is no baseline: it repaints the view's own
    area but sends no paint event to the panes' viewports.) Paint events reaching the view and the
    viewports are counted per step, to check both sides paint the same widgets.
    """
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    view = window.compare_view

    class Counter(QObject):
        paints = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    counter = Counter()
    view.installEventFilter(counter)
    for pane in view.panes:
        pane.viewport().installEventFilter(counter)
    app.processEvents()
    results: dict[str, list[float]] = {}
    paints: dict[str, list[int]] = {}

    def timed(what: str) -> None:
        counter.paints = 0
        start = time.perf_counter()
        if what in ("on", "off"):
            view.set_layer_visible("entities", what == "on")
            results.setdefault("set_" + what, []).append((time.perf_counter() - start) * 1000)
        else:
            if what.startswith("view"):
                view.update()
            for pane in view.panes:
                pane.viewport().update()
        app.processEvents()
        results.setdefault(what, []).append((time.perf_counter() - start) * 1000)
        paints.setdefault(what, []).append(counter.paints)

    if view.layer_visible("entities"):
        timed("off")
        results.clear()
        paints.clear()
    for index in range(count):  # baselines in both states, their order alternating
        pair = ["view", "panes"] if index % 2 == 0 else ["panes", "view"]
        steps = [f"{pair[0]}_off", f"{pair[1]}_off", "on", f"{pair[1]}_on", f"{pair[0]}_on", "off"]
        for step in steps:
            timed(step)
            if index == 0 and step == "on":
                results["selections_on"] = [float(len(p.extraSelections())) for p in view.panes]
    view.removeEventFilter(counter)
    panes = view.panes
    return {
        **{k: [round(v, 3) for v in vals] for k, vals in results.items()},
        "paints": {k: sorted(set(v)) for k, v in paints.items()},
        "selections_off": [len(p.extraSelections()) for p in panes],
        "viewport": [panes[0].viewport().width(), panes[0].viewport().height()] if panes else None,
        "window": [window.width(), window.height()],
        "chars": [p.document().characterCount() for p in panes],
    }


def child_app(argv: list[str], toggles: int) -> int:
    """Run ``main.main(argv)`` with probes on the main window; print JSON when painted."""
    report = _Report()
    from PySide6.QtCore import QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

    import main as app_main
    from ui.main_window import MainWindow

    report.stamp("imported")
    ticks: list[float] = []
    keep: list[QObject] = []
    state: dict[str, Any] = {"done": False}

    def finish(window: MainWindow, error: str | None = None) -> None:
        if state["done"]:
            return
        state["done"] = True
        timer = state.get("timer")
        if timer is not None:
            timer.stop()
        ticks.append(time.monotonic() - report.t0)  # closes the gap the result arrived in
        report.data["gaps"] = _tick_summary(ticks, report.data)
        if error:
            report.data["error"] = error
            boxes = [w for w in QApplication.topLevelWidgets()
                     if isinstance(w, QMessageBox) and w.isVisible()]
            report.data["dialogs"] = [f"{b.windowTitle()}: {b.text()}" for b in boxes]
        elif toggles:
            # Toggle once the worker is idle (a cached launch is still loading spaCy), as a
            # reader would: a busy worker thread competing for the GIL only adds noise.
            deadline = time.monotonic() + 60
            wait_idle(window, deadline)
            return
        close(window)

    def settle(window: MainWindow) -> None:
        # After the first paint the overview strip measures the panes in slices between
        # events; keep ticking until it is done, so those slices count as gaps too. Only
        # the panes on screen are measured (a third version waits behind the swap button).
        view = window.compare_view
        if view.overview._measure_pending or not all(
                p.geometry_cache.complete for p in view.panes if p.isVisible()):
            QTimer.singleShot(10, lambda: settle(window))
            return
        report.stamp("settled")
        finish(window)

    def wait_idle(window: MainWindow, deadline: float) -> None:
        # The model loads after a cached story has painted: wait for that too.
        loading = window.runner.is_busy() or window.analysis.model_key is None
        if loading and time.monotonic() < deadline:
            QTimer.singleShot(20, lambda: wait_idle(window, deadline))
            return
        report.stamp("idle")
        report.data["toggles"] = _toggles(window, toggles)
        close(window)

    def close(window: MainWindow) -> None:
        report.data["engine_runs"] = window.analysis.engine_runs
        report.emit()
        # Close like a user would (settings and library saved for the next launch).
        QTimer.singleShot(0, window.close)
        QTimer.singleShot(0, QApplication.quit)

    def attach(window: MainWindow) -> None:
        ticks.append(report.stamp("show_called"))
        timer = QTimer(window)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.monotonic() - report.t0))
        timer.start()
        state["timer"] = timer
        shown = _painted_probe(report, "shown", lambda: None)
        window.installEventFilter(shown)
        keep.append(shown)

        def started(_story: int) -> None:
            report.stamp("analysis_started")

        def ready(_story: int, comparison: Any, _names: list[str]) -> None:
            if comparison is None or "comparison_ready" in report.data:
                return
            report.stamp("comparison_ready")
            view = window.compare_view
            assert view.comparison() is not None
            report.data["versions"] = len(view.comparison().versions)
            probe = _painted_probe(report, "painted", lambda: settle(window))
            keep.append(probe)
            for pane in view.panes:
                pane.viewport().installEventFilter(probe)

        window.analysis.analysis_started.connect(started)
        window.analysis.comparison_ready.connect(ready)
        window.analysis.model_ready.connect(lambda _key: report.stamp("model_ready"))
        QTimer.singleShot(int(CHILD_TIMEOUT_S * 1000), lambda: finish(window, "timeout"))

    def show(self: MainWindow) -> None:
        attach(self)
        QMainWindow.show(self)

    MainWindow.show = show  # type: ignore[method-assign]
    status = app_main.main(argv)
    sys.stdout.flush()
    os._exit(int(status or 0))


# =============================================================================== parent side


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def _spread(values: list[float]) -> float:
    """Half the interquartile range."""
    import statistics

    if len(values) < 4:
        return (max(values) - min(values)) / 2 if values else 0.0
    q = statistics.quantiles(values, n=4)
    return (q[2] - q[0]) / 2


def _env(home: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = _platform
    env.pop("VARIORUM_NLP_PROCESSES", None)
    if home is not None:
        env["VARIORUM_DB"] = str(home / "library.sqlite3")
        env["XDG_CONFIG_HOME"] = str(home / "config")
        env["XDG_DATA_HOME"] = str(home / "data")
        env["XDG_CACHE_HOME"] = str(home / "cache")
    return env


def _run_child(cmd: list[str], env: dict[str, str], json_out: bool = True) -> dict[str, Any]:
    import subprocess

    env = dict(env)
    start = time.monotonic()
    env[T0_ENV] = repr(start)
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True,
                          timeout=CHILD_TIMEOUT_S + 60)
    wall = time.monotonic() - start
    out = done.stdout.decode(errors="replace")
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n"
                         f"{done.stderr.decode(errors='replace')[-3000:]}")
    data: dict[str, Any] = {"wall": wall}
    if json_out:
        lines = [ln for ln in out.splitlines() if ln.startswith(MARK)]
        if not lines:
            raise SystemExit(f"no timings from {' '.join(cmd)}\n{out[-2000:]}\n"
                             f"{done.stderr.decode(errors='replace')[-3000:]}")
        data.update(json.loads(lines[-1][len(MARK):]))
        if data.get("error"):
            print(f"  !! {cmd[-1]}: {data['error']} {data.get('dialogs')}", flush=True)
    return data


def _child_cmd(kind: str, *args: str, toggles: int = 0) -> list[str]:
    return [PY, str(Path(__file__).resolve()), "--child", kind, "--toggles", str(toggles),
            "--", *args]


def _rotate(orders: list[list[str]], rep: int) -> list[str]:
    return orders[rep % len(orders)]


def _fmt_s(values: list[float]) -> str:
    return f"{_median(values):.3f} s ± {_spread(values):.3f}"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def bench_demo(tmp: Path, reps: int, toggles: int) -> dict[str, list[dict[str, Any]]]:
    """Rounds of empty / demo-first / demo-second (second always after first, same library)."""
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "demo-first": [], "demo-second": []}
    orders = [["empty", "demo-first", "demo-second"], ["demo-first", "demo-second", "empty"],
              ["demo-first", "empty", "demo-second"]]
    for rep in range(reps):
        home = tmp / f"demo{rep}"
        home.mkdir()
        for kind in _rotate(orders, rep):
            if kind == "empty":
                data = _run_child(_child_cmd("empty"), _env(None))
            elif kind == "demo-first":
                data = _run_child(_child_cmd("app", "--demo"), _env(home))
            else:
                data = _run_child(_child_cmd("app", toggles=toggles), _env(home))
            runs[kind].append(data)
        f, s, e = runs["demo-first"][-1], runs["demo-second"][-1], runs["empty"][-1]
        print(f"  round {rep + 1}: empty shown {e['shown']:.3f}s | first shown {f['shown']:.3f}s "
              f"painted {f.get('painted', float('nan')):.3f}s | second shown {s['shown']:.3f}s "
              f"painted {s.get('painted', float('nan')):.3f}s (engine runs "
              f"{f['engine_runs']}/{s['engine_runs']}) | load {_load()}", flush=True)
    return runs


def bench_pair(tmp: Path, words: int, reps: int, toggles: int,
               model: str) -> tuple[dict[str, list[dict[str, Any]]], list[int]]:
    from bench.textgen import word_count, write_pair

    a, b = write_pair(tmp / "pair", words, seed=5, stem=f"w{words}_")
    counts = [word_count(p.read_text(encoding="utf-8")) for p in (a, b)]
    chars = [len(p.read_text(encoding="utf-8")) for p in (a, b)]
    print(f"  pair: {counts[0]:,} + {counts[1]:,} words, {chars[0]:,} + {chars[1]:,} chars",
          flush=True)
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "pair": [], "pair-second": [],
                                             "spacy": []}
    orders = [["pair", "pair-second", "spacy", "empty"], ["spacy", "empty", "pair", "pair-second"],
              ["empty", "pair", "spacy", "pair-second"]]
    baseline = [PY, str(ROOT / "bench" / "spacy_baseline.py"), model, "senter", str(a), str(b)]
    for rep in range(reps):
        home = tmp / f"pair{rep}"
        home.mkdir()
        for kind in _rotate(orders, rep):
            if kind == "empty":
                data = _run_child(_child_cmd("empty"), _env(None))
            elif kind == "pair":
                data = _run_child(_child_cmd("app", str(a), str(b), toggles=toggles), _env(home))
            elif kind == "pair-second":
                data = _run_child(_child_cmd("app"), _env(home))
            else:
                data = _run_child(baseline, _env(None), json_out=False)
            runs[kind].append(data)
        p, s, c = runs["pair"][-1], runs["spacy"][-1], runs["pair-second"][-1]
        gaps = p.get("gaps", {})
        print(f"  round {rep + 1}: pair shown {p['shown']:.3f}s painted "
              f"{p.get('painted', float('nan')):.3f}s | spacy {s['wall']:.3f}s | second launch "
              f"painted {c.get('painted', float('nan')):.3f}s (engine runs {c['engine_runs']}, "
              f"max gap {c['gaps'].get('overall')}) | max gap "
              f"analysis {gaps.get('analysis')} hand-off {gaps.get('handoff')} "
              f"settle {gaps.get('settle')} "
              f"start {gaps.get('start')} ms | load {_load()}", flush=True)
    return runs, counts


def _toggle_rows(label: str, runs: list[dict[str, Any]]) -> list[str]:
    tog = [r["toggles"] for r in runs if "toggles" in r]
    if not tog:
        return []

    def pool(key: str, skip_first: bool = False) -> list[float]:
        return [v for t in tog for v in t[key][1 if skip_first else 0:]]

    kinds = ("on", "off", "view_on", "view_off", "panes_on", "panes_off")
    m = {k: _median(pool(k, k == "on")) for k in kinds}
    sp = {k: _spread(pool(k, k == "on")) for k in kinds}
    paints = {k: sorted({n for t in tog for n in t["paints"][k]}) for k in kinds}
    return [
        f"| {label} | {m['on']:.1f} ± {sp['on']:.1f} | {m['off']:.1f} ± {sp['off']:.1f} | "
        f"{m['view_on']:.1f} / {m['view_off']:.1f} | {m['panes_on']:.1f} / {m['panes_off']:.1f} | "
        f"{m['on'] / m['view_on']:.2f}× / {m['off'] / m['view_off']:.2f}× | "
        f"{m['on'] / m['panes_on']:.2f}× / {m['off'] / m['panes_off']:.2f}× | "
        f"{_median([t['on'][0] for t in tog]):.1f} | {_median(pool('set_on', True)):.1f} / "
        f"{_median(pool('set_off')):.1f} | {tog[0]['selections_off']} | "
        + "/".join(",".join(map(str, paints[k])) for k in kinds) + f" | {len(pool('off'))} |"
    ]


def report(demo: dict[str, list[dict[str, Any]]] | None,
           pair: dict[str, list[dict[str, Any]]] | None, words: list[int] | None) -> None:
    print("\n## Start-up (seconds from process start; medians ± half IQR)\n")
    print("| case | shown | × empty | painted | × baseline | wall (incl. exit) |")
    print("|---|---|---|---|---|---|")
    empty_all: list[float] = []
    if demo:
        empty = [r["shown"] for r in demo["empty"]]
        empty_all += empty
        print(f"| empty QMainWindow (baseline) | {_fmt_s(empty)} | 1.00× | – | – | "
              f"{_median([r['wall'] for r in demo['empty']]):.3f} s |")
        for kind, label in (("demo-first", "demo, first launch (import + analyse)"),
                            ("demo-second", "demo, second launch (cached)")):
            runs = demo[kind]
            shown = [r["shown"] for r in runs]
            painted = [r["painted"] for r in runs if "painted" in r]
            print(f"| {label} | {_fmt_s(shown)} | {_median(shown) / _median(empty):.2f}× | "
                  f"{_fmt_s(painted)} | {_median(painted) / _median(empty):.2f}× empty | "
                  f"{_median([r['wall'] for r in runs]):.3f} s |")
    if pair and words:
        empty = [r["shown"] for r in pair["empty"]]
        spacy = [r["wall"] for r in pair["spacy"]]
        runs = pair["pair"]
        shown = [r["shown"] for r in runs]
        painted = [r["painted"] for r in runs if "painted" in r]
        label = f"{words[0]:,} + {words[1]:,}-word pair (2 files)"
        print(f"| empty QMainWindow, in the pair rounds | {_fmt_s(empty)} | 1.00× | – | – | "
              f"{_median([r['wall'] for r in pair['empty']]):.3f} s |")
        print(f"| spaCy baseline on the pair (wall) | – | – | {_fmt_s(spacy)} | 1.00× | – |")
        if painted:
            print(f"| {label} | {_fmt_s(shown)} | {_median(shown) / _median(empty):.2f}× | "
                  f"{_fmt_s(painted)} | {_median(painted) / _median(spacy):.2f}× spaCy | "
                  f"{_median([r['wall'] for r in runs]):.3f} s |")
        runs = pair["pair-second"]
        shown = [r["shown"] for r in runs]
        painted = [r["painted"] for r in runs if "painted" in r]
        if painted:
            print(f"| same pair, second launch (cached) | {_fmt_s(shown)} | "
                  f"{_median(shown) / _median(empty):.2f}× | {_fmt_s(painted)} | "
                  f"{_median(painted) / _median(empty):.2f}× empty | "
                  f"{_median([r['wall'] for r in runs]):.3f} s |")
    for group in (demo, pair):
        if not group:
            continue
        for kind, runs in group.items():
            if kind in ("empty", "spacy"):
                continue
            keys = ("imported", "show_called", "shown", "model_ready", "analysis_started",
                    "comparison_ready", "painted", "settled")
            parts = [f"{k} {_median([r[k] for r in runs if k in r]):.3f}" for k in keys
                     if any(k in r for r in runs)]
            print(f"\n{kind} phases (median s): " + ", ".join(parts))
    print("\n## Largest gap between 10 ms ticks on the GUI thread (ms; per run)\n")
    print("| case | start | analysis | p99 analysis | >50 ms gaps | hand-off | settle | overall |")
    print("|---|---|---|---|---|---|---|---|")
    for group in (demo, pair):
        for kind, runs in (group or {}).items():
            if kind in ("empty", "spacy"):
                continue
            for r in runs:
                g = r.get("gaps", {})

                def cell(key: str, g: dict[str, Any] = g) -> str:
                    v = g.get(key)
                    return "–" if v is None else f"{v[0]:.0f} (at {v[1]:.2f} s)"

                print(f"| {kind} | {cell('start')} | {cell('analysis')} | "
                      f"{g.get('analysis_p99_ms', '–')} | {g.get('analysis_over_50ms', '–')} | "
                      f"{cell('handoff')} | {cell('settle')} | {cell('overall')} |")
    print("\n## Re-highlight: entities on / off vs a plain repaint (ms, median over toggles)\n")
    print("| story | on | off | repaint view (baseline) on / off | repaint panes only on / off "
          "| on / off × view | on / off × panes | first on (cold) | set_layer_visible alone "
          "on / off | ExtraSelections per pane | paint events on/off/view/panes (on, off) | n |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    rows: list[str] = []
    if demo:
        rows += _toggle_rows("demo", demo["demo-second"])
    if pair:
        rows += _toggle_rows("pair", pair["pair"])
    print("\n".join(rows))


def parent(args: Any) -> None:
    import platform
    import tempfile

    from core.nlp import resolve_model_name

    model = resolve_model_name(None)
    words = args.words or (10_000 if args.quick else 50_000)
    reps = args.reps or (3 if args.quick else 7)
    pair_reps = args.pair_reps or (2 if args.quick else 3)
    from importlib.metadata import PackageNotFoundError, version

    def pyside() -> str:
        for dist in ("PySide6", "PySide6_Essentials", "shiboken6"):
            try:
                return version(dist)
            except PackageNotFoundError:
                continue
        return "?"

    print(f"bench_gui.py: {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, PySide6 {pyside()}, model {model}, "
          f"QT_QPA_PLATFORM=offscreen (1920x1080 screen), "
          f"load {_load()}", flush=True)
    started = time.monotonic()
    global _platform
    with tempfile.TemporaryDirectory(prefix="bench_gui_") as name:
        tmp = Path(name)
        screen = tmp / "screen.json"
        screen.write_text(json.dumps(SCREEN), encoding="utf-8")
        _platform = f"offscreen:configfile={screen}"
        warm = tmp / "warm"
        warm.mkdir()
        print("warm-up (page cache, __pycache__)…", flush=True)
        _run_child(_child_cmd("empty"), _env(None))
        _run_child(_child_cmd("app", "--demo"), _env(warm))
        demo = pair = None
        counts = None
        if not args.no_demo:
            print(f"demo: {reps} rounds", flush=True)
            demo = bench_demo(tmp, reps, args.toggles)
        if not args.no_pair:
            print(f"pair: {words:,} words, {pair_reps} rounds", flush=True)
            pair, counts = bench_pair(tmp, words, pair_reps, args.toggles, model)
    report(demo, pair, counts)
    print(f"\ntotal {time.monotonic() - started:.0f} s, load {_load()}")
    if args.json:
        Path(args.json).write_text(json.dumps({"demo": demo, "pair": pair, "words": counts},
                                              indent=1), encoding="utf-8")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 demo rounds, 10k-word pair x2")
    parser.add_argument("--reps", type=int, default=0, help="demo rounds (default 7)")
    parser.add_argument("--pair-reps", type=int, default=0, help="pair rounds (default 3)")
    parser.add_argument("--words", type=int, default=0, help="words per version of the pair")
    parser.add_argument("--toggles", type=int, default=10)
    parser.add_argument("--no-demo", action="store_true")
    parser.add_argument("--no-pair", action="store_true")
    parser.add_argument("--json", metavar="FILE", help="also write every run's raw data here")
    parser.add_argument("--child", choices=("empty", "app"), help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "empty":
        sys.exit(child_empty())
    if args.child == "app":
        sys.exit(child_app(args.rest, args.toggles))
    sys.path.insert(0, str(ROOT))
    parent(args)


if __name__ == "__main__":
    main()
