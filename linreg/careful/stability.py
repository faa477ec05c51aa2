"""How large a learning rate gradient descent can take, from the Hessian of the loss.

The loss L = (1/d)·Σ(W·xᵢ + b − yᵢ)² is quadratic in (W, b), so its Hessian is a
constant that depends on x alone:

    H = (2/d)·⎡ Σxᵢ²  Σxᵢ ⎤
              ⎣ Σxᵢ   N   ⎦

One step θ ← θ − α·∇L(θ) moves the error e = θ − θ* to (I − α·H)·e.  Along the
eigenvector of eigenvalue λ the error is multiplied by 1 − α·λ, so descent converges
exactly when |1 − α·λ| < 1 for both eigenvalues, that is when

    0 < α < 2/λmax,

and the error then shrinks at least by the contraction factor
ρ = max(|1 − α·λmin|, |1 − α·λmax|) per step.  When x lies far from 0, λmax ≈ (2/d)·Σxᵢ²
is large and λmin small: the bound forces a small α, and the error along the flat
direction shrinks by only 1 − α·λmin per step.

The eigenvalues are irrational in general, so they are floats.  Whether a given α is
stable is decided exactly all the same, by :func:`is_stable`, from the exact Hessian.
"""

from __future__ import annotations

import math
import sys
from typing import NamedTuple, Tuple

from ..core.numbers import Real, readable, tuple_repr
from ..errors import DataError, FloatRangeError, ParameterError, UnstableLearningRateError
from .exact import Ratio


class Hessian(NamedTuple):
    """The second partial derivatives of the loss (exact, in the data's number type)."""

    ww: Real  # ∂²L/∂W² = (2/d)·Σxᵢ²
    wb: Real  # ∂²L/∂W∂b = (2/d)·Σxᵢ
    bb: Real  # ∂²L/∂b² = (2/d)·N

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


class Stability(NamedTuple):
    """The spectrum of the Hessian and what it implies for the learning rate."""

    lambda_min: float  # smallest eigenvalue of H: curvature along the flattest direction
    lambda_max: float  # largest eigenvalue of H: curvature along the steepest direction
    max_learning_rate: float  # 2/λmax: descent diverges at or above it
    best_learning_rate: float  # 2/(λmin + λmax): the fixed step that converges fastest
    condition_number: float  # κ = λmax/λmin
    hessian: Hessian  # the matrix itself, exact for Fraction data

    def contraction(self, learning_rate: Real) -> float:
        """ρ = max(|1 − α·λmin|, |1 − α·λmax|): the error shrinks at least this much per step.

        Raises ParameterError unless α is a number > 0, FloatRangeError if ρ overflows.
        """
        alpha = _rate(learning_rate)
        if alpha <= 0:
            raise ParameterError(
                "the learning rate must be greater than 0, not %s" % readable(learning_rate)
            )
        rho = max(abs(1 - float(alpha) * self.lambda_min), abs(1 - float(alpha) * self.lambda_max))
        if not math.isfinite(rho):
            raise FloatRangeError(
                "the contraction factor for learning rate %s is beyond the float range"
                % readable(learning_rate),
                quantity="the contraction factor",
            )
        return rho

    def is_stable(self, learning_rate: Real) -> bool:
        """Whether 0 < α < 2/λmax, decided exactly on this Hessian (see :func:`is_stable`).

        Raises ParameterError unless α is a finite real number.
        """
        h = [Ratio.of(v) for v in self.hessian]
        return is_stable(_rate(learning_rate), h[0], h[1], h[2])

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def _rate(value: object) -> Ratio:
    """A learning rate given to a Stability method, exactly; ParameterError for anything
    but a finite real number (int, float, Fraction, or a NumPy scalar of one)."""
    if isinstance(value, bool) or not hasattr(value, "as_integer_ratio"):
        raise ParameterError("the learning rate must be a real number, not %r" % (value,))
    try:
        num, den = value.as_integer_ratio()
        if not den:
            raise ValueError("a zero denominator")
        return Ratio(int(num), int(den))
    except (ArithmeticError, TypeError, ValueError):  # NaN, infinity, or no ratio at all
        raise ParameterError(
            "the learning rate must be a finite real number, not %s" % readable(value)
        ) from None


def exact_hessian(
    n: int, sx: Ratio, sxx: Ratio, divisor: int, *, intercept: bool
) -> Tuple[Ratio, Ratio, Ratio]:
    """H = (2/d)·[[Σx², Σx], [Σx, N]]; without an intercept b does not move: [[(2/d)·Σx², 0],
    [0, 0]]."""
    two_over_d = Ratio(2, divisor)
    if not intercept:
        return two_over_d * sxx, Ratio(0), Ratio(0)
    return two_over_d * sxx, two_over_d * sx, two_over_d * n


