"""Several features, and polynomials: the public functions for ŷ = w·x + b with x in Rᵈ.

The same door as :mod:`linreg.api`, for d features: each function checks its arguments
once, then calls the d-feature formulas (:mod:`linreg.core.features`) or the careful path
(:mod:`linreg.careful.gram`, :mod:`~linreg.careful.normal_equations`,
:mod:`~linreg.careful.whitened`, :mod:`~linreg.careful.feature_stability`).  The data are
``rows``, a sequence of N points each a sequence of d numbers, and ``ys``; the weights
``w`` a sequence of d numbers.  Floats or Fractions, one type per call, as everywhere.

``degree=K`` on :func:`least_squares` and :func:`fit` takes one column ``xs`` instead and
fits the polynomial y = b + w₁·x + … + w_K·x^K, with the powers computed exactly.

>>> from fractions import Fraction as F
>>> rows = [[F(0), F(1)], [F(1), F(0)], [F(1), F(1)], [F(2), F(1)]]
>>> ys = [F(3), F(3), F(5), F(7)]                    # y = 2·x₁ + 2·x₂ + 1, exactly
>>> least_squares(rows, ys)
FeatureLeastSquares(w=[Fraction(2, 1), Fraction(2, 1)], b=Fraction(1, 1), significant_digits=None)
>>> least_squares([0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 5.0, 10.0], degree=2).w   # y = x² + 1
[0.0, 1.0]

Errors are as in :mod:`linreg.api`: DataError for the data (rows of unequal length, too
few points, collinear columns), ParameterError for any other argument,
UnstableLearningRateError and FloatRangeError.
"""

from __future__ import annotations

import math
import random
from typing import Any, List, NamedTuple, Optional, Sequence, Tuple

from . import _checks
from .api import _generator, _refuse_long_history
from .careful import cycles, whitened
from .careful import feature_stability as fs
from .careful.cycles import Watch
from .careful.exact import Ratio, rounded
from .careful.gram import Gram, gram, jittered_values, powers
from .careful.normal_equations import (
    SingularDesign,
    inverse,
    normal_matrix,
    refuse_numerically_singular,
    refuse_too_large,
    rounding_sensitivity,
    solve,
    weight_scales,
)
from .core import features as core
from .core.model import loss_divisor
from .core.numbers import Num, Real
from .errors import DataError, FloatRangeError, ParameterError, UnstableLearningRateError

FeatureGradient = core.FeatureGradient
FeatureParams = core.FeatureParams
FeatureFit = whitened.FeatureFit
FeatureCheckpoint = whitened.FeatureCheckpoint

__all__ = [
    "predict",
    "loss",
    "gradient",
    "step",
    "train",
    "fit",
    "least_squares",
    "r_squared",
    "stability",
    "polynomial",
    "noisy_plane",
]


class FeatureLeastSquares(NamedTuple):
    """The least-squares weights and intercept, exact for the data given, rounded once."""

    w: List[Real]
    b: Real
    significant_digits: Optional[float]  # for float data: how many digits survive moving
    # every value by an ulp (None for exact data, whose answer is exact)


class FeatureTraining(NamedTuple):
    """Where plain descent ended, whether it converged, and its checkpoints."""

    w: List[Real]
    b: Real
    iterations: int
    converged: bool
    history: List[FeatureCheckpoint]


class FeatureStability(NamedTuple):
    """The spectrum of the Hessian, what it implies for α, and the exact test of α."""

    lambda_min: float
    lambda_max: float
    max_learning_rate: float  # 2/λmax: descent diverges at or above it
    best_learning_rate: float  # 2/(λmin + λmax)
    condition_number: float  # κ = λmax/λmin
    hessian: List[List[Real]]  # H = (2/d_L)·[[XᵀX, Xᵀ1], [1ᵀX, N]], exact for Fraction data

    def is_stable(self, learning_rate: Real) -> bool:
        """Whether 0 < α < 2/λmax, decided exactly on this Hessian (Sylvester's criterion)."""
        alpha = _checks.number(learning_rate, "learning_rate")
        return fs.is_stable(Ratio.of(alpha), [[Ratio.of(e) for e in row] for row in self.hessian])


class FeatureDataset(NamedTuple):
    """Rows of d features and the ys that go with them."""

    rows: List[List[Real]]
    ys: List[Real]


# -- checking the data ------------------------------------------------------------------------


class _Prepared(NamedTuple):
    rows: List[List[Any]]
    ys: List[Any]
    w: List[Any]
    scalars: List[Any]
    exact: _checks.Exact


