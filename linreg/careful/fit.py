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

from ..core.numbers import Real, total, tuple_repr
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

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


class Standardized(NamedTuple):
    """The data in standardized coordinates: all that every step needs, worked out once.

    For floats, the centred x and y are also scaled by exact powers of two, 2^kx and 2^ky,
    so that their spread is near 1: products of residuals and x neither underflow (data
    near 1e-300) nor overflow (near 1e300).  Scaling by 2^k changes no digit.
    """

    intercept: bool
    exact: Optional[Type[Fraction]]  # the Fraction type for exact data, None for floats
    moments: Moments  # the exact sums, for the loss and gradient the history records
    center: Real  # c, x̄ rounded into the data's type (0 without an intercept)
    y_center: Real  # ȳ rounded into the data's type (0 without an intercept)
    scale_squared: Real  # s² = (1/N)·Σ(xᵢ − x̄)², or (1/N)·Σxᵢ² through the origin
    x_shift: int  # kx: the x below are (x − c)/2^kx (0 for exact data)
    y_shift: int  # ky: the y below are (y − ȳ)/2^ky
    delta: Real  # δ = (x̄ − c)/2^kx: what rounding the centre lost (0 for exact data)
    s2: Real  # s²/4^kx, near 1
    d: List[Real]  # (xᵢ − c)/2^kx
    e: List[Real]  # (yᵢ − ȳ)/2^ky
    d_max: float  # max|dᵢ| and max|eᵢ|: the scale of a residual's terms
    e_max: float

    @property
    def n(self) -> int:
        return self.moments.n


def _power_of_two(value: Ratio) -> int:
    """k with 2^k near √value (value > 0): half of log2, from bit lengths alone."""
    return (abs(value.num).bit_length() - value.den.bit_length()) // 2


def standardize(
    xs: List[Any], ys: List[Any], m: Moments, *, intercept: bool, exact: Optional[Type[Fraction]]
) -> Standardized:
    """x̄, s² and the centred, scaled data, from the exact moments; DataError if x has no
    spread."""
    if intercept:
        mean_x = m.sx / m.n  # x̄, exact
        spread = m.centered_sxx / m.n  # s² = (1/N)·Σ(xᵢ − x̄)², exact
        y_spread = m.centered_syy / m.n
        if spread == 0:
            raise DataError("x is constant: the slope of the line is undetermined")
        center = rounded(mean_x, exact)
        y_center = rounded(m.sy / m.n, exact)
    else:
        mean_x, spread, y_spread = Ratio(0), m.sxx / m.n, m.syy / m.n  # s² = (1/N)·Σxᵢ²
        if spread == 0:
            raise DataError("every x is 0: the line through the origin is undetermined")
        center = y_center = rounded(Ratio(0), exact)
    scale_squared = _scale_squared(spread, exact)
    kx = 0 if exact is not None else _power_of_two(spread)
    ky = 0 if exact is not None or y_spread == 0 else _power_of_two(y_spread)
    # δ = x̄ − c, what rounding the centre lost; the gradient puts it back, so the Hessian
    # in (W′, b′) is the identity however close together the x are.
    delta = rounded((mean_x - Ratio.of(center)) / _two_to(kx), exact)
    # The line is kept as ŷ = W·(x − c) + ȳ + b_c: b_c is its height at x = c above the mean
    # of y, so a residual never adds large numbers that cancel (W·xᵢ and b when x lies far
    # from 0, or b_c and yᵢ when y does).  Both differences are formed once, here.
    d = _centred(xs, center, kx)
    e = _centred(ys, y_center, ky)
    return Standardized(
        intercept, exact, m, center, y_center, scale_squared, kx, ky, delta,
        rounded(spread / _two_to(2 * kx), exact), d, e, _largest(d, exact), _largest(e, exact),
    )  # fmt: skip


def _largest(values: List[Real], exact: Optional[Type[Fraction]]) -> float:
    # Only the floor rule for floats uses it (an exact value may be beyond any float).
    return 0.0 if exact is not None else max(abs(float(v)) for v in values)


def _scale_squared(spread: Ratio, exact: Optional[Type[Fraction]]) -> Real:
    """s² in the data's type; for floats it must be a float, so s lies in about 1e±154."""
    if exact is not None:
        return rounded(spread, exact)
    magnitude = spread.log10()
    if magnitude < 300:  # log10 is within one, so this never overflows
        scale_squared = rounded(spread, exact)
        if scale_squared != 0:
            return scale_squared
    raise FloatRangeError(
        "s², the squared spread of x, is about 10^%d: %s the float range; rescale x or use"
        " Fraction values" % (magnitude, "beyond" if magnitude > 0 else "below"),
        quantity="s², the squared spread of x,",
    )


def _two_to(k: int) -> Ratio:
    return Ratio(2**k) if k >= 0 else Ratio(1, 2**-k)


def _centred(values: List[Any], center: Real, k: int) -> List[Real]:
    """(v − c)/2^k; for floats each term is scaled first (exactly, unless it underflows,
    which costs far less than an ulp of the result) so no difference can overflow."""
    if k == 0:
        return [v - center for v in values]
    c = math.ldexp(float(center), -k)
    return [math.ldexp(v, -k) - c for v in values]


