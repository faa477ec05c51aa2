"""Seeded data: points on a known line plus Gaussian noise, grids, and a train/test split.

    yᵢ = W·xᵢ + b + σ·gᵢ,   gᵢ ~ N(0, 1), drawn from a private random.Random(seed)

A private generator, never the module-level one, makes the same seed give the same data,
bit for bit, on every supported Python: ``random.Random`` seeds an int the same way
everywhere, and ``gauss`` is the same pure-Python algorithm in CPython and PyPy.  (It calls
the platform's ``log``, ``cos`` and ``sin``; a C library whose functions round differently in
the last bit would give different last bits.)

>>> import random
>>> xs = arange(0.0, 1.0, 0.25)
>>> xs
[0.0, 0.25, 0.5, 0.75]
>>> noisy_line(xs, 2.0, 1.0, 0.0, random.Random(7)).ys
[1.0, 1.5, 2.0, 2.5]
"""

from __future__ import annotations

import math
import random
from typing import List, NamedTuple, Sequence

from .numbers import Num, Real, tuple_repr


class Dataset(NamedTuple):
    """Paired data: xs[i] goes with ys[i]."""

    xs: Sequence[Real]
    ys: Sequence[Real]

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


class Split(NamedTuple):
    """A data set cut in two: fit on ``train``, judge on ``test``."""

    train: Dataset
    test: Dataset

    def __repr__(self) -> str:  # a Fraction too long for repr() is shown by its size
        return tuple_repr(self)


def arange(start: Num, stop: Num, step: Num) -> List[Num]:
    """xᵢ = start + i·step for i = 0, 1, …, ⌈(stop − start)/step⌉ − 1, as NumPy's arange.

    Each value comes from i, not from adding step again and again, so errors do not
    accumulate.  As in NumPy the count comes from the rounded quotient, so the last value
    can land a rounding error above stop (arange(1.0, 1.3, 0.1) ends at 1.3000000000000003).
    """
    count = max(0, math.ceil((stop - start) / step))
    return [start + i * step for i in range(count)]


def linspace(start: Num, stop: Num, num: int) -> List[Num]:
    """num evenly spaced points from start to stop inclusive, bit for bit as NumPy's linspace.

    xᵢ = i·step + start with step = (stop − start)/(num − 1), and the last point set to stop
    exactly.  (Where the step underflows to 0 although start ≠ stop, NumPy switches to
    xᵢ = (i/(num − 1))·(stop − start) + start; linreg's boundary refuses such a grid.)
    """
    delta = stop - start
    divisions = num - 1
    if divisions <= 0:  # no points, or just start
        return [start + i * delta for i in range(num)]
    step = delta / divisions
    points: List[Num] = [i * step + start for i in range(num)]
    points[-1] = stop
    return points


def uniform(n: int, low: float, high: float, rng: random.Random) -> List[float]:
    """n draws xᵢ = low + (high − low)·uᵢ with uᵢ uniform on [0, 1), as NumPy's legacy uniform."""
    width = high - low  # rounded once, before any draw
    return [low + width * rng.random() for _ in range(n)]


def noisy_line(
    xs: Sequence[float], w: float, b: float, sigma: float, rng: random.Random
) -> Dataset:
    """yᵢ = W·xᵢ + b + σ·gᵢ with gᵢ ~ N(0, 1), drawn in order of i."""
    ys = [w * x + b + sigma * rng.gauss(0.0, 1.0) for x in xs]
    return Dataset(list(xs), ys)


def train_test_split(
    xs: Sequence[Num], ys: Sequence[Num], train_size: int, rng: random.Random
) -> Split:
    """Shuffle the indices (Fisher–Yates, random.shuffle); the first train_size go to train."""
    order = list(range(len(xs)))
    rng.shuffle(order)
    train, test = order[:train_size], order[train_size:]
    return Split(
        Dataset([xs[i] for i in train], [ys[i] for i in train]),
        Dataset([xs[i] for i in test], [ys[i] for i in test]),
    )
