"""fit: gradient descent that needs no learning rate, in coordinates where the Hessian is I.

With a fixed small step, descent on data whose x lie far from 0 needs millions of steps:
the Hessian's condition number λmax/λmin is huge (see :mod:`linreg.careful.stability`).
That is a property of the coordinates, not of the problem.  Write x = x̄ + s·u, with x̄ the
mean of x and s² = (1/N)·Σ(xᵢ − x̄)², and the line as y = W′·u + b′, so that

    W = W′/s,    b = b′ − W·x̄.

In (W′, b′) the half-MSE Hessian is (1/N)·[[Σuᵢ², Σuᵢ], [Σuᵢ, N]] = [[1, 0], [0, 1]]:
both eigenvalues are 1, descent is stable for 0 < α < 2, and α = 1 = 2/(λmin + λmax) is the
best fixed step.  By the chain rule the gradient there is

    ∂L/∂W′ = ∂L/∂W·∂W/∂W′ + ∂L/∂b·∂b/∂W′ = (1/N)·Σrᵢ·(xᵢ − x̄)/s
    ∂L/∂b′ = ∂L/∂b = (1/N)·Σrᵢ

and a step of size α in (W′, b′), mapped back to (W, b), is

    ΔW = −α·(∂L/∂W′)/s = −α·(1/N)·Σrᵢ·(xᵢ − x̄)/s²
    Δb = −α·∂L/∂b′ − x̄·ΔW.

Every iteration is a plain gradient step, in other coordinates.  The gradient there
shrinks by exactly |1 − α| per step, so α = 1 lands on the least-squares line in one step
in exact arithmetic.  In floats a step or a few reach the *rounding floor*, where the
residuals themselves are rounding error; :func:`at_rounding_floor` and
:func:`gradient_stalled` are the two faces of that floor, and fit stops at it.

The three parts: :func:`standardize` (once), :func:`partials` and :func:`step` (each
iteration), and the floor rules.  In floats the line is kept as ŷ = W·(x − c) + ȳ + b_c
around the rounded centre c, so no residual adds large numbers that cancel; δ = x̄ − c,
what rounding the centre lost, is put back exactly in the gradient, and
b = ȳ + b_c − W·c is mapped back exactly and rounded once (docs/derivation.md §6).
Without an intercept the same holds with x̄ = 0 and s² = (1/N)·Σxᵢ².

>>> from linreg.careful.exact import moments
>>> xs, ys = [1000.0, 1001.0, 1002.0, 1003.0], [3.0, 5.0, 7.0, 9.0]
>>> z = standardize(xs, ys, moments(xs, ys), intercept=True, exact=None)
>>> result = descend(xs, ys, z, divisor=8, learning_rate=1, tolerance=None, max_iterations=10)
>>> result.w, result.b, result.converged
(2.0, -1997.0, True)
"""

from __future__ import annotations

import math
import sys
from operator import mul
from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional, Tuple, Type

from ..core.gradient import gradient
from ..core.model import loss
from ..core.numbers import Real, total
from ..errors import DataError, FloatRangeError
from .exact import Moments, Ratio, rounded
from .training import Checkpoint

if TYPE_CHECKING:
    from fractions import Fraction

#: Far more than standardized descent needs (a step or a few reach the rounding floor at
#: α = 1; a smaller α shrinks the gradient by 1 − α per step).
MAX_ITERATIONS = 1000


def describe(*, intercept: bool, learning_rate: Real) -> str:
    """What fit does, in words, for a report."""
    if learning_rate == 1:
        how = "step 1 = 2/(λmin + λmax)" if intercept else "step 1"
    else:
        how = "step %s" % learning_rate
    if intercept:
        return (
            "gradient descent in standardized coordinates u = (x − x̄)/s, where the Hessian is"
            " the identity, with %s; W and b mapped back" % how
        )
    return (
        "gradient descent in the scaled coordinate u = x/s, where the Hessian is 1, with %s;"
        " W mapped back" % how
    )


class Fit(NamedTuple):
    """The fitted line and how descent got there."""

    w: Real
    b: Real
    iterations: int
    converged: bool
    method: str  # what was done, in words, for a report
    learning_rate: Real  # α, the step in standardized coordinates (1 unless chosen)
    center: Real  # x̄, the centre of the standardization (0 without an intercept)
    scale_squared: Real  # s², the squared scale of the standardization
    history: List[Checkpoint]


