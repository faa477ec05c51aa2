"""Descent on sufficient statistics: one pass over the data, then O(1) work per step.

For squared-error loss the gradient depends on the data only through a few sums.  Centre
x and y at c and ȳ_c (their means, rounded once), and write uᵢ = xᵢ − c, eᵢ = yᵢ − ȳ_c and
h = W·c + b − ȳ_c, the line's height at x = c above ȳ_c.  Then rᵢ = W·xᵢ + b − yᵢ =
W·uᵢ + h − eᵢ, and

    Σrᵢ     = W·Σuᵢ  + h·N    − Σeᵢ
    Σrᵢ·uᵢ  = W·Σuᵢ² + h·Σuᵢ  − Σuᵢ·eᵢ
    Σrᵢ·xᵢ  = Σrᵢ·uᵢ + c·Σrᵢ                    (xᵢ = uᵢ + c)

so ∂L/∂W = (2/d)·Σrᵢ·xᵢ and ∂L/∂b = (2/d)·Σrᵢ need only N, Σuᵢ, Σuᵢ², Σuᵢ·eᵢ and Σeᵢ.
These are computed exactly from the exact moments and rounded once.  In exact arithmetic
the trajectory is the per-sample loop's, step for step (tests/test_sufficient.py); in
floats it stays within the bound of docs/derivation.md §9.  Centring is what keeps it
there: near the optimum W·Σx² + b·Σx − Σxy cancels to nearly nothing, while the centred
sums are of the size of the spread, not of the offset.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any, Collection, List, NamedTuple, Optional, Tuple, Type

from ..core.gradient import Gradient
from ..core.numbers import Real, tuple_repr
from . import cycles
from .cycles import Watch
from .exact import Moments, Ratio, rounded
from .training import Checkpoint, Training

if TYPE_CHECKING:
    from fractions import Fraction

#: The most steps between two looks for a return to a visited point (cycles.Watch).
WATCH_EVERY = 4096


class Statistics(NamedTuple):
    """What descent needs of the data: N and the centred sums, each rounded once."""

    n: int
    divisor: int  # d in L = (1/d)·Σrᵢ²
    center: Real  # c, the mean of x rounded into the data's type
    y_center: Real  # ȳ_c, the mean of y likewise
    suu: Real  # Σ(xᵢ − c)²
    su: Real  # Σ(xᵢ − c): the rounding of c, so about 0
    sue: Real  # Σ(xᵢ − c)·(yᵢ − ȳ_c)
    se: Real  # Σ(yᵢ − ȳ_c)
    moments: Moments  # the exact sums, for the loss at a checkpoint
    exact: Optional[Type[Fraction]]  # the Fraction type for exact data, None for floats

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def statistics(m: Moments, divisor: int, exact: Optional[Type[Fraction]]) -> Statistics:
    """The centred sums, exact from the moments and rounded once."""
    n = m.n
    c = rounded(m.sx / n, exact)
    yc = rounded(m.sy / n, exact)
    cx, cy = Ratio.of(c), Ratio.of(yc)
    suu = m.sxx - 2 * cx * m.sx + n * cx * cx  # Σ(x − c)² = Σx² − 2c·Σx + N·c²
    su = m.sx - n * cx  # Σ(x − c)
    sue = m.sxy - cx * m.sy - cy * m.sx + n * cx * cy  # Σ(x − c)(y − ȳ_c)
    se = m.sy - n * cy  # Σ(y − ȳ_c)
    return Statistics(
        n, divisor, c, yc, rounded(suu, exact), rounded(su, exact), rounded(sue, exact),
        rounded(se, exact), m, exact,
    )  # fmt: skip


def gradient(s: Statistics, w: Any, b: Any) -> Gradient:
    """(∂L/∂W, ∂L/∂b) at (W, b) from the statistics alone."""
    h = w * s.center + b - s.y_center  # the height at x = c, above ȳ_c
    sum_r = w * s.su + h * s.n - s.se  # Σrᵢ
    sum_ru = w * s.suu + h * s.su - s.sue  # Σrᵢ·uᵢ
    return Gradient(2 * (sum_ru + s.center * sum_r) / s.divisor, 2 * sum_r / s.divisor)


def loss(s: Statistics, w: Any, b: Any) -> Real:
    """L = (1/d)·Σrᵢ², exact from the moments and rounded once."""
    exact = s.moments.sum_of_squares(Ratio.of(w), Ratio.of(b)) / s.divisor
    return rounded(exact, s.exact)


def run(
    s: Statistics,
    w: Any,
    b: Any,
    *,
    learning_rate: Any,
    iterations: int,
    tolerance: Any = None,
    intercept: bool = True,
    checkpoint_every: Optional[int] = None,
    checkpoints: Collection[int] = (),
    repeats: bool = True,
) -> Training:
    """The training loop of :mod:`linreg.careful.training`, on the statistics.

    The same checkpoints and stopping rule; between checkpoints the step runs inline, so a
    step costs a dozen multiplications and nothing else.  A return to a visited point is
    looked for every WATCH_EVERY steps at most (``repeats=False``: never).
    """
    a = learning_rate
    c, yc, n, d = s.center, s.y_center, s.n, s.divisor
    su, suu, sue, se = s.su, s.suu, s.sue, s.se
    stops = sorted(set(checkpoints) | {iterations})
    history: List[Checkpoint] = []
    watch = Watch((w, b))

    def gradient_here(w: Any, b: Any) -> Gradient:
        g = gradient(s, w, b)
        return g if intercept else Gradient(g.dw, 0 * g.db)

    def checkpoint_at(w: Any, b: Any) -> Checkpoint:
        g = gradient_here(w, b)
        return Checkpoint(0, w, b, loss(s, w, b), g.dw, g.db)

    def advance(w: Any, b: Any, steps: int) -> Tuple[Any, Any]:
        for _ in range(steps):  # the steps below, one call each: only a period is needed
            g = gradient_here(w, b)
            w, b = w - a * g.dw, b - a * g.db
        return w, b

    k, converged = 0, False
    while True:
        g = gradient(s, w, b)
        dw, db = g.dw, g.db if intercept else 0 * g.db
        converged = tolerance is not None and (
            -tolerance <= dw <= tolerance and -tolerance <= db <= tolerance
        )
        due = k in checkpoints or bool(checkpoint_every and k % checkpoint_every == 0)
        if k == 0 or converged or k == iterations or due:
            history.append(Checkpoint(k, w, b, loss(s, w, b), dw, db))
        if converged or k == iterations:
            return Training(w, b, k, converged, history)
        # Up to the next checkpoint, with the gradient's lines inlined (a call a step would
        # double the time): the same formulas as gradient() above.
        period = watch.period((w, b), k) if k and repeats else 0
        if period:  # every point of the cycle was visited, and none met the tolerance
            # The point at k is in the history already, if it is due there.
            wanted = cycles.due(k + 1, iterations, checkpoint_every, checkpoints)
            rest = cycles.rest_of_run(k, period, (w, b), wanted, advance, checkpoint_at)
            history.extend(c._replace(iteration=t) for t, c in rest)
            return Training(history[-1].w, history[-1].b, iterations, False, history)
        following = stops[bisect_right(stops, k)]
        if checkpoint_every:
            following = min(following, (k // checkpoint_every + 1) * checkpoint_every)
        # The watch for a return looks at most WATCH_EVERY steps apart, so that it costs
        # nothing inside the steps.
        following = min(following, k + WATCH_EVERY)
        if tolerance is None and intercept:  # the common case, with nothing else to test
            for _ in range(following - k - 1):
                w, b = w - a * dw, b - a * db
                h = w * c + b - yc
                sum_r = w * su + h * n - se
                dw = 2 * ((w * suu + h * su - sue) + c * sum_r) / d
                db = 2 * sum_r / d
            w, b, k = w - a * dw, b - a * db, following
            continue
        while True:
            w, b = w - a * dw, b - a * db
            k += 1
            if k == following:
                break
            h = w * c + b - yc
            sum_r = w * su + h * n - se
            dw = 2 * ((w * suu + h * su - sue) + c * sum_r) / d
            db = 2 * sum_r / d if intercept else 0 * db
            if (
                tolerance is not None
                and -tolerance <= dw <= tolerance
                and -tolerance <= db <= tolerance
            ):
                break
