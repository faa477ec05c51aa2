"""Names removed from linreg's public API in 0.2.0, kept working with a DeprecationWarning.

Each says what replaces it (CHANGELOG.md lists them too).  ``linreg.<name>`` finds them
through the package's ``__getattr__``.
"""

from __future__ import annotations

import math
import warnings
from typing import Any, Callable, Dict, Iterable, Sequence, Tuple

from . import _checks, api
from .careful.exact import Ratio, rounded, x_moments
from .careful.stability import Hessian, exact_hessian, is_stable, largest_eigenvalue
from .careful.stability import iterations_to_reach as _iterations_to_reach
from .core.model import loss_divisor
from .core.numbers import Num, Real
from .errors import DataError, ParameterError


def half_mse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = (1/2N)·Σ(W·xᵢ + b − yᵢ)²."""
    return api.loss(xs, ys, w, b, convention="half_mse")


def mse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = (1/N)·Σ(W·xᵢ + b − yᵢ)²."""
    return api.loss(xs, ys, w, b, convention="mse")


def sse(xs: Sequence[Num], ys: Sequence[Num], w: Num, b: Num) -> Num:
    """L(W, b) = Σ(W·xᵢ + b − yᵢ)²."""
    return api.loss(xs, ys, w, b, convention="sse")


def _hessian(xs: Iterable[Any], convention: str, intercept: bool) -> Tuple[Any, ...]:
    convention = _checks.convention(convention)
    intercept = _checks.flag(intercept, "intercept")
    x, _, exact = _checks.prepared_x(xs)
    ww, wb, bb = exact_hessian(*x_moments(x), loss_divisor(convention, len(x)), intercept=intercept)
    return ww, wb, bb, exact


def hessian(xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True) -> Hessian:
    """H = (2/d)·[[Σxᵢ², Σxᵢ], [Σxᵢ, N]]; use ``linreg.stability(xs).hessian``."""
    ww, wb, bb, exact = _hessian(xs, convention, intercept)
    return Hessian(rounded(ww, exact), rounded(wb, exact), rounded(bb, exact))


def stable_learning_rate(
    xs: Iterable[Num], *, convention: str = "half_mse", intercept: bool = True
) -> float:
    """2/λmax (also for constant x); use ``linreg.stability(xs).max_learning_rate``."""
    ww, wb, bb, _ = _hessian(xs, convention, intercept)
    if ww == 0 and bb == 0:
        raise DataError("every x is 0: the loss does not depend on W")
    return 2 / largest_eigenvalue(ww, wb, bb)


def is_stable_learning_rate(
    xs: Iterable[Num], learning_rate: Real, *, convention: str = "half_mse", intercept: bool = True
) -> bool:
    """Whether 0 < α < 2/λmax, exactly; use ``linreg.stability(xs).is_stable(α)``."""
    alpha = _checks.number(learning_rate, "the learning rate")
    ww, wb, bb, _ = _hessian(xs, convention, intercept)
    return is_stable(Ratio.of(alpha), ww, wb, bb)


def contraction_factor(
    xs: Iterable[Num], learning_rate: Real, *, convention: str = "half_mse", intercept: bool = True
) -> float:
    """ρ = max|1 − α·λ|; use ``linreg.stability(xs).contraction(α)``."""
    alpha = _checks.number(learning_rate, "the learning rate")
    _checks.positive(alpha, "the learning rate")
    return api.stability(xs, convention=convention, intercept=intercept).contraction(alpha)


def iterations_to_reach(contraction: float, error: float, target: float) -> int:
    """Steps k with ρᵏ·error ≤ target (see linreg.careful.stability.iterations_to_reach)."""
    rho = _checks.as_float(_checks.number(contraction, "the contraction factor"), "ρ")
    error = _checks.as_float(_checks.number(error, "the error"), "the error")
    target = _checks.as_float(_checks.number(target, "the target"), "the target")
    if not (target > 0 and error >= 0):
        raise ParameterError(
            "need a target > 0 and an error ≥ 0, not %s and %s"
            % (_checks.shown(target), _checks.shown(error))
        )
    if error > target and not 0 <= rho < 1:
        raise ParameterError(
            "contraction factor %s: descent does not converge" % _checks.shown(rho)
        )
    steps = _iterations_to_reach(rho, error, target)
    if not math.isfinite(steps):
        raise ParameterError("the target is out of reach in a finite number of steps")
    return steps


#: Each removed name: what replaces it, and the function that still answers to it.
DEPRECATED: Dict[str, Tuple[str, Callable[..., Any]]] = {
    "half_mse": ("linreg.loss(xs, ys, w, b)", half_mse),
    "mse": ('linreg.loss(xs, ys, w, b, convention="mse")', mse),
    "sse": ('linreg.loss(xs, ys, w, b, convention="sse")', sse),
    "hessian": ("linreg.stability(xs).hessian", hessian),
    "stable_learning_rate": ("linreg.stability(xs).max_learning_rate", stable_learning_rate),
    "is_stable_learning_rate": (
        "linreg.stability(xs).is_stable(learning_rate)",
        is_stable_learning_rate,
    ),
    "contraction_factor": ("linreg.stability(xs).contraction(learning_rate)", contraction_factor),
    "iterations_to_reach": ("linreg.careful.stability.iterations_to_reach", iterations_to_reach),
}


def deprecated(name: str) -> Callable[..., Any]:
    """The old function ``name``, after a DeprecationWarning that names its replacement."""
    replacement, function = DEPRECATED[name]
    warnings.warn(
        "linreg.%s is deprecated since 0.2.0; use %s" % (name, replacement),
        DeprecationWarning,
        stacklevel=3,
    )
    return function
