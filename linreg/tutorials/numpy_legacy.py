"""NumPy's legacy random streams, float32 ranges and float64 sums, with the standard library.

The three tutorials that linreg reproduces were written with NumPy: ``np.random.seed(s)``
and the legacy ``RandomState`` functions, a float32 ``arange``, ``linspace``, and
``np.sum`` / ``np.mean``.  This module redoes exactly those pieces, bit for bit, with
``random``, ``math`` and ``struct`` only, so the tutorials' numbers can be recomputed
without NumPy.  It is checked against values recorded from real NumPy
(``tests/data/numpy/``, written by ``tools/record_numpy.py``).

=========================================  ==========================================
NumPy                                      here
=========================================  ==========================================
``np.random.seed(s)``, then ``np.random``  ``rs = LegacyRandomState(s)``, then ``rs``
``random()`` / ``random_sample([size])``   ``rs.random_sample([size])``
``uniform(low, high[, size])``             ``rs.uniform(low, high[, size])``
``normal(loc, scale[, size])``             ``rs.normal(loc, scale[, size])``
``permutation(n)``                         ``rs.permutation(n)``
``np.float32(v)``                          ``to_float32(v)``
``np.arange(stop, step=h, dtype=float32)`` ``arange_float32(stop, h)``
``np.linspace(start, stop, num)``          ``linspace(start, stop, num)``
``np.sum(a)``, ``np.mean(a)`` (float64)    ``pairwise_sum(a)``, ``mean(a)``
=========================================  ==========================================

A ``size`` gives a list, as NumPy gives an array; without it, one float.
"""

from __future__ import annotations

import math
import random
import struct
from functools import reduce
from operator import add
from typing import List, Optional, Sequence, Union, overload

from .. import _checks
from ..core import data
from ..errors import DataError, ParameterError

__all__ = [
    "SEED_MAX",
    "LegacyRandomState",
    "NumpyLegacyError",
    "SeedError",
    "arange_float32",
    "init_genrand",
    "linspace",
    "mean",
    "pairwise_sum",
    "to_float32",
]

SEED_MAX = 2**32 - 1
"""The largest seed ``np.random.seed`` takes as an integer (it refuses anything above)."""

_MT_WORDS = 624  # words in the Mersenne Twister state
_UINT32 = 0xFFFFFFFF
_PW_BLOCKSIZE = 128  # NumPy's PW_BLOCKSIZE: blocks up to this length are summed unrolled


class NumpyLegacyError(ParameterError):
    """An argument that this compatibility layer refuses (NumPy refuses most of them too)."""


class SeedError(NumpyLegacyError):
    """A seed that is not an integer in [0, 2³² − 1]."""


def _size(value: object, name: str = "size", maximum: Optional[int] = None) -> int:
    return _checks.count(value, name, maximum=maximum, error=NumpyLegacyError)


def init_genrand(seed: int) -> List[int]:
    """The 624-word Mersenne Twister key that ``np.random.seed(seed)`` loads.

    mt₀ = seed,  mtᵢ = (1812433253 · (mtᵢ₋₁ ⊕ ⌊mtᵢ₋₁ / 2³⁰⌋) + i) mod 2³²  for i = 1 … 623,

    Matsumoto and Nishimura's ``init_genrand``.  (Python's ``random.seed(int)`` runs
    ``init_by_array`` instead, which is why the state is built by hand here.)

    Raises SeedError unless seed is an int (not a bool) in [0, 2³² − 1], the range that
    NumPy accepts for an integer seed.
    """
    key = [_checks.seed(seed, maximum=SEED_MAX, error=SeedError)]
    for i in range(1, _MT_WORDS):
        previous = key[-1]
        key.append((1812433253 * (previous ^ (previous >> 30)) + i) & _UINT32)
    return key


