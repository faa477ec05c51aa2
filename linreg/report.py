"""What the command line prints: a descent run set beside the exact least-squares answer.

Nothing here computes anything new: it calls the math modules and lays the
figures out, as text for a reader or as a dict for ``--json``.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ._numbers import Real
from .data import Dataset
from .descent import Checkpoint
from .least_squares import least_squares, r_squared
from .model import loss
from .stability import Stability, iterations_to_reach, stability

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
    rho = max(abs(1 - learning_rate * st.lambda_min), abs(1 - learning_rate * st.lambda_max))
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
    """LRE = −log10(|estimate − reference| / |reference|): the number of correct digits (≤ 17)."""
    if estimate == reference:
        return 17.0
    if reference == 0:
        return -math.log10(abs(estimate))
    return min(17.0, -math.log10(abs(estimate - reference) / abs(reference)))
