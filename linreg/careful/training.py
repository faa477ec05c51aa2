"""The training loop with its instruments: a stopping tolerance, a history, a fixed b = 0.

It repeats the teaching core's update rule (:func:`linreg.core.descent.update`) and adds
what a report needs around it.  Where the gradient comes from is not its business: it
takes a function ``gradient_at(W, b)``, so the same loop runs on the core's per-sample
sums, on another order of summation (NumPy's, to replay a NumPy program bit for bit), or
on sufficient statistics.

Checkpoint k of the history holds W and b after k steps, and the loss and gradient *at
that point*.  (The "arange" tutorial prints the loss before a step beside W and b after
it; a caller recovers that from a checkpoint and one more update.)
"""

from __future__ import annotations

from operator import mul
from typing import Any, Callable, Collection, List, NamedTuple, Optional, Sequence, Tuple

from ..core.descent import update
from ..core.gradient import Gradient, gradient
from ..core.model import loss, residuals
from ..core.numbers import Real, tuple_repr
from . import cycles
from .cycles import Watch

#: A Σ over the terms of a sum over the data.
Summation = Callable[[Sequence[Any]], Any]
#: (W, b) → the gradient there, and (W, b) → the loss there.
GradientAt = Callable[[Any, Any], Gradient]
LossAt = Callable[[Any, Any], Any]


class Checkpoint(NamedTuple):
    """The state after ``iteration`` steps: W, b, and the loss and gradient there."""

    iteration: int
    w: Real
    b: Real
    loss: Real
    dw: Real  # ∂L/∂W at (w, b)
    db: Real  # ∂L/∂b at (w, b)

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


class Training(NamedTuple):
    """Where gradient descent ended, and how it got there."""

    w: Real
    b: Real
    iterations: int  # steps taken
    converged: bool  # True when it stopped because the gradient met the tolerance
    history: List[Checkpoint]  # the start, every ``checkpoint_every`` steps, and the end

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def per_sample(
    xs: Sequence[Any], ys: Sequence[Any], divisor: int, summation: Optional[Summation] = None
) -> Tuple[GradientAt, LossAt]:
    """The gradient and loss of the teaching core, or the same formulas with another Σ."""
    if summation is None:
        return (
            lambda w, b: gradient(xs, ys, w, b, divisor),
            lambda w, b: loss(xs, ys, w, b, divisor),
        )
    add = summation

    def gradient_at(w: Any, b: Any) -> Gradient:
        r = residuals(xs, ys, w, b)
        return Gradient(2 * add(list(map(mul, r, xs))) / divisor, 2 * add(r) / divisor)

    def loss_at(w: Any, b: Any) -> Any:
        return add([r * r for r in residuals(xs, ys, w, b)]) / divisor

    return gradient_at, loss_at


def run(
    gradient_at: GradientAt,
    loss_at: LossAt,
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
    """Repeat the update from (W, b) up to ``iterations`` times.

    Stops early, with ``converged=True``, at the first point where
    max(|∂L/∂W|, |∂L/∂b|) ≤ tolerance.  Without an intercept, ∂L/∂b is taken as 0, so b
    stays where it started (0).  Where the run comes back to a point it visited, the rest
    of it repeats, and is read off one period (:mod:`linreg.careful.cycles`); ``repeats``
    says that gradient_at is a function of (W, b) alone, as it must be for that.
    """

    def gradient_here(w: Any, b: Any) -> Gradient:
        g = gradient_at(w, b)
        return g if intercept else Gradient(g.dw, 0 * g.db)  # 0·∂L/∂b keeps the type

    def advance(w: Any, b: Any, steps: int) -> Tuple[Any, Any]:
        for _ in range(steps):
            w, b = update(w, b, gradient_here(w, b), learning_rate)
        return w, b

    def checkpoint_at(w: Any, b: Any) -> Checkpoint:
        g = gradient_here(w, b)
        return Checkpoint(0, w, b, loss_at(w, b), g.dw, g.db)

    history: List[Checkpoint] = []
    watch = Watch((w, b)) if repeats else None
    k, converged = 0, False
    while True:
        g = gradient_here(w, b)
        converged = tolerance is not None and (
            -tolerance <= g.dw <= tolerance and -tolerance <= g.db <= tolerance
        )
        due = k in checkpoints or bool(checkpoint_every and k % checkpoint_every == 0)
        if k == 0 or converged or k == iterations or due:
            history.append(Checkpoint(k, w, b, loss_at(w, b), g.dw, g.db))
        if converged or k == iterations:
            return Training(w, b, k, converged, history)
        w, b = update(w, b, g, learning_rate)
        k += 1
        period = watch.period((w, b), k) if watch is not None else 0
        if period:  # every point of the cycle was visited, and none met the tolerance
            wanted = cycles.due(k, iterations, checkpoint_every, checkpoints)
            rest = cycles.rest_of_run(k, period, (w, b), wanted, advance, checkpoint_at)
            history.extend(c._replace(iteration=t) for t, c in rest)
            return Training(history[-1].w, history[-1].b, iterations, False, history)
