"""The tutorials as they ran in NumPy: the same data, the same arithmetic, the same printout.

linreg's presets (:mod:`linreg.presets`) draw their data from ``random.Random``.  A
replay instead draws them from NumPy's legacy streams (:mod:`linreg.numpy_legacy`)
with the tutorial's NumPy seed, rounds to float32 where the tutorial's arrays were
float32, and adds up with NumPy's pairwise summation.  linreg's own training loop,
:func:`linreg.train`, then retraces the NumPy program and prints what the tutorial
printed.  The tests compare the result with runs of NumPy itself
(``tests/data/numpy/tutorials.json``).

What each tutorial did, as far as the arithmetic goes:

arange (seed 0)
    x = float32 arange(100, step 0.1); y = float32(4000 + 50·x) + 100·N(0, 3);
    W₀ = random_sample() drawn after the noise, b₀ = 0.  The first prediction is float32
    (W₀ is a Python float multiplying a float32 array), every later one float64.
    half-MSE, α = 0.0005, 50 000 steps; every 5000 epochs it prints the loss and gradient
    from before that epoch's update beside W and b from after it.
uniform (seed 42)
    x ~ U[−10, 10) (10 000), then y = 7.6·x − 3.3 + N(0, 3); sum of squares, α = 1e-6,
    500 steps from W = −1, b = 0; prints the sum of squares rounded to an integer after
    every 50th update, then the line.  (Its code is lost: these facts are the post's.)
train-test (seed 43)
    x = linspace(0, 100, 400), y = 3.5·x + 10 + N(0, 25), then a permutation: 320 to
    train, 80 to test; the half-MSE gradient (the post drops MSE's factor 2), α = 5e-4,
    100 000 steps from 0, 0; prints test R² and the weights to two decimals.
"""

from __future__ import annotations

from typing import Callable, Dict, List, NamedTuple, Optional

from ._numbers import Real
from .data import Dataset
from .descent import train
from .errors import LinregError
from .least_squares import least_squares, r_squared
from .numpy_legacy import LegacyRandomState, arange_float32, linspace, pairwise_sum, to_float32
from .presets import Setup


class Replay(NamedTuple):
    """A tutorial recomputed: its data, what it printed, and where descent ended."""

    name: str
    seed: int
    setup: Setup
    printed: List[str]  # the tutorial's output, line for line
    w: Real  # full precision, after the last step
    b: Real
    loss: Real  # the tutorial's loss at the last printed point
    iterations: int
    learning_rate: float
    convention: str


def _replay_arange(seed: int) -> Replay:
    rng = LegacyRandomState(seed)
    xs = arange_float32(100.0, 0.1)
    # 4000 + 50·X with X float32 stays float32; the float64 noise is added after that.
    base = [to_float32(4000.0 + to_float32(50.0 * x)) for x in xs]
    noise = rng.normal(0.0, 3.0, len(xs))
    ys = [y + g * 100.0 for y, g in zip(base, noise)]
    w0 = rng.random_sample()
    rate, epochs, every, n = 0.0005, 50_000, 5_000, len(xs)

    # Epoch 0 by hand: W₀ is a Python float and the array float32, so NumPy computes
    # this one prediction in float32 (after it, W is a float64 and so is everything).
    w32 = to_float32(w0)
    r = [to_float32(x * w32) - y for x, y in zip(xs, ys)]  # rᵢ = ŷᵢ − yᵢ
    loss0 = 0.5 * (pairwise_sum([ri * ri for ri in r]) / n)
    dw0 = pairwise_sum([ri * x for ri, x in zip(r, xs)]) / n
    db0 = pairwise_sum(r) / n
    w1, b1 = w0 - rate * dw0, 0 - rate * db0
    lines = [_arange_line(0, w1, b1, loss0, dw0, db0)]

    # Epochs 1 … 49 999 by linreg's loop; its step k is the tutorial's epoch k + 1.
    printed_epochs = list(range(every, epochs, every)) + [epochs - 1]
    run = train(
        xs, ys, w1, b1, learning_rate=rate, iterations=epochs - 1,
        checkpoints=[e - 1 for e in printed_epochs], summation=pairwise_sum,
    )  # fmt: skip
    at = {c.iteration + 1: c for c in run.history}
    last = None
    for epoch in printed_epochs:
        c = at[epoch]
        # The tutorial prints W and b after this epoch's update: one more step from c.
        w_after, b_after = c.w - rate * c.dw, c.b - rate * c.db
        line = _arange_line(epoch, w_after, b_after, c.loss, c.dw, c.db)
        if epoch == epochs - 1:
            line = "Training Stats: \n" + line.replace("Epoch:", "Epochs:")
            last = c
        lines.append(line)
    assert last is not None
    return Replay(
        "arange", seed, Setup(Dataset(xs, ys), None, w0, 0.0), "\n".join(lines).split("\n"),
        run.w, run.b, last.loss, epochs, rate, "half_mse",
    )  # fmt: skip


