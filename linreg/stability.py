"""How large a learning rate gradient descent can take, from the Hessian of the loss.

The loss L = c·Σ(W·xᵢ + b − yᵢ)² is quadratic in (W, b), so its Hessian is
constant and depends on x alone:

    H = 2c · ⎡ Σxᵢ²  Σxᵢ ⎤
             ⎣ Σxᵢ   N   ⎦

One step θ ← θ − α·∇L(θ) moves the error e = θ − θ* to (I − α·H)·e.  Along the
eigenvector of eigenvalue λ the error is multiplied by 1 − α·λ, so descent
converges exactly when |1 − α·λ| < 1 for both eigenvalues, that is when

    0 < α < 2/λmax,

and the error then shrinks at least by the contraction factor
ρ = max(|1 − α·λmin|, |1 − α·λmax|) per step.  When x lies far from 0, λmax ≈ 2c·Σxᵢ²
(mean(x²) for half-MSE) is large and λmin small: the bound forces a small α, and the error along the
flat direction shrinks by only 1 − α·λmin per step.

The eigenvalues are irrational in general, so they are floats.  Whether a given
α is stable is decided exactly all the same, by :func:`is_stable_learning_rate`.
"""

from __future__ import annotations

import math
from typing import Iterable, NamedTuple, Tuple

from ._exact import Ratio, x_moments
from ._numbers import Num, Real, check_number, check_positive, check_x, like
from .errors import DataError, LinregError, UnstableLearningRateError
from .gradient import gradient_constant


class Hessian(NamedTuple):
    """The second partial derivatives of the loss (exact, in the data's number type)."""

    ww: Real  # ∂²L/∂W² = 2c·Σxᵢ²
    wb: Real  # ∂²L/∂W∂b = 2c·Σxᵢ
    bb: Real  # ∂²L/∂b² = 2c·N


class Stability(NamedTuple):
    """The spectrum of the Hessian and what it implies for the learning rate."""

    lambda_min: float  # smallest eigenvalue of H: curvature along the flattest direction
    lambda_max: float  # largest eigenvalue of H: curvature along the steepest direction
    max_learning_rate: float  # 2/λmax: descent diverges at or above it
    best_learning_rate: float  # 2/(λmin + λmax): the fixed step that converges fastest
    condition_number: float  # λmax/λmin


def _exact_hessian(
    xs: Iterable[object], convention: str, intercept: bool
) -> Tuple[Ratio, Ratio, Ratio]:
    xs = list(xs)  # read once: a generator would be empty the second time
    check_x(xs, min_points=1)
    n, sx, sxx = x_moments(xs)
    num, den = gradient_constant(convention, n)
    two_c = Ratio(num, den)
    if not intercept:
        return two_c * sxx, Ratio(0), Ratio(0)
    return two_c * sxx, two_c * sx, two_c * n


def hessian(xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True) -> Hessian:
    """H = 2c·[[Σxᵢ², Σxᵢ], [Σxᵢ, N]]; without an intercept only ∂²L/∂W² = 2c·Σxᵢ² (the rest 0)."""
    xs = list(xs)
    ww, wb, bb = _exact_hessian(xs, convention, intercept)
    return Hessian(like(xs, ww), like(xs, wb), like(xs, bb))


def _eigenvalues(ww: Ratio, wb: Ratio, bb: Ratio, intercept: bool) -> Tuple[float, float]:
    if not intercept:
        return float(ww), float(ww)
    # λ = (tr ± √((Hww − Hbb)² + 4·Hwb²))/2.  The discriminant in this form is a sum of
    # squares (no cancellation), and λmin = det/λmax avoids subtracting two close numbers.
    trace = float(ww + bb)
    # hypot of the rounded parts: squaring first could overflow a float for huge x.
    root = math.hypot(float(ww - bb), 2 * float(wb))
    lambda_max = (trace + root) / 2
    determinant = ww * bb - wb * wb  # exact: 4c²·N·Σ(xᵢ − x̄)², zero only for constant x
    return float(determinant) / lambda_max, lambda_max


