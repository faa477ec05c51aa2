"""Several features: the model, the loss, its gradient and the update, with a sum over j.

Read :mod:`linreg.core.model`, :mod:`~linreg.core.gradient` and :mod:`~linreg.core.descent`
first: this module is the same formulas for a point xᵢ = (xᵢ₁, …, xᵢ_d) of d features and
a weight per feature, w = (w₁, …, w_d).  Where the one-feature code has W·xᵢ, this has
w·xᵢ = Σⱼ wⱼ·xᵢⱼ; everything else reads the same.

    ŷᵢ = w·xᵢ + b = Σⱼ wⱼ·xᵢⱼ + b
    rᵢ = ŷᵢ − yᵢ
    L(w, b) = (1/d_L)·Σᵢ rᵢ²                      (d_L = 2N, N or 1, as for one feature)
    ∂L/∂wⱼ = (1/d_L)·Σᵢ 2·rᵢ·∂rᵢ/∂wⱼ = (2/d_L)·Σᵢ rᵢ·xᵢⱼ      since ∂rᵢ/∂wⱼ = xᵢⱼ
    ∂L/∂b  = (2/d_L)·Σᵢ rᵢ                                     since ∂rᵢ/∂b = 1
    wⱼ ← wⱼ − α·∂L/∂wⱼ for every j, and b ← b − α·∂L/∂b, all from the old point

(d_L is called ``divisor`` in the code, as in the one-feature modules, so that d can
keep its usual meaning, the number of features.)

>>> from fractions import Fraction as F
>>> rows, ys = [[F(1), F(0)], [F(0), F(1)], [F(1), F(1)]], [F(2), F(3), F(6)]
>>> loss(rows, ys, [F(2), F(3)], F(0), 6)   # residuals 0, 0, −1
Fraction(1, 6)
>>> gradient(rows, ys, [F(2), F(3)], F(0), 6)
FeatureGradient(dw=[Fraction(-1, 3), Fraction(-1, 3)], db=Fraction(-1, 3))
"""

from __future__ import annotations

from operator import mul
from typing import List, NamedTuple, Sequence

from .numbers import Num, Real, total


class FeatureGradient(NamedTuple):
    """The partial derivatives at one point (w, b): ∂L/∂wⱼ for each feature j, and ∂L/∂b."""

    dw: List[Real]  # ∂L/∂wⱼ, j = 1 … d
    db: Real  # ∂L/∂b


class FeatureParams(NamedTuple):
    """A point (w, b) of parameter space: a weight per feature and the intercept."""

    w: List[Real]
    b: Real


def predict(rows: Sequence[Sequence[Num]], w: Sequence[Num], b: Num) -> List[Num]:
    """ŷᵢ = w·xᵢ + b = Σⱼ wⱼ·xᵢⱼ + b for each point xᵢ."""
    return [total(list(map(mul, w, row))) + b for row in rows]


def residuals(
    rows: Sequence[Sequence[Num]], ys: Sequence[Num], w: Sequence[Num], b: Num
) -> List[Num]:
    """rᵢ = w·xᵢ + b − yᵢ."""
    return [p - y for p, y in zip(predict(rows, w, b), ys)]


def loss(
    rows: Sequence[Sequence[Num]], ys: Sequence[Num], w: Sequence[Num], b: Num, divisor: int
) -> Num:
    """L(w, b) = (1/d_L)·Σ(w·xᵢ + b − yᵢ)²."""
    return total([r * r for r in residuals(rows, ys, w, b)]) / divisor


def gradient(
    rows: Sequence[Sequence[Num]], ys: Sequence[Num], w: Sequence[Num], b: Num, divisor: int
) -> FeatureGradient:
    """∂L/∂wⱼ = (2/d_L)·Σᵢ rᵢ·xᵢⱼ for each j, ∂L/∂b = (2/d_L)·Σᵢ rᵢ."""
    r = residuals(rows, ys, w, b)  # rᵢ = w·xᵢ + b − yᵢ
    columns = list(zip(*rows))  # column j holds x₁ⱼ … x_Nⱼ
    dw = [2 * total(list(map(mul, r, column))) / divisor for column in columns]  # ∂rᵢ/∂wⱼ = xᵢⱼ
    db = 2 * total(r) / divisor  # ∂rᵢ/∂b = 1
    return FeatureGradient(dw, db)


def update(w: Sequence[Num], b: Num, g: FeatureGradient, learning_rate: Num) -> FeatureParams:
    """The update rule: wⱼ ← wⱼ − α·∂L/∂wⱼ for every j, b ← b − α·∂L/∂b."""
    return FeatureParams(
        [wj - learning_rate * gj for wj, gj in zip(w, g.dw)], b - learning_rate * g.db
    )


def step(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    learning_rate: Num,
    divisor: int,
) -> FeatureParams:
    """One step: the gradient at (w, b), then the update, every partial from the old point."""
    return update(w, b, gradient(rows, ys, w, b, divisor), learning_rate)
