"""linreg's public functions: each checks its arguments once, at this door, then computes.

Every function here does three things, in this order:

1. checks and converts its arguments with :mod:`linreg._checks` (one number type per call:
   floats, or exact Fractions; see that module for the rule);
2. calls the unchecked formulas of the teaching core (:mod:`linreg.core`) or the careful
   path (:mod:`linreg.careful`), which trust what they are given;
3. returns their result, after making sure no float in it overflowed.

Bad input raises DataError (the data), ParameterError (any other argument),
UnstableLearningRateError (α ≥ 2/λmax) or FloatRangeError (beyond the float range), each a
LinregError and a ValueError, with a message that names the argument at fault.
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable, Collection, Iterable, List, Optional, Sequence, TypeVar

from . import _checks
from .careful import fit as standardized
from .careful import sufficient
from .careful.exact import Moments, Ratio, moments, rounded, x_moments
from .careful.least_squares import LeastSquares, exact_least_squares, exact_r_squared
from .careful.stability import Hessian, Stability, exact_hessian, refuse_unstable, stability_of
from .careful.training import Summation, Training, per_sample, run
from .core import data, descent, model
from .core import gradient as core_gradient
from .core.data import Dataset, Split
from .core.descent import Params
from .core.gradient import Gradient
from .core.numbers import Num, Real
from .errors import FloatRangeError, LinregError, ParameterError, UnstableLearningRateError

T = TypeVar("T")

# -- the model, the loss and its gradient ---------------------------------------------------


def predict(xs: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """ŷᵢ = W·xᵢ + b for each x.

    Raises DataError if xs is not a sequence of finite numbers, ParameterError for a W or b
    that is not a finite number, FloatRangeError if a prediction overflows.
    """
    x, (w, b), _ = _checks.prepared_x(xs, [("W", w), ("b", b)], min_points=0)
    return _checks.computed("a prediction", lambda: model.predict(x, w, b))


def residuals(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> List[Num]:
    """rᵢ = W·xᵢ + b − yᵢ: prediction minus target, the sign the gradient uses.

    Raises DataError for xs and ys of different lengths or holding anything but finite
    numbers, ParameterError for W or b, FloatRangeError if a residual overflows.
    """
    x, y, (w, b), _ = _checks.prepared(xs, ys, [("W", w), ("b", b)], min_points=0)
    return _checks.computed("a residual", lambda: model.residuals(x, y, w, b))


def loss(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, convention: str = "half_mse"
) -> Num:
    """L(W, b) = (1/d)·Σ(W·xᵢ + b − yᵢ)², d = 2N (half_mse, the default), N (mse) or 1 (sse).

    Exact for Fractions.  For floats, within γ_{N+10}·(1/d)·Σ(|rᵢ| + |W·xᵢ| + |b| + |yᵢ|)² of
    the exact loss of the same floats, γₖ = k·u/(1 − k·u), u = 2⁻⁵³ (plus 2⁻¹⁰⁷⁴ per
    operation where values are subnormal): :func:`linreg.careful.rounding.loss_bound`.

    Raises DataError for bad data (as :func:`residuals`; at least 1 point), ParameterError
    for W, b or an unknown convention, FloatRangeError if the loss overflows.
    """
    convention = _checks.convention(convention)
    x, y, (w, b), _ = _checks.prepared(xs, ys, [("W", w), ("b", b)])
    divisor = model.loss_divisor(convention, len(x))
    value: Num = _checks.computed("the loss", lambda: model.loss(x, y, w, b, divisor))
    return value


def gradient(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, convention: str = "half_mse"
) -> Gradient:
    """∇L(W, b) = (∂L/∂W, ∂L/∂b) = ((2/d)·Σrᵢ·xᵢ, (2/d)·Σrᵢ), rᵢ = W·xᵢ + b − yᵢ.

    Exact for Fractions.  For floats, each partial is within γ_{N+7}·(2/d)·Σ(|rᵢ| + mᵢ)·|xᵢ|
    (for ∂L/∂W) or γ_{N+7}·(2/d)·Σ(|rᵢ| + mᵢ) (for ∂L/∂b) of the exact one, with
    mᵢ = |W·xᵢ| + |b| + |yᵢ|: :func:`linreg.careful.rounding.gradient_bound`.

    Raises DataError for bad data (at least 1 point), ParameterError for W, b or the
    convention, FloatRangeError if a partial derivative overflows.
    """
    convention = _checks.convention(convention)
    x, y, (w, b), _ = _checks.prepared(xs, ys, [("W", w), ("b", b)])
    divisor = model.loss_divisor(convention, len(x))
    return _checks.computed("the gradient", lambda: core_gradient.gradient(x, y, w, b, divisor))


# -- descent --------------------------------------------------------------------------------


def step(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    *,
    learning_rate: Num,
    convention: str = "half_mse",
) -> Params:
    """One simultaneous update: (W, b) ← (W − α·∂L/∂W, b − α·∂L/∂b).

    A single step is never refused for its size, so a reader can watch divergence.  Exact
    for Fractions; for floats within :func:`linreg.careful.rounding.step_bound` of the
    exact step from the same floats (α times the gradient's bound, plus two roundings).

    Raises DataError for bad data, ParameterError for W, b, the convention or a learning
    rate that is not a finite number greater than 0, FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)
    _checks.positive(learning_rate, "the learning rate")
    x, y, (w, b, alpha), _ = _checks.prepared(
        xs, ys, [("W", w), ("b", b), ("the learning rate", learning_rate)]
    )
    divisor = model.loss_divisor(convention, len(x))
    return _checks.computed("the step", lambda: descent.step(x, y, w, b, alpha, divisor))


