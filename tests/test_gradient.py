"""The loss and its gradient: exact identities in Fractions, derived bounds in floats."""

import sys
from fractions import Fraction
from typing import List, Tuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import Data, FloatData, exact_data, float_data, fractions, positive_fractions

import linreg

EPS = sys.float_info.epsilon
TINY = 2.0**-1074  # the smallest subnormal: the absolute error of an underflowing operation
CONVENTIONS = ["half_mse", "mse", "sse"]


def loss_by_definition(
    xs: List[Fraction], ys: List[Fraction], w: Fraction, b: Fraction, convention: str
) -> Fraction:
    """The loss written straight from its definition, independently of linreg."""
    squares = sum(((w * x + b - y) ** 2 for x, y in zip(xs, ys)), Fraction(0))
    n = len(xs)
    return {"half_mse": squares / (2 * n), "mse": squares / n, "sse": squares}[convention]


@pytest.mark.parametrize("convention", CONVENTIONS)
@given(data=exact_data(), w=fractions, b=fractions)
def test_loss_matches_its_definition_exactly(
    convention: str, data: Data, w: Fraction, b: Fraction
) -> None:
    xs, ys = data
    got = linreg.loss(xs, ys, w, b, convention=convention)
    expected = loss_by_definition(xs, ys, w, b, convention)
    assert isinstance(got, Fraction), type(got)
    assert got == expected, (got, expected)


@given(data=exact_data(), w=fractions, b=fractions)
def test_conventions_scale_by_two_and_by_n(data: Data, w: Fraction, b: Fraction) -> None:
    xs, ys = data
    n = len(xs)
    half, mse, sse = (linreg.loss(xs, ys, w, b, convention=c) for c in CONVENTIONS)
    assert mse == 2 * half and sse == n * mse, (half, mse, sse)
    g_half, g_mse, g_sse = (linreg.gradient(xs, ys, w, b, convention=c) for c in CONVENTIONS)
    assert (g_mse.dw, g_mse.db) == (2 * g_half.dw, 2 * g_half.db), (g_half, g_mse)
    assert (g_sse.dw, g_sse.db) == (n * g_mse.dw, n * g_mse.db), (g_mse, g_sse)


@pytest.mark.parametrize("convention", CONVENTIONS)
@given(data=exact_data(), w=fractions, b=fractions, h=positive_fractions)
def test_gradient_equals_central_difference_exactly(
    convention: str, data: Data, w: Fraction, b: Fraction, h: Fraction
) -> None:
    """The loss is quadratic, so (L(θ + h) − L(θ − h))/2h is its derivative for ANY step h."""
    xs, ys = data
    g = linreg.gradient(xs, ys, w, b, convention=convention)
    by_w = (
        loss_by_definition(xs, ys, w + h, b, convention)
        - loss_by_definition(xs, ys, w - h, b, convention)
    ) / (2 * h)
    by_b = (
        loss_by_definition(xs, ys, w, b + h, convention)
        - loss_by_definition(xs, ys, w, b - h, convention)
    ) / (2 * h)
    assert g.dw == by_w, ("∂L/∂W", g.dw, by_w)
    assert g.db == by_b, ("∂L/∂b", g.db, by_b)


@given(data=exact_data(), w=fractions, b=fractions, h=positive_fractions)
def test_central_difference_check_catches_a_gradient_missing_its_factor_two(
    data: Data, w: Fraction, b: Fraction, h: Fraction
) -> None:
    """Meta-test: the exact check above fails for the commonest bug (MSE gradient without the 2)."""
    xs, ys = data
    wrong = linreg.gradient(xs, ys, w, b, convention="half_mse")  # what a buggy MSE would return
    by_w = (
        loss_by_definition(xs, ys, w + h, b, "mse") - loss_by_definition(xs, ys, w - h, b, "mse")
    ) / (2 * h)
    assume(by_w != 0)
    assert wrong.dw != by_w, (wrong.dw, by_w)


@given(data=exact_data(min_size=2, max_size=7))
def test_gradient_is_exactly_zero_at_the_exact_least_squares_optimum(data: Data) -> None:
    xs, ys = data
    optimum = linreg.least_squares(xs, ys)
    for convention in CONVENTIONS:
        g = linreg.gradient(xs, ys, optimum.w, optimum.b, convention=convention)
        assert g == (0, 0), (convention, optimum, g)


@given(data=exact_data(min_size=1, max_size=7))
def test_gradient_is_exactly_zero_at_the_line_through_the_origin_for_w_alone(data: Data) -> None:
    xs, ys = data
    optimum = linreg.least_squares(xs, ys, intercept=False)
    assert optimum.b == 0
    assert linreg.gradient(xs, ys, optimum.w, 0 * optimum.w).dw == 0, optimum


def _magnitudes(xs: List[float], ys: List[float], w: float, b: float) -> Tuple[float, float]:
    """Σ(|rᵢ| + mᵢ)² and Σ(|rᵢ| + mᵢ)·|xᵢ| with mᵢ = |W·xᵢ| + |b| + |yᵢ|, rᵢ computed exactly."""
    sq = lin = 0.0
    for x, y in zip(xs, ys):
        r = abs(Fraction(w) * Fraction(x) + Fraction(b) - Fraction(y))
        m = abs(w * x) + abs(b) + abs(y)
        sq += float(r + Fraction(m)) ** 2
        lin += float(r + Fraction(m)) * abs(x)
    return sq, lin