def _arange_line(epoch: int, w: Real, b: Real, loss: Real, dw: Real, db: Real) -> str:
    return f"Epoch:{epoch}, W:{w}, b:{b}, loss:{loss}, dW:{dw}, db:{db}"


def _replay_uniform(seed: int) -> Replay:
    rng = LegacyRandomState(seed)
    xs = rng.uniform(-10.0, 10.0, 10_000)
    noise = rng.normal(0.0, 3.0, 10_000)
    ys = [7.6 * x + -3.3 + e for x, e in zip(xs, noise)]
    rate, iterations = 1e-6, 500
    run = train(
        xs, ys, -1.0, 0.0, learning_rate=rate, iterations=iterations,
        convention="sse", checkpoint_every=50, summation=pairwise_sum,
    )  # fmt: skip
    printed = [str(round(c.loss)) for c in run.history if c.iteration > 0]
    w, b = float(run.w), float(run.b)
    printed.append("y = %.2f x %s %.2f" % (w, "-" if b < 0 else "+", abs(b)))
    return Replay(
        "uniform", seed, Setup(Dataset(xs, ys), None, -1.0, 0.0), printed,
        run.w, run.b, run.history[-1].loss, iterations, rate, "sse",
    )  # fmt: skip


def _replay_train_test(seed: int) -> Replay:
    rng = LegacyRandomState(seed)
    xs = linspace(0.0, 100.0, 400)
    noise = rng.normal(0.0, 25.0, 400)
    ys = [3.5 * x + 10 + e for x, e in zip(xs, noise)]
    order = rng.permutation(400)
    train_set = Dataset([xs[i] for i in order[:320]], [ys[i] for i in order[:320]])
    test_set = Dataset([xs[i] for i in order[320:]], [ys[i] for i in order[320:]])
    rate, iterations = 5e-4, 100_000
    run = train(
        list(train_set.xs), list(train_set.ys), 0.0, 0.0, learning_rate=rate,
        iterations=iterations, summation=pairwise_sum,
    )  # fmt: skip
    r2 = float(r_squared(list(test_set.xs), list(test_set.ys), run.w, run.b))
    printed = [
        "R² on Test Data = %.2f" % r2,
        "Final Model: w_1=%.2f, w_2=%.2f" % (float(run.w), float(run.b)),
    ]
    return Replay(
        "train-test", seed, Setup(train_set, test_set, 0.0, 0.0), printed,
        run.w, run.b, 2 * float(run.history[-1].loss), iterations, rate, "half_mse",
    )  # fmt: skip


#: Each tutorial's NumPy seed (the arange post was unseeded: 0 is the convention here).
NUMPY_SEEDS: Dict[str, int] = {"arange": 0, "uniform": 42, "train-test": 43}
_REPLAYS: Dict[str, Callable[[int], Replay]] = {
    "arange": _replay_arange,
    "uniform": _replay_uniform,
    "train-test": _replay_train_test,
}


def replay(name: str, *, seed: Optional[int] = None) -> Replay:
    """Rerun tutorial ``name`` as it ran in NumPy (with its own seed unless one is given)."""
    if name not in _REPLAYS:
        raise LinregError("unknown tutorial %r: choose one of %s" % (name, ", ".join(_REPLAYS)))
    return _REPLAYS[name](NUMPY_SEEDS[name] if seed is None else seed)


def least_squares_r_squared(data: Dataset) -> float:
    """R² of the least-squares line on its own data (the uniform post's library check)."""
    xs, ys = list(data.xs), list(data.ys)
    line = least_squares(xs, ys)
    return float(r_squared(xs, ys, line.w, line.b))
