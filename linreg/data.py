"""Seeded synthetic data: points on a known line plus Gaussian noise, and a train/test split.

    yᵢ = W·xᵢ + b + σ·gᵢ,   gᵢ ~ N(0, 1) from random.Random(seed).gauss

Each function that draws takes a seed (or a private ``random.Random``), never the
module-level generator, so the same seed gives the same data, bit for bit, on
every supported Python: ``random.Random`` seeds an int the same way everywhere,
and ``gauss`` is the same pure-Python algorithm in CPython and PyPy.  (It calls
the platform's ``log``, ``cos`` and ``sin``; a C library whose functions round
differently in the last bit would give different last bits.)

>>> xs = arange(0.0, 1.0, 0.25)
>>> xs
[0.0, 0.25, 0.5, 0.75]
>>> noisy_line(xs, w=2.0, b=1.0, sigma=0.0, seed=7).ys
[1.0, 1.5, 2.0, 2.5]
"""

from __future__ import annotations

import math
import random
from typing import Iterable, List, NamedTuple, Optional, Sequence

from ._numbers import Num, Real, check_count, check_data, check_finite_result, check_number, check_x
from .errors import LinregError


class Dataset(NamedTuple):
    """Paired data: xs[i] goes with ys[i]."""

    xs: Sequence[Real]
    ys: Sequence[Real]


class Split(NamedTuple):
    """A data set cut in two: fit on ``train``, judge on ``test``."""

    train: Dataset
    test: Dataset


def check_seed(seed: object) -> int:
    """A seed is a whole number ≥ 0 (random.Random would quietly use |seed| for a negative one)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise LinregError("a seed must be a whole number ≥ 0, not %r" % (seed,))
    return seed


def arange(start: Num, stop: Num, step: Num) -> List[Num]:
    """xᵢ = start + i·step for i = 0, 1, …, ⌈(stop − start)/step⌉ − 1, as NumPy's arange.

    Each value is computed from i, not by adding step again and again, so errors do
    not accumulate.  As in NumPy, the count comes from the rounded quotient, so the
    last value can land a rounding error above stop (arange(1.0, 1.3, 0.1) ends at
    1.3000000000000003).
    """
    for name, value in (("start", start), ("stop", stop), ("step", step)):
        check_number(value, name)
    if not step > 0:
        raise LinregError("step must be greater than 0, not %r" % (step,))
    quotient = (stop - start) / step
    if not quotient < 10**9:
        raise LinregError("arange(%r, %r, %r) would have too many points" % (start, stop, step))
    points: List[Num] = [start + i * step for i in range(max(0, math.ceil(quotient)))]
    _check_finite(points, "arange")
    return points


def linspace(start: Num, stop: Num, num: int) -> List[Num]:
    """num evenly spaced points from start to stop inclusive, as NumPy's linspace.

    xᵢ = start + i·step with step = (stop − start)/(num − 1); the last point is
    set to stop exactly.
    """
    check_number(start, "start")
    check_number(stop, "stop")
    check_count(num, "num", minimum=2)
    step = (stop - start) / (num - 1)
    # All but the last point from the formula; the last is stop itself, as NumPy does.
    points: List[Num] = [start + i * step for i in range(num - 1)]
    points.append(stop)
    _check_finite(points, "linspace")
    return points


def uniform(
    n: int,
    low: float,
    high: float,
    *,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> List[float]:
    """n draws xᵢ = low + (high − low)·uᵢ, uᵢ uniform on [0, 1)."""
    check_count(n, "n")
    check_number(low, "low")
    check_number(high, "high")
    generator = _generator(seed, rng)
    points = [low + (high - low) * generator.random() for _ in range(n)]
    _check_finite(points, "uniform")
    return points


def noisy_line(
    xs: Iterable[float],
    *,
    w: float,
    b: float,
    sigma: float,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> Dataset:
    """yᵢ = W·xᵢ + b + σ·gᵢ with gᵢ ~ N(0, 1), drawn in order of i.

    Give either a seed or a private ``random.Random`` (to draw more from the same
    stream afterwards, as the tutorial presets do for the starting W).
    """
    xs_list = list(xs)
    check_x(xs_list)
    for name, value in (("W", w), ("b", b), ("sigma", sigma)):
        check_number(value, name)
    if sigma < 0:
        raise LinregError("sigma, the noise's standard deviation, must be ≥ 0, not %r" % (sigma,))
    generator = _generator(seed, rng)
    ys = [w * x + b + sigma * generator.gauss(0.0, 1.0) for x in xs_list]
    _check_finite(ys, "noisy_line")
    return Dataset(list(xs_list), ys)


def train_test_split(
    xs: Sequence[Num],
    ys: Sequence[Num],
    *,
    train_size: int,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> Split:
    """Shuffle the indices (Fisher–Yates, random.shuffle); the first train_size go to train."""
    xs_list, ys_list = check_data(xs, ys, min_points=2)
    check_count(train_size, "train_size", minimum=1)
    if train_size >= len(xs_list):
        raise LinregError(
            "train_size %d leaves no test points out of %d" % (train_size, len(xs_list))
        )
    order = list(range(len(xs_list)))
    _generator(seed, rng).shuffle(order)
    train, test = order[:train_size], order[train_size:]
    return Split(
        Dataset([xs_list[i] for i in train], [ys_list[i] for i in train]),
        Dataset([xs_list[i] for i in test], [ys_list[i] for i in test]),
    )


def _check_finite(values: Sequence[object], what: str) -> None:
    for value in values:
        check_finite_result(value, what)


def _generator(seed: Optional[int], rng: Optional[random.Random]) -> random.Random:
    if (seed is None) == (rng is None):
        raise LinregError("give exactly one of seed and rng")
    if rng is not None and not isinstance(rng, random.Random):
        raise LinregError("rng must be a random.Random, not %r" % (rng,))
    if rng is not None:
        return rng
    return random.Random(check_seed(seed))
