"""fit: gradient descent that needs no learning rate, in coordinates where the Hessian is I.

With a fixed small step, descent on data whose x lie far from 0 needs millions of steps:
the Hessian's condition number λmax/λmin is huge (see :mod:`linreg.careful.stability`).
That is a property of the coordinates, not of the problem.  Write x = x̄ + s·u, with x̄ the
mean of x and s² = (1/N)·Σ(xᵢ − x̄)², and the line as y = W′·u + b′, so that

    W = W′/s,    b = b′ − W·x̄.

In (W′, b′) the half-MSE Hessian is (1/N)·[[Σuᵢ², Σuᵢ], [Σuᵢ, N]] = [[1, 0], [0, 1]]:
both eigenvalues are 1, descent is stable for 0 < α < 2, and α = 1 = 2/(λmin + λmax) is the
best fixed step.  By the chain rule the gradient there is

    ∂L/∂W′ = ∂L/∂W·∂W/∂W′ + ∂L/∂b·∂b/∂W′ = (1/N)·Σrᵢ·(xᵢ − x̄)/s = (W·Sxx − Sxy)/(N·s)
    ∂L/∂b′ = ∂L/∂b = (1/N)·Σrᵢ = h

with Sxx = Σ(xᵢ − x̄)², Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ) and h = W·x̄ + b − ȳ, the line's height at
the mean above the mean.  The two do not interact: a step of size α is

    ΔW = −α·(∂L/∂W′)/s = −α·(W·Sxx − Sxy)/Sxx,    Δh = −α·h,

so the gradient shrinks by exactly |1 − α| per step, and α = 1 lands on the least-squares
line (W = Sxy/Sxx, h = 0) in one step.  It needs the data only through their exact sums
(:class:`~linreg.careful.exact.Moments`), so every step is computed exactly and rounded
once: in floats the first step gives the correctly rounded least-squares slope, and at
any magnitude of the data, with no per-point arrays at all.  Descent stops at the
rounding floor: the point no longer moves (:func:`at_rounding_floor`), or a step did not
shrink the gradient (:func:`gradient_stalled`).  Without an intercept the same holds with
x̄ = ȳ = 0 and Sxx = Σxᵢ², Sxy = Σxᵢyᵢ.

The three parts: :func:`standardize` (once), :func:`partials` and :func:`step` (each
iteration), and the two rules of the floor.

>>> from linreg.careful.exact import moments
>>> z = standardize(moments([1000.0, 1001.0, 1002.0, 1003.0], [3.0, 5.0, 7.0, 9.0]),
...                 intercept=True, exact=None)
>>> result = descend(z, divisor=8, learning_rate=1, tolerance=None, max_iterations=10)
>>> result.w, result.b, result.converged
(2.0, -1997.0, True)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, NamedTuple, Optional, Tuple, Type

from ..core.numbers import Real, readable, tuple_repr
from ..errors import DataError, FloatRangeError, ParameterError
from .exact import Moments, Ratio, rounded
from .training import Checkpoint

if TYPE_CHECKING:
    from fractions import Fraction

#: Far more than standardized descent needs (one step at α = 1; a smaller α shrinks the
#: gradient by 1 − α per step).
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
    """The data in standardized coordinates: their exact centred sums, worked out once."""

    intercept: bool
    exact: Optional[Type[Fraction]]  # the Fraction type for exact data, None for floats
    moments: Moments
    mean_x: Ratio  # x̄ and ȳ, exact (0 without an intercept)
    mean_y: Ratio
    sxx: Ratio  # Σ(xᵢ − x̄)², or Σxᵢ² through the origin
    sxy: Ratio  # Σ(xᵢ − x̄)(yᵢ − ȳ), or Σxᵢyᵢ
    center: Real  # x̄ and s² rounded into the data's type, for the report
    scale_squared: Real

    def __repr__(self) -> str:
        return tuple_repr(self)


def standardize(m: Moments, *, intercept: bool, exact: Optional[Type[Fraction]]) -> Standardized:
    """x̄, ȳ, Sxx and Sxy, exact from the moments; DataError if x has no spread."""
    if intercept:
        mean_x, mean_y, sxx, sxy = m.sx / m.n, m.sy / m.n, m.centered_sxx, m.centered_sxy
        if sxx == 0:
            raise DataError("x is constant: the slope of the line is undetermined")
    else:
        mean_x, mean_y, sxx, sxy = Ratio(0), Ratio(0), m.sxx, m.sxy
        if sxx == 0:
            raise DataError("every x is 0: the line through the origin is undetermined")
    center = rounded(mean_x, exact)
    return Standardized(
        intercept, exact, m, mean_x, mean_y, sxx, sxy, center,
        _scale_squared(sxx / m.n, exact),
    )  # fmt: skip


def _scale_squared(spread: Ratio, exact: Optional[Type[Fraction]]) -> Real:
    """s² in the data's type; for floats it must be a float, so s lies in about 1e±154."""
    if exact is not None:
        return rounded(spread, exact)
    magnitude = spread.log10()
    if magnitude < 300:  # so float() cannot overflow
        scale_squared = rounded(spread, exact)
        if scale_squared != 0:
            return scale_squared
    raise FloatRangeError(
        "s², the squared spread of x, is about 10^%d: %s the float range; rescale x or use"
        " Fraction values" % (magnitude, "beyond" if magnitude > 0 else "below"),
        quantity="s², the squared spread of x,",
    )