_ABSENT = object()  # a function without that argument


def _prepared(
    rows: object,
    ys: object = _ABSENT,
    w: object = _ABSENT,
    scalars: Sequence[Tuple[str, object]] = (),
    *,
    min_points: int = 1,
) -> _Prepared:
    """rows (N × d, d ≥ 1, equal lengths), ys, w (d weights) and the named scalars checked,
    in this order: each a number (or numbers) first, then their shapes, then all converted
    to one number type, so that an argument at fault is named before any range error."""
    listed = _checks.items(rows, "rows")
    checked = [_checks.numbers(row, "rows[%d]" % i, "rows[%d]" % i) for i, row in enumerate(listed)]
    y = _checks.numbers(ys, "ys", "y") if ys is not _ABSENT else []
    weights = (
        [
            _checks.number(v, "w[%d]" % i)
            for i, v in enumerate(_checks.items(w, "w", ParameterError))
        ]
        if w is not _ABSENT
        else []
    )
    others = [_checks.number(value, name) for name, value in scalars]
    if ys is not _ABSENT and len(checked) != len(y):
        raise DataError(
            "rows has %d points and ys has %d: each point needs its y" % (len(checked), len(y))
        )
    _checks.enough(len(checked), min_points, "rows hold")
    widths = {len(row) for row in checked}
    if checked and (len(widths) > 1 or 0 in widths):
        width = len(checked[0])
        bad = next((i for i, row in enumerate(checked) if len(row) != width), 0)
        raise DataError(
            "every row must hold the same number (≥ 1) of features: rows[0] has %d and"
            " rows[%d] has %d" % (width, bad, len(checked[bad]))
        )
    if w is not _ABSENT and checked and len(weights) != len(checked[0]):
        raise ParameterError(
            "w must hold one weight per feature (%d), not %d" % (len(checked[0]), len(weights))
        )
    exact = _checks.exact_type(*checked, y, weights, others)
    return _Prepared(
        [_checks.converted(row, exact, "rows[%d]" % i) for i, row in enumerate(checked)],
        _checks.converted(y, exact, "y"),
        _checks.converted(weights, exact, "w"),
        [
            exact(v) if exact is not None else _checks.as_float(v, name)
            for v, (name, _) in zip(others, scalars)
        ],
        exact,
    )


def _divisor(convention: object, n: int) -> Tuple[str, int]:
    c = _checks.convention(convention)
    return c, loss_divisor(c, n)


# -- the model, the loss, the gradient, a step, the loop -------------------------------------


def predict(rows: Sequence[Sequence[Num]], w: Sequence[Num], b: Num) -> List[Num]:
    """ŷᵢ = w·xᵢ + b = Σⱼ wⱼ·xᵢⱼ + b for each row.

    Raises DataError for rows that are not equal-length sequences of finite numbers,
    ParameterError for a w of the wrong length or a bad b, FloatRangeError on overflow.
    """
    x, _, weights, (bias,), _ = _prepared(rows, w=w, scalars=[("b", b)], min_points=0)
    if not x:
        return []
    return _checks.computed("a prediction", lambda: core.predict(x, weights, bias))


def loss(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    *,
    convention: str = "half_mse",
) -> Num:
    """L(w, b) = (1/d_L)·Σ(w·xᵢ + b − yᵢ)², d_L = 2N (half_mse), N (mse) or 1 (sse).

    Raises DataError for bad rows or ys, ParameterError for w, b or the convention,
    FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)  # named before any range error
    x, y, weights, (bias,), _ = _prepared(rows, ys, w, [("b", b)])
    c, divisor = _divisor(convention, len(x))
    value: Num = _checks.computed("the loss", lambda: core.loss(x, y, weights, bias, divisor))
    return value


def gradient(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    *,
    convention: str = "half_mse",
) -> FeatureGradient:
    """∂L/∂wⱼ = (2/d_L)·Σᵢ rᵢ·xᵢⱼ for each feature j, ∂L/∂b = (2/d_L)·Σᵢ rᵢ.

    Raises DataError for bad rows or ys, ParameterError for w, b or the convention,
    FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)  # named before any range error
    x, y, weights, (bias,), _ = _prepared(rows, ys, w, [("b", b)])
    c, divisor = _divisor(convention, len(x))
    return _checks.computed("the gradient", lambda: core.gradient(x, y, weights, bias, divisor))


