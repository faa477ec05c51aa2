"""fit: gradient descent that chooses its own step and runs until it has converged.

With a fixed small learning rate, descent on data whose x lie far from 0 needs
millions of steps: the Hessian's condition number λmax/λmin is huge (see
:mod:`linreg.stability`).  ``fit`` removes that by descending in standardized
coordinates.  Write x = x̄ + s·u, with x̄ the mean of x and s² = (1/N)·Σ(xᵢ − x̄)²,
and the line as y = W′·u + b′, so that

    W = W′/s,    b = b′ − W·x̄.

In (W′, b′) the half-MSE Hessian is (1/N)·[[Σuᵢ², Σuᵢ], [Σuᵢ, N]] = [[1, 0], [0, 1]]:
both eigenvalues are 1, and the best fixed step 2/(λmin + λmax) is α = 1.  By the
chain rule the gradient there is

    ∂L/∂W′ = ∂L/∂W·∂W/∂W′ + ∂L/∂b·∂b/∂W′ = (1/N)·Σrᵢ·(xᵢ − x̄)/s
    ∂L/∂b′ = ∂L/∂b = (1/N)·Σrᵢ

and a step of size α in (W′, b′), mapped back to (W, b), is

    ΔW = −α·(∂L/∂W′)/s = −α·(1/N)·Σrᵢ·(xᵢ − x̄)/s²
    Δb = −α·∂L/∂b′ − x̄·ΔW.

Every iteration is still a plain gradient step, in other coordinates.  Because
the Hessian there is the identity, one step lands on the least-squares line in
exact arithmetic; in floats one to four steps reach the rounding floor, where
the residuals rᵢ themselves carry rounding error.  In floats the line is kept as
ŷ = W·(x − c) + ȳ + b_c around the rounded centre c, so no residual adds large
numbers that cancel; δ = x̄ − c, the centre's rounding, is put back exactly in the
gradient, and b = ȳ + b_c − W·c is mapped back exactly and rounded once (see
docs/derivation.md §6).  Without an intercept the same holds with x̄ = 0 and
s² = (1/N)·Σxᵢ².

Given a ``learning_rate``, fit instead runs plain descent in (W, b) with it (see
:func:`linreg.train`).

>>> result = fit([1000.0, 1001.0, 1002.0, 1003.0], [3.0, 5.0, 7.0, 9.0])
>>> result.w, result.b, result.converged
(2.0, -1997.0, True)
"""

from __future__ import annotations

import math
import sys
from operator import mul
from typing import List, NamedTuple, Optional, Sequence

from ._exact import Ratio, moments
from ._numbers import Num, Real, check_count, check_data, check_non_negative, like, total
from .descent import Checkpoint, train
from .errors import DataError
from .gradient import gradient_constant, gradient_unchecked
from .model import loss_constant, scaled, sum_of_squares

#: The default step limit of plain descent with a given learning rate.
PLAIN_MAX_ITERATIONS = 100_000
#: Far more than the standardized descent needs (2 to 5 steps reach the rounding floor;
#: creeping along the floor in ever smaller steps can take a few dozen).
MAX_ITERATIONS = 1000


class Fit(NamedTuple):
    """The fitted line and how descent got there."""

    w: Real
    b: Real
    iterations: int
    converged: bool
    method: str  # what was done, in words, for a report
    learning_rate: Real  # the step used (in standardized coordinates for the default method)
    center: Real  # x̄, the centre of the standardization (0 without an intercept)
    scale_squared: Real  # s², the squared scale of the standardization
    history: List[Checkpoint]


