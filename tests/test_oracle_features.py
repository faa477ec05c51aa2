"""The d-feature oracle: correct candidates pass in either precision, and each known
mistake fails and is named."""

from __future__ import annotations

import math
import struct
from fractions import Fraction
from typing import Any, Callable, List, Sequence, Tuple

import pytest

import linreg
from linreg import oracle

Rows = List[List[float]]


def predict(row: Sequence[float], w: Sequence[float], b: float) -> float:
    total = b
    for wj, x in zip(w, row):
        total += wj * x
    return total


def gradient(
    rows: Rows, ys: List[float], w: List[float], b: float, d: float = 0.0
) -> Tuple[List[float], float]:
    """A plain, correct half-MSE gradient with naive sums (not fsum): rounding is allowed."""
    n = len(ys)
    r = [predict(row, w, b) - y for row, y in zip(rows, ys)]
    divisor = d or 2 * n
    dw = [2 * sum(ri * row[j] for ri, row in zip(r, rows)) / divisor for j in range(len(w))]
    return dw, 2 * sum(r) / divisor


def loss(rows: Rows, ys: List[float], w: List[float], b: float) -> float:
    return sum((predict(row, w, b) - y) ** 2 for row, y in zip(rows, ys)) / (2 * len(ys))


def step(
    rows: Rows, ys: List[float], w: List[float], b: float, alpha: float
) -> Tuple[List[float], float]:
    dw, db = gradient(rows, ys, w, b)
    return [wj - alpha * g for wj, g in zip(w, dw)], b - alpha * db


def f32(v: float) -> float:
    return float(struct.unpack("f", struct.pack("f", v))[0])


def gradient32(rows: Rows, ys: List[float], w: List[float], b: float) -> Tuple[List[float], float]:
    """Every operation rounded to float32, as a float32 kernel would."""
    n = len(ys)
    r = []
    for row, y in zip(rows, ys):
        total = f32(b)
        for wj, x in zip(w, row):
            total = f32(total + f32(f32(wj) * f32(x)))
        r.append(f32(total - f32(y)))
    dw = []
    for j in range(len(w)):
        acc = 0.0
        for ri, row in zip(r, rows):
            acc = f32(acc + f32(ri * f32(row[j])))
        dw.append(f32(f32(2 * acc) / (2 * n)))
    acc = 0.0
    for ri in r:
        acc = f32(acc + ri)
    return dw, f32(f32(2 * acc) / (2 * n))


@pytest.mark.parametrize(
    "kind, candidate",
    [("loss", loss), ("gradient", gradient), ("step", step)],
)
def test_a_correct_candidate_passes(kind: str, candidate: Callable[..., Any]) -> None:
    report = oracle.check_features(kind, candidate, examples=60)
    assert report.passed, str(report)
    assert report.checked == 61


def test_linreg_features_itself_passes_in_every_convention() -> None:
    import linreg.features as lf

    for convention in ("half_mse", "mse", "sse"):

        def mine(rows: Rows, ys: List[float], w: List[float], b: float, c: str = convention) -> Any:
            g = lf.gradient(rows, ys, w, b, convention=c)
            return g.dw, g.db

        assert oracle.check_feature_gradient(mine, convention=convention, examples=40).passed


def test_a_float32_kernel_passes_in_float32_and_fails_in_float64() -> None:
    assert oracle.check_feature_gradient(gradient32, precision="float32", examples=60).passed
    report = oracle.check_feature_gradient(gradient32, precision="float64", examples=60)
    assert not report.passed