class LegacyRandomState:
    """NumPy's legacy ``np.random.RandomState(seed)`` stream, draw for draw.

    A private ``random.Random`` holds the Mersenne Twister; its state is set to
    ``init_genrand(seed)`` with the position at the end of the block, as NumPy leaves it, so
    both generators emit the same 32-bit words from then on.  Every method consumes words in
    NumPy's order, so calls may be interleaved as in a NumPy program.
    """

    def __init__(self, seed: int) -> None:
        key = init_genrand(seed)
        self._twister = random.Random(0)  # any seed: the state is replaced on the next line
        self._twister.setstate((3, tuple(key) + (_MT_WORDS,), None))
        # The second value of the last polar-method pair, kept for the next normal draw.
        self._cached_gauss: Optional[float] = None

    # -- uniform on [0, 1) ---------------------------------------------------------------

    def _next_double(self) -> float:
        """u = (a · 2²⁶ + b) / 2⁵³ with a, b the top 27 and 26 bits of two 32-bit words.

        NumPy's ``legacy_double`` and Python's ``random()`` are this same formula.
        """
        return self._twister.random()

    @overload
    def random_sample(self) -> float: ...

    @overload
    def random_sample(self, size: int) -> List[float]: ...

    def random_sample(self, size: Optional[int] = None) -> Union[float, List[float]]:
        """A uniform draw from [0, 1) (``np.random.random``), or ``size`` of them."""
        if size is None:
            return self._next_double()
        return [self._next_double() for _ in range(_size(size))]

    # -- uniform on [low, high) ----------------------------------------------------------

    @overload
    def uniform(self, low: float = 0.0, high: float = 1.0) -> float: ...

    @overload
    def uniform(self, low: float, high: float, size: int) -> List[float]: ...

    def uniform(
        self, low: float = 0.0, high: float = 1.0, size: Optional[int] = None
    ) -> Union[float, List[float]]:
        """low + (high − low)·u with u = ``random_sample()``, one u per value.

        (high − low) is rounded once, before any draw, as NumPy does.
        """
        width = high - low
        if not math.isfinite(width):
            raise NumpyLegacyError(
                "uniform needs a finite high - low, got low=%r, high=%r" % (low, high)
            )
        if size is None:
            return low + width * self._next_double()
        return data.uniform(_size(size), low, high, self._twister)

    # -- normal --------------------------------------------------------------------------

    def _gauss(self) -> float:
        """A standard normal draw by the polar (Marsaglia) method, as NumPy's ``legacy_gauss``.

        Draw x₁ = 2u₁ − 1 and x₂ = 2u₂ − 1 until 0 < r² = x₁² + x₂² < 1; with
        f = √(−2·ln r² / r²) return f·x₂ and keep f·x₁ for the next call.
        """
        if self._cached_gauss is not None:
            value, self._cached_gauss = self._cached_gauss, None
            return value
        while True:
            x1 = 2.0 * self._next_double() - 1.0
            x2 = 2.0 * self._next_double() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                break
        # Same operation order as NumPy's C: (−2.0 · log r²) / r², then the square root.
        f = math.sqrt(-2.0 * math.log(r2) / r2)
        self._cached_gauss = f * x1
        return f * x2

    @overload
    def normal(self, loc: float = 0.0, scale: float = 1.0) -> float: ...

    @overload
    def normal(self, loc: float, scale: float, size: int) -> List[float]: ...

    def normal(
        self, loc: float = 0.0, scale: float = 1.0, size: Optional[int] = None
    ) -> Union[float, List[float]]:
        """loc + scale·g with g from the polar method, or ``size`` such values in order.

        A call with ``size`` uses (and leaves) the cached second value of a pair exactly as
        that many single calls would, because NumPy draws an array one value at a time.
        """
        if not scale >= 0.0:
            raise NumpyLegacyError("normal needs scale >= 0, got scale=%r" % (scale,))
        if size is None:
            return loc + scale * self._gauss()
        return [loc + scale * self._gauss() for _ in range(_size(size))]

    # -- permutation ---------------------------------------------------------------------

    def _bounded(self, high: int) -> int:
        """A uniform integer in [0, high] by masked rejection (NumPy's ``random_interval``).

        mask = 2ᵏ − 1, the smallest all-ones number ≥ high; draw 32-bit words, keep
        word & mask, and retry while it exceeds high.  (For high ≥ 2³² NumPy would draw
        64-bit words; ``permutation`` never needs that.)
        """
        mask = (1 << high.bit_length()) - 1
        while True:
            value = self._twister.getrandbits(32) & mask
            if value <= high:
                return value

    def permutation(self, n: int) -> List[int]:
        """A shuffled ``[0, 1, …, n − 1]``, as ``np.random.permutation(n)``.

        Fisher–Yates from the end: for i = n − 1 down to 1, swap item i with item j, j drawn
        uniformly from [0, i] by ``_bounded``.  n is limited to 2³² (32-bit draws).
        """
        items = list(range(_size(n, "n", maximum=2**32)))
        for i in range(n - 1, 0, -1):
            j = self._bounded(i)
            items[i], items[j] = items[j], items[i]
        return items


