"""The tutorials replayed without NumPy print what they printed with it.

Two independent routes: the figures the posts published (transcribed in
shared/tutorials.md and repeated here), and runs of the tutorials' programs in
NumPy 2.4.6, recorded by tools/record_numpy.py in tests/data/numpy/tutorials.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

from linreg.tutorials.replay import Replay, least_squares_r_squared, replay

ROOT = Path(__file__).resolve().parent.parent
RECORDED: Dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "numpy" / "tutorials.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def arange() -> Replay:
    return replay("arange")


@pytest.fixture(scope="module")
def uniform() -> Replay:
    return replay("uniform")


@pytest.fixture(scope="module")
def train_test() -> Replay:
    return replay("train-test")


def relative(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


def test_arange_prints_the_published_seed_0_figures(arange: Replay) -> None:
    final = arange.printed[-1]
    values = dict(part.split(":") for part in final.split(", "))
    assert values["Epochs"] == "49999", final
    assert "%.4f" % float(values["W"]) == "50.0587", final
    assert "%.2f" % float(values["b"]) == "3981.58", final
    assert "%.2f" % float(values["loss"]) == "43846.54", final


def test_arange_prints_numpys_lines_bit_for_bit(arange: Replay) -> None:
    """Every printed W, b, loss, dW, db equals NumPy's to the last bit (shown in full repr)."""
    want = [p["text"] for p in RECORDED["arange"]["printed"]]
    want += RECORDED["arange"]["final"]["text"].split("\n")
    for got, expected in zip(arange.printed, want):
        assert got == expected, (got, expected)
    assert len(arange.printed) == len(want) == 12


def test_arange_final_weights_match_numpy_to_1e_12(arange: Replay) -> None:
    final = RECORDED["arange"]["final"]
    assert relative(float(arange.w), final["W"]) <= 1e-12, (arange.w, final["W"])
    assert relative(float(arange.b), final["b"]) <= 1e-12, (arange.b, final["b"])


def test_uniform_prints_the_published_sums_line_and_r_squared(uniform: Replay) -> None:
    published = ["103801", "91779", "90183", "89971", "89943"] + ["89939"] * 5
    assert uniform.printed == published + ["y = 7.59 x - 3.26"], uniform.printed
    assert repr(least_squares_r_squared(uniform.setup.train)) == "0.995308982100681"


def test_uniform_matches_numpy_to_1e_12(uniform: Replay) -> None:
    final = RECORDED["uniform"]["final"]
    assert relative(float(uniform.w), final["w"]) <= 1e-12, (uniform.w, final["w"])
    assert relative(float(uniform.b), final["b"]) <= 1e-12, (uniform.b, final["b"])
    sums = [p["sum_of_squares"] for p in RECORDED["uniform"]["printed"]]
    assert relative(float(uniform.loss), sums[-1]) <= 1e-12, (uniform.loss, sums[-1])


def test_train_test_prints_the_published_figures(train_test: Replay) -> None:
    assert train_test.printed == ["R² on Test Data = 0.95", "Final Model: w_1=3.48, w_2=9.57"]


def test_train_test_matches_numpy_to_1e_12(train_test: Replay) -> None:
    final = RECORDED["train_test"]["final"]
    assert relative(float(train_test.w), final["w_1"]) <= 1e-12, (train_test.w, final["w_1"])
    assert relative(float(train_test.b), final["w_2"]) <= 1e-12, (train_test.b, final["w_2"])


def test_replayed_data_are_numpys(arange: Replay, train_test: Replay) -> None:
    assert list(arange.setup.train.xs) == RECORDED["arange"]["x"]
    assert list(arange.setup.train.ys) == RECORDED["arange"]["y"]
    assert arange.setup.w0 == RECORDED["arange"]["W_start"]
    order = RECORDED["train_test"]["permutation"][: RECORDED["train_test"]["train_size"]]
    assert list(train_test.setup.train.xs) == [RECORDED["train_test"]["x"][i] for i in order]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linreg", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, encoding="utf-8",
    )  # fmt: skip


def test_cli_numpy_data_prints_the_tutorial_then_linregs_report() -> None:
    done = run_cli("--preset", "uniform", "--numpy-data")
    assert done.returncode == 0, done.stderr
    assert "    103801\n    91779\n" in done.stdout and "y = 7.59 x - 3.26" in done.stdout
    assert "least squares (exact)" in done.stdout and "2/λmax" in done.stdout, done.stdout


def test_cli_numpy_data_json_has_full_precision_weights() -> None:
    done = run_cli("--preset", "uniform", "--numpy-data", "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["numpy_seed"] == 42 and payload["printed"][0] == "103801"
    assert relative(payload["w"], RECORDED["uniform"]["final"]["w"]) <= 1e-12, payload["w"]


def test_cli_numpy_data_refuses_changed_settings() -> None:
    done = run_cli("--numpy-data", "--iterations", "10")
    assert done.returncode == 1 and "--iterations" in done.stderr, done.stderr


def test_cli_numpy_data_refuses_a_seed_numpy_refuses() -> None:
    done = run_cli("--preset", "uniform", "--numpy-data", "--seed", str(2**32))
    assert done.returncode == 1 and "4294967295" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