def train(
    xs: Sequence[Num],
    ys: Sequence[Num],
    w: Num,
    b: Num,
    *,
    learning_rate: Num,
    iterations: int,
    tolerance: Optional[Num] = None,
    convention: str = "half_mse",
    intercept: bool = True,
    checkpoint_every: Optional[int] = None,
    checkpoints: Collection[int] = (),
    summation: Optional[Summation] = None,
    sufficient_statistics: bool = False,
) -> Training:
    """Repeat W ← W − α·∂L/∂W, b ← b − α·∂L/∂b from (w, b) for up to ``iterations`` steps.

    Stops early, with ``converged=True``, at the first point where
    max(|∂L/∂W|, |∂L/∂b|) ≤ tolerance.  With ``intercept=False``, b must start at 0 and
    stays there; only W moves.  Raises UnstableLearningRateError for α ≥ 2/λmax, decided exactly.

    The history records the start, the end, every ``checkpoint_every``-th step and the
    steps listed in ``checkpoints``.  ``summation`` replaces the correctly rounded Σ over
    the data (NumPy's pairwise order, for example, to replay a NumPy program bit for bit).

    ``sufficient_statistics=True`` descends on the data's centred sums instead of its
    points (:mod:`linreg.careful.sufficient`): one exact pass, then O(1) work per step.  The
    trajectory is the same in exact arithmetic; in floats it stays within the bound of
    docs/derivation.md §9 of the per-sample one, and the loss at a checkpoint is exact.

    Raises DataError for bad data, ParameterError for any other argument (iterations not an
    integer ≥ 0, a tolerance < 0, checkpoints that are not integers, a starting b ≠ 0
    without an intercept, …),
    UnstableLearningRateError for α ≥ 2/λmax, FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)
    iterations = _checks.count(iterations, "iterations")
    limit = None if tolerance is None else _checks.non_negative(tolerance, "the tolerance")
    intercept = _checks.flag(intercept, "intercept")
    every = _every(checkpoint_every)
    wanted = frozenset(
        _checks.count(k, "checkpoints[%d]" % i, maximum=iterations)
        for i, k in enumerate(_checks.items(checkpoints, "checkpoints", ParameterError))
    )
    _refuse_long_history(iterations, every, wanted)
    summation = _checks.callable_or_none(summation, "summation")
    on_statistics = _checks.flag(sufficient_statistics, "sufficient_statistics")
    if on_statistics and summation is not None:
        raise ParameterError("summation is a per-sample Σ: give it or sufficient_statistics")
    _checks.positive(learning_rate, "the learning rate")
    x, y, (w, b, alpha), exact = _checks.prepared(
        xs, ys, [("the starting W", w), ("the starting b", b), ("the learning rate", learning_rate)]
    )
    divisor = model.loss_divisor(convention, len(x))
    m = moments(x, y, floats=exact is None) if on_statistics else None
    _refuse_unstable(x, alpha, divisor, intercept=intercept, convention=convention, m=m)
    if not intercept and b != 0:
        # Setting it to 0 would silently ignore an argument the caller gave.
        raise ParameterError(
            "the starting b is %s, but intercept=False fits the line through the origin,"
            " y = W·x: start from b = 0" % _checks.shown(b)
        )
    if m is not None:
        s = sufficient.statistics(m, divisor, exact)
        return _checks.computed(
            "training",
            lambda: sufficient.run(
                s,
                w,
                b,
                learning_rate=alpha,
                iterations=iterations,
                tolerance=limit,
                intercept=intercept,
                checkpoint_every=every,
                checkpoints=wanted,
            ),  # fmt: skip
        )
    gradient_at, loss_at = per_sample(x, y, divisor, _checked(summation, exact))
    return _checks.computed(
        "training",
        lambda: run(
            gradient_at,
            loss_at,
            w,
            b,
            learning_rate=alpha,
            iterations=iterations,
            tolerance=limit,
            intercept=intercept,
            checkpoint_every=every,
            checkpoints=wanted,
            repeats=summation is None,  # a Σ of the caller's own may keep a state
        ),  # fmt: skip
    )


def _checked(summation: Optional[Summation], exact: _checks.Exact) -> Optional[Summation]:
    """The caller's Σ, with what it returns checked: a finite number of the computation's
    type (a float for float data, rounded once if need be; exact for Fraction data)."""
    if summation is None:
        return None
    add = summation

    def checked(terms: Sequence[Any]) -> Any:
        try:
            value = _checks.number(add(terms), "what summation returned")
        except LinregError:
            raise
        except Exception as fault:  # the caller's function failed: say so, and how
            raise ParameterError(
                "summation raised %s: %s" % (type(fault).__name__, _checks.shown(str(fault)))
            ) from None
        if exact is None:
            return _checks.as_float(value, "what summation returned")
        if isinstance(value, float):
            raise ParameterError(
                "summation returned the float %r for exact (Fraction) data: it must add"
                " exactly" % value
            )
        return exact(value)

    return checked


#: The most checkpoints one history holds: 10⁶ of them take about 150 MB.
MAX_HISTORY = 10**6


def _refuse_long_history(iterations: int, every: Optional[int], wanted: Collection[int]) -> None:
    if every is not None and iterations // every + len(wanted) > MAX_HISTORY:
        raise ParameterError(
            "checkpoint_every=%d with iterations=%d would record %d checkpoints: at most %d;"
            " choose a larger checkpoint_every"
            % (every, iterations, iterations // every, MAX_HISTORY)
        )


def _every(checkpoint_every: object) -> Optional[int]:
    if checkpoint_every is None:
        return None
    return _checks.count(checkpoint_every, "checkpoint_every", minimum=1)


def _refuse_unstable(
    xs: List[Any],
    alpha: Any,
    divisor: int,
    *,
    intercept: bool,
    convention: str,
    m: Optional[Moments] = None,
) -> None:
    n, sx, sxx = x_moments(xs) if m is None else (m.n, m.sx, m.sxx)
    refuse_unstable(alpha, n, sx, sxx, divisor, intercept=intercept, convention=convention)


def fit(
    xs: Sequence[Num],
    ys: Sequence[Num],
    *,
    intercept: bool = True,
    learning_rate: Optional[Num] = None,
    tolerance: Optional[Num] = None,
    max_iterations: Optional[int] = None,
    convention: str = "half_mse",
    checkpoint_every: Optional[int] = None,
) -> standardized.Fit:
    """Fit y = W·x + b (or y = W·x) by gradient descent in standardized coordinates.

    There the Hessian is the identity, so the step needs no tuning: α = 1 (the default)
    is the best fixed step, and any 0 < α < 2 converges.  Descent stops when the largest
    standardized partial derivative is at most ``tolerance`` or, with no tolerance, at
    the rounding floor; at most ``max_iterations`` steps (default 1000).  All conventions
    share one minimiser, so ``convention`` only sets the loss reported in the history.
    For plain descent in (W, b) with a learning rate of your own, call :func:`train`.

    Exact data land exactly on least squares (Ŵ, b̂) in one step.  For floats, at the
    rounding floor with α = 1, with σ_W = |Ŵ| + M·D/s², M = maxᵢ(|yᵢ − ȳ| + |Ŵ|·|xᵢ − x̄|)
    and D = maxᵢ|xᵢ − x̄| (x̄ = ȳ = 0 through the origin):

        |W − Ŵ| ≤ 16ε·σ_W,    |b − b̂| ≤ 16ε·(|b̂| + |x̄|·σ_W + M)

    (docs/derivation.md §6).  Floats need s² = (1/N)·Σ(xᵢ − x̄)² within the float range.

    Raises DataError for bad data, fewer than 2 points (1 through the origin) or a constant
    x (all x zero through the origin), ParameterError for a bad option (its subclass
    UnstableLearningRateError for a learning rate α ≥ 2), FloatRangeError where s² or the
    answer is beyond the float range.
    """
    intercept = _checks.flag(intercept, "intercept")
    convention = _checks.convention(convention)
    limit = None if tolerance is None else _checks.non_negative(tolerance, "the tolerance")
    most = standardized.MAX_ITERATIONS
    if max_iterations is not None:
        most = _checks.count(max_iterations, "max_iterations", minimum=1)
    every = _every(checkpoint_every)
    _refuse_long_history(most, every, ())
    step_size = 1 if learning_rate is None else _checks.number(learning_rate, "the learning rate")
    _checks.positive(step_size, "the learning rate")
    if not step_size < 2:
        raise UnstableLearningRateError(
            "learning rate %s: fit descends where the Hessian is the identity, so its steps are"
            " stable only below 2 (1 is the best)" % _checks.shown(step_size),
            learning_rate=step_size,
            bound=2.0,
        )
    x, y, (alpha,), exact = _checks.prepared(
        xs, ys, [("the learning rate", step_size)], min_points=2 if intercept else 1
    )
    if exact is not None and alpha != 1 and limit is None and max_iterations is None:
        # Exactly, each step multiplies the gradient by 1 − α ≠ 0: it never reaches 0, and
        # a thousand exact steps grow the denominators without end.
        raise ParameterError(
            "with exact (Fraction) data and a learning rate other than 1, fit never reaches a"
            " zero gradient: give a tolerance or max_iterations"
        )
    z = standardized.standardize(
        moments(x, y, floats=exact is None), intercept=intercept, exact=exact
    )
    divisor = model.loss_divisor(convention, len(x))
    return _checks.computed(
        "fit",
        lambda: standardized.descend(
            z,
            divisor=divisor,
            learning_rate=alpha,
            tolerance=limit,
            max_iterations=most,
            checkpoint_every=every,
        ),  # fmt: skip
    )


# -- the careful answers: least squares, R², stability --------------------------------------


def least_squares(xs: Sequence[Num], ys: Sequence[Num], *, intercept: bool = True) -> LeastSquares:
    """Ŵ = Sxy/Sxx and b̂ = ȳ − Ŵ·x̄ (or Ŵ = Σxy/Σx², b = 0 through the origin).

    Exact for Fractions; for floats, the exact answer for exactly those floats, rounded once.

    Raises DataError for bad data, fewer than 2 points (1 through the origin) or a constant
    x (all x zero through the origin): the slope is then undetermined; FloatRangeError if Ŵ
    or b̂ is beyond the float range.
    """
    intercept = _checks.flag(intercept, "intercept")
    x, y, _, exact = _checks.prepared(xs, ys, min_points=2 if intercept else 1)
    w, b = exact_least_squares(moments(x, y, floats=exact is None), intercept=intercept)
    return LeastSquares(rounded(w, exact), rounded(b, exact))


def r_squared(
    xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num, *, centered: bool = True
) -> Real:
    """R² = 1 − Σ(yᵢ − W·xᵢ − b)² / Σ(yᵢ − ȳ)²: the share of y's variance the line explains.

    Computed exactly for the given W and b, on any data (the test part of a split, say),
    and rounded once.  ``centered=False`` divides by Σyᵢ² instead, the convention for a
    line through the origin (NIST's NoInt data sets use it).

    Raises DataError for bad data or a constant y (Σ(yᵢ − ȳ)² = 0, R² undefined; all y zero
    with ``centered=False``), ParameterError for W or b, FloatRangeError on overflow.
    """
    centered = _checks.flag(centered, "centered")
    x, y, (w, b), exact = _checks.prepared(
        xs, ys, [("W", w), ("b", b)], min_points=2 if centered else 1
    )
    m = moments(x, y, floats=exact is None)
    r2 = exact_r_squared(m, Ratio.of(w), Ratio.of(b), centered=centered)
    return rounded(r2, exact)


def stability(
    xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True
) -> Stability:
    """λmin, λmax, the bound 2/λmax, the best fixed step 2/(λmin + λmax), κ and the Hessian.

    H = (2/d)·[[Σxᵢ², Σxᵢ], [Σxᵢ, N]] (without an intercept, only ∂²L/∂W² = (2/d)·Σxᵢ²).
    ``Stability.is_stable(α)`` decides α < 2/λmax exactly on that Hessian.

    Raises DataError for an empty xs, anything but finite numbers in it, or (with an
    intercept) a constant x, where λmin = 0; ParameterError for the convention;
    FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)
    intercept = _checks.flag(intercept, "intercept")
    x, _, exact = _checks.prepared_x(xs, min_points=1)
    ww, wb, bb = exact_hessian(
        *x_moments(x, floats=exact is None),
        model.loss_divisor(convention, len(x)),
        intercept=intercept,
    )
    hessian = Hessian(rounded(ww, exact), rounded(wb, exact), rounded(bb, exact))
    return stability_of(ww, wb, bb, hessian, intercept=intercept)


