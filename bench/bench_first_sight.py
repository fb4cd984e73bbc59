"""First sight: Meld and Variorum opening the same fresh pair under a real X server.

Each round starts Xvfb's programs with a fresh HOME (a first launch: no library, no cache),
alternating Meld (Debian's ``meld``, when installed) and Variorum (``main.py A B``) on the
same generated pair (bench/textgen.py), and watches the screen from this process (Qt's
``QScreen.grabWindow`` on the root window, every ~50 ms): the coloured pixels (the diff's
tints and marks; grey text and chrome do not count) give

* *window*: the program's window is mapped: X's own MapNotify event, read by one ``xev
  -root`` for the whole run (polling ``xdotool search`` instead cost ~28 ms of wall time and
  3 ms of CPU a call, every sample until the window came: it slowed the programs on two
  cores and made the window's time ~60 ms coarse; it is the fallback without ``xev``);
* *diff shown*: the first frame whose coloured-pixel count is within 2 % of the final count;
* *whole*: the last frame whose count differs from the final by more than 0.2 %; for
  Variorum, the moment it says (``$VARIORUM_TRACE``) that the model's comparison was drawn;
* *peak memory*: the highest VmRSS of the process and its children while it ran (Variorum's
  model runs in a child process: it counts), and the highest sum of their PSS (shared pages
  split between the processes that share them, so a page is counted once).

Only the left 1,000 px are counted: Meld's window and Variorum's panes are there, and
Variorum's details dock (tables that fill in with the model's entities) is not.

In the same rounds, the spaCy-only floor: bench/spacy_baseline.py loads the model and
parses both texts in one process, watched the same way (the screen is grabbed meanwhile, so
it pays the same sampling cost as the programs); its time and peak memory. Ratios are per
round, then medians.

Both programs run as installed programs do: with their modules compiled (Variorum's are
compiled once before the rounds; Debian ships Meld's), and without
``PYTHONDONTWRITEBYTECODE``, which would make every launch compile them again.

Run: ``.venv/bin/python bench/bench_first_sight.py [--words 800 10000] [--rounds 3]``
(needs Debian's xvfb, xdotool, x11-utils (xev) and, for the comparison, meld).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
DISPLAY = f":{400 + os.getpid() % 100}"
SCREEN = (1600, 1000)
QUIET_SECONDS = 4.0
#: Coloured pixels are counted left of this x only (the text views of both programs).
DIFF_AREA_WIDTH = 1000


@dataclass
class Run:
    window: float
    diff: float
    whole: float
    peak_mib: float
    peak_pss_mib: float


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (Variorum's model server and its workers)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():  # children are per thread
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _memory_mib(pid: int) -> tuple[float, float]:
    """VmRSS and PSS summed over the process tree, in MiB."""
    rss = pss = 0.0
    for current in _tree(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) / 1024
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            continue
    return rss, pss


def _window_up(name: str) -> bool:
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                           capture_output=True, text=True, env={**os.environ, "DISPLAY": DISPLAY})
    return bool(found.stdout.strip())


class MapWatcher:
    """When the next top-level window is mapped, from X's events (``xev -root``)."""

    def __init__(self) -> None:
        self.mapped_at: float | None = None
        self.mapped = threading.Event()
        self._armed = False
        self._process: subprocess.Popen[str] | None = None
        if shutil.which("xev") and shutil.which("stdbuf"):
            self._process = subprocess.Popen(
                ["stdbuf", "-oL", "xev", "-root", "-event", "substructure"],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                env={**os.environ, "DISPLAY": DISPLAY})
            threading.Thread(target=self._read, daemon=True).start()
            time.sleep(0.3)  # xev is listening before the first program starts

    @property
    def available(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def arm(self) -> None:
        """Forget the last window: the next map is the program about to start."""
        self.mapped_at, self._armed = None, True
        self.mapped.clear()

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        mapping_since: float | None = None
        for line in self._process.stdout:
            if line.startswith("MapNotify"):
                mapping_since = time.monotonic()
            elif mapping_since is not None:
                # Menus and tooltips are override-redirect; the main window is not.
                if "override NO" in line and self._armed:
                    self.mapped_at, self._armed = mapping_since, False
                    self.mapped.set()
                mapping_since = None

    def close(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait()


class Screen:
    """Counts the coloured pixels of the whole screen."""

    def __init__(self) -> None:
        os.environ["DISPLAY"] = DISPLAY
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        from PySide6.QtGui import QGuiApplication

        self.app = QGuiApplication.instance() or QGuiApplication([])
        self.screen = self.app.primaryScreen()

    def coloured(self) -> int:
        """Pixels whose channels differ by more than 14, left of ``DIFF_AREA_WIDTH``.

        Only that strip is grabbed, and the channels are compared as bytes: 4-5 ms of
        CPU a sample where grabbing the whole screen and widening it to int16 took 86-88
        ms, so the sampler no longer takes most of a core from the programs it watches
        (two cores here). The counts are the same (checked on the demo: 266,576 both).
        """
        import numpy as np
        from PySide6.QtGui import QImage

        # The text views only: Variorum's panes end before x = 1000 (its details dock,
        # whose tables fill in with the model, is right of them); Meld's window is smaller.
        image = self.screen.grabWindow(0, 0, 0, DIFF_AREA_WIDTH, -1).toImage()
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        data = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
            image.height(), image.bytesPerLine())[:, : image.width() * 4]
        pixels = data.reshape(image.height(), image.width(), 4)
        blue, green, red = pixels[:, :, 0], pixels[:, :, 1], pixels[:, :, 2]
        spread = np.maximum(np.maximum(blue, green), red) - np.minimum(
            np.minimum(blue, green), red)
        return int((spread > 14).sum())


def _trace(env: dict[str, str], name: str) -> float | None:
    """The app's own monotonic stamp of a milestone (``ui/trace.py``), if it wrote one."""
    path = env.get("VARIORUM_TRACE")
    if not path or not Path(path).exists():
        return None
    stamps = [float(line.split()[1]) for line in Path(path).read_text().splitlines()
              if line.split()[:1] == [name]]
    return stamps[-1] if stamps else None


def watch(screen: Screen, maps: MapWatcher, cmd: list[str], env: dict[str, str], name: str,
          timeout: float) -> Run:
    deadline = time.monotonic() + 10
    while _window_up(name) and time.monotonic() < deadline:  # the last round's window
        time.sleep(0.1)
    maps.arm()
    started = time.monotonic()
    # A session of its own, so Meld's helpers and Variorum's model process are all stopped.
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    samples: list[tuple[float, int]] = []
    window, peak, peak_pss, last_change = None, 0.0, 0.0, None
    try:
        while time.monotonic() - started < timeout:
            now = time.monotonic() - started
            if window is None and maps.available and maps.mapped_at is not None:
                window = maps.mapped_at - started
            elif window is None and not maps.available and _window_up(name):
                window = now
            rss, pss = _memory_mib(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            if window is None and maps.available:
                # Nothing of the program is on screen before its window maps: no grab
                # (4-5 ms of CPU here and as much in Xvfb) while it starts.
                maps.mapped.wait(0.03)
                continue
            count = screen.coloured()
            if samples and abs(count - samples[-1][1]) > max(50, samples[-1][1] * 0.002):
                last_change = now
            samples.append((now, count))
            final_at = _trace(env, "comparison")
            if window is not None and count and last_change is not None \
                    and now - last_change > QUIET_SECONDS \
                    and (final_at is not None or "VARIORUM_TRACE" not in env):
                break
            if window is not None and count and last_change is None and now - window > 15:
                break
            time.sleep(0.03)
    finally:
        _stop(proc)
    final = samples[-1][1]
    diff = next(t for t, c in samples if c and abs(c - final) <= final * 0.02)
    whole = max((t for t, c in samples if abs(c - final) > final * 0.002), default=diff)
    final_at = _trace(env, "comparison")  # Variorum says when the model's layers were drawn
    if final_at is not None:
        whole = final_at - started
    return Run(window or float("nan"), diff, max(whole, diff), peak, peak_pss)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def floor(screen: Screen, pair: tuple[Path, Path]) -> Run:
    """The spaCy-only process, sampled as the programs are (screen grabs, memory)."""
    from core.nlp import resolve_model_name

    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, str(ROOT / "bench" / "spacy_baseline.py"),
                             resolve_model_name(), "senter", *map(str, pair)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=_installed(dict(os.environ)))
    peak = peak_pss = 0.0
    while proc.poll() is None:
        screen.coloured()
        rss, pss = _memory_mib(proc.pid)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.03)
    took = time.monotonic() - started
    if proc.returncode:
        raise SystemExit(f"the spaCy-only floor failed ({proc.returncode})")
    return Run(float("nan"), took, took, peak, peak_pss)