def step(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    *,
    learning_rate: Num,
    convention: str = "half_mse",
) -> FeatureParams:
    """One simultaneous update: wⱼ ← wⱼ − α·∂L/∂wⱼ for every j, b ← b − α·∂L/∂b.

    Raises DataError for bad rows or ys, ParameterError for w, b, the convention or a
    learning rate that is not a finite number > 0, FloatRangeError on overflow.
    """
    convention = _checks.convention(convention)  # named before any range error
    _checks.positive(learning_rate, "the learning rate")
    x, y, weights, (bias, alpha), _ = _prepared(
        rows, ys, w, [("b", b), ("learning_rate", learning_rate)]
    )
    c, divisor = _divisor(convention, len(x))
    return _checks.computed("a step", lambda: core.step(x, y, weights, bias, alpha, divisor))


def train(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    *,
    learning_rate: Num,
    iterations: int,
    tolerance: Optional[Num] = None,
    convention: str = "half_mse",
    intercept: bool = True,
    checkpoint_every: Optional[int] = None,
) -> FeatureTraining:
    """Repeat the update from (w, b) up to ``iterations`` times; stop early, converged,
    where every partial derivative is within ``tolerance`` of 0.  With
    ``intercept=False``, b must start at 0, and stays there.  A step that leaves w and b
    as they are (rounding can) would leave them so forever: the run ends there, its
    remaining checkpoints copies of that point.

    Raises DataError for bad rows or ys, ParameterError for any other argument,
    UnstableLearningRateError for α ≥ 2/λmax (decided exactly), FloatRangeError on
    overflow.
    """
    convention = _checks.convention(convention)  # named before any range error
    _checks.positive(learning_rate, "the learning rate")
    count = _checks.count(iterations, "iterations")
    every = (
        None
        if checkpoint_every is None
        else _checks.count(checkpoint_every, "checkpoint_every", minimum=1)
    )
    intercept = _checks.flag(intercept, "intercept")
    if tolerance is not None:
        _checks.non_negative(tolerance, "the tolerance")
    scalars = [("b", b), ("learning_rate", learning_rate)]
    x, y, weights, converted, exact = _prepared(
        rows, ys, w, scalars + ([("tolerance", tolerance)] if tolerance is not None else [])
    )
    bias, alpha = converted[0], converted[1]
    tol = converted[2] if tolerance is not None else None
    c, divisor = _divisor(convention, len(x))
    if not intercept and bias != 0:
        raise ParameterError(
            "the starting b is %s, but intercept=False fits a plane through the origin,"
            " y = w·x: start from b = 0" % _checks.shown(b)
        )
    _refuse_long_history(count, every, ())
    g = _gram(x, y, exact)
    hessian = _hessian(g, intercept, divisor)
    refuse_too_large(hessian, [Ratio(0)] * len(hessian))
    if not fs.is_stable(Ratio.of(alpha), hessian):
        lam_max = fs.symmetric_eigenvalues([[float(e) for e in r] for r in hessian])[-1]
        if not math.isfinite(lam_max):
            raise FloatRangeError(
                "the loss's curvature λmax is beyond the float range for these data, so no"
                " float learning rate is stable; rescale the features",
                quantity="λmax",
            )
        bound = 2 / lam_max
        raise UnstableLearningRateError(
            "learning rate %s is at or above the stability bound 2/λmax = %.6g for this data"
            " and the %s loss: gradient descent would diverge; use a rate below %.6g"
            % (_checks.shown(learning_rate), bound, c, bound),
            learning_rate=learning_rate,
            bound=bound,
        )

    def gradient_here(w: List[Any], b: Any) -> core.FeatureGradient:
        grad = core.gradient(x, y, w, b, divisor)
        return grad if intercept else core.FeatureGradient(grad.dw, 0 * grad.db)

    def advance(w: List[Any], b: Any, steps: int) -> Tuple[List[Any], Any]:
        for _ in range(steps):
            w, b = core.update(w, b, gradient_here(w, b), alpha)
        return w, b

    def checkpoint_at(w: List[Any], b: Any) -> FeatureCheckpoint:
        return FeatureCheckpoint(0, list(w), b, core.loss(x, y, w, b, divisor))

    def loop() -> FeatureTraining:
        point = core.FeatureParams(list(weights), bias)
        history: List[FeatureCheckpoint] = []
        watch = Watch((tuple(point.w), point.b))
        k = 0
        while True:
            grad = gradient_here(point.w, point.b)
            done = tol is not None and all(-tol <= e <= tol for e in grad.dw + [grad.db])
            if k == 0 or done or k == count or (every and k % every == 0):
                history.append(
                    FeatureCheckpoint(
                        k, list(point.w), point.b, core.loss(x, y, point.w, point.b, divisor)
                    )
                )
            if done or k == count:
                return FeatureTraining(list(point.w), point.b, k, bool(done), history)
            point = core.update(point.w, point.b, grad, alpha)
            k += 1
            period = watch.period((tuple(point.w), point.b), k)
            if period:  # the run repeats from here (linreg.careful.cycles)
                wanted = cycles.due(k, count, every, ())
                here = (point.w, point.b)
                rest = cycles.rest_of_run(k, period, here, wanted, advance, checkpoint_at)
                history.extend(c._replace(iteration=t, w=list(c.w)) for t, c in rest)
                last = history[-1]
                return FeatureTraining(list(last.w), last.b, count, False, history)

    return _checks.computed("training", loop)


