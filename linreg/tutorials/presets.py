"""The tutorials on linreg's own seeded data: the same experiments, other random numbers.

A preset draws its data from ``random.Random(seed)`` (:mod:`linreg.core.data`) as its
record (:mod:`linreg.tutorials.records`) describes, so the figures differ from the posts'
(which drew from NumPy's generator; see :mod:`linreg.tutorials.replay` for those) while
the experiments are the same.

>>> setup = make(TUTORIALS["train-test"], seed=0)
>>> len(setup.train.xs), len(setup.test.xs), setup.w0
(320, 80, 0.0)
"""

from __future__ import annotations

import random
from typing import List, NamedTuple, Optional

from ..core import data
from ..core.data import Dataset
from .records import TUTORIALS, Tutorial

__all__ = ["TUTORIALS", "Setup", "make"]


class Setup(NamedTuple):
    """The data of one run of a tutorial, and where descent starts."""

    train: Dataset
    test: Optional[Dataset]  # held-out data, for the train/test tutorial
    w0: float
    b0: float


def grid(t: Tutorial, rng: random.Random) -> List[float]:
    """The tutorial's x: an arange, uniform draws (from rng) or a linspace."""
    if t.grid == "arange":
        assert t.x_step is not None
        return data.arange(t.x_low, t.x_high, t.x_step)
    if t.grid == "uniform":
        return data.uniform(t.points, t.x_low, t.x_high, rng)
    return data.linspace(t.x_low, t.x_high, t.points)


def make(t: Tutorial, seed: int) -> Setup:
    """Draw x (if random), then the noise, then the split or the starting W, in that order."""
    rng = random.Random(seed)
    points = data.noisy_line(grid(t, rng), t.true_w, t.true_b, t.sigma, rng)
    w0 = rng.random() if t.start_w is None else t.start_w  # the arange post draws W last
    if t.train_size is None:
        return Setup(points, None, w0, t.start_b)
    split = data.train_test_split(points.xs, points.ys, t.train_size, rng)
    return Setup(split.train, split.test, w0, t.start_b)