def _installed(env: dict[str, str]) -> dict[str, str]:
    """As an installed program runs: compiled modules are used (and written)."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def fresh_env(home: Path) -> dict[str, str]:
    env = _installed({k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"})
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env.update(DISPLAY=DISPLAY, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               VARIORUM_DB=str(home / "data" / "library.sqlite3"))
    return env


def interpreters(meld: str | None) -> str:
    """Which Pythons run the two programs: Meld runs on its own shebang's, Variorum on this
    one. A CPython built without profile-guided optimisation (pyenv's default) started
    Variorum's window ~0.1 s later than Debian's, which Meld uses (bench/README.md)."""
    ours = f"Variorum on {sys.executable} (Python {platform.python_version()})"
    if meld is None:
        return ours
    try:
        with open(meld, encoding="utf-8", errors="replace") as script:
            shebang = script.readline().removeprefix("#!").strip()
    except OSError:
        shebang = "?"
    return f"{ours}; Meld on {shebang or '?'}"


def main() -> int:
    import textgen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[800, 10_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    meld = shutil.which("meld")
    print(interpreters(meld))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "core"),
                    str(ROOT / "ui"), str(ROOT / "main.py")], check=True)
    maps = MapWatcher()
    try:
        screen = Screen()
        with tempfile.TemporaryDirectory() as folder:
            tmp = Path(folder)
            for words in args.words:
                a, b = textgen.story_pair(words, seed=21)
                pair = (tmp / f"a{words}.txt", tmp / f"b{words}.txt")
                pair[0].write_text(a, encoding="utf-8")
                pair[1].write_text(b, encoding="utf-8")
                report(words, [one_round(screen, maps, pair, tmp / f"r{words}-{i}", meld,
                                         args.timeout) for i in range(args.rounds)])
    finally:
        maps.close()
        xvfb.terminate()
        xvfb.wait()
    return 0


def one_round(screen: Screen, maps: MapWatcher, pair: tuple[Path, Path], home: Path,
              meld: str | None, timeout: float) -> dict[str, Run]:
    result: dict[str, Run] = {}
    if meld:
        result["meld"] = watch(screen, maps, [meld, *map(str, pair)], fresh_env(home / "m"), "Meld",
                               timeout)
    env = fresh_env(home / "v")
    env["VARIORUM_TRACE"] = str(home / "v" / "trace.txt")
    result["variorum"] = watch(
        screen, maps, [sys.executable, str(ROOT / "main.py"), *map(str, pair)], env, "Variorum",
        timeout)
    result["floor"] = floor(screen, pair)
    return result


def report(words: int, rounds: list[dict[str, Run]]) -> None:
    def median(kind: str, field: str) -> float:
        return statistics.median(getattr(r[kind], field) for r in rounds)

    def ratio(field: str, over: str, by: str = "") -> float:
        return statistics.median(getattr(r["variorum"], field) / getattr(r[over], by or field)
                                 for r in rounds)

    print(f"\n{words:,} words a version, {len(rounds)} rounds (medians):")
    floor_s, floor_mib = median("floor", "whole"), median("floor", "peak_mib")
    v = {f: median("variorum", f) for f in ("window", "diff", "whole", "peak_mib",
                                            "peak_pss_mib")}
    print(f"  spaCy-only floor (model load + parse, one process): {floor_s:.2f} s, "
          f"peak {floor_mib:.0f} MiB RSS")
    if "meld" in rounds[0]:
        m = {f: median("meld", f) for f in ("window", "diff", "whole", "peak_mib",
                                            "peak_pss_mib")}
        print(f"  window shown: Meld {m['window']:.2f} s, Variorum {v['window']:.2f} s")
        print(f"  diff shown:   Meld {m['diff']:.2f} s, Variorum {v['diff']:.2f} s "
              f"= {ratio('diff', 'meld'):.2f}x Meld")
        print(f"  peak memory:  Meld {m['peak_mib']:.0f} MiB, Variorum {v['peak_mib']:.0f} MiB "
              f"= {ratio('peak_mib', 'meld'):.2f}x Meld (RSS); PSS {m['peak_pss_mib']:.0f} / "
              f"{v['peak_pss_mib']:.0f} MiB = {ratio('peak_pss_mib', 'meld'):.2f}x; "
              f"the floor alone {floor_mib / m['peak_mib']:.2f}x Meld")
    else:
        print(f"  window {v['window']:.2f} s, diff {v['diff']:.2f} s (Meld not installed)")
    print(f"  whole analysis shown: Variorum {v['whole']:.2f} s = "
          f"{ratio('whole', 'floor'):.2f}x the spaCy-only floor")


if __name__ == "__main__":
    sys.exit(main())