# -- the careful answers -----------------------------------------------------------------------


def _gram(x: List[List[Any]], y: List[Any], exact: _checks.Exact) -> Gram:
    return gram([list(col) for col in zip(*x)], y, floats=exact is None)


def _hessian(g: Gram, intercept: bool, divisor: int) -> List[List[Ratio]]:
    a, _ = normal_matrix(g, intercept=intercept)
    return [[2 * e / divisor for e in row] for row in a]


def _names(d: int, degree: Optional[int]) -> List[str]:
    if degree is not None:
        return ["x" if k == 1 else "x^%d" % k for k in range(1, d + 1)]
    return ["feature %d" % (j + 1) for j in range(d)]


def _design(
    rows: object, ys: object, degree: Optional[int]
) -> Tuple[List[List[Any]], List[Any], _checks.Exact, Optional[List[Any]]]:
    """(columns, ys, number type, the x column of a polynomial or None)."""
    if degree is None:
        x, y, _, _, exact = _prepared(rows, ys)
        return [list(col) for col in zip(*x)], y, exact, None
    k = _checks.count(degree, "degree", minimum=1, maximum=MAX_DEGREE)
    # With a degree, rows is one x per point; it is named as the caller named it.
    listed = _checks.numbers(rows, "rows (one x per point, with degree)", "rows")
    xs, y, (_,), exact = _checks.prepared(listed, ys, [("degree", k)], min_points=1)
    return [list(xs)] * k, y, exact, list(xs)


#: Beyond this the exact normal equations grow slow, and no data need it.
MAX_DEGREE = 20


def solve_least_squares(
    columns: List[List[Any]],
    y: List[Any],
    *,
    exact: _checks.Exact,
    intercept: bool,
    names: Sequence[str],
    degree: Optional[int] = None,
    x: Optional[List[Any]] = None,
) -> Tuple[List[Ratio], Optional[float], Gram]:
    """The exact least-squares θ = (w…, b), the digits that survive an ulp's move of the
    data (floats only), and the statistics; SingularDesign where the design is."""
    labels = list(names) + (["the intercept"] if intercept else [])
    cols: List[Any] = powers(x, degree) if degree is not None and x is not None else columns
    g = gram(cols, y, floats=exact is None and degree is None)
    refuse_too_large(*normal_matrix(g, intercept=intercept))
    try:
        theta = solve(*normal_matrix(g, intercept=intercept), labels)
    except SingularDesign:
        if degree is not None and x is not None:
            # Through the origin every power of x is 0 at x = 0: only nonzero x count.
            distinct = len(set(x) - ({0} if not intercept else set()))
            raise SingularDesign(
                "degree %d is too high for these data: they have %d distinct%s x value%s, and"
                " a polynomial of degree %d%s needs at least %d"
                % (
                    degree,
                    distinct,
                    "" if intercept else " nonzero",
                    "" if distinct == 1 else "s",
                    degree,
                    "" if intercept else " through the origin",
                    degree + 1 if intercept else degree,
                )
            ) from None
        raise
    if exact is not None:
        return theta, None, g
    trials = []
    for seed in (1, 2):
        if degree is not None and x is not None:
            jx = jittered_values(x, 100 * seed)
            tg = gram(powers(jx, degree), jittered_values(y, 100 * seed + 1))
        else:
            tg = gram(cols, y, floats=True, jitter=100 * seed)
        trials.append(solve(*normal_matrix(tg, intercept=intercept), labels))
    sensitivity = rounding_sensitivity(theta, trials, weight_scales(g, intercept=intercept))
    refuse_numerically_singular(sensitivity, labels)
    worst = max(sensitivity)
    digits = 17.0 if worst == 0 else min(17.0, -math.log10(worst))
    return theta, digits, g