def wrong_sign(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    dw, db = gradient(rows, ys, w, b)
    return [-g for g in dw], -db


def no_x(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    n = len(ys)
    r = [predict(row, w, b) - y for row, y in zip(rows, ys)]
    return [sum(r) / n for _ in w], sum(r) / n


def no_intercept(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    dw, _ = gradient(rows, ys, w, 0.0)
    return dw, gradient(rows, ys, w, 0.0)[1]


def reversed_w(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    return gradient(rows, ys, w[::-1], b)


def mse_gradient(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    return gradient(rows, ys, w, b, d=len(ys))


def sequential(rows: Rows, ys: List[float], w: List[float], b: float, alpha: float) -> Any:
    dw, _ = gradient(rows, ys, w, b)
    new_w = [wj - alpha * g for wj, g in zip(w, dw)]
    _, db = gradient(rows, ys, new_w, b)
    return new_w, b - alpha * db


@pytest.mark.parametrize(
    "kind, candidate, words",
    [
        ("gradient", wrong_sign, "wrong sign"),
        ("gradient", no_x, "missing its factor xᵢⱼ"),
        ("gradient", no_intercept, "intercept is left out"),
        ("gradient", reversed_w, "reverse order"),
        ("gradient", mse_gradient, "mse loss's answer"),
        ("step", sequential, "already-updated w"),
    ],
)
def test_each_known_mistake_fails_and_is_named(
    kind: str, candidate: Callable[..., Any], words: str
) -> None:
    report = oracle.check_features(kind, candidate, examples=30)
    assert not report.passed
    assert words in report.diagnosis, str(report)
    text = str(report)
    assert "FAILED" in text and "expected" in text and "<- off by" in text


def test_a_candidate_that_raises_or_returns_junk_fails_with_what_it_did() -> None:
    def raises(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
        raise ZeroDivisionError("oops")

    def short(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
        return [0.0], 0.0  # one weight, whatever d is

    assert "raised ZeroDivisionError: oops" in oracle.check_feature_gradient(raises).problem
    report = oracle.check_feature_gradient(short, examples=5)
    assert not report.passed and "returned" in report.problem


def test_bad_options_are_the_librarys_errors() -> None:
    with pytest.raises(linreg.ParameterError, match="kind must be one of"):
        oracle.check_features("fit", loss)
    with pytest.raises(oracle.CandidateError):
        oracle.check_feature_loss(42)  # type: ignore[arg-type]
    with pytest.raises(linreg.ParameterError):
        oracle.check_feature_loss(loss, precision="float16")


def test_bounds_are_tight_enough_to_catch_one_ulp_too_many_roundings_at_scale() -> None:
    # An answer off by far more than rounding (a relative 1e-9) must fail even on data
    # where the bound is largest (correlated columns, values near 1e8).
    def slightly_off(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
        dw, db = gradient(rows, ys, w, b)
        return [g * (1 + 1e-9) + math.copysign(1e-9, g) for g in dw], db

    assert not oracle.check_feature_gradient(slightly_off, examples=60).passed


class _IterRaises:
    def __iter__(self) -> Any:
        raise RuntimeError("cannot iterate")


def _exits(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
    raise SystemExit(0)


@pytest.mark.parametrize(
    "kind, answer, words",
    [
        ("loss", lambda w: 10**400, "about 10^400: beyond the float range"),
        ("loss", lambda w: Fraction(10**400, 3), "about 10^399: beyond the float range"),
        ("gradient", lambda w: _IterRaises(), "RuntimeError: cannot iterate"),
        ("gradient", lambda w: ([10**400] * len(w), 0.0), "beyond the float range"),
        ("gradient", lambda w: (iter(lambda: 1.0, None), 0.0), "not (a list of"),
    ],
)
def test_whatever_a_feature_candidate_does_becomes_a_failed_report(
    kind: str, answer: Any, words: str
) -> None:
    def candidate(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
        return answer(w)

    report = oracle.check_features(kind, candidate, examples=5)
    assert not report.passed and words in report.problem, str(report)
    assert words in report.diagnosis and words in str(report), str(report)
    exits = oracle.check_feature_loss(_exits, examples=5)
    assert not exits.passed and "called sys.exit(0)" in exits.problem


def test_a_feature_candidate_that_answers_the_same_input_differently_is_reported_as_such() -> None:
    calls = [0]

    def drifting(rows: Rows, ys: List[float], w: List[float], b: float) -> Any:
        calls[0] += 1
        dw, db = gradient(rows, ys, w, b)
        return dw, db + (1.0 if calls[0] == 1 else 0.0)  # off on its first call only

    report = oracle.check_feature_gradient(drifting, examples=10)
    assert not report.passed
    assert "different answers for the same input" in report.diagnosis, str(report)


@pytest.mark.parametrize("seed", [[1], {}, None, "x", 1.5, -1, True])
def test_feature_check_seeds_are_validated_with_parameter_errors(seed: Any) -> None:
    with pytest.raises(linreg.ParameterError, match="seed"):
        oracle.check_feature_loss(loss, seed=seed)
    with pytest.raises(TypeError, match="exmaples"):
        oracle.check_feature_loss(loss, exmaples=3)  # type: ignore[call-arg]
