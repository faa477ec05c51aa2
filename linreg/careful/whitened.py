"""fit for d features: gradient descent in whitened coordinates, where the Hessian is I.

The one-feature fit (:mod:`linreg.careful.fit`) standardizes x, so that the Hessian is the
identity and one step of size 1 reaches least squares.  With d features, scaling each
column is not enough: the columns are correlated (x and x² always are), and the Hessian
H = (2/d_L)·A stays far from I.  The d-feature form of standardizing is *whitening*:
coordinates u = Lᵀθ, with L·Lᵀ = H (a Cholesky factor), in which the Hessian is I.  Gradient descent
in u, mapped back to θ, is

    u ← u − α·∇ᵤL    ⟺    θ ← θ − α·H⁻¹·∇L(θ)

(∇ᵤL = L⁻¹·∇L, and θ = L⁻ᵀu): the gradient step preconditioned by the inverse Hessian.
With H⁻¹·∇L computed exactly (:func:`linreg.careful.normal_equations.solve` on the exact
normal equations A, since H⁻¹·∇L = A⁻¹·(Aθ − v)), the error shrinks by exactly |1 − α| per
step, whatever the conditioning, and α = 1 lands on least squares in one step.  Each step
is computed exactly from the exact statistics and rounded once; descent stops at the
rounding floor, where a step no longer moves the rounded point, or at ``tolerance``.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional, Sequence

from ..core.numbers import Real
from ..errors import FloatRangeError
from .exact import Ratio, rounded
from .gram import Gram
from .normal_equations import normal_matrix, solve

#: Far more than whitened descent needs (one step at α = 1; |1 − α| per step otherwise).
MAX_ITERATIONS = 1000


class FeatureCheckpoint(NamedTuple):
    """The state after ``iteration`` steps: w, b, and the loss there."""

    iteration: int
    w: List[Real]
    b: Real
    loss: Real


class FeatureFit(NamedTuple):
    """The fitted weights and how descent got there."""

    w: List[Real]
    b: Real
    iterations: int
    converged: bool
    method: str  # what was done, in words, for a report
    history: List[FeatureCheckpoint]


def descend(
    g: Gram,
    *,
    intercept: bool,
    names: Sequence[str],
    divisor: int,
    learning_rate: Ratio,
    tolerance: Optional[Ratio],
    max_iterations: int,
    exact: Optional[type],
) -> FeatureFit:
    """Whitened descent from θ = 0; every step exact, the point rounded after each."""
    a, v = normal_matrix(g, intercept=intercept)
    p = len(a)
    theta: List[Real] = [rounded(Ratio(0), exact)] * p
    history: List[FeatureCheckpoint] = []
    converged = False
    k = 0
    while True:
        exact_theta = [Ratio.of(t) for t in theta]
        residual = [dot_row - vi for dot_row, vi in zip(_times(a, exact_theta), v)]  # Aθ − v
        history.append(_checkpoint(g, k, theta, intercept, divisor, exact))
        if tolerance is not None and max(abs(2 * e / divisor) for e in residual) <= tolerance:
            converged = True
            break
        if k == max_iterations:
            break
        direction = solve(a, residual, names)  # A⁻¹(Aθ − v) = H⁻¹∇L
        new = [rounded(t - learning_rate * d, exact) for t, d in zip(exact_theta, direction)]
        if new == theta:  # the rounding floor: a step no longer moves the point
            converged = True
            break
        theta = new
        k += 1
    w, b = (theta[:-1], theta[-1]) if intercept else (theta, rounded(Ratio(0), exact))
    method = (
        "gradient descent in whitened coordinates, where the Hessian is the identity, with"
        " step %s: θ ← θ − α·H⁻¹·∇L, each step exact, rounded once" % _shown(learning_rate)
    )
    return FeatureFit(w, b, k, converged, method, history)


def _times(a: Sequence[Sequence[Ratio]], x: Sequence[Ratio]) -> List[Ratio]:
    out = []
    for row in a:
        total = Ratio(0)
        for e, xj in zip(row, x):
            total = total + e * xj
        out.append(total)
    return out


def _checkpoint(
    g: Gram, k: int, theta: Sequence[Real], intercept: bool, divisor: int, exact: Optional[type]
) -> FeatureCheckpoint:
    w = list(theta[:-1]) if intercept else list(theta)
    b = theta[-1] if intercept else rounded(Ratio(0), exact)
    loss = g.sum_of_squares([Ratio.of(x) for x in w], Ratio.of(b)) / divisor
    try:
        value = rounded(loss, exact)
    except FloatRangeError:
        raise FloatRangeError(
            "the loss after %d steps of fit, recorded in its history, is about 10^%d: beyond"
            " the float range (rescale y, or use Fraction values)" % (k, loss.log10()),
            quantity="the loss",
        ) from None
    return FeatureCheckpoint(k, w, b, value)


def _shown(alpha: Ratio) -> str:
    return "1" if alpha == 1 else "%.6g" % float(alpha)