def least_squares(
    rows: Sequence[Any], ys: Sequence[Num], *, intercept: bool = True, degree: Optional[int] = None
) -> FeatureLeastSquares:
    """θ̂ = A⁻¹v, the normal equations [[XᵀX, Xᵀ1], [1ᵀX, N]]·(w, b) = (Xᵀy, Σy) solved
    exactly (without an intercept, XᵀX·w = Xᵀy), rounded once.

    With ``degree=K``, ``rows`` is one column of x and the features are x, x², …, x^K,
    computed exactly.  For float data, ``significant_digits`` says how many digits of the
    weights survive moving every value by an ulp (as rounding the data to floats does).

    Raises DataError for bad data, too few points, or a singular design: collinear columns
    (named), a degree too high for the distinct x, or a numerically singular design, where
    an ulp's move of the data moves a weight by 1%; ParameterError for a bad
    degree; FloatRangeError if a weight is beyond the float range.
    """
    intercept = _checks.flag(intercept, "intercept")
    columns, y, exact, x = _design(rows, ys, degree)
    names = _names(len(columns), degree)
    theta, digits, _ = solve_least_squares(
        columns, y, exact=exact, intercept=intercept, names=names, degree=degree, x=x
    )
    values = _checks.computed("least squares", lambda: [rounded(t, exact) for t in theta])
    if intercept:
        return FeatureLeastSquares(values[:-1], values[-1], digits)
    return FeatureLeastSquares(values, 0 * values[0], digits)


def r_squared(
    rows: Sequence[Sequence[Num]],
    ys: Sequence[Num],
    w: Sequence[Num],
    b: Num,
    *,
    centered: bool = True,
) -> Real:
    """R² = 1 − Σ(yᵢ − w·xᵢ − b)² / Σ(yᵢ − ȳ)², exact for the given w and b, rounded once
    (``centered=False`` divides by Σyᵢ² instead).

    Raises DataError for bad data or a constant y (all y zero when not centred),
    ParameterError for w or b, FloatRangeError on overflow.
    """
    centered = _checks.flag(centered, "centered")
    x, y, weights, (bias,), exact = _prepared(rows, ys, w, [("b", b)])
    g = _gram(x, y, exact)
    total = g.yy - g.y * g.y / g.n if centered else g.yy
    if total == 0:
        raise DataError(
            "y is constant: R² is undefined"
            if centered
            else "every y is 0: the uncentered R² is undefined"
        )
    residual = g.sum_of_squares([Ratio.of(v) for v in weights], Ratio.of(bias))
    return _checks.computed("R²", lambda: rounded(1 - residual / total, exact))


def stability(
    rows: Sequence[Sequence[Num]], *, convention: str = "half_mse", intercept: bool = True
) -> FeatureStability:
    """λmin, λmax, 2/λmax, 2/(λmin + λmax) and κ of H = (2/d_L)·[[XᵀX, Xᵀ1], [1ᵀX, N]]
    (XᵀX alone without an intercept); ``is_stable(α)`` decides α < 2/λmax exactly.

    Raises DataError for bad rows or a singular Hessian (collinear columns, λmin = 0),
    ParameterError for the convention, FloatRangeError beyond the float range.
    """
    convention = _checks.convention(convention)  # named before any range error
    intercept = _checks.flag(intercept, "intercept")
    x, _, _, _, exact = _prepared(rows)
    c, divisor = _divisor(convention, len(x))
    g = gram([list(col) for col in zip(*x)], [0 * x[0][0]] * len(x), floats=exact is None)
    h = _hessian(g, intercept, divisor)
    refuse_too_large(h, [Ratio(0)] * len(h))
    names = _names(len(x[0]), None) + (["the intercept"] if intercept else [])
    s = fs.stability_of(h, inverse(h, names))
    return FeatureStability(*s, hessian=[[rounded(e, exact) for e in row] for row in h])


