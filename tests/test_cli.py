"""The command line end to end, as a subprocess, the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import List, Sequence

import pytest
from nist import certified, lre, nist_data

ROOT = Path(__file__).resolve().parent.parent


def run(
    args: Sequence[str], *, python: Sequence[str] = (sys.executable,), timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*python, "-m", "linreg", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def default_run() -> subprocess.CompletedProcess[str]:
    return run([])


def exact_least_squares_of_the_default_data() -> List[float]:
    """Independent of linreg: data from random.Random(0) by the spec, least squares by fractions."""
    import random

    rng = random.Random(0)
    xs = [i * 0.1 for i in range(1000)]
    ys = [50.0 * x + 4000.0 + 300.0 * rng.gauss(0.0, 1.0) for x in xs]
    fx, fy = [Fraction(x) for x in xs], [Fraction(y) for y in ys]
    mx, my = sum(fx) / 1000, sum(fy) / 1000
    w = sum((x - mx) * (y - my) for x, y in zip(fx, fy)) / sum((x - mx) ** 2 for x in fx)
    return [float(w), float(my - w * mx)]


def test_default_run_prints_ten_progress_lines_and_explains_why_it_is_not_done(
    default_run: subprocess.CompletedProcess[str],
) -> None:
    assert default_run.returncode == 0, default_run.stderr
    out = default_run.stdout
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:1] == ["iteration"])
    end = lines.index("", header)
    table = [line.split() for line in lines[header + 1 : end]]
    assert [int(row[0]) for row in table] == list(range(0, 50_001, 5_000)), out
    assert "(final)" in out and "least squares" in out and "2/λmax" in out
    assert "more iterations" in out, out
    w, b = exact_least_squares_of_the_default_data()
    assert "W = %-14.8g" % w in out and "b = %-14.8g" % b in out, (w, b, out)


def test_json_output_is_one_object_with_the_run_and_least_squares() -> None:
    done = run(["--iterations", "2000", "--json"])
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["iterations"] == 2000 and payload["converged"] is False
    assert [
        payload["least_squares"]["w"],
        payload["least_squares"]["b"],
    ] == exact_least_squares_of_the_default_data()
    assert {"w", "b", "loss", "history", "stability", "r_squared"} <= set(payload)


@pytest.mark.parametrize("preset", ["uniform", "train-test"])
def test_other_presets_run(preset: str) -> None:
    done = run(["--preset", preset, "--iterations", "3000", "--json"])
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["preset"] == preset
    assert payload["r_squared_on"] == ("test" if preset == "train-test" else "training")


def norris_csv(tmp_path: Path) -> Path:
    x_text, y_text = nist_data("Norris")
    path = tmp_path / "norris.csv"
    path.write_text(
        "x,y\n" + "".join("%s,%s\n" % pair for pair in zip(x_text, y_text)), encoding="utf-8"
    )
    return path


def test_fit_reaches_nist_certified_values_to_ten_digits(tmp_path: Path) -> None:
    done = run(["fit", str(norris_csv(tmp_path)), "--json"])
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    c = certified("Norris")
    assert payload["converged"] is True
    assert lre(payload["w"], c["B1"]) >= 10 and lre(payload["b"], c["B0"]) >= 10, payload
    assert {"w", "b", "iterations", "converged"} <= set(payload) and set(
        payload["least_squares"]
    ) == {"w", "b"}


def test_fit_through_the_origin(tmp_path: Path) -> None:
    x_text, y_text = nist_data("NoInt1")
    path = tmp_path / "noint.csv"
    path.write_text("".join("%s,%s\n" % pair for pair in zip(x_text, y_text)), encoding="utf-8")
    done = run(["fit", str(path), "--no-intercept", "--json"])
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert lre(payload["w"], certified("NoInt1")["B1"]) >= 10 and payload["b"] == 0, payload


def test_fit_text_report_says_what_was_done(tmp_path: Path) -> None:
    done = run(["fit", str(norris_csv(tmp_path))])
    assert done.returncode == 0, done.stderr
    assert "standardized coordinates" in done.stdout and "converged after" in done.stdout, (
        done.stdout
    )


@pytest.mark.parametrize(
    "content, args, message",
    [
        ("x,y\n1,2\n2,abc\n", [], "row 3: 'abc' in column 'y' is not a number"),
        ("x,y\n1,2\n", [], "1 data point"),
        ("x,y\n1,2\n1,3\n", [], "x is constant"),
        ("x,y\n1,2\n2,nan\n", [], "not a finite number"),
        (None, [], "cannot read the file"),
    ],
)
def test_bad_input_prints_one_line_and_exits_non_zero(
    tmp_path: Path, content: object, args: List[str], message: str
) -> None:
    path = tmp_path / "data.csv"
    if content is not None:
        path.write_text(str(content), encoding="utf-8")
    done = run(["fit", str(path), *args])
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert message in done.stderr and str(path) in done.stderr, done.stderr


def test_an_unstable_learning_rate_is_refused_with_the_bound() -> None:
    done = run(["--learning-rate", "0.001", "--iterations", "10"])
    assert done.returncode == 1 and "stability bound 2/λmax = 0.000600" in done.stderr, done.stderr


def test_bad_usage_exits_two() -> None:
    assert run(["--preset", "nope"]).returncode == 2
    assert run(["--iterations", "-3"]).returncode == 2


SCRIPT = (
    "import sys; sys.path.insert(0, %r); import linreg.cli;"
    " print(linreg.cli.main(['--iterations', '1']))"
)


def test_running_from_a_plain_checkout_needs_nothing_installed() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-I", "-c", SCRIPT % str(ROOT)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip().endswith("0"), done.stderr


def test_fit_of_timestamp_like_x_reports_its_astronomical_plain_descent_cost(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ts.csv"
    path.write_text("x,y\n1000000000,1\n1000000001,2\n1000000002,3.5\n1000000003,4\n")
    done = run(["fit", str(path)])
    assert done.returncode == 0, done.stderr
    assert "would need about" in done.stdout and "e+" in done.stdout, done.stdout


def test_fit_of_constant_y_says_r_squared_is_undefined(tmp_path: Path) -> None:
    path = tmp_path / "flat.csv"
    path.write_text("x,y\n1,5\n2,5\n3,5\n")
    done = run(["fit", str(path)])
    assert done.returncode == 0, done.stderr
    assert "R² undefined (y is constant)" in done.stdout and "b = 5" in done.stdout, done.stdout


def test_ctrl_c_while_linreg_is_still_loading_ends_quietly_with_status_130(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A KeyboardInterrupt raised while `python -m linreg` imports its CLI (simulated by a
    finder that raises it for linreg.cli) gives status 130 and one line, not a traceback."""
    import importlib.abc

    import linreg.__main__ as entry

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: object, target: object = None) -> None:
            if name == "linreg.cli":
                raise KeyboardInterrupt
            return None

    saved = {name: module for name, module in sys.modules.items() if name.startswith("linreg.cli")}
    for name in saved:
        del sys.modules[name]
    finder = Interrupting()
    sys.meta_path.insert(0, finder)
    try:
        status = entry._run()
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(saved)
    err = capsys.readouterr().err
    assert status == 130 and err == "python -m linreg: interrupted\n", (status, err)
