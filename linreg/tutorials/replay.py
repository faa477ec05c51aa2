"""The tutorials as they ran in NumPy: the same data, the same arithmetic, the same printout.

linreg's presets (:mod:`linreg.tutorials.presets`) draw their data from
``random.Random``.  A replay instead draws them from NumPy's legacy streams
(:mod:`linreg.tutorials.numpy_legacy`) with the tutorial's NumPy seed, rounds to float32
where the tutorial's arrays were float32, and adds up with NumPy's pairwise summation.
linreg's own training loop (:mod:`linreg.careful.training`, with that Σ plugged in) then
retraces the NumPy program and prints what the tutorial printed.  Every setting comes
from the tutorial's record (:mod:`linreg.tutorials.records`).  The tests compare the result
with runs of NumPy itself (``tests/data/numpy/tutorials.json``).

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

from typing import FrozenSet, List, NamedTuple, Optional

from ..careful.exact import Ratio, moments, rounded
from ..careful.least_squares import exact_least_squares, exact_r_squared
from ..careful.training import Checkpoint, Training, per_sample, run
from ..core.data import Dataset
from ..core.model import loss_divisor
from ..core.numbers import Real
from .numpy_legacy import LegacyRandomState, arange_float32, linspace, pairwise_sum, to_float32
from .presets import Setup
from .records import Tutorial, tutorial

#: The arange tutorial prints every this many epochs, and at its last epoch.
ARANGE_PRINT_EVERY = 5_000
#: The uniform tutorial prints the sum of squares after every this many updates.
UNIFORM_PRINT_EVERY = 50


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
    history: List[Checkpoint]  # the state at the checkpoints, numbered as the tutorial counts


def _descend(
    t: Tutorial,
    data: Dataset,
    w: float,
    b: float,
    iterations: int,
    *,
    checkpoint_every: Optional[int] = None,
    checkpoints: FrozenSet[int] = frozenset(),
) -> Training:
    """linreg's loop from (w, b), with NumPy's pairwise Σ and the tutorial's loss."""
    divisor = loss_divisor(t.convention, len(data.xs))
    gradient_at, loss_at = per_sample(data.xs, data.ys, divisor, pairwise_sum)
    return run(
        gradient_at, loss_at, w, b, learning_rate=t.learning_rate, iterations=iterations,
        checkpoint_every=checkpoint_every, checkpoints=checkpoints,
    )  # fmt: skip


def _replay_arange(t: Tutorial, seed: int, fine: FrozenSet[int]) -> Replay:
    rng = LegacyRandomState(seed)
    xs = arange_float32(t.x_high, t.x_step or 0.0)
    # 4000 + 50·X with X float32 stays float32; the float64 noise is added after that.
    base = [to_float32(t.true_b + to_float32(t.true_w * x)) for x in xs]
    noise = rng.normal(0.0, 3.0, len(xs))
    ys = [y + g * 100.0 for y, g in zip(base, noise)]  # the post's 100·N(0, 3), so σ = 300
    w0 = rng.random_sample()
    rate, epochs, every, n = t.learning_rate, t.iterations, ARANGE_PRINT_EVERY, len(xs)

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
    wanted = frozenset(e - 1 for e in printed_epochs)
    run_ = _descend(t, Dataset(xs, ys), w1, b1, epochs - 1, checkpoints=wanted | fine)
    at = {c.iteration + 1: c for c in run_.history}
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
        t.name, seed, Setup(Dataset(xs, ys), None, w0, t.start_b), "\n".join(lines).split("\n"),
        run_.w, run_.b, last.loss, epochs, rate, t.convention,
        [c._replace(iteration=c.iteration + 1) for c in run_.history],
    )  # fmt: skip


def _arange_line(epoch: int, w: Real, b: Real, loss: Real, dw: Real, db: Real) -> str:
    return "Epoch:%d, W:%r, b:%r, loss:%r, dW:%r, db:%r" % (epoch, w, b, loss, dw, db)


def _replay_uniform(t: Tutorial, seed: int, fine: FrozenSet[int]) -> Replay:
    rng = LegacyRandomState(seed)
    xs = rng.uniform(t.x_low, t.x_high, t.points)
    noise = rng.normal(0.0, t.sigma, t.points)
    ys = [t.true_w * x + t.true_b + e for x, e in zip(xs, noise)]
    w0 = -1.0 if t.start_w is None else t.start_w
    b0 = t.start_b
    wanted = frozenset(range(UNIFORM_PRINT_EVERY, t.iterations, UNIFORM_PRINT_EVERY))
    run_ = _descend(t, Dataset(xs, ys), w0, b0, t.iterations, checkpoints=wanted | fine)
    printed = [
        str(round(c.loss)) for c in run_.history if c.iteration in wanted or c == run_.history[-1]
    ]
    w, b = float(run_.w), float(run_.b)
    printed.append("y = %.2f x %s %.2f" % (w, "-" if b < 0 else "+", abs(b)))
    return Replay(
        t.name, seed, Setup(Dataset(xs, ys), None, w0, b0), printed,
        run_.w, run_.b, run_.history[-1].loss, t.iterations, t.learning_rate, t.convention,
        run_.history,
    )  # fmt: skip


def _replay_train_test(t: Tutorial, seed: int, fine: FrozenSet[int]) -> Replay:
    rng = LegacyRandomState(seed)
    xs = linspace(t.x_low, t.x_high, t.points)
    noise = rng.normal(0.0, t.sigma, t.points)
    ys = [t.true_w * x + t.true_b + e for x, e in zip(xs, noise)]
    order = rng.permutation(t.points)
    cut = t.train_size or 0
    train_set = Dataset([xs[i] for i in order[:cut]], [ys[i] for i in order[:cut]])
    test_set = Dataset([xs[i] for i in order[cut:]], [ys[i] for i in order[cut:]])
    run_ = _descend(t, train_set, 0.0, 0.0, t.iterations, checkpoints=fine)
    r2 = r_squared_of(test_set, run_.w, run_.b)
    printed = [
        "R² on Test Data = %.2f" % r2,
        "Final Model: w_1=%.2f, w_2=%.2f" % (float(run_.w), float(run_.b)),
    ]
    return Replay(
        t.name, seed, Setup(train_set, test_set, 0.0, 0.0), printed,
        run_.w, run_.b, 2 * float(run_.history[-1].loss), t.iterations, t.learning_rate,
        t.convention, run_.history,
    )  # fmt: skip


def replay(
    name: str, *, seed: Optional[int] = None, checkpoints: FrozenSet[int] = frozenset()
) -> Replay:
    """Rerun tutorial ``name`` as it ran in NumPy (with its own seed unless one is given),
    keeping the state at the listed ``checkpoints`` too (for a picture)."""
    t = tutorial(name)
    seed = t.numpy_seed if seed is None else seed
    if t.name == "arange":
        return _replay_arange(t, seed, checkpoints)
    if t.name == "uniform":
        return _replay_uniform(t, seed, checkpoints)
    return _replay_train_test(t, seed, checkpoints)


def r_squared_of(data: Dataset, w: Real, b: Real) -> float:
    """R² of the line (W, b) on the data, exact and rounded once."""
    r2 = exact_r_squared(moments(data.xs, data.ys), Ratio.of(w), Ratio.of(b), centered=True)
    return float(r2)


def least_squares_r_squared(data: Dataset) -> float:
    """R² of the least-squares line, as floats, on its own data (the uniform post's check)."""
    w, b = exact_least_squares(moments(data.xs, data.ys), intercept=True)
    return r_squared_of(data, rounded(w, None), rounded(b, None))
