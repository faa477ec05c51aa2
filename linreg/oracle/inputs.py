"""The inputs the oracle tries: valid, chosen where each known mistake shows, hard cases too.

At the least-squares line the gradient is about 0, and a gradient off by a factor (2, N,
N − 1) or with its sign flipped is about 0 as well: it would pass there.  So the point
(W, b) is put away from the optimum, x is not centred on 0 (or ∂L/∂W without its factor x
would pass), N is small (so N − 1 against N is a visible change), and the data come in
shapes that stress an implementation:

    ordinary     a noisy line, (W, b) a few units from its fit
    offset       x far from 0 (10⁴ + small spread): λmax/λmin is large
    large, tiny  every value scaled by 10⁶ (10³ in float32), or by 10⁻⁶
    cancelling   (W, b) very close to the data's own line: residuals far below the values
    integers     small whole numbers, where a wrong formula can still look plausible
    one point, two points
    near bound   (descent) a learning rate just below 2/λmax

One generator (:func:`make_case`) draws from a :class:`Source`: a ``random.Random`` for
the built-in battery, which needs nothing but the standard library, or Hypothesis (see
:mod:`linreg.oracle.strategies`), which also shrinks a failing input to a minimal one.
"""

from __future__ import annotations

import math
import random
import struct
from typing import Callable, List, Sequence, TypeVar

from ..careful.exact import Ratio, x_moments
from ..careful.stability import exact_hessian
from ..core.model import loss_divisor
from .reference import Case

T = TypeVar("T")

SHAPES = ("ordinary", "ordinary", "offset", "large", "tiny", "cancelling", "integers",
          "one point", "two points", "near bound")  # fmt: skip


class Source:
    """Where the draws come from: integer(lo, hi), real(lo, hi) and pick(options)."""

    def __init__(
        self,
        integer: Callable[[int, int], int],
        real: Callable[[float, float], float],
    ) -> None:
        self.integer = integer
        self.real = real

    def pick(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]


def random_source(seed: int) -> Source:
    rng = random.Random(seed)
    return Source(rng.randint, rng.uniform)


def to_float32(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def make_case(src: Source, kind: str, convention: str, precision: str) -> Case:
    """One valid input for a candidate of this kind, in this convention and precision."""
    shape = src.pick(SHAPES)
    n = {"one point": 1, "two points": 2}.get(shape) or src.integer(3, 12)
    large = 1e3 if precision == "float32" else 1e6
    scale = {"large": large, "tiny": 1e-6}.get(shape, 1.0)
    x0 = 1e4 if shape == "offset" else 0.0
    if shape == "integers":
        xs = [float(src.integer(-20, 20)) for _ in range(n)]
    else:
        xs = [x0 + scale * src.real(-10.0, 10.0) for _ in range(n)]
    slope, height = src.real(-5.0, 5.0), scale * src.real(-5.0, 5.0)
    noise = scale * (1e-9 if shape == "cancelling" else src.real(0.0, 3.0))
    ys = [slope * x + height + noise * src.real(-1.0, 1.0) for x in xs]
    if shape == "integers":
        ys = [float(round(y)) for y in ys]
    if shape == "cancelling":
        w, b = slope * (1 + 1e-12), height + noise
    else:
        w, b = slope + src.real(-3.0, 3.0), height + scale * src.real(-3.0, 3.0)
    if precision == "float32":  # inputs a float32 implementation holds exactly
        xs, ys = [to_float32(v) for v in xs], [to_float32(v) for v in ys]
        w, b = to_float32(w), to_float32(b)
    rate, iterations = 0.0, 0
    if kind in ("step", "fit"):
        share = src.real(0.95, 0.999) if shape == "near bound" else src.real(0.05, 0.9)
        rate = share * stable_bound(xs, convention)
        if precision == "float32":
            rate = to_float32(rate)
        iterations = src.integer(0, 6) if kind == "fit" else 0
    return Case(xs, ys, w, b, rate, iterations)


def stable_bound(xs: List[float], convention: str) -> float:
    """A number just below 2/λmax, the same on every interpreter.

    λmax = tr/2 + √disc/2 with disc = (Hww − Hbb)² + 4·Hwb², all exact; the square root is
    taken with integers (math.isqrt) and rounded up, so the bound is safe and owes nothing
    to a platform's floating-point square root or hypot.
    """
    n, sx, sxx = x_moments(xs)
    ww, wb, bb = exact_hessian(n, sx, sxx, loss_divisor(convention, n), intercept=True)
    disc = (ww - bb) * (ww - bb) + 4 * wb * wb
    shift = 2**60
    root_up = Ratio(math.isqrt(disc.num * shift * shift // disc.den) + 1, shift)  # ≥ √disc
    lambda_up = (ww + bb + root_up) / 2  # ≥ λmax
    return float(2 / lambda_up * Ratio(2**53 - 1, 2**53))  # safely below, after rounding


def battery(kind: str, convention: str, precision: str, count: int, seed: int) -> List[Case]:
    """The built-in inputs: the diagnostic ones, then ``count`` drawn with ``seed``."""
    src = random_source(seed)
    drawn = [make_case(src, kind, convention, precision) for _ in range(count)]
    return diagnostic_cases(kind, convention, precision) + drawn


def diagnostic_cases(kind: str, convention: str, precision: str) -> List[Case]:
    """Inputs on which every known mistake gives a clearly different answer."""
    rows = [
        ([1.0, 2.0, 4.0, 7.0], [3.1, -1.7, 2.3, 5.9], 0.5, -1.5),
        ([-3.0, 0.5, 2.0, 6.0, 9.0], [2.0, 2.5, -1.0, 4.0, 3.5], -0.25, 1.75),
        ([10.0, 11.5, 13.0], [7.0, 4.5, 6.25], 1.5, 0.5),
    ]
    cases = []
    for k, (xs, ys, w, b) in enumerate(rows):
        rate = 0.0
        if kind in ("step", "fit"):
            rate = 0.3 * stable_bound(xs, convention)
            if precision == "float32":
                rate = to_float32(rate)
        cases.append(Case(xs, ys, w, b, rate, (1, 3, 2)[k] if kind == "fit" else 0))
    return cases


def size(case: Case) -> Ratio:
    """How big an input is, for choosing the smallest of several failures."""
    return Ratio(len(case.xs) * 10**6 + case.iterations * 1000) + Ratio.of(
        sum(len(repr(v)) for v in case.xs + case.ys + [case.w, case.b])
    )
