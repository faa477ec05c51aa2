"""The facts of each tutorial, in one record that the presets and the replays both read.

All three run full-batch gradient descent with a simultaneous update for a fixed number
of iterations, with no stopping test:

    arange      x = 0, 0.1, …, 99.9 (1000 points), y = 50·x + 4000 + N(0, 300²);
                half-MSE, α = 0.0005, 50 000 iterations from W ~ U[0, 1) (drawn after the
                noise), b = 0
    uniform     x ~ U[−10, 10) (10 000 points), y = 7.6·x − 3.3 + N(0, 3²);
                sum of squares, α = 1e-6, 500 iterations from W = −1, b = 0
    train-test  x = 400 points evenly spaced on [0, 100], y = 3.5·x + 10 + N(0, 25²),
                shuffled and split 320/80; the half-MSE gradient (the post drops MSE's
                factor 2), α = 5e-4, 100 000 iterations from 0, 0; reports MSE and test R²
"""

from __future__ import annotations

from typing import Dict, NamedTuple, Optional

from ..errors import ParameterError


class Tutorial(NamedTuple):
    """One tutorial's experiment."""

    name: str
    title: str
    data_description: str
    grid: str  # how x is laid out: "arange" (x_low, x_high, x_step), "uniform" or "linspace"
    points: int
    x_low: float
    x_high: float
    x_step: Optional[float]  # arange's step
    true_w: float
    true_b: float
    sigma: float  # the noise's standard deviation
    start_w: Optional[float]  # None: drawn from U[0, 1) after the noise
    start_b: float
    train_size: Optional[int]  # the rest of the shuffled points are the test set
    convention: str  # the loss whose gradient descent follows
    reported_convention: str  # the loss the tutorial prints
    learning_rate: float
    iterations: int
    numpy_seed: int  # the seed of its NumPy run (the arange post was unseeded: 0 here)


TUTORIALS: Dict[str, Tutorial] = {
    "arange": Tutorial(
        name="arange",
        title='the "arange" tutorial',
        data_description=(
            "1000 points x = 0, 0.1, …, 99.9; y = 50·x + 4000 + noise, noise ~ N(0, 300²)"
        ),
        grid="arange",
        points=1000,
        x_low=0.0,
        x_high=100.0,
        x_step=0.1,
        true_w=50.0,
        true_b=4000.0,
        sigma=300.0,
        start_w=None,
        start_b=0.0,
        train_size=None,
        convention="half_mse",
        reported_convention="half_mse",
        learning_rate=0.0005,
        iterations=50_000,
        numpy_seed=0,
    ),  # fmt: skip
    "uniform": Tutorial(
        name="uniform",
        title='the "uniform" tutorial',
        data_description="10 000 points x ~ U[−10, 10); y = 7.6·x − 3.3 + noise, noise ~ N(0, 3²)",
        grid="uniform",
        points=10_000,
        x_low=-10.0,
        x_high=10.0,
        x_step=None,
        true_w=7.6,
        true_b=-3.3,
        sigma=3.0,
        start_w=-1.0,
        start_b=0.0,
        train_size=None,
        convention="sse",
        reported_convention="sse",
        learning_rate=1e-6,
        iterations=500,
        numpy_seed=42,
    ),  # fmt: skip
    "train-test": Tutorial(
        name="train-test",
        title='the "train/test" tutorial',
        data_description=(
            "400 points x evenly spaced on [0, 100]; y = 3.5·x + 10 + noise, noise ~ N(0, 25²);"
            " shuffled, 320 to train and 80 to test"
        ),
        grid="linspace",
        points=400,
        x_low=0.0,
        x_high=100.0,
        x_step=None,
        true_w=3.5,
        true_b=10.0,
        sigma=25.0,
        start_w=0.0,
        start_b=0.0,
        train_size=320,
        convention="half_mse",
        reported_convention="mse",
        learning_rate=5e-4,
        iterations=100_000,
        numpy_seed=43,
    ),  # fmt: skip
}


def tutorial(name: str) -> Tutorial:
    """The tutorial called ``name``: 'arange', 'uniform' or 'train-test'."""
    try:
        return TUTORIALS[name]
    except (KeyError, TypeError):
        raise ParameterError(
            "unknown tutorial %r: choose one of %s" % (name, ", ".join(TUTORIALS))
        ) from None
