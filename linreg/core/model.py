"""The model ŷ = W·x + b, its residuals, and the loss: a sum of squares over a divisor.

With the residual rᵢ = W·xᵢ + b − yᵢ (prediction minus target), every loss that real
code uses is the same sum of squares divided by a whole number d:

    L(W, b) = (1/d)·Σ(W·xᵢ + b − yᵢ)²

    convention   d     L(W, b)
    half_mse     2N    (1/2N)·Σrᵢ²    the default: its gradient is a plain mean
    mse          N     (1/N)·Σrᵢ²     the mean squared error
    sse          1     Σrᵢ²           the sum of squared errors

All three have the same minimiser; they differ by a constant factor, and so do their
gradients and the learning rates that suit them.

>>> from fractions import Fraction as F
>>> xs, ys = [F(0), F(1), F(2)], [F(1), F(3), F(4)]
>>> [loss(xs, ys, F(2), F(1), loss_divisor(c, 3)) for c in CONVENTIONS]
[Fraction(1, 6), Fraction(1, 3), Fraction(1, 1)]
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from .numbers import Num, total

#: The loss conventions, the default first.
CONVENTIONS: Tuple[str, ...] = ("half_mse", "mse", "sse")


def loss_divisor(convention: str, n: int) -> int:
    """d in L = (1/d)·Σrᵢ²: 2N for half_mse, N for mse, 1 for sse (N data points)."""
    return {"half_mse": 2 * n, "mse": n, "sse": 1}[convention]


def predict(xs: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """ŷᵢ = W·xᵢ + b for each x."""
    return [w * x + b for x in xs]


def residuals(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """rᵢ = W·xᵢ + b − yᵢ: prediction minus target, the sign that keeps the gradient plain."""
    return [w * x + b - y for x, y in zip(xs, ys)]


def loss(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, divisor: int) -> Num:
    """L(W, b) = (1/d)·Σ(W·xᵢ + b − yᵢ)²."""
    # r·r rather than r**2: the same value, and a float r·r overflows to inf (which the
    # caller reports) where r**2 would raise OverflowError.
    return total([r * r for r in residuals(xs, ys, w, b)]) / divisor