def fit(
    xs: Sequence[Num],
    ys: Sequence[Num],
    *,
    intercept: bool = True,
    learning_rate: Optional[Num] = None,
    tolerance: Optional[Num] = None,
    max_iterations: Optional[int] = None,
    convention: str = "half_mse",
    checkpoint_every: Optional[int] = None,
) -> Fit:
    """Fit y = W·x + b (or y = W·x) by gradient descent until converged.

    By default: standardized descent with step 1, stopping when the largest
    standardized partial derivative is at most ``tolerance`` or, with no
    tolerance, at the rounding floor (the gradient stops shrinking or the step
    stops moving W and b).  All conventions share one minimiser, so there
    ``convention`` only changes the loss reported in the history; with a
    ``learning_rate``, descent follows that convention's gradient, for at most
    ``max_iterations`` steps (default 100 000).
    """
    xs, ys = check_data(xs, ys, min_points=2 if intercept else 1)
    if max_iterations is not None:
        check_count(max_iterations, "max_iterations", minimum=1)
    if tolerance is not None:
        check_non_negative(tolerance, "the tolerance")
    if learning_rate is not None:
        limit = max_iterations if max_iterations is not None else PLAIN_MAX_ITERATIONS
        plain = train(
            xs, ys, 0 * xs[0], 0 * ys[0],
            learning_rate=learning_rate, iterations=limit, tolerance=tolerance,
            convention=convention, intercept=intercept, checkpoint_every=checkpoint_every,
        )  # fmt: skip
        return Fit(
            plain.w, plain.b, plain.iterations, plain.converged,
            "plain gradient descent in (W, b) with the given learning rate",
            learning_rate, 0 * xs[0], 1 + 0 * xs[0], plain.history,
        )  # fmt: skip
    return _standardized(
        xs, ys, intercept=intercept, tolerance=tolerance,
        max_iterations=max_iterations or MAX_ITERATIONS, convention=convention,
        checkpoint_every=checkpoint_every,
    )  # fmt: skip