class Standardized(NamedTuple):
    """The data in standardized coordinates: all that every step needs, worked out once."""

    intercept: bool
    exact: Optional[Type[Fraction]]  # the Fraction type for exact data, None for floats
    n: int
    center: Real  # c, x̄ rounded into the data's type (0 without an intercept)
    delta: Real  # δ = x̄ − c, what rounding the centre lost (0 for exact data)
    y_center: Real  # ȳ rounded into the data's type (0 without an intercept)
    scale_squared: Real  # s² = (1/N)·Σ(xᵢ − x̄)², or (1/N)·Σxᵢ² through the origin
    d: List[Real]  # xᵢ − c
    e: List[Real]  # yᵢ − ȳ
    d_max: float  # max|xᵢ − c| and max|yᵢ − ȳ|: the scale of a residual's terms
    e_max: float


def standardize(
    xs: List[Any], ys: List[Any], m: Moments, *, intercept: bool, exact: Optional[Type[Fraction]]
) -> Standardized:
    """x̄, s² and the centred data, from the exact moments; DataError if x has no spread."""
    if intercept:
        mean_x = m.sx / m.n  # x̄, exact
        spread = m.centered_sxx / m.n  # s² = (1/N)·Σ(xᵢ − x̄)², exact
        if spread == 0:
            raise DataError("x is constant: the slope of the line is undetermined")
        center = rounded(mean_x, exact)
        # δ = x̄ − c, what rounding the centre lost; the gradient puts it back, so the
        # Hessian in (W′, b′) is the identity however close together the x are.
        delta = rounded(mean_x - Ratio.of(center), exact)
        y_center = rounded(m.sy / m.n, exact)
    else:
        spread = m.sxx / m.n  # s² = (1/N)·Σxᵢ², exact
        if spread == 0:
            raise DataError("every x is 0: the line through the origin is undetermined")
        center = delta = y_center = rounded(Ratio(0), exact)
    scale_squared = rounded(spread, exact)
    if scale_squared == 0:
        raise FloatRangeError(
            "the spread of x is below the float range; rescale x or use Fraction values"
        )
    # The line is kept as ŷ = W·(x − c) + ȳ + b_c: b_c is its height at x = c above the mean
    # of y, so a residual never adds large numbers that cancel (W·xᵢ and b when x lies far
    # from 0, or b_c and yᵢ when y does).  Both differences are formed once, here.
    d = [x - center for x in xs]
    e = [y - y_center for y in ys]
    d_max = max(abs(float(v)) for v in d)
    e_max = max(abs(float(v)) for v in e)
    return Standardized(
        intercept, exact, m.n, center, delta, y_center, scale_squared, d, e, d_max, e_max
    )


def partials(z: Standardized, w: Real, b_c: Real) -> Tuple[Real, Real]:
    """(g_w, g_b) = ((1/N)·Σrᵢ·(xᵢ − x̄), (1/N)·Σrᵢ): s·∂L/∂W′ and ∂L/∂b′ for half-MSE."""
    r = [(b_c - ei) + w * di for di, ei in zip(z.d, z.e)]  # rᵢ = W·(xᵢ − c) + ȳ + b_c − yᵢ
    g_b = total(r) / z.n if z.intercept else 0 * z.delta  # ∂L/∂b′ = (1/N)·Σrᵢ
    # Σrᵢ·(xᵢ − x̄) = Σrᵢ·(xᵢ − c) − δ·Σrᵢ: the rounding of the centre, put back.
    g_w = total(list(map(mul, r, z.d))) / z.n - z.delta * g_b
    return g_w, g_b


def step(z: Standardized, g_w: Real, g_b: Real, learning_rate: Real) -> Tuple[Real, Real]:
    """(ΔW, Δb_c) for a step α in (W′, b′): ΔW = −α·(∂L/∂W′)/s = −α·g_w/s²."""
    dw = -(learning_rate * g_w / z.scale_squared)
    db_c = -(learning_rate * g_b) - z.delta * dw  # Δb_c = Δb′ − δ·ΔW, since b′ = b_c + W·δ
    return dw, db_c


def gradient_size(z: Standardized, g_w: Real, g_b: Real) -> Real:
    """A measure of max(|∂L/∂W′|, |∂L/∂b′|) (∂L/∂W′ = g_w/s) that only grows with it.

    Floats: the magnitudes themselves (their squares could underflow to 0 for tiny data).
    Exact data: their squares, since s = √s² may be irrational.
    """
    if z.exact is None:
        return max(abs(float(g_w)) / math.sqrt(float(z.scale_squared)), abs(float(g_b)))
    return max(g_w * g_w / z.scale_squared, g_b * g_b)