def partials(z: Standardized, w: Real, b_c: Real) -> Tuple[Real, Real]:
    """(g_w, g_b) = ((1/N)·Σrᵢ·(xᵢ − x̄), (1/N)·Σrᵢ): s·∂L/∂W′ and ∂L/∂b′ for half-MSE."""
    r = [(b_c - ei) + w * di for di, ei in zip(z.d, z.e)]  # rᵢ = W·(xᵢ − c) + ȳ + b_c − yᵢ
    g_b = total(r) / z.n if z.intercept else 0 * z.delta  # ∂L/∂b′ = (1/N)·Σrᵢ
    # Σrᵢ·(xᵢ − x̄) = Σrᵢ·(xᵢ − c) − δ·Σrᵢ: the rounding of the centre, put back.
    g_w = total(list(map(mul, r, z.d))) / z.n - z.delta * g_b
    return g_w, g_b


def step(z: Standardized, g_w: Real, g_b: Real, learning_rate: Real) -> Tuple[Real, Real]:
    """(ΔW, Δb_c) for a step α in (W′, b′): ΔW = −α·(∂L/∂W′)/s = −α·g_w/s²."""
    dw = -(learning_rate * g_w / z.s2)
    db_c = -(learning_rate * g_b) - z.delta * dw  # Δb_c = Δb′ − δ·ΔW, since b′ = b_c + W·δ
    return dw, db_c


def gradient_size(z: Standardized, g_w: Real, g_b: Real) -> Real:
    """A measure of max(|∂L/∂W′|, |∂L/∂b′|) (∂L/∂W′ = g_w/s) that only grows with it.

    Floats: the magnitudes themselves (their squares could underflow to 0 for tiny data).
    Exact data: their squares, since s = √s² may be irrational.
    """
    if z.exact is None:
        return max(abs(float(g_w)) / math.sqrt(float(z.s2)), abs(float(g_b)))
    return max(g_w * g_w / z.s2, g_b * g_b)


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


def slope_of(z: Standardized, w: Real) -> Real:
    """W = W_u·2^(ky − kx): the slope in the data's own units (an exact scaling)."""
    if z.exact is not None:
        return w
    try:
        return math.ldexp(float(w), z.y_shift - z.x_shift)
    except OverflowError:
        raise FloatRangeError(
            "the slope W is beyond the float range", quantity="the slope W"
        ) from None


def intercept_of(z: Standardized, w: Real, b_c: Real) -> Real:
    """b = ȳ + b_c·2^ky − W·c, computed exactly and rounded once (the terms may nearly
    cancel)."""
    if not z.intercept:
        return 0 * w
    height = Ratio.of(b_c) * _two_to(z.y_shift)
    exact = Ratio.of(z.y_center) + height - Ratio.of(slope_of(z, w)) * Ratio.of(z.center)
    return rounded(exact, z.exact)


def checkpoint(z: Standardized, k: int, w: Real, b_c: Real, divisor: int) -> Checkpoint:
    """(W, b) in the data's units, with the loss L = (1/d)·Σrᵢ² and its gradient there,
    exact from the moments and rounded once."""
    slope, b = slope_of(z, w), intercept_of(z, w, b_c)
    m, rw, rb, two_over_d = z.moments, Ratio.of(slope), Ratio.of(b), Ratio(2, divisor)
    loss = m.sum_of_squares(rw, rb) / divisor
    dw = two_over_d * (rw * m.sxx + rb * m.sx - m.sxy)  # (2/d)·Σrᵢ·xᵢ, expanded
    db = two_over_d * (rw * m.sx + rb * m.n - m.sy) if z.intercept else Ratio(0)
    try:
        return Checkpoint(
            k, slope, b, rounded(loss, z.exact), rounded(dw, z.exact), rounded(db, z.exact)
        )
    except FloatRangeError:
        raise FloatRangeError(
            "the loss or its gradient after %d steps of fit, recorded in its history, is about"
            " 10^%d: beyond the float range (rescale x and y, or use Fraction values)"
            % (k, max(loss.log10(), abs(dw).log10(), abs(db).log10())),
            quantity="the loss in fit's history",
        ) from None


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
    zero = 0 * z.s2
    w, b_c = zero, -_scaled(z, z.y_center)  # the start W = 0, b = ȳ + b_c·2^ky = 0
    history: List[Checkpoint] = []

    def snapshot(k: int) -> None:
        history.append(checkpoint(z, k, w, b_c, divisor))

    # The tolerance on max(|∂L/∂W′|, |∂L/∂b′|), in the measure gradient_size uses.
    limit: Optional[Real] = None
    if tolerance is not None:  # the gradient in scaled units is 2^−ky times the real one
        if z.exact is None:
            limit = math.ldexp(abs(float(tolerance)), -z.y_shift)
        else:
            limit = tolerance * tolerance
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
        history[-1].w, history[-1].b, k, converged, method, learning_rate, z.center,
        z.scale_squared, history,
    )  # fmt: skip


def _scaled(z: Standardized, value: Real) -> Real:
    """value/2^ky: a height in the scaled units of y."""
    return value if z.exact is not None else math.ldexp(float(value), -z.y_shift)
