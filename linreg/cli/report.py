"""What the command line prints: a descent run set beside the exact least-squares answer.

It takes data the command line has already checked, computes the exact moments of each
data set once (:mod:`linreg.careful.exact`), and reads everything else off them: least
squares, the loss and R² at any line (exact, rounded once), and the Hessian.  Its one
formula of its own is the estimate of how long plain descent would take
(:func:`plain_descent_iterations`).
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ..careful.exact import Moments, Ratio, moments, rounded
from ..careful.least_squares import exact_least_squares, exact_r_squared
from ..careful.stability import (
    Hessian,
    Stability,
    exact_hessian,
    iterations_to_reach,
    largest_eigenvalue,
    stability_of,
)
from ..careful.training import Checkpoint
from ..core.data import Dataset
from ..core.model import loss_divisor
from ..core.numbers import Real
from ..errors import DataError, FloatRangeError

LOSS_FORMULAS = {
    "half_mse": "L = (1/2N)·Σ(W·xᵢ + b − yᵢ)², half the mean squared error",
    "mse": "L = (1/N)·Σ(W·xᵢ + b − yᵢ)², the mean squared error",
    "sse": "L = Σ(W·xᵢ + b − yᵢ)², the sum of squared errors",
}


def loss_formula(intercept: bool) -> str:
    """The half-MSE fit's loss in words, with b only where the model has one."""
    formula = LOSS_FORMULAS["half_mse"]
    return formula if intercept else formula.replace(" + b", "")


#: How close to least squares counts as "there" when the report counts iterations.
TARGET = 0.01


def exact_loss(m: Moments, w: Real, b: Real, convention: str) -> float:
    """L(W, b) = (1/d)·Σ(W·xᵢ + b − yᵢ)², exact from the moments, rounded once."""
    return float(m.sum_of_squares(Ratio.of(w), Ratio.of(b)) / loss_divisor(convention, m.n))


