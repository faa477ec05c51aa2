"""The model ŷ = W·x + b and its loss, in the three conventions real code uses.

With the residual rᵢ = W·xᵢ + b − yᵢ (prediction minus target), every
convention is one sum of squares times a constant c:

    L(W, b) = c·Σ(W·xᵢ + b − yᵢ)²

    convention   L(W, b)                     c
    half_mse     (1/2N)·Σ(W·xᵢ + b − yᵢ)²    1/(2N)   the default: its gradient is a plain mean
    mse          (1/N)·Σ(W·xᵢ + b − yᵢ)²     1/N
    sse          Σ(W·xᵢ + b − yᵢ)²           1

All three have the same minimiser; they differ by a constant factor, and so do
their gradients and the learning rates that suit them.

>>> from fractions import Fraction as F
>>> xs, ys = [F(0), F(1), F(2)], [F(1), F(3), F(4)]
>>> half_mse(xs, ys, F(2), F(1)), mse(xs, ys, F(2), F(1)), sse(xs, ys, F(2), F(1))
(Fraction(1, 6), Fraction(1, 3), Fraction(1, 1))
"""

from __future__ import annotations

from typing import List, Literal, Sequence, Tuple

from ._numbers import (
    Num,
    Summation,
    check_data,
    check_finite_result,
    check_line,
    total,
)
from .errors import LinregError

Convention = Literal["half_mse", "mse", "sse"]
#: The conventions, default first.
CONVENTIONS: Tuple[Convention, ...] = ("half_mse", "mse", "sse")


def check_convention(convention: str) -> Convention:
    """The convention, checked: one of 'half_mse', 'mse', 'sse'."""
    for known in CONVENTIONS:
        if convention == known:
            return known
    raise LinregError(
        "unknown loss convention %r: choose one of %s" % (convention, ", ".join(CONVENTIONS))
    )


def loss_constant(convention: str, n: int) -> Tuple[int, int]:
    """c of L = c·Σrᵢ², as an integer pair (numerator, denominator) so it stays exact."""
    convention = check_convention(convention)
    if convention == "half_mse":
        return 1, 2 * n
    if convention == "mse":
        return 1, n
    return 1, 1


def predict(xs: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """ŷᵢ = W·xᵢ + b for each x."""
    check_line(w, b)
    return [w * x + b for x in xs]


def residuals(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """rᵢ = W·xᵢ + b − yᵢ: prediction minus target, the sign the gradient uses."""
    return [w * x + b - y for x, y in zip(xs, ys)]


def sum_of_squares(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, summation: Summation = total
) -> Num:
    """Σrᵢ², unchecked: the shared core of the three losses."""
    # r·r, not r**2: a float ** overflows with OverflowError, r·r with inf, which
    # total() turns into the library's own error.
    squares: Num = summation([r * r for r in residuals(xs, ys, w, b)])
    return squares


def scaled(value: Num, constant: Tuple[int, int]) -> Num:
    """value·(num/den) with integer num and den, so Fractions stay exact."""
    num, den = constant
    result = value * num / den if num != 1 else value / den
    check_finite_result(result, "the loss")
    return result


def loss(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, convention: str = "half_mse"
) -> Num:
    """L(W, b) = c·Σ(W·xᵢ + b − yᵢ)², with c given by the convention (default 1/(2N))."""
    xs, ys = check_data(xs, ys)
    check_line(w, b)
    return scaled(sum_of_squares(xs, ys, w, b), loss_constant(convention, len(xs)))


def half_mse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = (1/2N)·Σ(W·xᵢ + b − yᵢ)²."""
    return loss(xs, ys, w, b, convention="half_mse")


def mse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = (1/N)·Σ(W·xᵢ + b − yᵢ)²."""
    return loss(xs, ys, w, b, convention="mse")


def sse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = Σ(W·xᵢ + b − yᵢ)²."""
    return loss(xs, ys, w, b, convention="sse")