# -- data -----------------------------------------------------------------------------------


def arange(start: Num, stop: Num, step: Num) -> List[Num]:
    """xᵢ = start + i·step for i = 0, 1, …, ⌈(stop − start)/step⌉ − 1, as NumPy's arange.

    Raises ParameterError for a start, stop or step that is not a finite number, a step ≤ 0,
    or more than 10 000 000 points; FloatRangeError where stop − start overflows a float.
    """
    _checks.positive(step, "step")
    start, stop, step = _same_kind(("start", start), ("stop", stop), ("step", step))
    if isinstance(stop - start, float) and not math.isfinite(stop - start):
        # NumPy too computes the count from the float difference, and refuses here.
        raise FloatRangeError(
            "stop − start = %s − (%s) is beyond the float range, so the count"
            " ⌈(stop − start)/step⌉ cannot be computed in floats; use Fraction values"
            % (_checks.shown(stop), _checks.shown(start)),
            quantity="stop − start",
        )
    quotient = (stop - start) / step  # overflows to inf only when there are too many
    if not quotient <= _checks.MAX_POINTS:
        raise ParameterError(
            "start %s, stop %s and step %s make more than %d points"
            % (_checks.shown(start), _checks.shown(stop), _checks.shown(step), _checks.MAX_POINTS)
        )
    return _checks.computed("arange", lambda: data.arange(start, stop, step))


