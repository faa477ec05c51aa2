"""The oracle: correct implementations pass, each known mistake fails and is named.

Meta-tests in the spirit of array-api-tests: the harness is run against deliberately wrong
implementations (tests/oracle_candidates.py) to show that it catches each one and names
the right mistake, and against correct ones in every precision and summation order to
show that nothing correct fails.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any, List

import oracle_candidates as cands
import pytest

import linreg
from linreg import oracle
from linreg.oracle.vectors import file_for

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["loss", "gradient", "step", "fit"]
CONVENTIONS = ["half_mse", "mse", "sse"]
#: Inputs each check searches (fewer in the tox matrix, which runs every test seven times).
MATRIX = os.environ.get("LINREG_HYPOTHESIS_PROFILE") == "matrix"
EXAMPLES = 20 if MATRIX else 60
# The interpreter matrix judges by the built-in inputs, and ./run-tests by a Hypothesis
# search too: on old Hypothesis (3.8's) a failing candidate's shrinking takes ten seconds.
SEARCH: Any = False if MATRIX else None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_a_correct_float64_candidate_passes_in_every_convention(kind: str, convention: str) -> None:
    report = oracle.check(
        kind,
        cands.make(kind, convention=convention),
        convention=convention,
        examples=EXAMPLES,
        use_hypothesis=SEARCH,
    )
    assert report.passed, str(report)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("order", ["sequential", "pairwise"])
@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_a_correct_candidate_passes_whatever_its_summation_order_and_precision(
    kind: str, order: str, precision: str
) -> None:
    candidate = cands.make(kind, precision=precision, order=order, convention="mse")
    report = oracle.check(
        kind,
        candidate,
        convention="mse",
        precision=precision,
        examples=EXAMPLES,
        use_hypothesis=SEARCH,
    )
    assert report.passed, str(report)


CASES = [
    (kind, convention, mistake)
    for kind in KINDS
    for convention in ("half_mse", "sse")
    for mistake in cands.MISTAKES
    if cands.applies(mistake, kind, convention)
]


@pytest.mark.parametrize("kind, convention, mistake", CASES)
def test_each_known_mistake_fails_and_is_named(kind: str, convention: str, mistake: str) -> None:
    candidate = cands.make(kind, convention=convention, mistake=mistake)
    report = oracle.check(
        kind, candidate, convention=convention, examples=EXAMPLES, use_hypothesis=SEARCH
    )
    assert not report.passed, "a candidate with the mistake %r passed" % mistake
    assert report.diagnosis is not None and report.diagnosis.name == mistake, str(report)
    assert "diagnosis:" in str(report) and "smallest input" in str(report)


def test_a_float32_candidate_declared_float32_passes_and_declared_float64_is_named() -> None:
    candidate = cands.make("gradient", precision="float32")
    assert oracle.check(
        "gradient", candidate, precision="float32", examples=EXAMPLES, use_hypothesis=SEARCH
    ).passed
    report = oracle.check(
        "gradient", candidate, precision="float64", examples=EXAMPLES, use_hypothesis=SEARCH
    )
    assert not report.passed and report.diagnosis is not None
    assert report.diagnosis.name == "precision", str(report)


def test_without_hypothesis_the_built_in_battery_finds_and_names_a_mistake() -> None:
    candidate = cands.make("gradient", mistake="no factor x")
    report = oracle.check("gradient", candidate, examples=EXAMPLES, use_hypothesis=False)
    assert report.search == "the built-in battery" and not report.passed
    assert report.diagnosis is not None and report.diagnosis.name == "no factor x", str(report)
    good = oracle.check("gradient", cands.make("gradient"), examples=EXAMPLES, use_hypothesis=False)
    assert good.passed, str(good)


def test_the_first_departing_iteration_of_fit_is_reported() -> None:
    """A fit that is right for two steps and then adds its gradient fails at iteration 3."""

    def drifts(xs: List[float], ys: List[float], w: float, b: float, a: float, k: int) -> Any:
        for i in range(k):
            dw, db = cands.make("gradient")(xs, ys, w, b)
            sign = 1 if i < 2 else -1
            w, b = w - sign * a * dw, b - sign * a * db
        return w, b

    report = oracle.check("fit", drifts, examples=EXAMPLES, use_hypothesis=SEARCH)
    assert not report.passed and report.failure is not None
    assert report.failure.step == 3, str(report)
    assert "iteration 3 is the first that departs" in str(report)


def test_a_candidate_that_raises_or_returns_garbage_fails_with_what_it_did() -> None:
    def raises(xs: List[float], ys: List[float], w: float, b: float) -> float:
        raise ZeroDivisionError("oops")

    def text(xs: List[float], ys: List[float], w: float, b: float) -> Any:
        return "0.5"

    for candidate, words in ((raises, "raised ZeroDivisionError: oops"), (text, "returned")):
        report = oracle.check_loss(candidate, examples=5)
        assert not report.passed and words in str(report), str(report)


def test_a_candidate_with_the_wrong_signature_is_a_candidate_error() -> None:
    with pytest.raises(oracle.CandidateError, match=r"\(xs, ys, w, b, learning_rate\)"):
        oracle.check_step(lambda xs, ys, w, b: (w, b))
    with pytest.raises(AssertionError, match="FAILED"):
        oracle.assert_loss(cands.make("loss", mistake="convention sse"), examples=10)
    oracle.assert_loss(cands.make("loss"), examples=10)


@pytest.mark.parametrize(
    "name, kind, follows",
    [
        ("arange_loss", "loss", ["half_mse"]),
        ("arange_gradient", "gradient", ["half_mse"]),
        ("uniform_loss", "loss", ["sse"]),
        ("uniform_gradient", "gradient", ["sse"]),
        ("train_test_loss", "loss", ["mse"]),
        # The train/test post reports the MSE but steps with its gradient halved.
        ("train_test_gradient", "gradient", ["half_mse"]),
    ],
)
def test_the_oracle_says_which_convention_each_tutorials_code_follows(
    name: str, kind: str, follows: List[str]
) -> None:
    assert (
        oracle.conventions(kind, getattr(cands, name), examples=EXAMPLES, use_hypothesis=SEARCH)
        == follows
    )


def test_the_committed_test_vectors_are_what_the_code_writes_now() -> None:
    """vectors/ is regenerated here and compared, so it cannot drift from the code."""
    for path in sorted((ROOT / "vectors").glob("*.json")):
        committed = json.loads(path.read_text(encoding="utf-8"))
        fresh = file_for(committed["kind"], committed["convention"])
        fresh["made_by"] = committed["made_by"]  # names the version that wrote it
        assert fresh == committed, "%s drifted: run python -m linreg vectors vectors" % path.name
    assert len(list((ROOT / "vectors").glob("*.json"))) == 12


def test_every_test_vector_is_met_by_a_correct_implementation_and_missed_by_a_wrong_one() -> None:
    """Read the vectors as another language would: inputs from hex, compare with tolerance."""
    for path in sorted((ROOT / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        kind, convention = data["kind"], data["convention"]
        right = cands.make(kind, convention=convention)
        wrong = cands.make(kind, convention=convention, mistake="intercept left out")
        missed = 0
        for case in data["cases"]:
            args: List[Any] = [
                [float.fromhex(v) for v in case["xs_hex"]],
                [float.fromhex(v) for v in case["ys_hex"]],
                float.fromhex(case["w_hex"]),
                float.fromhex(case["b_hex"]),
            ]
            if kind in ("step", "fit"):
                args.append(float.fromhex(case["learning_rate_hex"]))
            if kind == "fit":
                args.append(case["iterations"])
            for candidate, must_pass in ((right, True), (wrong, False)):
                got = candidate(*args)
                got = [got] if kind == "loss" else list(got)
                ok = all(
                    abs(g - float.fromhex(e["hex"])) <= t + abs(float.fromhex(e["hex"])) * 2**-53
                    for g, e, t in zip(got, case["expected"], case["tolerance"]["float64"])
                )
                if must_pass:
                    assert ok, (path.name, case["id"], got, case["expected"])
                else:
                    missed += not ok
        assert missed > 0, "%s: no vector catches an intercept left out" % path.name


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + str(ROOT / "tests"))
    return subprocess.run(
        [sys.executable, "-m", "linreg", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip


def test_cli_check_exits_0_1_or_2_and_prints_the_report() -> None:
    good = run_cli("check", "oracle_candidates:arange_gradient", "--kind", "gradient")
    assert good.returncode == 0 and "PASSED" in good.stdout, good.stdout + good.stderr
    bad = run_cli("check", "oracle_candidates:uniform_gradient", "--kind", "gradient")
    assert bad.returncode == 1 and "diagnosis:" in bad.stdout, bad.stdout + bad.stderr
    for args in (
        ["nope:f", "--kind", "loss"],
        ["oracle_candidates:nothing", "--kind", "loss"],
        ["oracle_candidates:arange_loss", "--kind", "step"],
    ):
        usage = run_cli("check", *args)
        assert usage.returncode == 2 and usage.stderr.count("\n") == 1, usage.stderr


C_CANDIDATE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* The gradient of half the mean squared error, answering one JSON case per line. */
static int numbers(const char *line, const char *key, double *out, int most) {
    const char *p = strstr(line, key);
    int n = 0;
    if (!p) return 0;
    p = strchr(p, '[') + 1;
    while (n < most && *p && *p != ']') {
        char *end;
        out[n++] = strtod(p, &end);
        p = end;
        while (*p == ',' || *p == ' ') p++;
    }
    return n;
}
static double number(const char *line, const char *key) {
    return strtod(strchr(strstr(line, key), ':') + 1, NULL);
}
int main(void) {
    static char line[1 << 16];
    double xs[256], ys[256];
    while (fgets(line, sizeof line, stdin)) {
        int n = numbers(line, "\"xs\"", xs, 256);
        numbers(line, "\"ys\"", ys, 256);
        double w = number(line, "\"w\""), b = number(line, "\"b\"");
        double dw = 0, db = 0;
        for (int i = 0; i < n; i++) {
            double r = w * xs[i] + b - ys[i];
            dw += r * xs[i];
            db += r;
        }
        printf("%.17g %.17g\n", dw / n, db / n);
        fflush(stdout);
    }
    return 0;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler (cc) on this machine")
def test_a_c_candidate_in_live_mode_passes_and_a_broken_one_is_diagnosed(tmp_path: Path) -> None:
    source = tmp_path / "gradient.c"
    broken = C_CANDIDATE.replace("dw / n, db / n", "2 * dw, 2 * db")  # the sse gradient
    for name, text in (("good", C_CANDIDATE), ("sse", broken)):
        source.write_text(text)
        program = tmp_path / name
        subprocess.run(["cc", "-O2", "-o", str(program), str(source)], check=True)
        done = run_cli("check", "--live", str(program), "--kind", "gradient", "--examples", "40")
        if name == "good":
            assert done.returncode == 0 and "PASSED" in done.stdout, done.stdout + done.stderr
        else:
            assert done.returncode == 1, done.stdout + done.stderr
            assert "sse convention" in done.stdout, done.stdout


# -- the oracle's own promise: no foreign exception, no false PASS, no endless wait, right words


class _IterRaises:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def __iter__(self) -> Any:
        raise self.error


class _FloatRaises:
    def __float__(self) -> float:
        raise ZeroDivisionError("no float here")


class _Unprintable(Exception):
    def __str__(self) -> str:
        raise TypeError("cannot print me")


def _endless() -> Any:
    while True:
        yield 1.0


def _raise(error: BaseException) -> Any:
    raise error


GARBAGE = [
    ("loss", lambda: 10**400, "about 10^400: beyond the float range"),
    ("loss", lambda: Fraction(10**400, 3), "about 10^399: beyond the float range"),
    ("loss", lambda: _FloatRaises(), "not a finite number"),
    ("loss", lambda: float("nan"), "not a finite number"),
    ("gradient", lambda: _IterRaises(ValueError("bad iter")), "ValueError: bad iter"),
    ("gradient", lambda: _IterRaises(RuntimeError("worse")), "RuntimeError: worse"),
    ("gradient", lambda: _endless(), "not ∂L/∂W and ∂L/∂b"),
    ("gradient", lambda: _raise(_Unprintable()), "its message cannot be shown"),
    ("loss", lambda: _raise(SystemExit(0)), "called sys.exit(0)"),
    ("loss", lambda: _raise(SystemExit("boom")), "called sys.exit('boom')"),
]


@pytest.mark.parametrize("kind, answer, words", GARBAGE)
@pytest.mark.parametrize("use_hypothesis", [None, False])
def test_whatever_a_candidate_does_becomes_a_failed_report_not_an_exception(
    kind: str, answer: Any, words: str, use_hypothesis: Any
) -> None:
    def candidate(xs: List[float], ys: List[float], w: float, b: float) -> Any:
        return answer()

    report = oracle.check(kind, candidate, examples=5, use_hypothesis=use_hypothesis)
    assert not report.passed and report.diagnosis is not None
    assert report.diagnosis.name == "crash", str(report)
    assert words in str(report) and words in report.diagnosis.text, str(report)


def test_a_fit_whose_points_leave_the_float_range_fails_with_a_report() -> None:
    def runaway(xs: List[float], ys: List[float], w: float, b: float, a: float, k: int) -> Any:
        return (w, b) if k == 0 else (1.7e308, -1.7e308)

    def explodes(xs: List[float], ys: List[float], w: float, b: float, a: float, k: int) -> Any:
        return (w * 10.0 ** (300 * k), b)

    for candidate in (runaway, explodes):
        report = oracle.check_fit(candidate, examples=10)
        assert not report.passed and report.failure is not None, str(report)
        assert "FAILED" in str(report)


def _loss_raising_on(refuse: Any) -> Any:
    exact = cands.make("loss")

    def loss(xs: List[float], ys: List[float], w: float, b: float) -> float:
        if refuse(xs):
            raise ValueError("refused %d points" % len(xs))
        return exact(xs, ys, w, b)  # type: ignore[no-any-return]

    return loss


# Each refuses inputs that the checks always try (the built-in diagnostic inputs have 3, 4
# and 5 points, one with a negative x), so whatever the search draws, the raise is met.
@pytest.mark.parametrize(
    "refuse", [lambda xs: len(xs) == 3, lambda xs: min(xs) < 0], ids=["N=3", "some x < 0"]
)
@pytest.mark.parametrize("kind", ["loss", "step"])
def test_a_candidate_that_raises_is_diagnosed_as_raising_not_as_imprecise(
    refuse: Any, kind: str
) -> None:
    if kind == "loss":
        candidate = _loss_raising_on(refuse)
    else:
        exact = cands.make("step")

        def candidate(xs: List[float], ys: List[float], w: float, b: float, a: float) -> Any:
            if refuse(xs):
                raise ValueError("refused %d points" % len(xs))
            return exact(xs, ys, w, b, a)

    report = oracle.check(kind, candidate, examples=EXAMPLES, use_hypothesis=SEARCH)
    assert not report.passed and report.diagnosis is not None and report.failure is not None
    assert report.diagnosis.name == "crash", str(report)
    text = report.diagnosis.text
    assert "raised ValueError: refused" in text and "xs = [" in text, text
    assert "float32" not in str(report)


class _Counting:
    """Right, except that every ``period``-th call (or only the first) is far off."""

    def __init__(self, period: int, first_only: bool = False) -> None:
        self.period, self.first_only, self.calls = period, first_only, 0
        self.exact = cands.make("loss")

    def __call__(self, xs: List[float], ys: List[float], w: float, b: float) -> float:
        self.calls += 1
        value: float = self.exact(xs, ys, w, b)
        wrong = self.calls == 1 if self.first_only else self.calls % self.period == 0
        return value * 3 + 1e15 if wrong else value


@pytest.mark.parametrize(
    "candidate",
    [lambda: _Counting(7), lambda: _Counting(0, first_only=True)],
    ids=["every 7th call", "first call only"],
)
@pytest.mark.parametrize("use_hypothesis", [None, False])
def test_a_candidate_that_answers_the_same_input_differently_is_reported_as_such(
    candidate: Any, use_hypothesis: Any
) -> None:
    report = oracle.check_loss(candidate(), examples=EXAMPLES, use_hypothesis=use_hypothesis)
    assert not report.passed and report.diagnosis is not None, str(report)
    assert report.diagnosis.name == "inconsistent", str(report)
    assert "different answers for the same input" in report.diagnosis.text
    assert "the first time" in report.diagnosis.text and "the next" in report.diagnosis.text
    assert "float32" not in str(report)


def test_precision_is_diagnosed_only_within_the_float32_bound_and_beyond_the_float64_one() -> None:
    exact = cands.make("gradient")

    def far_off(xs: List[float], ys: List[float], w: float, b: float) -> Any:
        dw, db = exact(xs, ys, w, b)
        return dw * (1 + 1e-3), db * (1 + 1e-3)  # beyond any float32 rounding

    report = oracle.check_gradient(far_off, examples=EXAMPLES, use_hypothesis=SEARCH)
    assert not report.passed and report.diagnosis is not None
    assert report.diagnosis.name != "precision", str(report)
    float32 = oracle.check_gradient(
        cands.make("gradient", precision="float32"), examples=EXAMPLES, use_hypothesis=SEARCH
    )
    assert float32.diagnosis is not None and float32.diagnosis.name == "precision"


def test_ctrl_c_in_a_candidate_stops_the_check_rather_than_failing_it() -> None:
    def interrupted(xs: List[float], ys: List[float], w: float, b: float) -> float:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        oracle.check_loss(interrupted, examples=5)


@pytest.mark.parametrize(
    "options",
    [
        {"seed": [1]}, {"seed": {}}, {"seed": None}, {"seed": "x"}, {"seed": 1.5},
        {"seed": -1}, {"seed": True}, {"examples": 0}, {"use_hypothesis": "yes"},
        {"convention": "mae"}, {"precision": "float16"},
    ],
)  # fmt: skip
def test_the_checks_own_options_are_validated_with_parameter_errors(options: Any) -> None:
    good = cands.make("loss")
    with pytest.raises(linreg.ParameterError):
        oracle.check_loss(good, **options)
    with pytest.raises(linreg.ParameterError):
        oracle.check("loss", good, **options)


def test_an_option_clash_or_unknown_option_is_a_parameter_error_or_an_explicit_signature() -> None:
    good = cands.make("loss")
    with pytest.raises(linreg.ParameterError, match="tries every convention"):
        oracle.conventions("loss", good, convention="mse")
    with pytest.raises(linreg.ParameterError, match="no option exmaples"):
        oracle.conventions("loss", good, exmaples=3)
    # The checks take explicit keyword-only options, so Python names a misspelt one.
    for function in (oracle.check_loss, oracle.check_fit, oracle.assert_step, oracle.check):
        kinds = {p.kind for p in inspect.signature(function).parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD not in kinds, function.__name__
    with pytest.raises(TypeError, match="exmaples"):
        oracle.check_loss(good, exmaples=3)  # type: ignore[call-arg]


def _script(path: Path, text: str) -> str:
    path.write_text(text)
    return "%s %s" % (sys.executable, path)


def test_a_live_program_that_exits_early_fails_the_check_with_its_status_and_stderr(
    tmp_path: Path,
) -> None:
    fails = _script(
        tmp_path / "fails.py", "import sys\nsys.stderr.write('cannot parse that\\n')\nsys.exit(3)\n"
    )
    quiet = _script(tmp_path / "quiet.py", "pass\n")  # like /bin/true
    once = _script(tmp_path / "once.py", "print(1.0)\n")  # like /bin/echo 1
    for program, words in ((fails, "exited with status 3"), (quiet, "exited with status 0"),
                           (once, "")):  # fmt: skip
        done = run_cli("check", "--live", program, "--kind", "loss", "--examples", "5")
        assert done.returncode == 1, (program, done.stdout, done.stderr)
        assert "FAILED" in done.stdout and words in done.stdout, done.stdout
    done = run_cli("check", "--live", fails, "--kind", "loss")
    assert "cannot parse that" in done.stdout, done.stdout


def test_a_live_program_that_hangs_fails_at_once_without_shrinking(tmp_path: Path) -> None:
    half = _script(
        tmp_path / "half.py",
        "import sys, time\nsys.stdout.write('1.0')\nsys.stdout.flush()\ntime.sleep(60)\n",
    )
    later = _script(
        tmp_path / "later.py",
        "import sys, time\nfor n, line in enumerate(sys.stdin):\n"
        "    if n == 5: time.sleep(60)\n    print(1.0, flush=True)\n",
    )
    for program, words in ((half, "(it wrote '1.0' without ending the line)"), (later, "")):
        started = time.monotonic()
        done = run_cli("check", "--live", program, "--kind", "loss", "--timeout", "1")
        elapsed = time.monotonic() - started
        assert done.returncode == 1, done.stdout + done.stderr
        assert "gave no answer within 1 s" in done.stdout and words in done.stdout, done.stdout
        assert elapsed < 20, "the check took %.1f s: it waited more than once" % elapsed


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_stops_the_cli_check_of_a_candidate_that_never_returns(tmp_path: Path) -> None:
    started = tmp_path / "started"
    (tmp_path / "hangs.py").write_text(
        "import time\n"
        "def loss(xs, ys, w, b):\n"
        "    open(%r, 'w').close()\n"
        "    while True:\n"
        "        time.sleep(0.05)\n" % str(started)
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "linreg", "check", "hangs:loss", "--kind", "loss"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # A shell's background job inherits SIGINT ignored; Ctrl-C reaches a foreground one.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not started.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started.exists(), "the candidate was never called"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, (out, err)
    assert err == "python -m linreg: interrupted\n", err


def test_cli_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    for args in (
        ["--live", "", "--kind", "loss"],
        ["--live", " ", "--kind", "loss"],
        ["oracle_candidates:arange_loss", "--kind", "loss", "--examples", "0"],
        ["oracle_candidates:arange_loss", "--kind", "loss", "--examples", "-5"],
        ["oracle_candidates:arange_loss", "--kind", "loss", "--seed", "-1"],
        ["--live", "true", "--kind", "loss", "--timeout", "0"],
    ):
        usage = run_cli("check", *args)
        assert usage.returncode == 2, (args, usage.stdout, usage.stderr)
        assert usage.stderr.count("\n") == 1 and "Traceback" not in usage.stderr, usage.stderr


def test_sys_exit_at_import_or_in_the_candidate_is_never_a_pass(tmp_path: Path) -> None:
    (tmp_path / "leaves.py").write_text("import sys\nsys.exit(0)\n")
    (tmp_path / "quits.py").write_text(
        "import sys\ndef zero(xs, ys, w, b):\n    sys.exit(0)\n"
        "def boom(xs, ys, w, b):\n    sys.exit('boom')\n"
    )
    env_path = str(ROOT) + os.pathsep + str(tmp_path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "linreg", "check", *args], cwd=tmp_path, capture_output=True,
            text=True, timeout=300, env=dict(os.environ, PYTHONPATH=env_path),
        )  # fmt: skip

    imported = run("leaves:f", "--kind", "loss")
    assert imported.returncode == 2 and "sys.exit(0)" in imported.stderr, imported.stderr
    for name, words in (("zero", "sys.exit(0)"), ("boom", "sys.exit('boom')")):
        done = run("quits:" + name, "--kind", "loss", "--examples", "5")
        assert done.returncode == 1 and words in done.stdout, done.stdout + done.stderr


def test_vectors_names_the_file_it_cannot_write_and_leaves_no_partial_set(tmp_path: Path) -> None:
    target = tmp_path / "out"
    (target / "step-mse.json").mkdir(parents=True)
    done = run_cli("vectors", str(target))
    assert done.returncode == 1 and "step-mse.json: cannot write" in done.stderr, done.stderr
    assert sorted(p.name for p in target.iterdir()) == ["step-mse.json"]
    for directory in ("", "-"):
        usage = run_cli("vectors", directory, cwd=tmp_path)
        assert usage.returncode == 2 and usage.stderr.count("\n") == 1, usage.stderr
        assert not (tmp_path / "-").exists()


class _BrokenFloat(float):
    def __float__(self) -> float:
        raise ZeroDivisionError("broken __float__")

    def __repr__(self) -> str:
        raise TypeError("broken __repr__")


def test_a_float_subclass_with_broken_methods_is_judged_by_its_stored_value() -> None:
    exact = cands.make("loss")

    def right(xs: List[float], ys: List[float], w: float, b: float) -> float:
        return _BrokenFloat(exact(xs, ys, w, b))

    def wrong(xs: List[float], ys: List[float], w: float, b: float) -> float:
        return _BrokenFloat(exact(xs, ys, w, b) + 1.0)

    assert oracle.check_loss(right, examples=10).passed
    report = oracle.check_loss(wrong, examples=10)
    assert not report.passed and "expected" in str(report), str(report)
