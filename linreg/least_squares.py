"""The closed-form least-squares line: the point where the gradient is zero.

Setting both partial derivatives of L = c·Σ(W·xᵢ + b − yᵢ)² to zero gives the
normal equations

    ∂L/∂b = 0:  W·Σxᵢ  + b·N   = Σyᵢ
    ∂L/∂W = 0:  W·Σxᵢ² + b·Σxᵢ = Σxᵢyᵢ

whose solution, written with centred sums Sxx = Σ(xᵢ − x̄)², Sxy = Σ(xᵢ − x̄)(yᵢ − ȳ), is

    Ŵ = Sxy / Sxx
    b̂ = ȳ − Ŵ·x̄ = (Σyᵢ·Σxᵢ² − Σxᵢ·Σxᵢyᵢ) / (N·Sxx)

Through the origin (b fixed at 0) only the second equation is left: Ŵ = Σxᵢyᵢ / Σxᵢ².

Every sum here is computed exactly from the given numbers (see
:mod:`linreg._exact`) and each result is rounded once, so for float data Ŵ and b̂
are the correctly rounded least-squares values of exactly those floats, however
far x lies from 0; for Fraction data they are exact.

>>> least_squares([1.0, 2.0, 3.0], [2.0, 4.1, 5.9])  # the floats 4.1, 5.9 are not 41/10, 59/10
LeastSquares(w=1.9500000000000002, b=0.09999999999999964)
>>> from fractions import Fraction as F
>>> least_squares([F(1), F(2), F(3)], [F(2), F('4.1'), F('5.9')])
LeastSquares(w=Fraction(39, 20), b=Fraction(1, 10))
"""

from __future__ import annotations

from typing import NamedTuple, Sequence, Tuple

from ._exact import Moments, Ratio, moments
from ._numbers import Num, Real, check_data, check_line, like
from .errors import DataError


class LeastSquares(NamedTuple):
    """The least-squares line y = w·x + b (b is 0 for the line through the origin)."""

    w: Real
    b: Real


def exact_least_squares(m: Moments, *, intercept: bool = True) -> Tuple[Ratio, Ratio]:
    """(Ŵ, b̂) exactly, from the exact moments; DataError where there is no unique line."""
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


def least_squares(xs: Sequence[Num], ys: Sequence[Num], *, intercept: bool = True) -> LeastSquares:
    """Ŵ = Sxy/Sxx and b̂ = ȳ − Ŵ·x̄ (or Ŵ = Σxy/Σx², b = 0 through the origin).

    Exact for Fractions; for floats, the exact answer rounded once.
    """
    xs, ys = check_data(xs, ys, min_points=2 if intercept else 1)
    w, b = exact_least_squares(moments(xs, ys), intercept=intercept)
    return LeastSquares(like(xs + ys, w), like(xs + ys, b))


def r_squared(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, centered: bool = True
) -> Real:
    """R² = 1 − Σ(yᵢ − W·xᵢ − b)² / Σ(yᵢ − ȳ)²: the share of y's variance the line explains.

    Computed exactly for the given W and b, on any data (for example the test part
    of a split), and rounded once.  ``centered=False`` divides by Σyᵢ² instead,
    the convention for a line through the origin (NIST's NoInt data sets use it).
    """
    xs, ys = check_data(xs, ys, min_points=2 if centered else 1)
    check_line(w, b)
    m = moments(xs, ys)
    total_squares = m.centered_syy if centered else m.syy
    if total_squares == 0:
        raise DataError(
            "y is constant: R² = 1 − SSres/SStot is undefined, since SStot = 0"
            if centered
            else "every y is 0: the uncentered R² is undefined"
        )
    explained = 1 - m.sum_of_squares(Ratio.of(w), Ratio.of(b)) / total_squares
    return like(list(xs) + list(ys) + [w, b], explained)