def _standardized(
    xs: List[Num],
    ys: List[Num],
    *,
    intercept: bool,
    tolerance: Optional[Num],
    max_iterations: int,
    convention: str,
    checkpoint_every: Optional[int],
) -> Fit:
    m = moments(xs, ys)
    n = m.n
    zero = 0 * xs[0]
    if intercept:
        mean_x = m.sx / n  # x̄, exact
        spread = m.centered_sxx / n  # s² = (1/N)·Σ(xᵢ − x̄)², exact
        if spread == 0:
            raise DataError("x is constant: the slope of the line is undetermined")
        center: Num = like(xs, mean_x)  # type: ignore[assignment]
        # δ = x̄ − c, what rounding the centre lost; the gradient below puts it back, so
        # the Hessian in (W′, b′) is the identity however close together the x are.
        delta: Num = like(xs, mean_x - Ratio.of(center))  # type: ignore[assignment]
    else:
        spread = m.sxx / n  # s² = (1/N)·Σxᵢ², exact
        if spread == 0:
            raise DataError("every x is 0: the line through the origin is undetermined")
        center = delta = zero
    s2: Num = like(xs, spread)  # type: ignore[assignment]
    if s2 == 0:
        raise DataError("the spread of x is below the float range; rescale x or use Fractions")
    # The line is kept as ŷ = W·(x − c) + ȳ + b_c: b_c is its height at x = c above the
    # mean of y, so a residual never adds large numbers that cancel (W·xᵢ and b when x
    # lies far from 0, or b_c and yᵢ when y does).  Both differences are computed once.
    y_center: Num = like(ys, m.sy / n) if intercept else 0 * ys[0]  # type: ignore[assignment]
    d = [x - center for x in xs]
    e = [y - y_center for y in ys]
    w, b_c = zero, -y_center  # the start W = 0, b = 0
    loss_c, grad_c = loss_constant(convention, n), gradient_constant(convention, n)
    history: List[Checkpoint] = []

    def snapshot(k: int) -> None:
        b = _intercept(xs, ys, w, b_c, center, y_center)
        dw, db = gradient_unchecked(xs, ys, w, b, grad_c)
        loss = scaled(sum_of_squares(xs, ys, w, b), loss_c)
        history.append(Checkpoint(k, w, b, loss, dw, db if intercept else zero))

    # Floats only: the relative rounding of a residual's terms, and their largest sizes.
    rounding = 4 * sys.float_info.epsilon if isinstance(s2, float) else None
    d_max = max(abs(float(v)) for v in d)
    e_max = max(abs(float(v)) for v in e)
    limit = None if tolerance is None else _standardized_size(tolerance, zero, 1 + 0 * s2)
    previous: Optional[Num] = None
    w_before, b_before = w, b_c
    converged = False
    k = 0
    while True:
        r = [(b_c - ei) + w * di for di, ei in zip(d, e)]  # rᵢ = W·(xᵢ − c) + ȳ + b_c − yᵢ
        g_b = total(r) / n if intercept else zero  # ∂L/∂b′ = (1/N)·Σrᵢ
        g_w = total(list(map(mul, r, d))) / n - delta * g_b  # (1/N)·Σrᵢ·(xᵢ − x̄) = s·∂L/∂W′
        size = _standardized_size(g_w, g_b, s2)
        if previous is not None and size >= previous:
            # The rounding floor: in exact arithmetic the gradient only shrinks, so a step
            # that did not shrink it moved by rounding error alone; keep the point before it.
            w, b_c, k, converged = w_before, b_before, k - 1, True
            break
        if k == 0 or (checkpoint_every and k % checkpoint_every == 0):
            snapshot(k)
        if size == 0 or (limit is not None and size <= limit):
            converged = True
        if converged or k == max_iterations:
            break
        previous, w_before, b_before = size, w, b_c
        dw = -(g_w / s2)  # ΔW = ΔW′/s = −α·(∂L/∂W′)/s, with α = 1
        db_c = -g_b - delta * dw  # Δb_c = Δb′ − δ·ΔW, since b′ = b_c + W·δ
        if w + dw == w and (
            b_c + db_c == b_c
            or (
                rounding is not None
                and abs(float(db_c)) <= rounding * (abs(float(w)) * d_max + e_max)
            )
        ):
            # The step moves neither W nor, beyond the rounding of the terms yᵢ − ȳ and
            # W·(xᵢ − c) it is added to, b: no residual would change, so this is the floor
            # (b would only creep by rounding noise).
            converged = True
            break
        w, b_c = w + dw, b_c + db_c
        k += 1
    if history[-1].iteration != k:
        snapshot(k)
    what = (
        "gradient descent in standardized coordinates u = (x − x̄)/s, where the Hessian is the"
        " identity, with step 1 = 2/(λmin + λmax); W and b mapped back"
        if intercept
        else "gradient descent in the scaled coordinate u = x/s, where the Hessian is 1, with"
        " step 1; W mapped back"
    )
    return Fit(w, history[-1].b, k, converged, what, 1, center, s2, history)


def _intercept(xs: List[Num], ys: List[Num], w: Num, b_c: Num, center: Num, y_center: Num) -> Real:
    """b = ȳ + b_c − W·c, computed exactly and rounded once (the terms may nearly cancel)."""
    exact = Ratio.of(y_center) + Ratio.of(b_c) - Ratio.of(w) * Ratio.of(center)
    return like(list(xs) + list(ys) + [w, b_c], exact)


def _standardized_size(g_w: Num, g_b: Num, s2: Num) -> Num:
    """A measure of max(|∂L/∂W′|, |∂L/∂b′|), with ∂L/∂W′ = g_w/s, that only grows with it.

    Floats: the magnitudes themselves (squaring could underflow to 0 for tiny data, and
    stop descent at once).  Exact types: their squares, since s = √s² may be irrational.
    """
    if isinstance(s2, float):
        return max(abs(float(g_w)) / math.sqrt(s2), abs(float(g_b)))
    return max(g_w * g_w / s2, g_b * g_b)