def is_stable(alpha: Ratio, ww: Ratio, wb: Ratio, bb: Ratio) -> bool:
    """Whether 0 < α < 2/λmax, exactly, without computing λmax.

    With t = 2/α, α·λmax < 2 means λmax < t.  λmax is the larger root of
    p(t) = t² − tr·t + det, an upward parabola, so t lies beyond it exactly when
    t > tr/2 (right of the vertex) and p(t) > 0.
    """
    if alpha <= 0:
        return False
    t = 2 / alpha
    trace, determinant = ww + bb, ww * bb - wb * wb
    return t > trace / 2 and t * t - trace * t + determinant > 0


def refuse_unstable(
    alpha: Real, n: int, sx: Ratio, sxx: Ratio, divisor: int, *, intercept: bool, convention: str
) -> None:
    """UnstableLearningRateError, naming α and 2/λmax, unless α < 2/λmax (decided exactly)."""
    ww, wb, bb = exact_hessian(n, sx, sxx, divisor, intercept=intercept)
    if is_stable(Ratio.of(alpha), ww, wb, bb):
        return
    bound = 2 / largest_eigenvalue(ww, wb, bb)
    raise UnstableLearningRateError(
        "learning rate %s is at or above the stability bound 2/λmax = %.6g for this data and"
        " the %s loss: gradient descent would diverge; use a rate below %.6g"
        % (readable(alpha), bound, convention, bound),
        learning_rate=alpha,
        bound=bound,
    )


def largest_eigenvalue(ww: Ratio, wb: Ratio, bb: Ratio) -> float:
    """λmax = (Hww + Hbb)/2 + √(((Hww − Hbb)/2)² + Hwb²), rounded a few times at most.

    Both terms are ≥ 0, so nothing cancels, and halving before the square root keeps every
    intermediate within the float range whenever λmax itself is.
    """
    lambda_max = float((ww + bb) / 2) + math.hypot(float((ww - bb) / 2), float(wb))
    if not math.isfinite(lambda_max):
        raise FloatRangeError(
            "λmax, the Hessian's largest eigenvalue, is beyond the float range", quantity="λmax"
        )
    return lambda_max


def spectrum(ww: Ratio, wb: Ratio, bb: Ratio, *, intercept: bool) -> Tuple[float, float]:
    """(λmin, λmax); DataError where the loss is flat along some direction."""
    if ww == 0:
        raise DataError("every x is 0: the loss does not depend on W, so W has no optimum")
    if not intercept:
        lambda_only = float(ww)  # b is fixed: one direction, one curvature
        if lambda_only == 0:
            raise FloatRangeError(
                "λ = (2/d)·Σxᵢ², the loss's curvature, is about 10^%d: below the float range"
                " (x is too small for floats; rescale x or use Fraction values)" % ww.log10(),
                quantity="λ",
            )
        return lambda_only, lambda_only
    determinant = ww * bb - wb * wb  # exact: (2/d)²·N·Σ(xᵢ − x̄)², zero only for constant x
    if determinant == 0:
        raise DataError(
            "x is constant: the loss is flat along one direction (λmin = 0), so W and b have no"
            " unique optimum"
        )
    lambda_max = largest_eigenvalue(ww, wb, bb)
    # λmin = det/λmax, divided exactly and rounded once: no subtraction of close numbers.
    lambda_min = float(determinant / Ratio.of(lambda_max))
    if lambda_min == 0:
        raise FloatRangeError(
            "λmin, the Hessian's smallest eigenvalue, is about 10^%d: below the float range"
            " (the spread of x is too small for floats; rescale x or use Fraction values)"
            % (determinant / Ratio.of(lambda_max)).log10(),
            quantity="λmin",
        )
    return lambda_min, lambda_max


def stability_of(
    ww: Ratio, wb: Ratio, bb: Ratio, hessian: Hessian, *, intercept: bool
) -> Stability:
    """The spectrum and the learning rates it implies, every one a finite float."""
    lambda_min, lambda_max = spectrum(ww, wb, bb, intercept=intercept)
    # κ = λmax/λmin = λmax²/det, formed exactly so that its range is judged, not guessed.
    kappa = Ratio.of(lambda_max) / Ratio.of(lambda_min)
    if kappa.log10() > 308 or (kappa.log10() == 308 and kappa > Ratio.of(sys.float_info.max)):
        raise FloatRangeError(
            "the condition number λmax/λmin is about 10^%d: beyond the float range"
            " (x is nearly constant for floats; rescale x or use Fraction values)" % kappa.log10(),
            quantity="the condition number",
        )
    bounds = (2 / lambda_max, 2 / (lambda_min + lambda_max))
    if not all(math.isfinite(v) and v > 0 for v in bounds):
        raise FloatRangeError(
            "2/λmax is beyond the float range (λmax = %r): rescale x" % (lambda_max,),
            quantity="2/λmax",
        )
    return Stability(lambda_min, lambda_max, bounds[0], bounds[1], float(kappa), hessian)


def iterations_to_reach(contraction: float, error: float, target: float) -> int:
    """Steps k with ρᵏ·error ≤ target: k = ⌈log(target/error) / log ρ⌉ (0 if already there)."""
    if error <= target:
        return 0
    if contraction == 0:
        return 1
    # log(target) − log(error), not log(target/error): the quotient may underflow to 0.
    return math.ceil((math.log(target) - math.log(error)) / math.log(contraction))
