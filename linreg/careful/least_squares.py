"""The closed-form least-squares line: the point where the gradient is zero.

Setting both partial derivatives of L = (1/d)·Σ(W·xᵢ + b − yᵢ)² to zero gives the
normal equations

    ∂L/∂b = 0:  W·Σxᵢ  + b·N   = Σyᵢ
    ∂L/∂W = 0:  W·Σxᵢ² + b·Σxᵢ = Σxᵢyᵢ

whose solution, with the centred sums Sxx = Σ(xᵢ − x̄)² and Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ), is

    Ŵ = Sxy / Sxx
    b̂ = ȳ − Ŵ·x̄

Through the origin (b fixed at 0) only the second equation is left: Ŵ = Σxᵢyᵢ / Σxᵢ².

Every sum comes exactly from :class:`~linreg.careful.exact.Moments`, so the answer is
exact, and a float answer is the exact one for exactly the given floats, rounded once,
however far x lies from 0.

>>> from linreg.careful.exact import moments
>>> w, b = exact_least_squares(moments([1.0, 2.0, 3.0], [2.0, 4.0, 7.0]), intercept=True)
>>> w, b
(Ratio(5, 2), Ratio(-2, 3))
"""

from __future__ import annotations

from typing import NamedTuple, Tuple

from ..core.numbers import Real, tuple_repr
from ..errors import DataError
from .exact import Moments, Ratio


class LeastSquares(NamedTuple):
    """The least-squares line y = w·x + b (b is 0 for the line through the origin)."""

    w: Real
    b: Real

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def exact_least_squares(m: Moments, *, intercept: bool) -> Tuple[Ratio, Ratio]:
    """(Ŵ, b̂) exactly; DataError where the data determine no unique line."""
    if not intercept:
        if m.sxx == 0:
            raise DataError("every x is 0: the line through the origin is undetermined")
        return m.sxy / m.sxx, Ratio(0)  # Ŵ = Σxy/Σx²
    sxx = m.centered_sxx  # Sxx = Σx² − (Σx)²/N, exact, so no cancellation to fear
    if sxx == 0:
        raise DataError("x is constant: the slope of the least-squares line is undetermined")
    w = m.centered_sxy / sxx  # Ŵ = Sxy/Sxx
    b = (m.sy - w * m.sx) / m.n  # b̂ = ȳ − Ŵ·x̄
    return w, b


def exact_r_squared(m: Moments, w: Ratio, b: Ratio, *, centered: bool) -> Ratio:
    """R² = 1 − Σ(yᵢ − W·xᵢ − b)² / Σ(yᵢ − ȳ)² (or / Σyᵢ² uncentred), exactly."""
    total_squares = m.centered_syy if centered else m.syy
    if total_squares == 0:
        raise DataError(
            "y is constant: R² = 1 − SSres/SStot is undefined, since SStot = 0"
            if centered
            else "every y is 0: the uncentered R² is undefined"
        )
    return 1 - m.sum_of_squares(w, b) / total_squares
