"""What the command line prints: a descent run set beside the exact least-squares answer.

It calls the math modules and lays the figures out, as text for a reader or as a
dict for ``--json``.  Its one formula of its own is the estimate of how long plain
descent would take (:func:`plain_descent_iterations`).
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ._numbers import Real
from .data import Dataset
from .descent import Checkpoint
from .errors import DataError
from .least_squares import least_squares, r_squared
from .model import loss
from .stability import Stability, contraction, iterations_to_reach, stability

LOSS_FORMULAS = {
    "half_mse": "L = (1/2N)·Σ(W·xᵢ + b − yᵢ)², half the mean squared error",
    "mse": "L = (1/N)·Σ(W·xᵢ + b − yᵢ)², the mean squared error",
    "sse": "L = Σ(W·xᵢ + b − yᵢ)², the sum of squared errors",
}

#: How close to least squares counts as "there" when the report counts iterations.
TARGET = 0.01


class Analysis(NamedTuple):
    """A finished descent compared with the exact least-squares line."""

    w: float
    b: float
    loss: float
    ls_w: float
    ls_b: float
    ls_loss: float
    r2: float  # of the descent line, on the test data if there are any
    ls_r2: float
    r2_on: str  # "test" or "training"
    stability: Stability
    learning_rate: float
    contraction: float  # ρ = max|1 − α·λ|
    more_iterations: int  # further steps until within TARGET of least squares (0 if there)


def analyse(
    train: Dataset,
    test: Optional[Dataset],
    w: Real,
    b: Real,
    *,
    learning_rate: float,
    convention: str,
    reported_convention: str,
    intercept: bool = True,
) -> Analysis:
    """Least squares, R², the stability bound and the iterations still needed."""
    xs, ys = list(train.xs), list(train.ys)
    ls = least_squares(xs, ys, intercept=intercept)
    judged = test if test is not None else train
    st = stability(xs, convention=convention, intercept=intercept)
    rho = contraction(st, learning_rate)
    error = math.hypot(float(w) - float(ls.w), float(b) - float(ls.b))
    return Analysis(
        w=float(w),
        b=float(b),
        loss=float(loss(xs, ys, w, b, convention=reported_convention)),
        ls_w=float(ls.w),
        ls_b=float(ls.b),
        ls_loss=float(loss(xs, ys, ls.w, ls.b, convention=reported_convention)),
        r2=float(r_squared(list(judged.xs), list(judged.ys), w, b, centered=intercept)),
        ls_r2=float(r_squared(list(judged.xs), list(judged.ys), ls.w, ls.b, centered=intercept)),
        r2_on="test" if test is not None else "training",
        stability=st,
        learning_rate=learning_rate,
        contraction=rho,
        more_iterations=iterations_to_reach(rho, error, TARGET) if rho < 1 else -1,
    )


def progress_table(history: Sequence[Checkpoint], *, loss_label: str = "loss") -> List[str]:
    """One line per checkpoint: iteration, W, b, loss, ∂L/∂W, ∂L/∂b at that point."""
    lines = [
        "%10s  %14s  %14s  %14s  %12s  %12s" % ("iteration", "W", "b", loss_label, "∂L/∂W", "∂L/∂b")
    ]
    for c in history:
        lines.append(
            "%10d  %14.6f  %14.6f  %14.6g  %12.5g  %12.5g"
            % (c.iteration, c.w, c.b, c.loss, c.dw, c.db)
        )
    return lines


def why_lines(a: Analysis, iterations: int) -> List[str]:
    """Why descent with this learning rate is, or is not, at the least-squares line."""
    st = a.stability
    lines = [
        "The loss is a quadratic bowl.  Its curvatures, the Hessian's eigenvalues, are",
        "  λmax = %.6g along the steepest direction and λmin = %.6g along the flattest"
        % (st.lambda_max, st.lambda_min),
        "  (condition number λmax/λmin = %.4g)." % st.condition_number,
        "A step is stable only while α < 2/λmax = %.6g; here α = %.6g."
        % (st.max_learning_rate, a.learning_rate),
    ]
    slow = 1 - a.learning_rate * st.lambda_min
    if 0 < slow < 1:
        lines.append(
            "Along the flattest direction each step keeps a share 1 − α·λmin = %.6g of the error,"
            % slow
        )
        lines.append(
            "  so the error halves only every %d steps." % math.ceil(math.log(0.5) / math.log(slow))
        )
    if a.more_iterations == 0:
        lines.append("Descent is within %g of the least-squares W and b." % TARGET)
    elif a.more_iterations > 0:
        lines.append(
            "Getting within %g of the least-squares W and b needs about %d more iterations"
            " (%d in all)." % (TARGET, a.more_iterations, iterations + a.more_iterations)
        )
    return lines


def comparison_lines(a: Analysis, iterations: int, loss_label: str) -> List[str]:
    return [
        "%-25s W = %-14.8g b = %-14.8g %s = %.8g"
        % ("after %d iterations" % iterations, a.w, a.b, loss_label, a.loss),
        "%-25s W = %-14.8g b = %-14.8g %s = %.8g"
        % ("least squares (exact)", a.ls_w, a.ls_b, loss_label, a.ls_loss),
        "%-24s ΔW = %-+13.4g Δb = %+.4g" % ("descent is still off by", a.w - a.ls_w, a.b - a.ls_b),
        "R² on the %s data: %.6g for descent, %.6g for least squares" % (a.r2_on, a.r2, a.ls_r2),
    ]


def analysis_json(a: Analysis) -> Dict[str, Any]:
    return {
        "least_squares": {"w": a.ls_w, "b": a.ls_b, "loss": a.ls_loss, "r_squared": a.ls_r2},
        "distance": {"w": a.w - a.ls_w, "b": a.b - a.ls_b},
        "r_squared": a.r2,
        "r_squared_on": a.r2_on,
        "stability": {
            "lambda_min": a.stability.lambda_min,
            "lambda_max": a.stability.lambda_max,
            "max_learning_rate": a.stability.max_learning_rate,
            "best_learning_rate": a.stability.best_learning_rate,
            "condition_number": a.stability.condition_number,
            "contraction": a.contraction,
        },
        "more_iterations_to_within_%g" % TARGET: a.more_iterations,
    }


def history_json(history: Sequence[Checkpoint]) -> List[Dict[str, Any]]:
    return [
        {"iteration": c.iteration, "w": float(c.w), "b": float(c.b), "loss": float(c.loss),
         "dw": float(c.dw), "db": float(c.db)}
        for c in history
    ]  # fmt: skip


def significant_digits(estimate: float, reference: float) -> float:
    """LRE = −log10(|estimate − reference| / |reference|), clamped to [0, 17]: correct digits."""
    if estimate == reference:
        return 17.0
    if reference == 0:
        return 0.0
    return max(0.0, min(17.0, -math.log10(abs(estimate - reference) / abs(reference))))


class FitAnalysis(NamedTuple):
    """A fit set beside exact least squares, and what plain descent would have cost."""

    w: float
    b: float
    ls_w: float
    ls_b: float
    digits_w: float
    digits_b: Optional[float]  # None for the line through the origin
    loss: float
    r2: Optional[float]  # None where R² is undefined (y constant)
    condition_number: float
    best_learning_rate: float
    plain_iterations: float  # plain descent at 2/(λmin + λmax), from (0, 0), to get as close


def analyse_fit(
    xs_in: Sequence[Real], ys_in: Sequence[Real], w: Real, b: Real, *, intercept: bool
) -> FitAnalysis:
    xs, ys = list(xs_in), list(ys_in)
    ls = least_squares(xs, ys, intercept=intercept)
    st = stability(xs, intercept=intercept)
    fw, fb, lw, lb = float(w), float(b), float(ls.w), float(ls.b)
    try:
        r2: Optional[float] = float(r_squared(xs, ys, w, b, centered=intercept))
    except DataError:
        r2 = None
    start = math.hypot(lw, lb)  # the error of the start (0, 0)
    reached = max(math.hypot(fw - lw, fb - lb), 1e-10 * start)
    return FitAnalysis(
        w=fw, b=fb, ls_w=lw, ls_b=lb,
        digits_w=significant_digits(fw, lw),
        digits_b=significant_digits(fb, lb) if intercept else None,
        loss=float(loss(xs, ys, w, b)), r2=r2,
        condition_number=st.condition_number, best_learning_rate=st.best_learning_rate,
        plain_iterations=plain_descent_iterations(st.condition_number, start, reached),
    )  # fmt: skip


def plain_descent_iterations(kappa: float, error: float, target: float) -> float:
    """k with ρᵏ·error = target for ρ = (κ − 1)/(κ + 1), the best fixed step's contraction.

    log ρ is taken as log1p(−2/(κ + 1)): for κ near 10¹⁷, ρ itself rounds to 1.
    """
    if error <= target or target <= 0:
        return 0.0
    if kappa <= 1:
        return 1.0  # ρ = 0: a perfectly conditioned bowl is crossed in one step
    return math.log(target / error) / math.log1p(-2 / (kappa + 1))