def partials(z: Standardized, w: Real, h: Real) -> Tuple[Ratio, Ratio]:
    """(g_w, g_b) = ((W·Sxx − Sxy)/N, h), exactly: s·∂L/∂W′ and ∂L/∂b′ for half-MSE."""
    g_w = (Ratio.of(w) * z.sxx - z.sxy) / z.moments.n  # (1/N)·Σrᵢ·(xᵢ − x̄)
    g_b = Ratio.of(h) if z.intercept else Ratio(0)  # (1/N)·Σrᵢ = h, since Σ(xᵢ − x̄) = 0
    return g_w, g_b


def step(
    z: Standardized, w: Real, h: Real, g_w: Ratio, g_b: Ratio, alpha: Ratio
) -> Tuple[Real, Real]:
    """A step α in (W′, b′), exact and rounded once: W − α·g_w/s², h − α·g_b."""
    new_w = Ratio.of(w) - alpha * g_w * z.moments.n / z.sxx  # ΔW = −α·(∂L/∂W′)/s
    new_h = Ratio.of(h) - alpha * g_b  # Δh = Δb′ = −α·∂L/∂b′
    return rounded(new_w, z.exact), rounded(new_h, z.exact)


def gradient_size(z: Standardized, g_w: Ratio, g_b: Ratio) -> Ratio:
    """max(|∂L/∂W′|, |∂L/∂b′|)², exactly: (∂L/∂W′)² = g_w²/s², s² = Sxx/N."""
    return max(g_w * g_w * z.moments.n / z.sxx, g_b * g_b)


def gradient_stalled(previous: Optional[Ratio], size: Ratio) -> bool:
    """A face of the rounding floor: a step after which the gradient did not shrink.

    In exact arithmetic it is multiplied by 1 − α at every step, so for 0 < α < 2 it only
    shrinks; at points rounded to floats it can fail to, when the rounding of the point
    is all that is left (a step of α near 2 may then hop between two neighbouring floats).
    """
    return previous is not None and size >= previous


def at_rounding_floor(z: Standardized, w: Real, h: Real, new_w: Real, new_h: Real) -> bool:
    """The other face: the step moves neither W nor b, as floats.

    The height h can go on shrinking for a thousand steps (halving at α = 1/2) once it is
    far below an ulp of b; the line the caller sees no longer changes, and that is the floor.
    """
    return new_w == w and intercept_of(z, new_w, new_h) == intercept_of(z, w, h)


def full_step_stays(
    z: Standardized, w: Real, h: Real, g_w: Ratio, g_b: Ratio, alpha: Ratio
) -> bool:
    """Whether the step α = 1, straight to the answer in exact arithmetic, would leave the
    line as it is: then (W, b) is at the floor, whatever a step α < 1 did."""
    return alpha >= 1 or at_rounding_floor(z, w, h, *step(z, w, h, g_w, g_b, Ratio(1)))


def intercept_of(z: Standardized, w: Real, h: Real) -> Real:
    """b = ȳ − W·x̄ + h, exact and rounded once (the terms may nearly cancel)."""
    if not z.intercept:
        return 0 * w
    return rounded(z.mean_y - Ratio.of(w) * z.mean_x + Ratio.of(h), z.exact)


