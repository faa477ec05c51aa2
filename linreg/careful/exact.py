"""Exact rational arithmetic on plain integers, and the exact sums of the data.

Every float is a rational number with a power of two below the line: 0.1 is
3602879701896397/2⁵⁵, and ``float.as_integer_ratio`` gives that pair exactly.
Sums and products of such numbers are again ratios of integers, which Python
computes without rounding.  So a quantity built from float data can be computed
exactly and rounded once at the end: ``int / int`` is correctly rounded.

This is the trick of the standard library's ``statistics._sum``, done without
the ``fractions`` module, which Debian's python3-minimal does not ship.
:class:`Ratio` is just enough of a fraction for the handful of operations on
sums that the library needs; the bulk of the work (summing N products) happens
on integers over one common denominator in :func:`exact_sum`.
"""

from __future__ import annotations

import math
from itertools import repeat
from operator import mul
from typing import (
    TYPE_CHECKING,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
    cast,
)

from ..core.numbers import Real
from ..errors import FloatRangeError

if TYPE_CHECKING:
    from fractions import Fraction

Exact = Union["Ratio", int]


class Ratio:
    """An exact rational number num/den with den > 0, in lowest terms."""

    __slots__ = ("num", "den")

    def __init__(self, num: int, den: int = 1) -> None:
        # Callers check for a zero denominator first, with a message of their own.
        assert den != 0, "Ratio with a zero denominator"
        if den < 0:
            num, den = -num, -den
        common = math.gcd(num, den)
        self.num = num // common
        self.den = den // common

    @classmethod
    def of(cls, value: Union[Ratio, Real]) -> Ratio:
        """The exact value of an int, float or Fraction (anything with as_integer_ratio)."""
        if isinstance(value, Ratio):
            return value
        num, den = _integer_ratio(value)
        return cls(num, den)

    def __add__(self, other: Exact) -> Ratio:
        o = Ratio.of(other)
        return Ratio(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __sub__(self, other: Exact) -> Ratio:
        o = Ratio.of(other)
        return Ratio(self.num * o.den - o.num * self.den, self.den * o.den)

    def __rsub__(self, other: Exact) -> Ratio:
        return Ratio.of(other) - self

    def __mul__(self, other: Exact) -> Ratio:
        o = Ratio.of(other)
        return Ratio(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, other: Exact) -> Ratio:
        o = Ratio.of(other)
        assert o.num != 0, "Ratio division by zero"
        return Ratio(self.num * o.den, self.den * o.num)

    def __rtruediv__(self, other: Exact) -> Ratio:
        return Ratio.of(other) / self

    def __neg__(self) -> Ratio:
        return Ratio(-self.num, self.den)

    def __abs__(self) -> Ratio:
        return Ratio(abs(self.num), self.den)

    def _cmp(self, other: Exact) -> int:
        o = Ratio.of(other)
        left, right = self.num * o.den, o.num * self.den
        return (left > right) - (left < right)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Ratio, int)):
            return self._cmp(other) == 0
        return NotImplemented

    def __hash__(self) -> int:
        # Equal numbers hash alike, as int and Fraction do: Ratio(2) and 2 are equal.
        return hash(self.num) if self.den == 1 else hash((self.num, self.den))

    def __lt__(self, other: Exact) -> bool:
        return self._cmp(other) < 0

    def __le__(self, other: Exact) -> bool:
        return self._cmp(other) <= 0

    def __gt__(self, other: Exact) -> bool:
        return self._cmp(other) > 0

    def __ge__(self, other: Exact) -> bool:
        return self._cmp(other) >= 0

    def __float__(self) -> float:
        # int / int is correctly rounded: this is the one rounding of the result.
        try:
            return self.num / self.den
        except OverflowError:
            raise FloatRangeError(
                "a result is too large for a float (about 10^%d); use Fraction data" % self.log10(),
                quantity="a result of about 10^%d" % self.log10(),
            ) from None

    def as_integer_ratio(self) -> Tuple[int, int]:
        """(num, den), as int, float and Fraction give theirs."""
        return self.num, self.den

    def decimal(self, digits: int) -> str:
        """The value to ``digits`` significant digits, correctly rounded (half to even),
        as d.ddd…e±X: exact digits for any size, where float() would round twice."""
        if self.num == 0:
            return ("0." + "0" * (digits - 1) if digits > 1 else "0") + "e+00"
        num, den = abs(self.num), self.den
        exponent = len(str(num)) - len(str(den))  # ⌊log10(num/den)⌋ or one more
        if num * 10 ** max(-exponent, 0) < den * 10 ** max(exponent, 0):
            exponent -= 1  # now 10^exponent ≤ num/den < 10^(exponent + 1)
        scaled = _scaled(num, den, digits - 1 - exponent)
        if scaled == 10**digits:  # rounding carried into a new digit: 9.99… → 10.0…
            scaled, exponent = scaled // 10, exponent + 1
        text = str(scaled)
        point = "." + text[1:] if digits > 1 else ""
        return "%s%s%se%+03d" % ("-" if self.num < 0 else "", text[0], point, exponent)

    def log10(self) -> int:
        """⌊log10 |self|⌋ (0 for 0), exactly: str() of a huge int hits Python's limit, so
        estimate it from bit lengths, then correct the estimate by comparing with 10^k."""
        n, d = abs(self.num), self.den
        if n == 0:
            return 0
        # 2^(a−1) ≤ n < 2^a and 2^(c−1) ≤ d < 2^c put n/d within a factor 2 of 2^(a−c).
        k = math.floor((n.bit_length() - d.bit_length()) * 0.30103)
        while _at_least_ten_to(n, d, k + 1):
            k += 1
        while not _at_least_ten_to(n, d, k):
            k -= 1
        return k

    def __repr__(self) -> str:
        return "Ratio(%d, %d)" % (self.num, self.den)


