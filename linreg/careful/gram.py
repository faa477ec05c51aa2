"""The exact sufficient statistics of d features: the Gram matrix, and the sums beside it.

For one feature, six sums (N, Σx, Σy, Σx², Σxy, Σy²) determine the loss, its gradient,
the Hessian and least squares (:class:`~linreg.careful.exact.Moments`).  For d features
the same holds with Σx² become a matrix:

    G = XᵀX, Gⱼₗ = Σᵢ xᵢⱼ·xᵢₗ      s = Xᵀ1, sⱼ = Σᵢ xᵢⱼ      c = Xᵀy, cⱼ = Σᵢ xᵢⱼ·yᵢ
    N, Σy, Σy²

    Σrᵢ² = wᵀGw + 2b·sᵀw + N·b² − 2cᵀw − 2b·Σy + Σy²
    ∂L/∂wⱼ = (2/d_L)·(Gw + b·s − c)ⱼ,    ∂L/∂b = (2/d_L)·(sᵀw + N·b − Σy)

Each column is put on one fixed point (integers over a common denominator: a power of two
for floats, exactly as :mod:`linreg.careful.exact` does for one x), so every entry is a
sum of Python ints, done at C speed, and exact.  Sums add: the statistics of a file read
in chunks are the sum of the chunks' (:meth:`Gram.combined`).
"""

from __future__ import annotations

import math
import random
from operator import mul
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

from ..core.numbers import Real
from .exact import Exact, Ratio, _integer_ratio, _scaled_integers


class Gram(NamedTuple):
    """N, G = XᵀX, s = Xᵀ1, c = Xᵀy, Σy and Σy², all exact."""

    n: int
    xx: List[List[Ratio]]  # Gⱼₗ = Σᵢ xᵢⱼ·xᵢₗ
    x: List[Ratio]  # sⱼ = Σᵢ xᵢⱼ
    xy: List[Ratio]  # cⱼ = Σᵢ xᵢⱼ·yᵢ
    y: Ratio  # Σy
    yy: Ratio  # Σy²

    @property
    def features(self) -> int:
        return len(self.x)

    def combined(self, other: Gram) -> Gram:
        """The statistics of both data sets together: every sum adds, exactly."""
        return Gram(
            self.n + other.n,
            [[a + b for a, b in zip(r, q)] for r, q in zip(self.xx, other.xx)],
            [a + b for a, b in zip(self.x, other.x)],
            [a + b for a, b in zip(self.xy, other.xy)],
            self.y + other.y,
            self.yy + other.yy,
        )

    def residual(self, w: Sequence[Exact], b: Exact) -> Tuple[List[Ratio], Ratio]:
        """(Gw + b·s − c, sᵀw + N·b − Σy) = (Σᵢ rᵢ·xᵢ, Σᵢ rᵢ): the gradient without 2/d_L."""
        dw = [dot(row, w) + b * sj - cj for row, sj, cj in zip(self.xx, self.x, self.xy)]
        db = dot(self.x, w) + b * self.n - self.y
        return dw, db

    def sum_of_squares(self, w: Sequence[Exact], b: Exact) -> Ratio:
        """Σrᵢ² = wᵀGw + 2b·sᵀw + N·b² − 2cᵀw − 2b·Σy + Σy², exact for exact w, b."""
        quadratic = dot([dot(row, w) for row in self.xx], w)
        return (
            quadratic + 2 * b * dot(self.x, w) + b * b * self.n
            - 2 * dot(self.xy, w) - 2 * b * self.y + self.yy
        )  # fmt: skip


def dot(a: Sequence[Exact], b: Sequence[Exact]) -> Ratio:
    """Σⱼ aⱼ·bⱼ, exact."""
    total = Ratio(0)
    for p, q in zip(a, b):
        total = total + Ratio.of(p) * q
    return total


Value = Union[Real, Ratio]


def fixed_point(values: Sequence[Value], floats: bool) -> Tuple[List[int], int]:
    """(integers, D) with values[i] = integers[i]/D exactly, D > 0."""
    fast = _scaled_integers(values, floats)
    if fast is not None:
        ints, k = fast
        return (ints, 1 << k) if k >= 0 else ([v << -k for v in ints], 1)
    pairs = [_integer_ratio(v) for v in values]
    den = 1
    for _, d in pairs:
        den = den // math.gcd(den, d) * d
    return [n * (den // d) for n, d in pairs], den


def gram(
    columns: Sequence[Sequence[Value]],
    ys: Sequence[Value],
    *,
    floats: bool = False,
    jitter: Optional[int] = None,
) -> Gram:
    """The exact statistics of the data given column by column (validated by the caller):
    floats, Fractions, or Ratios (decimal text read exactly, a polynomial's powers).

    With ``jitter`` (a seed), every value is first moved by about one ulp, up or down at
    random (:func:`jittered`): the statistics of data that round to nearly the same floats.
    """
    cols = [fixed_point(c, floats) for c in columns]
    y, dy = fixed_point(ys, floats)
    if jitter is not None:
        cols = [(jittered(a, jitter + j), da) for j, (a, da) in enumerate(cols)]
        y = jittered(y, jitter + len(cols))
    return Gram(
        n=len(ys),
        xx=[[Ratio(sum(map(mul, a, b)), da * db) for b, db in cols] for a, da in cols],
        x=[Ratio(sum(a), da) for a, da in cols],
        xy=[Ratio(sum(map(mul, a, y)), da * dy) for a, da in cols],
        y=Ratio(sum(y), dy),
        yy=Ratio(sum(map(mul, y, y)), dy * dy),
    )


def jittered(ints: Sequence[int], seed: int) -> List[int]:
    """Each fixed-point value moved by ±(|v| >> 52), signs from random.Random(seed): about
    one ulp of a float (whose fixed point puts at least 53 bits in every non-zero value)."""
    signs = random.Random(seed).getrandbits(max(1, len(ints)))
    return [v + (abs(v) >> 52 if signs >> i & 1 else -(abs(v) >> 52)) for i, v in enumerate(ints)]


def jittered_values(values: Sequence[Value], seed: int) -> List[Ratio]:
    """:func:`jittered` for one column given as values, the result exact."""
    ints, den = fixed_point(values, False)
    return [Ratio(v, den) for v in jittered(ints, seed)]


def powers(xs: Sequence[Value], degree: int) -> List[List[Ratio]]:
    """The columns x, x², …, x^K of a polynomial, exact (a float's powers are not rounded)."""
    exact = [Ratio.of(x) for x in xs]
    columns = [exact]
    for _ in range(degree - 1):
        columns.append([p * x for p, x in zip(columns[-1], exact)])
    return columns
