"""The gradient of the loss: the partial derivatives ∂L/∂W and ∂L/∂b, by the chain rule.

For L(W, b) = (1/d)·Σrᵢ² with rᵢ = W·xᵢ + b − yᵢ (d from the convention, see
:mod:`linreg.core.model`), differentiate term by term through the residual:

    ∂L/∂W = (1/d)·Σ 2·rᵢ·∂rᵢ/∂W = (2/d)·Σ rᵢ·xᵢ      since ∂rᵢ/∂W = xᵢ
    ∂L/∂b = (1/d)·Σ 2·rᵢ·∂rᵢ/∂b = (2/d)·Σ rᵢ         since ∂rᵢ/∂b = 1

For the default half-MSE, d = 2N and 2/d = 1/N: the gradient is the plain mean of the
residuals times x, and of the residuals.

>>> from fractions import Fraction as F
>>> gradient([F(0), F(1), F(2)], [F(1), F(3), F(4)], F(2), F(1), 6)  # residuals 0, 0, 1
Gradient(dw=Fraction(2, 3), db=Fraction(1, 3))
"""

from __future__ import annotations

from operator import mul
from typing import NamedTuple, Sequence

from .model import residuals
from .numbers import Num, Real, total, tuple_repr


class Gradient(NamedTuple):
    """The partial derivatives of the loss at one point (W, b)."""

    dw: Real  # ∂L/∂W
    db: Real  # ∂L/∂b

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def gradient(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, divisor: int) -> Gradient:
    """∇L(W, b) = (∂L/∂W, ∂L/∂b) = ((2/d)·Σrᵢ·xᵢ, (2/d)·Σrᵢ), rᵢ = W·xᵢ + b − yᵢ."""
    r = residuals(xs, ys, w, b)  # rᵢ = W·xᵢ + b − yᵢ
    dw = 2 * total(list(map(mul, r, xs))) / divisor  # (1/d)·Σ 2·rᵢ·∂rᵢ/∂W, ∂rᵢ/∂W = xᵢ
    db = 2 * total(r) / divisor  # (1/d)·Σ 2·rᵢ·∂rᵢ/∂b, ∂rᵢ/∂b = 1
    return Gradient(dw, db)