def checkpoint(z: Standardized, k: int, w: Real, h: Real, divisor: int) -> Checkpoint:
    """(W, b) with the loss L = (1/d)·Σrᵢ² and its gradient there, exact from the moments
    and rounded once."""
    b = intercept_of(z, w, h)
    m, rw, rb, two_over_d = z.moments, Ratio.of(w), Ratio.of(b), Ratio(2, divisor)
    loss = m.sum_of_squares(rw, rb) / divisor
    dw = two_over_d * (rw * m.sxx + rb * m.sx - m.sxy)  # (2/d)·Σrᵢ·xᵢ, expanded
    db = two_over_d * (rw * m.sx + rb * m.n - m.sy) if z.intercept else Ratio(0)
    try:
        return Checkpoint(
            k, w, b, rounded(loss, z.exact), rounded(dw, z.exact), rounded(db, z.exact)
        )
    except FloatRangeError:
        raise FloatRangeError(
            "the loss or its gradient after %d steps of fit, recorded in its history, is about"
            " 10^%d: beyond the float range (rescale x and y, or use Fraction values)"
            % (k, max(loss.log10(), abs(dw).log10(), abs(db).log10())),
            quantity="the loss in fit's history",
        ) from None


def descend(
    z: Standardized,
    *,
    divisor: int,
    learning_rate: Real,
    tolerance: Optional[Real],
    max_iterations: int,
    checkpoint_every: Optional[int] = None,
) -> Fit:
    """Standardized descent from W = 0, b = 0 to the tolerance or the rounding floor.

    The history records (W, b), the loss of the caller's convention and its gradient in
    (W, b) at the start, every ``checkpoint_every`` steps and the end.
    """
    if z.exact is not None:
        return _descend_exactly(
            z, divisor=divisor, learning_rate=learning_rate, tolerance=tolerance,
            max_iterations=max_iterations, checkpoint_every=checkpoint_every,
        )  # fmt: skip
    zero = rounded(Ratio(0), z.exact)
    w, h = zero, rounded(-z.mean_y, z.exact)  # W = 0, b = 0: h = W·x̄ + b − ȳ = −ȳ
    alpha = Ratio.of(learning_rate)
    limit = None if tolerance is None else Ratio.of(tolerance) * Ratio.of(tolerance)
    history: List[Checkpoint] = []
    previous: Optional[Ratio] = None
    before = (w, h)
    converged = False
    k = 0
    while True:
        g_w, g_b = partials(z, w, h)
        size = gradient_size(z, g_w, g_b)
        # A short step (α ≪ 1) can fail to move the line, or to shrink the gradient, long
        # before the floor: the floor is where the full step, α = 1, would not move it.
        if gradient_stalled(previous, size) and full_step_stays(z, w, h, g_w, g_b, alpha):
            (w, h), k, converged = before, k - 1, True  # keep the point before that step
            break
        if k == 0 or (checkpoint_every and k % checkpoint_every == 0):
            history.append(checkpoint(z, k, w, h, divisor))
        if size == 0 or (limit is not None and size <= limit):
            converged = True
            break
        if k == max_iterations:
            break
        new_w, new_h = step(z, w, h, g_w, g_b, alpha)
        if at_rounding_floor(z, w, h, new_w, new_h):
            if full_step_stays(z, w, h, g_w, g_b, alpha):
                converged = True
                break
            if (new_w, new_h) == (w, h):
                break  # a fixed point of the rounded steps: every later step is this one
        previous, before = size, (w, h)
        w, h = new_w, new_h
        k += 1
    if history[-1].iteration != k:
        history.append(checkpoint(z, k, w, h, divisor))
    method = describe(intercept=z.intercept, learning_rate=learning_rate)
    return Fit(
        w, history[-1].b, k, converged, method, learning_rate, z.center, z.scale_squared, history
    )


