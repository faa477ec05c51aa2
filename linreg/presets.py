"""The three tutorials linreg grew from, as presets: their data, loss and settings.

All three run full-batch gradient descent with a simultaneous update for a
fixed number of iterations.  Their data here come from linreg's own seeded
generator (:mod:`linreg.data`), so the figures differ from the posts' (which used
NumPy's generator) while the experiments are the same.

    arange      x = 0, 0.1, …, 99.9 (1000 points), y = 50·x + 4000 + N(0, 300²);
                half-MSE, α = 0.0005, 50 000 iterations from W ~ U[0, 1), b = 0
    uniform     x ~ U[−10, 10) (10 000 points), y = 7.6·x − 3.3 + N(0, 3²);
                sum of squares, α = 1e-6, 500 iterations from W = −1, b = 0
    train-test  x = 400 points evenly spaced on [0, 100], y = 3.5·x + 10 + N(0, 25²),
                shuffled and split 320/80; half-MSE gradient (the post drops MSE's
                factor 2), α = 5e-4, 100 000 iterations from 0, 0; reports MSE and test R²
"""

from __future__ import annotations

import random
from typing import Callable, Dict, NamedTuple, Optional

from .data import Dataset, arange, linspace, noisy_line, train_test_split, uniform
from .errors import LinregError


class Setup(NamedTuple):
    """The data of one run of a preset, and where descent starts."""

    train: Dataset
    test: Optional[Dataset]  # held-out data, for the train/test tutorial
    w0: float
    b0: float


class Preset(NamedTuple):
    """One tutorial's experiment."""

    name: str
    title: str
    data_description: str
    make: Callable[[int], Setup]  # seed → data and start
    convention: str  # the loss whose gradient descent follows
    reported_convention: str  # the loss the tutorial prints
    learning_rate: float
    iterations: int


def _arange_setup(seed: int) -> Setup:
    rng = random.Random(seed)
    data = noisy_line(arange(0.0, 100.0, 0.1), w=50.0, b=4000.0, sigma=300.0, rng=rng)
    return Setup(data, None, w0=rng.random(), b0=0.0)  # the post draws W after the noise


def _uniform_setup(seed: int) -> Setup:
    rng = random.Random(seed)
    xs = uniform(10_000, -10.0, 10.0, rng=rng)
    return Setup(noisy_line(xs, w=7.6, b=-3.3, sigma=3.0, rng=rng), None, w0=-1.0, b0=0.0)


def _train_test_setup(seed: int) -> Setup:
    rng = random.Random(seed)
    data = noisy_line(linspace(0.0, 100.0, 400), w=3.5, b=10.0, sigma=25.0, rng=rng)
    split = train_test_split(data.xs, data.ys, train_size=320, rng=rng)
    return Setup(split.train, split.test, w0=0.0, b0=0.0)


PRESETS: Dict[str, Preset] = {
    "arange": Preset(
        name="arange",
        title='the "arange" tutorial',
        data_description=(
            "1000 points x = 0, 0.1, …, 99.9; y = 50·x + 4000 + noise, noise ~ N(0, 300²)"
        ),
        make=_arange_setup,
        convention="half_mse",
        reported_convention="half_mse",
        learning_rate=0.0005,
        iterations=50_000,
    ),
    "uniform": Preset(
        name="uniform",
        title='the "uniform" tutorial',
        data_description="10 000 points x ~ U[−10, 10); y = 7.6·x − 3.3 + noise, noise ~ N(0, 3²)",
        make=_uniform_setup,
        convention="sse",
        reported_convention="sse",
        learning_rate=1e-6,
        iterations=500,
    ),
    "train-test": Preset(
        name="train-test",
        title='the "train/test" tutorial',
        data_description=(
            "400 points x evenly spaced on [0, 100]; y = 3.5·x + 10 + noise, noise ~ N(0, 25²);"
            " shuffled, 320 to train and 80 to test"
        ),
        make=_train_test_setup,
        convention="half_mse",
        reported_convention="mse",
        learning_rate=5e-4,
        iterations=100_000,
    ),
}


def preset(name: str) -> Preset:
    """The preset called ``name``: 'arange', 'uniform' or 'train-test'."""
    try:
        return PRESETS[name]
    except KeyError:
        raise LinregError(
            "unknown preset %r: choose one of %s" % (name, ", ".join(PRESETS))
        ) from None