@pytest.mark.parametrize("convention", CONVENTIONS)
@given(data=float_data(), w=st.floats(-100, 100), b=st.floats(-1e4, 1e4))
def test_float_gradient_agrees_with_central_difference_within_rounding_bound(
    convention: str, data: FloatData, w: float, b: float
) -> None:
    """The float ∂L/∂W agrees with (L̃(W₊) − L̃(W₋))/(W₊ − W₋) within a bound derived from ε.

    Derivation.  Each computed residual r̃ᵢ = fl(fl(fl(W·xᵢ) + b) − yᵢ) is within
    3ε·mᵢ of rᵢ, mᵢ = |W·xᵢ| + |b| + |yᵢ|; squaring, the correctly rounded fsum and
    the final division add a few ε relative, so |L̃ − L| ≤ E = 8ε·c·Σ(|rᵢ| + mᵢ)²
    (c the convention's constant).  The difference quotient over the actual float
    points W₊ = fl(W + h), W₋ = fl(W − h) is, for a quadratic, exactly ∂L/∂W at
    their midpoint, which is at most ulp(W) from W, moving ∂L/∂W by at most
    ∂²L/∂W²·ulp(W).  The analytic float gradient errs by at most
    8ε·2c·Σ(|rᵢ| + mᵢ)·|xᵢ|.  Hence

        |quotient − ∂̃L/∂W| ≤ 2E/(W₊ − W₋) + ∂²L/∂W²·ulp(W) + 8ε·2c·Σ(|rᵢ| + mᵢ)·|xᵢ|,

    with E taken at the larger of the two perturbed points.  Below the normal range each
    operation can also err by an absolute 2⁻¹⁰⁷⁴ (underflow), ~4N of them per evaluation.
    The step h = 2⁻⁴·(1 + |W|) keeps the first term small without leaving the float range.
    """
    xs, ys = data
    n = len(xs)
    c = {"half_mse": 1 / (2 * n), "mse": 1 / n, "sse": 1.0}[convention]
    h = (1 + abs(w)) / 16
    w_plus, w_minus = w + h, w - h
    quotient = (
        linreg.loss(xs, ys, w_plus, b, convention=convention)
        - linreg.loss(xs, ys, w_minus, b, convention=convention)
    ) / float(Fraction(w_plus) - Fraction(w_minus))
    g = linreg.gradient(xs, ys, w, b, convention=convention)
    e = 8 * EPS * c * max(_magnitudes(xs, ys, w_plus, b)[0], _magnitudes(xs, ys, w_minus, b)[0])
    e += 4 * n * TINY  # underflow: an absolute 2⁻¹⁰⁷⁴ per operation below the normal range
    curvature = 2 * c * sum(x * x for x in xs)
    ulp = abs(w) * EPS
    bound = (
        2 * e / float(Fraction(w_plus) - Fraction(w_minus))
        + curvature * ulp
        + 8 * EPS * 2 * c * _magnitudes(xs, ys, w, b)[1]
        + 4 * n * TINY
    )
    assert abs(quotient - g.dw) <= bound, (quotient, g.dw, bound)


@given(data=float_data(min_size=3), w=st.floats(-100, 100), b=st.floats(-1e4, 1e4))
def test_float_central_difference_bound_is_tight_enough_to_catch_a_factor_of_two(
    data: FloatData, w: float, b: float
) -> None:
    """Meta-test: where ∂L/∂W is not lost in rounding, the bound rejects a gradient off by 2."""
    xs, ys = data
    g = linreg.gradient(xs, ys, w, b, convention="half_mse")
    g_mse = linreg.gradient(xs, ys, w, b, convention="mse")
    n = len(xs)
    _, lin = _magnitudes(xs, ys, w, b)
    assume(abs(float(g.dw)) > 1e6 * EPS * lin / n)
    assert abs(float(g_mse.dw) - float(g.dw)) > 8 * EPS * 2 * lin / n, (g.dw, g_mse.dw)


@given(data=float_data(), w=st.floats(-100, 100), b=st.floats(-1e4, 1e4))
def test_float_loss_is_within_rounding_bound_of_the_exact_loss_of_the_same_floats(
    data: FloatData, w: float, b: float
) -> None:
    xs, ys = data
    exact = loss_by_definition(
        [Fraction(x) for x in xs], [Fraction(y) for y in ys], Fraction(w), Fraction(b), "half_mse"
    )
    got = linreg.loss(xs, ys, w, b)
    # Relative rounding as derived above, plus underflow: each of the ~4N operations can
    # also err by an absolute 2⁻¹⁰⁷⁴ once values fall below the normal range.
    bound = 8 * EPS * _magnitudes(xs, ys, w, b)[0] / (2 * len(xs)) + 4 * len(xs) * TINY
    assert abs(Fraction(got) - exact) <= Fraction(bound), (got, float(exact), bound)


def test_float_data_give_float_results_and_fraction_data_give_fractions() -> None:
    xs, ys = [0.0, 1.0, 2.0], [1.0, 3.0, 4.0]
    assert type(linreg.loss(xs, ys, 2.0, 1.0)) is float
    assert type(linreg.gradient(xs, ys, 2.0, 1.0).dw) is float
    fx, fy = [Fraction(v) for v in xs], [Fraction(v) for v in ys]
    assert type(linreg.loss(fx, fy, Fraction(2), Fraction(1))) is Fraction
    assert type(linreg.gradient(fx, fy, Fraction(2), Fraction(1)).db) is Fraction