def _at_least_ten_to(n: int, d: int, k: int) -> bool:
    """n/d ≥ 10^k, for n, d > 0, in integers."""
    ten: int = 10 ** abs(k)
    return n >= d * ten if k >= 0 else n * ten >= d


def _scaled(num: int, den: int, shift: int) -> int:
    """num/den·10^shift rounded to an integer, half to even."""
    ten: int = 10 ** abs(shift)
    n, d = (num * ten, den) if shift >= 0 else (num, den * ten)
    q, r = divmod(n, d)
    return q + (1 if 2 * r > d or (2 * r == d and q % 2) else 0)


def _integer_ratio(value: Union[Real, Ratio]) -> Tuple[int, int]:
    # int, float and Fraction all have as_integer_ratio (int since 3.8); linreg's boundary
    # has already turned anything else into one of them.
    num, den = value.as_integer_ratio()
    return num, den


def rounded(value: Ratio, exact: Optional[Type[Fraction]]) -> Real:
    """The exact value rounded once into the number type of the computation.

    ``exact`` is the Fraction type for an exact computation (the value is returned
    exactly), None for a float one (the value is correctly rounded: int / int is).
    """
    if exact is None:
        return float(value)
    return exact(value.num, value.den)


def exact_sum(pairs: Iterable[Tuple[int, int]]) -> Ratio:
    """Σ nᵢ/dᵢ exactly: every term over one common denominator, then one integer sum.

    For float data every dᵢ is a power of two, so the common denominator is just
    the largest of them and no term needs more than a few hundred bits.
    """
    pairs = list(pairs)
    den = 1
    for _, d in pairs:
        if den % d:
            den = den // math.gcd(den, d) * d
    return Ratio(sum(n * (den // d) for n, d in pairs), den)


class Moments(NamedTuple):
    """The exact sufficient statistics of a data set: N, Σx, Σy, Σx², Σxy, Σy².

    Least squares, the Hessian, the loss at any (W, b) and R² are all functions of
    these six numbers, so one exact pass over the data serves them all.
    """

    n: int
    sx: Ratio
    sy: Ratio
    sxx: Ratio
    sxy: Ratio
    syy: Ratio

    @property
    def centered_sxx(self) -> Ratio:
        """Σ(xᵢ − x̄)² = Σx² − (Σx)²/N, exact, so the "computational formula" is safe here."""
        return self.sxx - self.sx * self.sx / self.n

    @property
    def centered_sxy(self) -> Ratio:
        """Σ(xᵢ − x̄)(yᵢ − ȳ) = Σxy − Σx·Σy/N."""
        return self.sxy - self.sx * self.sy / self.n

    @property
    def centered_syy(self) -> Ratio:
        """Σ(yᵢ − ȳ)² = Σy² − (Σy)²/N."""
        return self.syy - self.sy * self.sy / self.n

    def sum_of_squares(self, w: Exact, b: Exact) -> Ratio:
        """Σ(W·xᵢ + b − yᵢ)², expanded in the moments (exact for exact W, b)."""
        return (
            w * w * self.sxx
            + 2 * w * b * self.sx
            + b * b * self.n
            - 2 * w * self.sxy
            - 2 * b * self.sy
            + self.syy
        )

    def combined(self, other: Moments) -> Moments:
        """The moments of both data sets together: sums add, exactly, in any order.

        (The parallel formulas for centred sums, M₂ = M₂ₐ + M₂ᵦ + δ²·Nₐ·Nᵦ/N, follow from
        these raw sums, which being exact need no such care.)
        """
        return Moments(
            self.n + other.n, self.sx + other.sx, self.sy + other.sy,
            self.sxx + other.sxx, self.sxy + other.sxy, self.syy + other.syy,
        )  # fmt: skip


def _scaled_integers(
    values: Sequence[Union[Real, Ratio]], floats: bool
) -> Optional[Tuple[List[int], int]]:
    """(integers, k) with values[i] = integers[i]/2^k exactly: floats on one fixed point.

    A float v = m·2^e (frexp) has no bit below 2^(e − 53), so with e the exponent of the
    smallest non-zero |v|, every v·2^(53 − e) is a whole number, and ldexp scales by a
    power of two without rounding.  None when the values are not all floats, or span so
    many binades that the largest would overflow (the slow exact path takes those).
    ``floats`` says the caller knows them to be floats already.
    """
    if not floats and set(map(type, values)) != {float}:
        return None
    checked = cast(Sequence[float], values)
    smallest = min(map(abs, checked), default=0.0)
    if smallest == 0.0:  # zeros take no scaling: the smallest non-zero value decides
        smallest = min(filter(None, map(abs, checked)), default=0.0)
    if smallest == 0.0:
        return [0] * len(values), 0
    k = 53 - math.frexp(smallest)[1]
    try:
        return list(map(int, map(math.ldexp, checked, repeat(k)))), k
    except OverflowError:
        return None


def _over_two_to(total: int, k: int) -> Ratio:
    return Ratio(total, 1 << k) if k >= 0 else Ratio(total << -k)


def x_moments(xs: Sequence[Real], *, floats: bool = False) -> Tuple[int, Ratio, Ratio]:
    """N, Σx and Σx², exact: all that the Hessian needs (it does not depend on y)."""
    fast = _scaled_integers(xs, floats)
    if fast is not None:
        ints, k = fast
        return len(ints), _over_two_to(sum(ints), k), _over_two_to(sum(map(mul, ints, ints)), 2 * k)
    x_ratios = [_integer_ratio(x) for x in xs]
    return len(x_ratios), exact_sum(x_ratios), exact_sum((n * n, d * d) for n, d in x_ratios)


def moments(xs: Sequence[Real], ys: Sequence[Real], *, floats: bool = False) -> Moments:
    """The exact moments of paired data (validated by the caller).

    Floats take a fast path: each column put on one fixed point (integers over a power of
    two), so every sum is a sum of Python ints, done at C speed by sum and map.  ``floats``
    says the caller knows every value to be a float.
    """
    fast_x, fast_y = _scaled_integers(xs, floats), _scaled_integers(ys, floats)
    if fast_x is not None and fast_y is not None:
        (x, kx), (y, ky) = fast_x, fast_y
        return Moments(
            n=len(x),
            sx=_over_two_to(sum(x), kx),
            sy=_over_two_to(sum(y), ky),
            sxx=_over_two_to(sum(map(mul, x, x)), 2 * kx),
            sxy=_over_two_to(sum(map(mul, x, y)), kx + ky),
            syy=_over_two_to(sum(map(mul, y, y)), 2 * ky),
        )
    x_ratios: List[Tuple[int, int]] = [_integer_ratio(x) for x in xs]
    y_ratios: List[Tuple[int, int]] = [_integer_ratio(y) for y in ys]
    return Moments(
        n=len(x_ratios),
        sx=exact_sum(x_ratios),
        sy=exact_sum(y_ratios),
        sxx=exact_sum((n * n, d * d) for n, d in x_ratios),
        sxy=exact_sum((nx * ny, dx * dy) for (nx, dx), (ny, dy) in zip(x_ratios, y_ratios)),
        syy=exact_sum((n * n, d * d) for n, d in y_ratios),
    )