def fit(
    rows: Sequence[Any],
    ys: Sequence[Num],
    *,
    intercept: bool = True,
    degree: Optional[int] = None,
    learning_rate: Optional[Num] = None,
    tolerance: Optional[Num] = None,
    max_iterations: Optional[int] = None,
    convention: str = "half_mse",
) -> FeatureFit:
    """Fit y = w·x + b by gradient descent in whitened coordinates, where the Hessian is I:
    θ ← θ − α·H⁻¹·∇L, each step exact from the data's exact statistics, rounded once.

    α = 1 (the default) lands on least squares in one step whatever the conditioning; any
    0 < α < 2 converges, the error shrinking by |1 − α| a step.  Stops at the rounding
    floor or where every partial derivative is within ``tolerance``; at most
    ``max_iterations`` steps (default 1000).  ``degree=K`` fits a polynomial of one x.

    Raises as :func:`least_squares`, and ParameterError (UnstableLearningRateError for
    α ≥ 2) for a bad option.
    """
    convention = _checks.convention(convention)  # named before any range error
    intercept = _checks.flag(intercept, "intercept")
    alpha = Ratio(1)
    if learning_rate is not None:
        _checks.positive(learning_rate, "the learning rate")
        alpha = Ratio.of(_checks.number(learning_rate, "learning_rate"))
        if not alpha < 2:
            raise UnstableLearningRateError(
                "learning rate %s: fit descends where the Hessian is the identity, so its steps"
                " are stable only below 2 (1 is the best)" % _checks.shown(learning_rate),
                learning_rate=learning_rate,
                bound=2.0,
            )
    most = (
        whitened.MAX_ITERATIONS
        if max_iterations is None
        else _checks.count(max_iterations, "max_iterations")
    )
    tol = None if tolerance is None else Ratio.of(_checks.non_negative(tolerance, "the tolerance"))
    columns, y, exact, x = _design(rows, ys, degree)
    c, divisor = _divisor(convention, len(y))
    names = _names(len(columns), degree)
    _, _, g = solve_least_squares(
        columns, y, exact=exact, intercept=intercept, names=names, degree=degree, x=x
    )
    labels = list(names) + (["the intercept"] if intercept else [])
    return _checks.computed(
        "fit",
        lambda: whitened.descend(
            g, intercept=intercept, names=labels, divisor=divisor, learning_rate=alpha,
            tolerance=tol, max_iterations=most, exact=exact,
        ),
    )  # fmt: skip


# -- data ------------------------------------------------------------------------------------


def polynomial(xs: Sequence[Num], degree: int) -> List[List[Num]]:
    """The rows [xᵢ, xᵢ², …, xᵢ^K] of a polynomial of degree K (floats rounded per power;
    :func:`fit` and :func:`least_squares` with ``degree=K`` use exact powers instead).

    Raises DataError for bad xs, ParameterError for a degree that is not an integer ≥ 1,
    FloatRangeError if a power overflows.
    """
    k = _checks.count(degree, "degree", minimum=1, maximum=MAX_DEGREE)
    x, _, _ = _checks.prepared_x(xs, min_points=0)

    def rows() -> List[List[Num]]:
        out = []
        for v in x:
            row = [v]
            for _ in range(k - 1):
                row.append(row[-1] * v)
            out.append(row)
        return out

    return _checks.computed("a power of x", rows)


def noisy_plane(
    rows: Sequence[Sequence[float]],
    *,
    w: Sequence[float],
    b: float,
    sigma: float,
    seed: Optional[int] = None,
    rng: Optional[random.Random] = None,
) -> FeatureDataset:
    """yᵢ = w·xᵢ + b + σ·gᵢ with gᵢ ~ N(0, 1), drawn in order of i: noisy_line for d
    features, seeded the same way (a seed or a private random.Random).

    Raises DataError for bad rows, ParameterError for w, b, a σ < 0, or not exactly one of
    seed and rng; FloatRangeError if a y overflows.
    """
    generator = _generator(seed, rng)
    if not _checks.number(sigma, "sigma") >= 0:
        raise ParameterError(
            "sigma, the noise's standard deviation, must be ≥ 0, not %s" % _checks.shown(sigma)
        )
    s = _checks.as_float(sigma, "sigma")
    # The draws are floats, so every value is one (a Fraction rounded once).
    x, _, weights, (bias,), _ = _prepared(rows, w=w, scalars=[("b", b)])
    weights = [_checks.as_float(v, "w[%d]" % j) for j, v in enumerate(weights)]
    bias = _checks.as_float(bias, "b")
    floats = [[_checks.as_float(v, "rows[%d]" % i) for v in row] for i, row in enumerate(x)]

    def draw() -> FeatureDataset:
        ys = [y + s * generator.gauss(0.0, 1.0) for y in core.predict(floats, weights, bias)]
        return FeatureDataset(floats, ys)  # type: ignore[arg-type]

    return _checks.computed("noisy_plane", draw)
