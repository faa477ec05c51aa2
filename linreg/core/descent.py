"""Gradient descent: the update rule, one step, and the loop that repeats it.

One step moves both parameters against the gradient, simultaneously: both partial
derivatives are taken at the old point before either parameter moves.

    W ← W − α·∂L/∂W
    b ← b − α·∂L/∂b

>>> from fractions import Fraction as F
>>> xs, ys = [F(0), F(1), F(2)], [F(1), F(3), F(5)]
>>> step(xs, ys, F(0), F(0), F(1, 10), 6)
Params(w=Fraction(13, 30), b=Fraction(3, 10))
>>> train(xs, ys, F(0), F(0), F(1, 10), 2, 6)
Params(w=Fraction(172, 225), b=Fraction(79, 150))
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from .gradient import Gradient, gradient
from .numbers import Num, Real, tuple_repr


class Params(NamedTuple):
    """A point (W, b) of parameter space."""

    w: Real
    b: Real

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def update(w: Num, b: Num, g: Gradient, learning_rate: Num) -> Params:
    """The update rule: W ← W − α·∂L/∂W, b ← b − α·∂L/∂b."""
    return Params(w - learning_rate * g.dw, b - learning_rate * g.db)


def step(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, learning_rate: Num, divisor: int
) -> Params:
    """One step: the gradient at (W, b), then the update, both partials from the old point."""
    return update(w, b, gradient(xs, ys, w, b, divisor), learning_rate)


def train(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    learning_rate: Num,
    iterations: int,
    divisor: int,
) -> Params:
    """Take ``iterations`` steps from (W, b) with a fixed learning rate α."""
    point = Params(w, b)
    for _ in range(iterations):
        point = step(xs, ys, point.w, point.b, learning_rate, divisor)
    return point