def gradient_stalled(previous: Optional[Real], size: Real) -> bool:
    """The first face of the rounding floor: a step that did not shrink the gradient.

    In exact arithmetic the standardized gradient is multiplied by 1 − α at every step
    (the Hessian is I), so for 0 < α < 2 it only shrinks.  A step after which it did not
    shrink moved by rounding error alone.
    """
    return previous is not None and size >= previous


#: A float residual rᵢ = (b_c − eᵢ) + W·dᵢ is formed with three roundings, each off by at
#: most u = ε/2 of its result, so it errs by at most about 2u·(|b_c| + |eᵢ| + |W·dᵢ|) =
#: ε·(|b_c| + |eᵢ| + |W·dᵢ|); their mean g_b, correctly rounded by fsum, errs by no more.
#: A step Δb_c = −α·g_b at most twice that large is indistinguishable from that error.
FLOOR_ULPS = 2


def at_rounding_floor(z: Standardized, w: Real, b_c: Real, dw: Real, db_c: Real) -> bool:
    """The second face of the rounding floor: a step that would change no residual.

    True when W + ΔW == W and Δb_c either leaves b_c unchanged or is within the rounding
    error of the residuals it would be added to (see :data:`FLOOR_ULPS`).  Never true for
    exact data except at a fixed point.
    """
    if w + dw != w:
        return False
    if b_c + db_c == b_c:
        return True
    if z.exact is not None:
        return False
    residual_scale = abs(float(b_c)) + z.e_max + abs(float(w)) * z.d_max
    return abs(float(db_c)) <= FLOOR_ULPS * sys.float_info.epsilon * residual_scale


def intercept_of(z: Standardized, w: Real, b_c: Real) -> Real:
    """b = ȳ + b_c − W·c, computed exactly and rounded once (the terms may nearly cancel)."""
    if not z.intercept:
        return 0 * w
    exact = Ratio.of(z.y_center) + Ratio.of(b_c) - Ratio.of(w) * Ratio.of(z.center)
    return rounded(exact, z.exact)


def descend(
    xs: List[Any],
    ys: List[Any],
    z: Standardized,
    *,
    divisor: int,
    learning_rate: Real,
    tolerance: Optional[Real],
    max_iterations: int,
    checkpoint_every: Optional[int] = None,
) -> Fit:
    """Standardized descent from W = 0, b = 0 to the tolerance or the rounding floor.

    The history records (W, b), the loss of the caller's convention (L = (1/d)·Σrᵢ²) and
    its gradient in (W, b) at the start, every ``checkpoint_every`` steps and the end.
    """
    zero = 0 * z.scale_squared
    w, b_c = zero, -z.y_center  # the start W = 0, b = ȳ + b_c − W·c = 0
    history: List[Checkpoint] = []

    def snapshot(k: int) -> None:
        b = intercept_of(z, w, b_c)
        g = gradient(xs, ys, w, b, divisor)
        db = g.db if z.intercept else zero  # b is fixed through the origin
        history.append(Checkpoint(k, w, b, loss(xs, ys, w, b, divisor), g.dw, db))

    # The tolerance on max(|∂L/∂W′|, |∂L/∂b′|), in the measure gradient_size uses.
    limit: Optional[Real] = None
    if tolerance is not None:
        limit = abs(float(tolerance)) if z.exact is None else tolerance * tolerance
    previous: Optional[Real] = None
    before = (w, b_c)
    converged = False
    k = 0
    while True:
        g_w, g_b = partials(z, w, b_c)
        size = gradient_size(z, g_w, g_b)
        if gradient_stalled(previous, size):
            (w, b_c), k, converged = before, k - 1, True  # keep the point before that step
            break
        if k == 0 or (checkpoint_every and k % checkpoint_every == 0):
            snapshot(k)
        if size == 0 or (limit is not None and size <= limit):
            converged = True
            break
        if k == max_iterations:
            break
        dw, db_c = step(z, g_w, g_b, learning_rate)
        if at_rounding_floor(z, w, b_c, dw, db_c):
            converged = True
            break
        previous, before = size, (w, b_c)
        w, b_c = w + dw, b_c + db_c
        k += 1
    if history[-1].iteration != k:
        snapshot(k)
    method = describe(intercept=z.intercept, learning_rate=learning_rate)
    return Fit(
        w, history[-1].b, k, converged, method, learning_rate, z.center, z.scale_squared, history
    )
