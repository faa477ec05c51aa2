"""linreg's benchmark: every figure is a ratio of two things timed in this one run.

    python3 benchmarks/run.py                  # the full run (about ten minutes)
    python3 benchmarks/run.py --quick          # smaller sizes, to try it out
    python3 benchmarks/run.py --rows 1000000   # another size for the CSV file

It times, interleaving the two sides of each comparison so that a busy machine slows both:

1. each tutorial, whole process (start-up included): ``python -m linreg --preset P`` on
   sufficient statistics, the same with ``--per-sample``, and the tutorial's own NumPy
   script (benchmarks/numpy_tutorials/) where NumPy is importable;
2. the per-sample reference loop (linreg.core.descent.train) beside a bare
   two-accumulator loop over the same lists;
3. ``linreg.fit`` on 10⁶ points beside ``statistics.linear_regression`` and NumPy's polyfit;
4. ``python -m linreg fit`` on a CSV file of 10⁷ rows beside a bare pass of csv.reader
   converting the two columns with float(): wall time and peak memory.

It prints Markdown (docs/performance.md keeps a run).  NumPy runs with OPENBLAS_CORETYPE
and OPENBLAS_L2_SIZE unset, in this process and its children: some machines set them
for old OpenBLAS builds, and they slow a current one.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

for _name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(_name, None)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

import linreg  # noqa: E402
from linreg.core.descent import train as core_train  # noqa: E402

# A child that runs a program and reports its own peak memory: VmHWM of /proc/self/status
# where there is one (ru_maxrss on Linux would still count the forked copy of this process).
MEASURED = (
    "import resource, runpy, sys\n"
    "def peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM'))\n"
    "    except (OSError, StopIteration):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "target, sys.argv = sys.argv[1], sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module('linreg', run_name='__main__') if target == '-m' else"
    " runpy.run_path(target, run_name='__main__')\n"
    "except SystemExit as done:\n"
    "    assert not done.code, done.code\n"
    "finally:\n"
    "    sys.stdout.flush()\n"
    "    sys.stderr.write('\\npeak-kb %d\\n' % peak())\n"
)


def numpy_available() -> bool:
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


def run(argv: Sequence[str]) -> Tuple[float, float, str]:
    """Wall seconds, peak MB and stdout of one child process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *argv], cwd=ROOT, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit("benchmark child failed: %s\n%s" % (" ".join(argv), done.stderr[-2000:]))
    peak = int(done.stderr.rsplit("peak-kb", 1)[1]) / 1024
    return wall, peak, done.stdout


def interleaved(
    commands: Dict[str, List[str]], repeats: int
) -> Dict[str, Tuple[float, float, str]]:
    """Median wall time and peak memory of each command, run in turn ``repeats`` times."""
    times: Dict[str, List[float]] = {name: [] for name in commands}
    peaks: Dict[str, float] = {}
    outs: Dict[str, str] = {}
    for _ in range(repeats):
        for name, argv in commands.items():
            wall, peak, out = run(argv)
            times[name].append(wall)
            peaks[name], outs[name] = max(peaks.get(name, 0.0), peak), out
    return {name: (statistics.median(times[name]), peaks[name], outs[name]) for name in commands}


def best_of(function: Callable[[], Any], repeats: int = 5) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def relative(a: float, b: float) -> float:
    return abs(a - b) / max(abs(b), 1e-300)


# -- 1. the tutorials -----------------------------------------------------------------------


def tutorials(repeats: int) -> List[str]:
    lines = [
        "### The tutorials, whole process",
        "",
        "| tutorial | NumPy script | linreg (statistics) | NumPy ÷ linreg | linreg --per-sample"
        " | W, b: statistics against per-sample |",
        "|---|---|---|---|---|---|",
    ]
    scripts = {"arange": "arange.py", "uniform": "uniform.py", "train-test": "train_test.py"}
    for preset, script in scripts.items():
        commands = {"linreg": ["-m", "--preset", preset, "--json"]}
        if numpy_available():
            commands["numpy"] = [os.path.join(HERE, "numpy_tutorials", script)]
        timed = interleaved(commands, repeats)
        per_sample = interleaved({"per": ["-m", "--preset", preset, "--json", "--per-sample"]}, 1)
        fast, slow = json.loads(timed["linreg"][2]), json.loads(per_sample["per"][2])
        gap = max(relative(fast["w"], slow["w"]), relative(fast["b"], slow["b"]))
        ours = timed["linreg"][0]
        theirs = "%.2f s" % timed["numpy"][0] if "numpy" in timed else "(no NumPy)"
        ratio = "%.1f×" % (timed["numpy"][0] / ours) if "numpy" in timed else "–"
        lines.append(
            "| %s | %s | %.3f s | %s | %.2f s | %.1e relative |"
            % (preset, theirs, ours, ratio, per_sample["per"][0], gap)
        )
    return lines


# -- 2. the per-sample reference loop ---------------------------------------------------------


def bare_loop(
    xs: List[float], ys: List[float], w: float, b: float, a: float, k: int
) -> Tuple[float, float]:
    n = len(xs)
    for _ in range(k):
        sum_rx = sum_r = 0.0
        for x, y in zip(xs, ys):
            r = w * x + b - y
            sum_rx += r * x
            sum_r += r
        w, b = w - a * (sum_rx / n), b - a * (sum_r / n)
    return w, b