def linspace(start: Num, stop: Num, num: int) -> List[Num]:
    """num evenly spaced points from start to stop inclusive, as NumPy's linspace.

    Raises ParameterError for a start or stop that is not a finite number or a num that is
    not an integer ≥ 2.
    """
    num = _checks.count(num, "num", minimum=2, maximum=_checks.MAX_POINTS)
    start, stop = _same_kind(("start", start), ("stop", stop))
    step = _checks.computed("linspace's step", lambda: (stop - start) / (num - 1))
    if step == 0 and start != stop:
        raise ParameterError(
            "start and stop are too close together for %d distinct float points" % num
        )
    return _checks.computed("linspace", lambda: data.linspace(start, stop, num))


def _floats(*named: Any) -> List[float]:
    """Each (name, value) checked as a number, all of them before any is converted."""
    values = [_checks.number(value, name) for name, value in named]
    return [_checks.as_float(v, name) for v, (name, _) in zip(values, named)]


def _same_kind(*named: Any) -> List[Any]:
    return _checks.prepared_x([], named, min_points=0)[1]


def uniform(
    n: int,
    low: float,
    high: float,
    *,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> List[float]:
    """n draws xᵢ = low + (high − low)·uᵢ, uᵢ uniform on [0, 1), from a seeded generator.

    Raises ParameterError for an n that is not an integer ≥ 0, low or high not finite, or
    not exactly one of seed and rng.
    """
    n = _checks.count(n, "n", maximum=_checks.MAX_POINTS)
    generator = _generator(seed, rng)
    low, high = _floats(("low", low), ("high", high))  # the draws are floats, as the bounds
    drawn = _checks.computed(
        "uniform",
        lambda: _drawn(generator, "uniform", lambda: data.uniform(n, low, high, generator)),
    )
    if type(generator) is not random.Random and not all(
        type(v) is float and low <= v <= high for v in drawn
    ):
        raise ParameterError(
            "rng, a %s, drew values outside [low, high]: its random() must return floats in"
            " [0, 1)" % type(generator).__name__
        )
    return drawn


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

    Give either a seed or a private ``random.Random`` (to draw more from the same stream
    afterwards, as the tutorial presets do for the starting W).

    Raises DataError for an empty xs or anything but finite numbers in it, ParameterError
    for W, b, a σ < 0, or not exactly one of seed and rng; FloatRangeError if a y overflows.
    """
    x = _checks.numbers(xs, "xs", "x")
    _checks.enough(len(x), 1, "xs holds")
    generator = _generator(seed, rng)
    if not _checks.number(sigma, "sigma") >= 0:
        raise ParameterError(
            "sigma, the noise's standard deviation, must be ≥ 0, not %s" % _checks.shown(sigma)
        )
    w, b, sigma = _floats(("W", w), ("b", b), ("sigma", sigma))
    x = _checks.converted(x, None, "x")  # floats, as the ys beside them
    return _checks.computed(
        "noisy_line",
        lambda: _drawn(generator, "noise", lambda: data.noisy_line(x, w, b, sigma, generator)),
    )


def train_test_split(
    xs: Sequence[Num],
    ys: Sequence[Num],
    *,
    train_size: int,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> Split:
    """Shuffle the indices (Fisher–Yates, random.shuffle); the first train_size go to train.

    Raises DataError for bad data, ParameterError for a train_size that leaves either part
    empty, or not exactly one of seed and rng.
    """
    train_size = _checks.count(train_size, "train_size", minimum=1)
    generator = _generator(seed, rng)
    x, y, _, _ = _checks.prepared(xs, ys, min_points=2)
    if train_size >= len(x):
        raise ParameterError("train_size %d leaves no test points out of %d" % (train_size, len(x)))
    split = _drawn(
        generator, "a shuffle", lambda: data.train_test_split(x, y, train_size, generator)
    )
    if type(generator) is not random.Random:  # its shuffle may be the caller's own
        pairs = list(zip(split.train.xs, split.train.ys)) + list(zip(split.test.xs, split.test.ys))
        if len(split.train.xs) != train_size or sorted(pairs) != sorted(zip(x, y)):
            raise ParameterError(
                "rng, a %s, did not shuffle: the split is not a rearrangement of the data"
                % type(generator).__name__
            )
    return split


def _drawn(generator: random.Random, what: str, draw: Callable[[], T]) -> T:
    """draw(), where a random.Random subclass of the caller's own may fail in its own way."""
    if type(generator) is random.Random:
        return draw()
    try:
        return draw()
    except LinregError:
        raise
    except Exception as fault:
        raise ParameterError(
            "rng, a %s, failed while drawing %s: %s: %s"
            % (type(generator).__name__, what, type(fault).__name__, _checks.shown(str(fault)))
        ) from None


def _generator(seed: object, rng: object) -> random.Random:
    if (seed is None) == (rng is None):
        raise ParameterError("give exactly one of seed and rng")
    if rng is not None:
        if not isinstance(rng, random.Random):
            raise ParameterError("rng must be a random.Random, not %s" % _checks.shown(rng))
        return rng
    return random.Random(_checks.seed(seed))
