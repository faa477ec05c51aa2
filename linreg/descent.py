"""Gradient descent: the update rule, and a loop that repeats it.

One step moves both parameters against the gradient, simultaneously (both
partial derivatives are taken at the old point before either parameter moves):

    W ← W − α·∂L/∂W
    b ← b − α·∂L/∂b

:func:`train` repeats the step a given number of times, or until the largest
partial derivative is at most a tolerance, and keeps a history of checkpoints.
Checkpoint k holds W and b after k steps and the loss and gradient *at that
point*; the tutorials print the loss before a step beside W and b after it, and
a caller can recover that from consecutive checkpoints or from one step.

Before the first step, :func:`train` checks the learning rate exactly against
the stability bound 2/λmax (see :mod:`linreg.stability`): a rate that would
diverge is refused with :class:`UnstableLearningRateError` instead of ending in
NaN.  A single :func:`step` is never refused, so a reader can watch divergence
step by step.

>>> from fractions import Fraction as F
>>> xs, ys = [F(0), F(1), F(2)], [F(1), F(3), F(5)]
>>> step(xs, ys, F(0), F(0), learning_rate=F(1, 10))
Params(w=Fraction(13, 30), b=Fraction(3, 10))
"""

from __future__ import annotations

from typing import Collection, List, NamedTuple, Optional, Sequence

from ._numbers import (
    Num,
    Real,
    Summation,
    check_count,
    check_data,
    check_finite_result,
    check_non_negative,
    check_number,
    check_positive,
    total,
)
from .gradient import gradient, gradient_constant, gradient_unchecked
from .model import loss_constant, scaled, sum_of_squares
from .stability import check_learning_rate


class Params(NamedTuple):
    """A point (W, b) of parameter space."""

    w: Real
    b: Real


class Checkpoint(NamedTuple):
    """The state after ``iteration`` steps: W, b, and the loss and gradient there."""

    iteration: int
    w: Real
    b: Real
    loss: Real
    dw: Real  # ∂L/∂W at (w, b)
    db: Real  # ∂L/∂b at (w, b)


class Training(NamedTuple):
    """Where gradient descent ended, and how it got there."""

    w: Real
    b: Real
    iterations: int  # steps taken
    converged: bool  # True when it stopped because the gradient met the tolerance
    history: List[Checkpoint]  # the start, every ``checkpoint_every`` steps, and the end


def step(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    *,
    learning_rate: Num,
    convention: str = "half_mse",
) -> Params:
    """One simultaneous update: (W, b) ← (W − α·∂L/∂W, b − α·∂L/∂b)."""
    check_positive(learning_rate, "the learning rate")
    g = gradient(xs, ys, w, b, convention=convention)
    after = Params(w - learning_rate * g.dw, b - learning_rate * g.db)
    check_finite_result(after.w, "W after the step")
    check_finite_result(after.b, "b after the step")
    return after


def train(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    *,
    learning_rate: Num,
    iterations: int,
    tolerance: Optional[Num] = None,
    convention: str = "half_mse",
    intercept: bool = True,
    checkpoint_every: Optional[int] = None,
    checkpoints: Collection[int] = (),
    summation: Optional[Summation] = None,
) -> Training:
    """Repeat W ← W − α·∂L/∂W, b ← b − α·∂L/∂b from (w, b) for up to ``iterations`` steps.

    Stops early, with ``converged=True``, at the first point where
    max(|∂L/∂W|, |∂L/∂b|) ≤ tolerance.  With ``intercept=False``, b stays at 0
    and only W moves.  Raises UnstableLearningRateError for α ≥ 2/λmax.

    The history records the start, the end, every ``checkpoint_every``-th step and
    the steps listed in ``checkpoints``.  ``summation`` replaces the correctly
    rounded Σ over the data (for example by NumPy's pairwise order, to replay a
    NumPy program bit for bit).
    """
    xs, ys = check_data(xs, ys)
    check_number(w, "the starting W")
    check_number(b, "the starting b")
    check_count(iterations, "iterations")
    if tolerance is not None:
        check_non_negative(tolerance, "the tolerance")
    if checkpoint_every is not None:
        check_count(checkpoint_every, "checkpoint_every", minimum=1)
    check_learning_rate(xs, learning_rate, convention=convention, intercept=intercept)
    if not intercept:
        b = 0 * b  # the line through the origin; 0·b keeps b's number type

    n = len(xs)
    add_up: Summation = summation if summation is not None else total
    wanted = frozenset(checkpoints)
    grad_constant = gradient_constant(convention, n)
    loss_c = loss_constant(convention, n)
    history: List[Checkpoint] = []

    def checkpoint(k: int, dw: Num, db: Num) -> None:
        loss = scaled(sum_of_squares(xs, ys, w, b, add_up), loss_c)
        history.append(Checkpoint(k, w, b, loss, dw, db))

    k = 0
    converged = False
    while True:
        dw, db = gradient_unchecked(xs, ys, w, b, grad_constant, add_up)
        if not intercept:
            db = 0 * db
        if (
            tolerance is not None
            and -tolerance <= dw <= tolerance
            and -tolerance <= db <= tolerance
        ):
            converged = True
        at_checkpoint = k in wanted or bool(checkpoint_every and k % checkpoint_every == 0)
        if k == 0 or converged or k == iterations or at_checkpoint:
            checkpoint(k, dw, db)
        if converged or k == iterations:
            break
        w, b = w - learning_rate * dw, b - learning_rate * db  # both from the old (W, b)
        k += 1
    return Training(w, b, k, converged, history)