def reference_loop(points: int, steps: int) -> List[str]:
    rng = random.Random(0)
    xs = [i * 0.1 for i in range(points)]
    ys = [50 * x + 4000 + rng.gauss(0, 300) for x in xs]
    ours = best_of(lambda: core_train(xs, ys, 0.5, 0.0, 0.0005, steps, 2 * points))
    bare = best_of(lambda: bare_loop(xs, ys, 0.5, 0.0, 0.0005, steps))
    return [
        "### The per-sample reference loop",
        "",
        "| %d points × %d steps | time (best of 5) |" % (points, steps),
        "|---|---|",
        "| bare two-accumulator loop (naive float sums) | %.3f s |" % bare,
        "| linreg.core.descent.train (correctly rounded sums, math.fsum) | %.3f s |" % ours,
        "| ratio | %.2f× |" % (ours / bare),
    ]


# -- 3. fit in memory -------------------------------------------------------------------------


def fit_in_memory(points: int) -> List[str]:
    rng = random.Random(1)
    xs = [rng.uniform(0, 100) for _ in range(points)]
    ys = [3.5 * x + 10 + rng.gauss(0, 25) for x in xs]
    exact = linreg.least_squares(xs, ys)  # correctly rounded: the reference
    rows = []
    baseline, name = getattr(statistics, "linear_regression", None), "statistics.linear_regression"
    if baseline is None:  # Python 3.9 and PyPy 3.9: its 3.10 formula, two passes with fsum
        baseline, name = two_pass_regression, "two passes with math.fsum (3.10's statistics)"
    stats_time = best_of(lambda: baseline(xs, ys), 3)
    slope, intercept = baseline(xs, ys)
    rows.append((name, stats_time, slope, intercept))
    fit_time = best_of(lambda: linreg.fit(xs, ys), 3)
    fitted = linreg.fit(xs, ys)
    rows.append(("linreg.fit", fit_time, float(fitted.w), float(fitted.b)))
    if numpy_available():
        import numpy

        ax, ay = numpy.array(xs), numpy.array(ys)
        poly_time = best_of(lambda: numpy.polyfit(ax, ay, 1), 3)
        w, b = numpy.polyfit(ax, ay, 1)
        rows.append(("numpy.polyfit (arrays made beforehand)", poly_time, float(w), float(b)))
    lines = [
        "### fit on %d points in memory" % points,
        "",
        "| | time (best of 3) | ÷ statistics | W: ulps from exact | b: ulps from exact |",
        "|---|---|---|---|---|",
    ]
    for name, seconds, w, b in rows:
        lines.append(
            "| %s | %.3f s | %.2f× | %s | %s |"
            % (
                name,
                seconds,
                seconds / stats_time,
                ulps(w, float(exact.w)),
                ulps(b, float(exact.b)),
            )
        )
    return lines


def two_pass_regression(xs: Sequence[float], ys: Sequence[float]) -> Tuple[float, float]:
    n = len(xs)
    xbar, ybar = math.fsum(xs) / n, math.fsum(ys) / n
    sxy = math.fsum((x - xbar) * (y - ybar) for x, y in zip(xs, ys))
    sxx = math.fsum((x - xbar) ** 2 for x in xs)
    slope = sxy / sxx
    return slope, ybar - slope * xbar


def ulps(value: float, exact: float) -> str:
    spacing = math.ulp(exact) if hasattr(math, "ulp") else abs(exact) * 2**-52
    return "%.0f" % (abs(value - exact) / spacing)


# -- 4. a CSV file of many rows ---------------------------------------------------------------

BARE_CSV = os.path.join(HERE, "bare_csv.py")


def csv_file(rows: int, folder: str) -> str:
    path = os.path.join(folder, "linreg-bench-%d.csv" % rows)
    if not os.path.exists(path):
        rng = random.Random(7)
        with open(path + ".part", "w", encoding="ascii") as handle:
            handle.write("x,y\n")
            for _ in range(rows):
                x = rng.uniform(0, 1000)
                handle.write("%r,%r\n" % (x, 3.5 * x + 10 + rng.gauss(0, 25)))
        os.replace(path + ".part", path)
    return path


def csv_pass(rows: int, repeats: int, folder: str) -> List[str]:
    path = csv_file(rows, folder)
    timed = interleaved(
        {"bare": [BARE_CSV, path], "linreg": ["-m", "fit", path, "--json"]}, repeats
    )
    points = json.loads(timed["linreg"][2])["points"]
    assert points == rows, (points, rows)
    return [
        "### fit DATA.csv, %d rows (%.0f MB), one pass" % (rows, os.path.getsize(path) / 2**20),
        "",
        "| | wall (median of %d) | peak memory |" % repeats,
        "|---|---|---|",
        "| bare csv.reader pass, float() on two columns | %.1f s | %.0f MB |" % timed["bare"][:2],
        "| python -m linreg fit DATA.csv --json | %.1f s | %.0f MB |" % timed["linreg"][:2],
        "| ratio | %.2f× | |" % (timed["linreg"][0] / timed["bare"][0]),
    ]


def machine() -> List[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    numpy_version = "none"
    if numpy_available():
        import numpy

        numpy_version = numpy.__version__
    return [
        "Machine: %s, %d cores; %s %s (%s); NumPy %s; linreg %s."
        % (cpu, os.cpu_count() or 0, platform.python_implementation(), platform.python_version(),
           sys.executable, numpy_version, linreg.__version__),
    ]  # fmt: skip


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--rows", type=int, help="rows of the CSV file (default 10⁷)")
    parser.add_argument("--folder", default=tempfile.gettempdir(), help="where the CSV file goes")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else 3
    rows = args.rows or (10**5 if args.quick else 10**7)
    sections = [machine(), tutorials(repeats), reference_loop(1000, 200 if args.quick else 2000)]
    sections.append(fit_in_memory(10**5 if args.quick else 10**6))
    sections.append(csv_pass(rows, 1 if args.quick else 2, args.folder))
    print("\n\n".join("\n".join(section) for section in sections))


if __name__ == "__main__":
    main()