def to_float32(value: float) -> float:
    """The float32 nearest to ``value`` (ties to even), as ``float(np.float32(value))``.

    Infinities and NaN pass through.  A finite value that rounds beyond the float32 range
    (|value| ≥ 2¹²⁸ − 2¹⁰³) raises NumpyLegacyError, where NumPy would warn and return ±inf.
    """
    try:
        packed = struct.pack("<f", value)
    except OverflowError:
        raise NumpyLegacyError(
            "%r is beyond the float32 range (largest float32 is 3.4028234663852886e+38)" % value
        ) from None
    rounded: float = struct.unpack("<f", packed)[0]
    return rounded


def arange_float32(stop: float, step: float) -> List[float]:
    """``np.arange(stop, step=step, dtype=np.float32)``, as Python floats.

    xᵢ = float32(float32(i) · float32(step)) for i = 0 … ⌈stop / step⌉ − 1: NumPy stores
    float32(step) as the increment and fills each value with one float32 multiplication.
    For the tutorial, ``arange_float32(100, 0.1)`` gives 1000 points 0.0, 0.1, …, 99.9.
    """
    if not (math.isfinite(stop) and math.isfinite(step) and step > 0.0):
        raise NumpyLegacyError(
            "arange_float32 needs a finite stop and a finite step > 0, got stop=%r, step=%r"
            % (stop, step)
        )
    # NumPy's length is ⌈stop / step⌉ from the float64 quotient, but at least 1 when a
    # positive quotient underflows to 0.0.
    quotient = stop / step
    count = 1 if quotient == 0.0 and stop > 0.0 else max(0, math.ceil(quotient))
    increment = to_float32(step)
    return [to_float32(to_float32(i) * increment) for i in range(count)]


def linspace(start: float, stop: float, num: int) -> List[float]:
    """``np.linspace(start, stop, num)`` (float64, endpoint included), for any num ≥ 0.

    linreg's one linspace (:func:`linreg.core.data.linspace`: xᵢ = i·step + start, the last
    point set to stop), plus NumPy's fallback where the step underflows to 0 although
    start ≠ stop: xᵢ = (i/(num − 1))·(stop − start) + start.
    """
    count = _size(num, "num")
    delta = stop - start
    if count > 1 and delta / (count - 1) == 0 and delta != 0:
        points = [(i / (count - 1)) * delta + start for i in range(count)]
        points[-1] = stop
        return points
    return data.linspace(start, stop, count)


def _pairwise(values: List[float], first: int, n: int) -> float:
    """NumPy's ``pairwise_sum`` of values[first : first + n] (see ``pairwise_sum``)."""
    if n < 8:
        return reduce(add, values[first : first + n], 0.0)
    if n <= _PW_BLOCKSIZE:
        unrolled_end = first + n - n % 8
        # Accumulator j adds values j, j + 8, j + 16, … in order, starting from value j.
        r = [
            reduce(add, values[first + j + 8 : unrolled_end : 8], values[first + j])
            for j in range(8)
        ]
        block = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        return reduce(add, values[unrolled_end : first + n], block)  # the n mod 8 left over
    half = n // 2
    half -= half % 8  # keep the first half a multiple of the unroll factor
    return _pairwise(values, first, half) + _pairwise(values, first + half, n - half)


def pairwise_sum(values: Sequence[float]) -> float:
    """``np.sum`` of a float64 1-D array, bit for bit (NumPy's pairwise summation).

    sum(v[0:n]):
      n < 8:        ((0 + v₀) + v₁) + … in order;
      8 ≤ n ≤ 128:  eight running sums rⱼ = vⱼ + vⱼ₊₈ + vⱼ₊₁₆ + … over the first n − n mod 8
                    values, combined as ((r₀ + r₁) + (r₂ + r₃)) + ((r₄ + r₅) + (r₆ + r₇)),
                    then the last n mod 8 values added in order;
      n > 128:      sum(first m) + sum(the other n − m), m = ⌊n/2⌋ rounded down to a multiple of 8.
    The reduction starts from its identity, so the result is 0.0 + sum(v[0:n]) (a sum of −0.0s
    is +0.0, as in NumPy).  The rounding error grows like log₂ n, not n.
    """
    data = list(map(float, values))  # NumPy adds float64s, whatever the input numbers were
    return 0.0 + _pairwise(data, 0, len(data))


def mean(values: Sequence[float]) -> float:
    """``np.mean`` of a float64 1-D array, bit for bit: pairwise_sum(values) / n.

    Raises DataError for no values (NumPy returns nan with a warning).
    """
    if len(values) == 0:
        raise DataError("mean needs at least one value, got none")
    return pairwise_sum(values) / len(values)