def _descend_exactly(
    z: Standardized,
    *,
    divisor: int,
    learning_rate: Real,
    tolerance: Optional[Real],
    max_iterations: int,
    checkpoint_every: Optional[int],
) -> Fit:
    """The same descent on exact data, in closed form: without rounding, every step
    multiplies the error by exactly c = 1 − α,

        W_k − Ŵ = c^k·(W₀ − Ŵ),   h_k = c^k·h₀,   |gradient|²_k = c^(2k)·|gradient|²₀,

    so the step at which the gradient reaches the tolerance is found by comparing powers
    of c, and only the checkpoints are computed.  Stepping instead would multiply the
    numbers' size by the data's every step (a thousand steps of α = 10⁻⁶ on 300-digit data:
    ten seconds), to reach the very same values.
    """
    c = 1 - Ratio.of(learning_rate)
    w_hat = z.sxy / z.sxx  # the fixed point: ΔW = 0 there
    w0, h0 = Ratio(0), -z.mean_y
    g_w0 = (w0 * z.sxx - z.sxy) / z.moments.n  # as partials(), on exact values
    g_b0 = h0 if z.intercept else Ratio(0)
    size0 = gradient_size(z, g_w0, g_b0)
    stop, converged = max_iterations, False
    if size0 == 0:
        stop, converged = 0, True
    elif c == 0:  # α = 1: the first step lands on the answer
        stop, converged = min(1, max_iterations), max_iterations >= 1
    elif tolerance is not None and tolerance != 0:  # a zero tolerance is never met here
        limit = Ratio.of(tolerance) * Ratio.of(tolerance)
        needed = _steps_to(c * c, limit / size0, max_iterations)
        if needed <= max_iterations:
            stop, converged = needed, True
    digits = stop * (abs(c.num).bit_length() + c.den.bit_length()) * 0.30103
    if digits > MAX_EXACT_DIGITS:
        raise ParameterError(
            "with exact data and learning rate %s, %d steps of fit give fractions of about"
            " %.0f digits: give a tolerance, fewer max_iterations, or learning rate 1 (one step"
            " to the answer)" % (readable(learning_rate), stop, digits)
        )
    wanted = {0, stop}
    if checkpoint_every:
        wanted.update(range(0, stop + 1, checkpoint_every))
    # The checkpoints in closed form too: the loss's excess over its minimum is quadratic
    # in the error, so it shrinks by c² a step, and the gradient, linear in it, by c.
    m, two_over_d = z.moments, Ratio(2, divisor)
    b_hat = z.mean_y - w_hat * z.mean_x if z.intercept else Ratio(0)
    loss_hat = m.sum_of_squares(w_hat, b_hat) / divisor
    excess0 = m.syy / divisor - loss_hat  # L(0, 0) − L(Ŵ, b̂)
    dw0 = two_over_d * -m.sxy  # ∂L/∂W and ∂L/∂b at W = b = 0
    db0 = two_over_d * -m.sy if z.intercept else Ratio(0)
    history = []
    power, at = Ratio(1), 0
    for k in sorted(wanted):
        power = power * _power(c, k - at)  # c^k, from the previous checkpoint's
        at = k
        values = (
            w_hat - power * w_hat, b_hat - power * b_hat, loss_hat + power * power * excess0,
            power * dw0, power * db0,
        )  # fmt: skip
        w, b, loss, dw, db = (rounded(v, z.exact) for v in values)
        history.append(Checkpoint(k, w, b, loss, dw, db))
    method = describe(intercept=z.intercept, learning_rate=learning_rate)
    last = history[-1]
    return Fit(
        last.w, last.b, stop, converged, method, learning_rate, z.center, z.scale_squared,
        history,
    )  # fmt: skip


#: The largest fraction (in decimal digits of numerator and denominator) that exact fit
#: computes: c^k for c = 1 − α takes k times c's digits, and 10⁷ of them take seconds.
MAX_EXACT_DIGITS = 10**7


def _power(base: Ratio, k: int) -> Ratio:
    """base^k for k ≥ 0, exactly: a reduced fraction's powers are reduced, so no gcd."""
    result = Ratio(1)
    result.num, result.den = base.num**k, base.den**k
    return result


def _steps_to(ratio: Ratio, target: Ratio, most: int) -> int:
    """The smallest k ≥ 0 with ratio^k ≤ target, for 0 < ratio < 1 (exact comparisons), or
    some k > most where that k is beyond most."""
    if target >= 1:
        return 0
    # log(target)/log(ratio) from the numbers' sizes, then made exact by stepping.
    guess = max(0, int(_log(target) / _log(ratio)) - 1)
    if guess > most:
        return guess
    k = guess
    while _power(ratio, k) > target:
        k += 1
    while k > 0 and _power(ratio, k - 1) <= target:
        k -= 1
    return k


def _log(r: Ratio) -> float:
    """ln r for r > 0, from bit lengths where r is beyond the float range."""
    shift = r.num.bit_length() - r.den.bit_length()
    scaled = Ratio(r.num, r.den << shift) if shift > 0 else Ratio(r.num << -shift, r.den)
    return math.log(float(scaled)) + shift * math.log(2)