def spectrum(m: Moments, convention: str, *, intercept: bool) -> Stability:
    """The Hessian's spectrum, from the exact moments of x."""
    ww, wb, bb = exact_hessian(m.n, m.sx, m.sxx, loss_divisor(convention, m.n), intercept=intercept)
    hessian = Hessian(float(ww), float(wb), float(bb))
    return stability_of(ww, wb, bb, hessian, intercept=intercept)


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
    # Further steps until within TARGET of least squares (0 if there); None where there is
    # no estimate: the contraction ρ rounds to 1 (α so small that 1 − α·λmin is 1 in floats).
    more_iterations: Optional[int]


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
    """Least squares, the loss and R² (exact, rounded once), the stability bound, and the
    iterations still needed."""
    m = moments(train.xs, train.ys)
    exact_w, exact_b = exact_least_squares(m, intercept=intercept)
    ls_w, ls_b = rounded(exact_w, None), rounded(exact_b, None)
    judged = m if test is None else moments(test.xs, test.ys)
    st = spectrum(m, convention, intercept=intercept)
    rho = st.contraction(learning_rate)
    error = math.hypot(float(w) - float(ls_w), float(b) - float(ls_b))
    return Analysis(
        w=float(w),
        b=float(b),
        loss=exact_loss(m, w, b, reported_convention),
        ls_w=float(ls_w),
        ls_b=float(ls_b),
        ls_loss=exact_loss(m, ls_w, ls_b, reported_convention),
        r2=float(exact_r_squared(judged, Ratio.of(w), Ratio.of(b), centered=intercept)),
        ls_r2=float(exact_r_squared(judged, Ratio.of(ls_w), Ratio.of(ls_b), centered=intercept)),
        r2_on="test" if test is not None else "training",
        stability=st,
        learning_rate=learning_rate,
        contraction=rho,
        more_iterations=(
            iterations_to_reach(rho, error, TARGET) if rho < 1 or error <= TARGET else None
        ),
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
    if a.more_iterations is None:
        lines.append(
            "No estimate of the iterations still needed: at α = %.6g a step takes away too"
            " small a share" % a.learning_rate
        )
        lines.append(
            "  of the error to show in floats (ρ = max|1 − α·λ| rounds to %.17g)." % a.contraction
        )
    elif a.more_iterations == 0:
        lines.append("Descent is within %g of the least-squares W and b." % TARGET)
    else:
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
    """LRE = −log10(|estimate − reference| / |reference|), clamped to [0, 17]: correct digits.

    Taken on the exact difference of the two floats, so it cannot overflow or round to 0.
    """
    if estimate == reference:
        return 17.0
    if reference == 0:
        return 0.0
    relative = abs(Ratio.of(estimate) - Ratio.of(reference)) / abs(Ratio.of(reference))
    return max(0.0, min(17.0, -log10(relative)))


def log10(value: Ratio) -> float:
    """log10 of a positive exact ratio, at any magnitude (math.log10 takes huge ints)."""
    return math.log10(value.num) - math.log10(value.den)


class Conditioning(NamedTuple):
    """How hard the problem is for plain descent in (W, b), at any magnitude.

    The numbers are None where they lie beyond the float range; their log10 is always given.
    """

    condition_log10: float  # log10 κ, κ = λmax/λmin
    condition_number: Optional[float]
    best_learning_rate: float  # 2/(λmin + λmax)
    plain_iterations_log10: float  # log10 of the steps plain descent at that rate would need
    plain_iterations: Optional[float]


def conditioning(m: Moments, *, intercept: bool, error: float, target: float) -> Conditioning:
    """κ of the half-MSE Hessian, and the steps plain descent at 2/(λmin + λmax) would need."""
    try:
        st = spectrum(m, "half_mse", intercept=intercept)
    except FloatRangeError:
        return _conditioning_beyond_floats(m, error, target)
    k = plain_descent_iterations(st.condition_number, error, target)
    return Conditioning(
        math.log10(st.condition_number), st.condition_number, st.best_learning_rate,
        math.log10(k) if k > 0 else 0.0, k,
    )  # fmt: skip


def _conditioning_beyond_floats(m: Moments, error: float, target: float) -> Conditioning:
    # κ = λmax/λmin = λmax²/det (λmin = det/λmax), with det exact.  Where λmax itself is
    # beyond the float range, log10 λmax comes from the trace: λmax ∈ [tr/2, tr].
    ww, wb, bb = exact_hessian(m.n, m.sx, m.sxx, 2 * m.n, intercept=True)
    try:
        lambda_max = largest_eigenvalue(ww, wb, bb)
        log_max, best = math.log10(lambda_max), 2 / lambda_max  # λmin ≪ λmax here
    except FloatRangeError:
        log_max, best = log10(ww + bb), 0.0
    log_kappa = 2 * log_max - log10(ww * bb - wb * wb)
    # k ≈ ln(error/target)·κ/2 for huge κ, since log ρ = log1p(−2/(κ + 1)) ≈ −2/κ.
    log_k = math.log10(max(math.log(error / target), 1e-300)) + log_kappa - math.log10(2)
    return Conditioning(log_kappa, None, best, log_k, None)


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
    conditioning: Conditioning


def analyse_fit(m: Moments, w: Real, b: Real, *, intercept: bool) -> FitAnalysis:
    """The fitted line beside exact least squares, from the data's exact sums."""
    exact_w, exact_b = exact_least_squares(m, intercept=intercept)
    fw, fb, lw, lb = float(w), float(b), float(exact_w), float(exact_b)
    try:
        r2: Optional[float] = float(
            exact_r_squared(m, Ratio.of(w), Ratio.of(b), centered=intercept)
        )
    except DataError:
        r2 = None
    start = math.hypot(lw, lb)  # the error of the start (0, 0)
    reached = max(math.hypot(fw - lw, fb - lb), 1e-10 * start)
    return FitAnalysis(
        w=fw, b=fb, ls_w=lw, ls_b=lb,
        digits_w=significant_digits(fw, lw),
        digits_b=significant_digits(fb, lb) if intercept else None,
        loss=exact_loss(m, w, b, "half_mse"), r2=r2,
        conditioning=conditioning(m, intercept=intercept, error=start, target=reached),
    )  # fmt: skip


def plain_descent_iterations(kappa: float, error: float, target: float) -> float:
    """The least whole k with ρᵏ·error ≤ target, ρ = (κ − 1)/(κ + 1) the best fixed step's
    contraction (0 where error ≤ target already).

    log ρ is taken as log1p(−2/(κ + 1)): for κ near 10¹⁷, ρ itself rounds to 1.
    """
    if error <= target or target <= 0:
        return 0.0
    if kappa <= 1:
        return 1.0  # ρ = 0: a perfectly conditioned bowl is crossed in one step
    k = math.log(target / error) / math.log1p(-2 / (kappa + 1))
    # Steps are whole, and getting any closer takes at least one (k itself may be 2e-05).
    return float(max(1, math.ceil(k))) if math.isfinite(k) else k


def plain_cost(iterations: Optional[float], log10: float) -> str:
    """The words for N iterations in the report, at any size (None: beyond the floats)."""
    if iterations is None:
        return "about 10^%.0f iterations" % log10
    if iterations == 0:
        return "no iterations (its start, 0, is already as close)"
    return "about %s iteration%s" % ("%.3g" % iterations, "" if iterations == 1 else "s")
