"""The gradient of the loss: the two partial derivatives ∂L/∂W and ∂L/∂b.

For L(W, b) = c·Σrᵢ² with rᵢ = W·xᵢ + b − yᵢ (c from the convention, see
:mod:`linreg.model`), the chain rule gives

    ∂L/∂W = c·Σ 2·rᵢ·∂rᵢ/∂W = 2c·Σ rᵢ·xᵢ
    ∂L/∂b = c·Σ 2·rᵢ·∂rᵢ/∂b = 2c·Σ rᵢ

so for the default half-MSE (2c = 1/N) the gradient is the plain mean of the
residuals and of the residuals times x:

>>> from fractions import Fraction as F
>>> gradient([F(0), F(1), F(2)], [F(1), F(3), F(4)], F(2), F(1))  # residuals 0, 0, 1
Gradient(dw=Fraction(2, 3), db=Fraction(1, 3))
"""

from __future__ import annotations

from operator import mul
from typing import NamedTuple, Sequence, Tuple

from ._numbers import (
    Num,
    Real,
    Summation,
    check_data,
    check_finite_result,
    check_line,
    total,
)
from .model import loss_constant, residuals


class Gradient(NamedTuple):
    """The partial derivatives of the loss at one point (W, b)."""

    dw: Real  # ∂L/∂W
    db: Real  # ∂L/∂b


def gradient_constant(convention: str, n: int) -> Tuple[int, int]:
    """2c, the factor in front of Σrᵢ·xᵢ and Σrᵢ, as an exact integer pair."""
    num, den = loss_constant(convention, n)
    num *= 2  # ∂(rᵢ²)/∂rᵢ = 2·rᵢ
    if den % 2 == 0 and num % 2 == 0:
        num, den = num // 2, den // 2  # half-MSE: 2/(2N) = 1/N, one division, not two
    return num, den


def gradient_unchecked(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    constant: Tuple[int, int],
    summation: Summation = total,
) -> Tuple[Num, Num]:
    """(∂L/∂W, ∂L/∂b) for data already checked; the training loop calls this directly.

    ``summation`` is the Σ used; the default is correctly rounded (exact for Fractions).
    """
    num, den = constant
    r = residuals(xs, ys, w, b)  # rᵢ = W·xᵢ + b − yᵢ
    sum_rx: Num = summation(list(map(mul, r, xs)))  # Σ rᵢ·∂rᵢ/∂W, since ∂rᵢ/∂W = xᵢ
    sum_r: Num = summation(r)  # Σ rᵢ·∂rᵢ/∂b, since ∂rᵢ/∂b = 1
    if num == 1:
        dw, db = sum_rx / den, sum_r / den  # ∂L/∂W = 2c·Σrᵢxᵢ, ∂L/∂b = 2c·Σrᵢ
    else:
        dw, db = sum_rx * num / den, sum_r * num / den
    check_finite_result(dw, "∂L/∂W")
    check_finite_result(db, "∂L/∂b")
    return dw, db


def gradient(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, convention: str = "half_mse"
) -> Gradient:
    """∇L(W, b) = (∂L/∂W, ∂L/∂b) = (2c·Σrᵢ·xᵢ, 2c·Σrᵢ), rᵢ = W·xᵢ + b − yᵢ."""
    xs, ys = check_data(xs, ys)
    check_line(w, b)
    dw, db = gradient_unchecked(xs, ys, w, b, gradient_constant(convention, len(xs)))
    return Gradient(dw, db)
