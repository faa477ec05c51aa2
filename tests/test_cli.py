"""The command line end to end, as a subprocess, the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import pytest
from nist import certified, lre, nist_data

ROOT = Path(__file__).resolve().parent.parent


def run(
    args: Sequence[str],
    *,
    python: Sequence[str] = (sys.executable,),
    timeout: float = 300,
    stdout: Any = subprocess.PIPE,
    stdin: Optional[str] = None,
    env: Optional[Dict[str, str]] = None,
    preexec_fn: Optional[Callable[[], None]] = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*python, "-m", "linreg", *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        input=stdin,
        text=True,
        timeout=timeout,
        encoding="utf-8",
        env=env,
        preexec_fn=preexec_fn,
    )


def one_line_error(done: subprocess.CompletedProcess[str], status: int = 1) -> str:
    """The run failed with ``status`` and one line on stderr, no traceback; that line."""
    assert done.returncode == status, (done.returncode, done.stderr)
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    return done.stderr


def last_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """A usage error (status 2, argparse's usage, then one error line); that line."""
    assert done.returncode == 2 and "Traceback" not in done.stderr, (done.returncode, done.stderr)
    return done.stderr.splitlines()[-1]


def small_csv(tmp_path: Path, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text("x,y\n1,2\n2,4\n3,7\n4,8\n", encoding="utf-8")
    return path


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


# The promise: bad input gets status 1 (2 for usage) and one line on stderr, never a
# traceback, a silently wrong answer, or a hang.


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_a_plot_path_that_is_the_data_file_is_refused(tmp_path: Path, how: str) -> None:
    data = small_csv(tmp_path)
    before = data.read_bytes()
    picture = tmp_path / "picture.svg"
    if how == "same path":
        picture = data
    elif how == "symlink":
        picture.symlink_to(data)
    else:
        os.link(data, picture)
    err = one_line_error(run(["fit", str(data), "--plot", str(picture)]))
    assert "is the data file" in err and str(picture) in err and str(data) in err, err
    assert data.read_bytes() == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [[], ["--json"], ["fit", "DATA"], ["fit", "DATA", "--json"],
                                  ["--help"], ["fit", "--help"]])  # fmt: skip
def test_a_report_that_cannot_be_written_is_one_line_and_status_1(
    tmp_path: Path, args: List[str]
) -> None:
    args = [str(small_csv(tmp_path)) if a == "DATA" else a for a in args]
    with open("/dev/full", "w") as full:
        done = run(args, stdout=full)
    err = one_line_error(done)
    assert err == "python -m linreg: error: cannot write the report: No space left on device\n"


def test_a_closed_standard_output_is_an_error_not_a_silent_success() -> None:
    done = run(["--iterations", "10"], stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert "standard output is closed" in one_line_error(done)


def test_a_reader_that_leaves_early_is_not_an_error() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "linreg", "--iterations", "10", "--json"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before the report is written: EPIPE
    err = child.stderr.read()
    assert child.wait(timeout=300) == 0 and err == b"", err


@pytest.mark.parametrize(
    "args", [[], ["--json"], ["--help"], ["fit", "DATA"], ["fit", "DATA", "--exact"],
             ["fit", "DATA", "--json"], ["fit", "DATA", "--degree", "2", "--json"]],
)  # fmt: skip
def test_an_output_that_cannot_encode_the_report_gets_escapes_not_a_traceback(
    tmp_path: Path, args: List[str]
) -> None:
    data = tmp_path / "dåta λ.csv"  # a name the output cannot encode either
    data.write_text("xλ,y²\n1,2\n2,4\n3,7\n4,8\n", encoding="utf-8")
    args = [str(data) if a == "DATA" else a for a in args]
    done = run(args, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.isascii() and done.stdout.strip(), done.stdout
    if "--json" in args:
        payload = json.loads(done.stdout)
        assert payload.get("y_column", "y²") == "y²" and payload.get("file", str(data)) == str(data)
    elif "--help" not in args:
        assert "\\xb2" in done.stdout or "\\u03bb" in done.stdout, done.stdout


@pytest.mark.parametrize("command", [[], ["fit", "DATA"]])
@pytest.mark.parametrize("picture", ["", "-"])
def test_an_empty_or_dash_plot_path_is_a_usage_error(
    tmp_path: Path, command: List[str], picture: str
) -> None:
    command = [str(small_csv(tmp_path)) if a == "DATA" else a for a in command]
    line = last_line_error(run([*command, "--iterations" if not command else "--tolerance",
                                "10" if not command else "1e-3", "--plot", picture]))  # fmt: skip
    assert "--plot" in line and ("file name" in line), line
    assert not (ROOT / "-").exists()


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="needs /dev/stdout")
def test_a_plot_path_that_is_standard_output_is_refused() -> None:
    err = one_line_error(run(["--iterations", "10", "--plot", "/dev/stdout"]))
    assert "/dev/stdout is the standard output" in err, err


@pytest.mark.skipif(not os.path.exists("/dev/stdin"), reason="needs /dev/stdin")
def test_a_plot_of_data_that_cannot_be_read_twice_is_refused_not_misread(tmp_path: Path) -> None:
    text = small_csv(tmp_path).read_text(encoding="utf-8")
    picture = tmp_path / "p.svg"
    err = one_line_error(run(["fit", "/dev/stdin", "--plot", str(picture)], stdin=text))
    assert "--plot needs a regular file it can read twice" in err and not picture.exists(), err
    done = run(["fit", "/dev/stdin"], stdin=text)  # without a picture, one pass is enough
    assert done.returncode == 0 and "4 points" in done.stdout, done.stderr
    done = run(
        ["fit", "/dev/stdin", "--per-sample", "--learning-rate", "0.01", "--plot", str(picture)],
        stdin=text,
    )  # fmt: skip  (in memory: drawn from the one pass)
    assert done.returncode == 0 and picture.exists(), done.stderr


def test_a_line_without_an_end_is_refused_fast_naming_its_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    with open(path, "wb") as handle:
        handle.write(b"x,y\n1,2\n")
        handle.write(b"\0" * (64 << 20))  # 64 MB, no line break
    err = one_line_error(run(["fit", str(path)], timeout=60))
    assert "row 3: a line longer than" in err, err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_file_is_refused_not_read_forever() -> None:
    err = one_line_error(run(["fit", "/dev/zero"], timeout=60))
    assert "/dev/zero, row 1: a line longer than" in err, err


@pytest.mark.parametrize("name", ["no\nsuch.csv", "\x1b[31mred.csv", "tab\there.csv"])
@pytest.mark.parametrize("where", ["data", "plot", "vectors"])
def test_file_names_in_messages_are_escaped(tmp_path: Path, name: str, where: str) -> None:
    if where == "data":
        args = ["fit", str(tmp_path / name)]
    elif where == "plot":
        args = ["fit", str(small_csv(tmp_path)), "--plot", str(tmp_path / name / "p.svg")]
    else:
        (tmp_path / "file").write_text("not a directory")
        args = ["vectors", str(tmp_path / "file" / name)]
    err = one_line_error(run(args))
    assert "\x1b" not in err and "\t" not in err, err
    assert repr(name)[1:-1] in err, err


def test_file_names_in_the_report_are_escaped(tmp_path: Path) -> None:
    data = small_csv(tmp_path, "a\nb.csv")
    done = run(["fit", str(data)])
    assert done.returncode == 0, done.stderr
    assert "a\\nb.csv: 4 points" in done.stdout.splitlines()[0], done.stdout


@pytest.mark.parametrize("choice", [["--x", "1,1"], ["--x", "x,x"], ["--y", "1"]])
def test_a_column_chosen_twice_is_named_before_the_width_check(
    tmp_path: Path, choice: List[str]
) -> None:
    err = one_line_error(run(["fit", str(small_csv(tmp_path)), *choice]))
    assert "chosen twice" in err or "both column 1" in err, err


def test_a_bad_plot_path_names_the_picture_alone(tmp_path: Path) -> None:
    data = small_csv(tmp_path)
    picture = tmp_path / "no-such-dir" / "p.svg"
    err = one_line_error(run(["fit", str(data), "--plot", str(picture)]))
    assert err.startswith("python -m linreg: error: %s: cannot write the picture" % picture), err
    assert str(data) not in err, err


@pytest.mark.parametrize("extra", [[], ["--degree", "1"]])
def test_the_plain_descent_estimate_is_a_whole_number_of_iterations(
    tmp_path: Path, extra: List[str]
) -> None:
    args = ["fit", str(small_csv(tmp_path)), "--learning-rate", "1e-12", "--max-iterations", "3"]
    done = run([*args, *extra])
    assert done.returncode == 0, done.stderr
    assert "would need about 1 iteration to get as close" in " ".join(done.stdout.split())
    payload = json.loads(run([*args, *extra, "--json"]).stdout)
    steps = payload["plain_descent_iterations"]
    assert steps >= 1 and steps == int(steps), steps


def test_no_estimate_of_the_iterations_still_needed_is_null_not_a_sentinel() -> None:
    args = ["--learning-rate", "1e-300", "--iterations", "10"]
    payload = json.loads(run([*args, "--json"]).stdout)
    assert payload["more_iterations_to_within_0.01"] is None
    done = run(args)
    assert "No estimate of the iterations still needed" in done.stdout, done.stdout


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_degree_below_one_gets_the_same_message_whatever_its_sign(
    tmp_path: Path, value: str
) -> None:
    line = last_line_error(run(["fit", str(small_csv(tmp_path)), "--degree", value]))
    assert line.endswith("argument --degree: %r must be 1 or more" % value), line


def test_numpy_data_refuses_per_sample_as_it_refuses_the_other_settings() -> None:
    err = one_line_error(run(["--numpy-data", "--per-sample"]))
    assert "--numpy-data" in err and "--per-sample" in err, err


@pytest.mark.parametrize("extra", [["--degree", "1"], ["--degree", "1", "--learning-rate", "0.01"],
                                   ["--learning-rate", "0.01"], []])  # fmt: skip
def test_a_fit_without_intercept_does_not_speak_of_b(tmp_path: Path, extra: List[str]) -> None:
    done = run(["fit", str(small_csv(tmp_path)), "--no-intercept", *extra])
    assert done.returncode == 0, done.stderr
    assert "(w, b)" not in done.stdout and "(W, b)" not in done.stdout, done.stdout
    assert "+ b" not in done.stdout, done.stdout


def test_a_plot_is_refused_where_no_picture_would_be_drawn(tmp_path: Path) -> None:
    picture = tmp_path / "p.svg"
    err = one_line_error(run(["fit", str(small_csv(tmp_path)), "--exact", "--plot", str(picture)]))
    assert "--plot" in err and not picture.exists(), err


@pytest.mark.parametrize(
    "args, limit",
    [
        (["--iterations", "10000000000"], "at most 1000000000"),
        (["--iterations", "2000000", "--per-sample"], "at most 1000000 iterations"),
        (["fit", "DATA", "--max-iterations", "10000000000"], "at most 1000000000"),
        (["fit", "DATA", "--degree", "1", "--learning-rate", "0.01", "--max-iterations",
          "1000000000"], "at most 111111111 iterations"),
        (["fit", "BIG", "--per-sample", "--learning-rate", "1e-9"], "at most 50000 iterations"),
    ],
)  # fmt: skip
def test_a_run_longer_than_minutes_is_refused_naming_the_limit(
    tmp_path: Path, args: List[str], limit: str
) -> None:
    big = tmp_path / "big.csv"
    big.write_text("".join("%d,%d\n" % (i, 2 * i + i % 3) for i in range(20_000)))
    files = {"DATA": str(small_csv(tmp_path)), "BIG": str(big)}
    done = run([files.get(a, a) for a in args], timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert limit in done.stderr.splitlines()[-1], done.stderr
