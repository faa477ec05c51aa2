"""The Hessian, the stability bound 2/λmax, and what they promise about descent."""

from fractions import Fraction
from typing import List, Union

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import Data, exact_data, fractions

import linreg
from linreg.careful.stability import iterations_to_reach

# Symmetric x (Σx = 0) make the half-MSE Hessian diagonal, diag(mean(x²), 1), so its
# eigenvalues are known in closed form and rational: an exact route to the bound.
SYMMETRIC = [Fraction(-3), Fraction(-1), Fraction(1), Fraction(3)]  # mean(x²) = 5


def test_hessian_entries_are_the_second_derivatives() -> None:
    xs = [Fraction(1), Fraction(2), Fraction(4)]
    # L = (1/2N)·Σ(W·x + b − y)²: ∂²L/∂W² = Σx²/N, ∂²L/∂W∂b = Σx/N, ∂²L/∂b² = 1
    assert linreg.stability(xs).hessian == (Fraction(21, 3), Fraction(7, 3), Fraction(1))
    assert linreg.stability(xs, convention="sse").hessian == (
        Fraction(42),
        Fraction(14),
        Fraction(6),
    )
    assert linreg.stability(xs, intercept=False).hessian == (Fraction(7), 0, 0)


def test_eigenvalues_of_a_diagonal_hessian_are_its_diagonal() -> None:
    s = linreg.stability(SYMMETRIC)
    assert (s.lambda_min, s.lambda_max) == (1.0, 5.0), s
    assert s.max_learning_rate == 2 / 5 and s.best_learning_rate == 2 / 6, s
    assert s.condition_number == 5.0


@given(data=exact_data())
def test_eigenvalues_satisfy_trace_and_determinant(data: Data) -> None:
    xs, _ = data
    s = linreg.stability(xs)
    h = s.hessian
    trace, det = h.ww + h.bb, h.ww * h.bb - h.wb * h.wb
    assert s.lambda_min + s.lambda_max == pytest.approx(float(trace), rel=1e-12), (s, trace)
    assert s.lambda_min * s.lambda_max == pytest.approx(float(det), rel=1e-12), (s, det)


def test_stability_is_decided_exactly_at_the_bound() -> None:
    bound = Fraction(2, 5)  # 2/λmax for SYMMETRIC, exactly
    tiny = Fraction(1, 10**30)
    s = linreg.stability(SYMMETRIC)
    assert not s.is_stable(bound)
    assert s.is_stable(bound - tiny)
    assert not s.is_stable(bound + tiny)
    # Through the origin: λ = Σx²/N = 5 again.
    through_origin = linreg.stability(SYMMETRIC, intercept=False)
    assert not through_origin.is_stable(bound)
    assert through_origin.is_stable(bound - tiny)


def test_unstable_rate_is_refused_with_the_bound_and_the_rate_in_the_message() -> None:
    ys = [Fraction(0)] * 4
    with pytest.raises(linreg.UnstableLearningRateError) as caught:
        linreg.train(
            SYMMETRIC, ys, Fraction(0), Fraction(0), learning_rate=Fraction(2, 5), iterations=3
        )
    assert "2/5" in str(caught.value) and "0.4" in str(caught.value), str(caught.value)
    assert caught.value.bound == 0.4 and caught.value.learning_rate == Fraction(2, 5)
    assert isinstance(caught.value, ValueError)


def test_a_rate_above_the_bound_really_diverges() -> None:
    """Justifies the refusal: single steps at α = 2/λmax + δ make the error grow."""
    xs, ys = SYMMETRIC, [Fraction(0)] * 4  # optimum W = b = 0
    w: Union[float, Fraction] = Fraction(1)  # the error lies along the steep eigenvector (W)
    b: Union[float, Fraction] = Fraction(0)
    alpha = Fraction(2, 5) + Fraction(1, 100)
    for _ in range(5):
        w, b = linreg.step(xs, ys, w, b, learning_rate=alpha)
    assert abs(Fraction(w)) > 1, w


@given(
    data=exact_data(max_size=6),
    w=fractions,
    b=fractions,
    share=st.fractions(Fraction(1, 100), Fraction(999, 1000)),
)
def test_a_step_below_the_bound_never_increases_the_loss(
    data: Data, w: Fraction, b: Fraction, share: Fraction
) -> None:
    """L(θ − α∇L) − L(θ) = −α·gᵀ(I − (α/2)·H)·g ≤ 0 whenever α < 2/λmax (exact arithmetic)."""
    xs, ys = data
    s = linreg.stability(xs)
    alpha = share * Fraction(s.max_learning_rate)
    assume(s.is_stable(alpha))
    after = linreg.step(xs, ys, w, b, learning_rate=alpha)
    assert linreg.loss(xs, ys, after.w, after.b) <= linreg.loss(xs, ys, w, b), (alpha, after)


@given(
    data=exact_data(max_size=5),
    share=st.fractions(Fraction(1, 10), Fraction(19, 10)),
    steps=st.integers(1, 6),
)
def test_error_shrinks_at_least_by_the_contraction_factor_each_step(
    data: Data, share: Fraction, steps: int
) -> None:
    """‖θₖ − θ*‖ ≤ ρᵏ·‖θ₀ − θ*‖ with ρ = max|1 − α·λ| (I − αH is symmetric)."""
    xs, ys = data
    s = linreg.stability(xs)
    alpha = share / Fraction(s.lambda_max)
    assume(s.is_stable(alpha))
    rho = s.contraction(alpha)
    optimum = linreg.least_squares(xs, ys)
    w, b = optimum.w + 1, optimum.b - 2
    start = float((w - optimum.w) ** 2 + (b - optimum.b) ** 2) ** 0.5
    for _ in range(steps):
        w, b = linreg.step(xs, ys, w, b, learning_rate=alpha)
    error = float((w - optimum.w) ** 2 + (b - optimum.b) ** 2) ** 0.5
    # 1e-9 relative slack: ρ and the norms are floats computed from exact values.
    assert error <= rho**steps * start * (1 + 1e-9), (error, rho, steps, start)


@pytest.mark.parametrize(
    "rho, error, target, expected",
    [
        (0.5, 1.0, 0.25, 2),
        (0.5, 1.0, 0.3, 2),
        (0.5, 1.0, 0.5, 1),
        (0.9, 0.01, 0.1, 0),
        (0.0, 5.0, 1e-9, 1),
    ],
)
def test_iterations_to_reach_solves_rho_to_the_k_times_error_below_target(
    rho: float, error: float, target: float, expected: int
) -> None:
    assert iterations_to_reach(rho, error, target) == expected


def test_constant_x_has_no_stability_spectrum_but_a_bound() -> None:
    xs: List[Fraction] = [Fraction(2)] * 3
    with pytest.raises(linreg.DataError, match="x is constant"):
        linreg.stability(xs)
    with pytest.warns(DeprecationWarning, match="stability"):
        assert linreg.stable_learning_rate(xs) == 2 / 5  # λmax = 1 + x² = 5, λmin = 0
    # train still descends on constant x (along the one curved direction) below that bound.
    ys = [Fraction(1), Fraction(2), Fraction(3)]
    with pytest.raises(linreg.UnstableLearningRateError):
        linreg.train(xs, ys, Fraction(0), Fraction(0), learning_rate=Fraction(2, 5), iterations=1)
    linreg.train(xs, ys, Fraction(0), Fraction(0), learning_rate=Fraction(1, 5), iterations=1)
