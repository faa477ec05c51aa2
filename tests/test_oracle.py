"""The oracle: correct implementations pass, each known mistake fails and is named.

Meta-tests in the spirit of array-api-tests: the harness is run against deliberately wrong
implementations (tests/oracle_candidates.py) to show that it catches each one and names
the right mistake, and against correct ones in every precision and summation order to
show that nothing correct fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, List

import oracle_candidates as cands
import pytest

from linreg import oracle
from linreg.oracle.vectors import file_for

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["loss", "gradient", "step", "fit"]
CONVENTIONS = ["half_mse", "mse", "sse"]
#: Inputs each check searches (fewer in the tox matrix, which runs every test seven times).
EXAMPLES = 20 if os.environ.get("LINREG_HYPOTHESIS_PROFILE") == "matrix" else 60


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("convention", CONVENTIONS)
def test_a_correct_float64_candidate_passes_in_every_convention(kind: str, convention: str) -> None:
    report = oracle.check(
        kind, cands.make(kind, convention=convention), convention=convention, examples=EXAMPLES
    )
    assert report.passed, str(report)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("order", ["sequential", "pairwise"])
@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_a_correct_candidate_passes_whatever_its_summation_order_and_precision(
    kind: str, order: str, precision: str
) -> None:
    candidate = cands.make(kind, precision=precision, order=order, convention="mse")
    report = oracle.check(kind, candidate, convention="mse", precision=precision, examples=EXAMPLES)
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
    report = oracle.check(kind, candidate, convention=convention, examples=EXAMPLES)
    assert not report.passed, "a candidate with the mistake %r passed" % mistake
    assert report.diagnosis is not None and report.diagnosis.name == mistake, str(report)
    assert "diagnosis:" in str(report) and "smallest input" in str(report)


def test_a_float32_candidate_declared_float32_passes_and_declared_float64_is_named() -> None:
    candidate = cands.make("gradient", precision="float32")
    assert oracle.check("gradient", candidate, precision="float32", examples=EXAMPLES).passed
    report = oracle.check("gradient", candidate, precision="float64", examples=EXAMPLES)
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

    report = oracle.check("fit", drifts, examples=EXAMPLES)
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
    assert oracle.conventions(kind, getattr(cands, name), examples=EXAMPLES) == follows


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