def stability(
    xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True
) -> Stability:
    """λmin, λmax, the bound 2/λmax, the best fixed step 2/(λmin + λmax) and λmax/λmin."""
    ww, wb, bb = _exact_hessian(xs, convention, intercept)
    if ww == 0:
        raise DataError("every x is 0: the loss does not depend on W, so W has no optimum")
    lambda_min, lambda_max = _eigenvalues(ww, wb, bb, intercept)
    if lambda_min == 0:
        raise DataError(
            "x is constant: the loss is flat along one direction (λmin = 0), so W and b have no"
            " unique optimum"
        )
    return Stability(
        lambda_min=lambda_min,
        lambda_max=lambda_max,
        max_learning_rate=2 / lambda_max,
        best_learning_rate=2 / (lambda_min + lambda_max),
        condition_number=lambda_max / lambda_min,
    )


def stable_learning_rate(
    xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True
) -> float:
    """2/λmax: gradient descent converges for learning rates strictly below it."""
    ww, wb, bb = _exact_hessian(xs, convention, intercept)
    lambda_max = _eigenvalues(ww, wb, bb, intercept)[1]
    if lambda_max == 0:
        raise DataError("every x is 0: the loss does not depend on W")
    return 2 / lambda_max


def is_stable_learning_rate(
    xs: Iterable[Num], learning_rate: Real, *, convention: str = "half_mse", intercept: bool = True
) -> bool:
    """Whether 0 < α < 2/λmax, decided exactly, without computing λmax.

    With t = 2/α, α·λmax < 2 means λmax < t.  λmax is the larger root of
    p(t) = t² − tr·t + det, an upward parabola, so t lies beyond it exactly when
    t > tr/2 (right of the vertex) and p(t) > 0.
    """
    check_number(learning_rate, "the learning rate")
    alpha = Ratio.of(learning_rate)
    if alpha <= 0:
        return False
    ww, wb, bb = _exact_hessian(xs, convention, intercept)
    t = 2 / alpha
    if not intercept:
        return t > ww
    trace, determinant = ww + bb, ww * bb - wb * wb
    return t > trace / 2 and t * t - trace * t + determinant > 0


def check_learning_rate(
    xs: Iterable[Num], learning_rate: Real, *, convention: str = "half_mse", intercept: bool = True
) -> None:
    """Raise UnstableLearningRateError, naming α and the bound, unless 0 < α < 2/λmax."""
    check_number(learning_rate, "the learning rate")
    if not learning_rate > 0:
        raise LinregError("the learning rate must be greater than 0, not %r" % (learning_rate,))
    if not is_stable_learning_rate(xs, learning_rate, convention=convention, intercept=intercept):
        bound = stable_learning_rate(xs, convention=convention, intercept=intercept)
        raise UnstableLearningRateError(
            "learning rate %s is at or above the stability bound 2/λmax = %.6g for this data"
            " and the %s loss: gradient descent would diverge; use a rate below %.6g"
            % (learning_rate, bound, convention, bound),
            learning_rate=learning_rate,
            bound=bound,
        )


def contraction_factor(
    xs: Iterable[Num], learning_rate: Real, *, convention: str = "half_mse", intercept: bool = True
) -> float:
    """ρ = max(|1 − α·λmin|, |1 − α·λmax|): the error shrinks at least this much per step."""
    check_positive(learning_rate, "the learning rate")
    return contraction(stability(xs, convention=convention, intercept=intercept), learning_rate)


def contraction(s: Stability, learning_rate: Real) -> float:
    """ρ = max(|1 − α·λmin|, |1 − α·λmax|) from a spectrum already computed."""
    alpha = float(learning_rate)
    return max(abs(1 - alpha * s.lambda_min), abs(1 - alpha * s.lambda_max))


def iterations_to_reach(contraction: float, error: float, target: float) -> int:
    """Steps k with ρᵏ·error ≤ target: k = ⌈log(target/error) / log ρ⌉ (0 if already there)."""
    if not (target > 0 and error >= 0):
        raise LinregError("need a target > 0 and an error ≥ 0, not %r and %r" % (target, error))
    if error <= target:
        return 0
    if not 0 <= contraction < 1:
        raise LinregError("contraction factor %r: descent does not converge" % (contraction,))
    if contraction == 0:
        return 1
    return math.ceil(math.log(target / error) / math.log(contraction))
