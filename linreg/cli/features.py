"""``fit DATA.csv --x A,B,… | --degree K | --exact``: several features, a polynomial, exact.

The file is read once, in chunks, into the exact statistics of its columns (the Gram
matrix, :mod:`linreg.careful.gram`); with ``--exact`` its decimal text is read as the
exact rationals it spells.  Least squares is the normal equations solved exactly, and
``fit`` whitened descent on the same statistics (with ``--learning-rate``, plain descent
in θ = (w, b) instead).  The JSON carries each exact answer as a ratio and as a decimal
to 30 significant digits, beside its float.
"""

from __future__ import annotations

import argparse
import math
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Set

from ..careful import feature_stability as fs
from ..careful import whitened
from ..careful.exact import Ratio
from ..careful.gram import Gram, gram, jittered_values, powers
from ..careful.normal_equations import (
    SingularDesign,
    inverse,
    normal_matrix,
    refuse_numerically_singular,
    refuse_too_large,
    rounding_sensitivity,
    solve,
    weight_scales,
)
from ..errors import DataError, FloatRangeError, UnstableLearningRateError
from ..features import MAX_DEGREE
from .options import MAX_WORK, _print_json, emit, printable
from .oracle import UsageError
from .report import loss_formula, plain_cost, plain_descent_iterations, significant_digits
from .table import Table, read_table

#: Significant digits of the exact answers in the JSON.
DIGITS = 30
#: The jitter trials' seeds (per chunk, seed + CHUNK_SEED·chunk): fixed, for determinism.
TRIALS = (100, 200)
CHUNK_SEED = 7919


class Read(NamedTuple):
    """What one pass over the file leaves: the statistics, and those of jittered data."""

    table: Table
    gram: Gram
    trials: List[Gram]  # empty for exact data
    distinct: int  # distinct x values, counted up to degree + 1 (a polynomial only)


def read(
    path: str, x_columns: Sequence[Optional[str]], y_column: Optional[str], *, exact: bool,
    degree: Optional[int],
) -> Read:  # fmt: skip
    total: Optional[Gram] = None
    trials: List[Gram] = []
    seen: Set[Any] = set()
    try:
        with open(path, "rb") as handle:
            table, chunks = read_table(
                path, handle, x_columns=x_columns, y_column=y_column, exact=exact
            )
            for index, (columns, ys) in enumerate(chunks):
                if degree is not None:
                    x = columns[0]
                    if len(seen) <= degree:
                        seen.update(Ratio.of(v).as_integer_ratio() for v in x)
                    part = gram(powers(x, degree), ys)
                    jitter = [] if exact else [
                        gram(powers(jittered_values(x, s + CHUNK_SEED * index), degree),
                             jittered_values(ys, s + 1 + CHUNK_SEED * index))
                        for s in TRIALS
                    ]  # fmt: skip
                else:
                    part = gram(columns, ys, floats=not exact)
                    jitter = [] if exact else [
                        gram(columns, ys, floats=True, jitter=s + CHUNK_SEED * index)
                        for s in TRIALS
                    ]  # fmt: skip
                total = part if total is None else total.combined(part)
                trials = jitter if not trials else [t.combined(j) for t, j in zip(trials, jitter)]
    except OSError as error:
        raise DataError("%s: cannot read the file (%s)" % (path, error.strerror or error)) from None
    if total is None:
        raise DataError("%s: the file has a header but no data rows" % path)
    return Read(table, total, trials, len(seen))


def run_features(args: argparse.Namespace) -> None:
    x_choices: List[Optional[str]] = (
        [c.strip() for c in args.x_column.split(",")] if args.x_column else [None]
    )
    degree = args.degree
    if degree is not None and degree > MAX_DEGREE:
        raise DataError(
            "--degree %d: linreg fits polynomials up to degree %d (beyond that the exact"
            " sums grow huge, and no data need it)" % (degree, MAX_DEGREE)
        )
    if degree is not None and len(x_choices) > 1:
        raise DataError("--degree fits a polynomial of one x column; give one --x, not several")
    if args.plot:  # every run that comes here would otherwise end with no picture, unsaid
        raise DataError(
            "--plot draws y against one x column fitted in floats; it does not draw several"
            " features, a polynomial, or --exact"
        )
    if args.per_sample:
        raise DataError("--per-sample is for one x column without --exact")
    intercept = not args.no_intercept
    r = read(args.path, x_choices, args.y_column, exact=args.exact, degree=degree)
    g, table = r.gram, r.table
    names = (
        table.x_names
        if degree is None
        else [power_name(table.x_names[0], k) for k in range(1, degree + 1)]
    )
    labels = list(names) + (["the intercept"] if intercept else [])
    if g.n < len(labels):
        raise DataError(
            "%d point%s cannot determine %d parameters (%s): at least %d needed"
            % (g.n, "" if g.n == 1 else "s", len(labels), ", ".join(labels), len(labels))
        )
    a, v = normal_matrix(g, intercept=intercept)
    refuse_too_large(a, v)
    try:
        theta = solve(a, v, [repr(n) if n != "the intercept" else n for n in labels])
    except SingularDesign:
        if degree is None:
            raise
        raise SingularDesign(
            "degree %d is too high for these data: they have %d distinct x value%s, and a"
            " polynomial of degree %d needs at least %d"
            % (degree, r.distinct, "" if r.distinct == 1 else "s", degree,
               degree + 1 if intercept else degree)
        ) from None  # fmt: skip
    digits: Optional[float] = None
    if r.trials:
        moved = [solve(*normal_matrix(t, intercept=intercept), labels) for t in r.trials]
        sensitivity = rounding_sensitivity(theta, moved, weight_scales(g, intercept=intercept))
        refuse_numerically_singular(sensitivity, [repr(n) for n in names] + labels[len(names) :])
        worst = max(sensitivity)
        digits = 17.0 if worst == 0 else min(17.0, -math.log10(worst))
    exact_type = None
    divisor = 2 * g.n  # the half-MSE, as the one-feature fit reports
    if args.learning_rate is None:
        result = whitened.descend(
            g, intercept=intercept, names=labels, divisor=divisor, learning_rate=Ratio(1),
            tolerance=None if args.tolerance is None else Ratio.of(args.tolerance),
            max_iterations=args.max_iterations or whitened.MAX_ITERATIONS, exact=exact_type,
        )  # fmt: skip
        w, b, iterations, converged, method, history = result
    else:
        w, b, iterations, converged, history = plain(g, intercept, divisor, args)
        method = "plain gradient descent in %s with the given learning rate, on the data's" \
                 " statistics" % _theta(intercept)  # fmt: skip
    report(args, r, names, intercept, theta, digits, w, b, iterations, converged, method, history)


def _theta(intercept: bool) -> str:
    return "θ = (w, b)" if intercept else "θ = w (no intercept b)"


def power_name(name: str, k: int) -> str:
    return name if k == 1 else "%s^%d" % (name, k)


def plain(g: Gram, intercept: bool, divisor: int, args: argparse.Namespace) -> Any:
    """Plain descent θ ← θ − α·(2/d_L)·(Aθ − v) in floats, from θ = 0, refused if unstable."""
    a, v = normal_matrix(g, intercept=intercept)
    hessian = [[2 * e / divisor for e in row] for row in a]
    alpha = args.learning_rate
    if not fs.is_stable(Ratio.of(alpha), hessian):
        bound = 2 / fs.symmetric_eigenvalues([[float(e) for e in row] for row in hessian])[-1]
        raise UnstableLearningRateError(
            "learning rate %g is at or above the stability bound 2/λmax = %.6g for these data"
            " and the half_mse loss: gradient descent would diverge; use a rate below %.6g"
            % (alpha, bound, bound),
            learning_rate=alpha, bound=bound,
        )  # fmt: skip
    fa = [[float(e) for e in row] for row in a]
    fv = [float(e) for e in v]
    scale = 2 / divisor
    theta = [0.0] * len(fv)
    most = args.max_iterations or 100_000
    if most * (len(fv) + 1) ** 2 > MAX_WORK:
        # A step here is a pure-Python product of the p × p matrix with θ, some ten times a
        # step on one feature's statistics: the same minutes, in fewer steps.
        allowed = MAX_WORK // (len(fv) + 1) ** 2
        raise UsageError(
            "--learning-rate on %d parameters runs at most %d iterations (iterations ×"
            " (parameters + 1)² ≤ %d, already minutes of work); give --max-iterations %d or"
            " fewer, or drop --learning-rate (whitened descent needs a few steps)"
            % (len(fv), allowed, MAX_WORK, allowed)
        )
    history = []
    k, converged = 0, False
    while True:
        grad = [
            scale * (math.fsum(e * t for e, t in zip(row, theta)) - vi) for row, vi in zip(fa, fv)
        ]
        if k == 0:
            history.append(_checkpoint(g, 0, theta, intercept, divisor))
        if args.tolerance is not None and max(map(abs, grad)) <= args.tolerance:
            converged = True
            break
        if k == most:
            break
        theta = [t - alpha * gi for t, gi in zip(theta, grad)]
        k += 1
    history.append(_checkpoint(g, k, theta, intercept, divisor))
    if not all(map(math.isfinite, theta)):
        raise FloatRangeError("training overflowed the float range", quantity="training")
    w, b = (theta[:-1], theta[-1]) if intercept else (theta, 0.0)
    return w, b, k, converged, history


def _checkpoint(
    g: Gram, k: int, theta: List[float], intercept: bool, divisor: int
) -> whitened.FeatureCheckpoint:
    w = theta[:-1] if intercept else theta
    b = theta[-1] if intercept else 0.0
    loss = g.sum_of_squares([Ratio.of(x) for x in w], Ratio.of(b)) / divisor
    return whitened.FeatureCheckpoint(k, list(w), b, float(loss))


def _ratio(r: Ratio) -> str:
    return "%d/%d" % (r.num, r.den) if r.den != 1 else "%d" % r.num


def report(
    args: argparse.Namespace, r: Read, names: List[str], intercept: bool, theta: List[Ratio],
    digits: Optional[float], w: List[Any], b: Any, iterations: int, converged: bool,
    method: str, history: List[whitened.FeatureCheckpoint],
) -> None:  # fmt: skip
    g = r.gram
    ls = [float(t) for t in theta]
    ls_w, ls_b = (ls[:-1], ls[-1]) if intercept else (ls, 0.0)
    exact_w, exact_b = (theta[:-1], theta[-1]) if intercept else (theta, Ratio(0))
    loss = float(g.sum_of_squares([Ratio.of(x) for x in w], Ratio.of(b)) / (2 * g.n))
    total = g.yy - g.y * g.y / g.n if intercept else g.yy
    r2 = (
        None
        if total == 0
        else float(1 - g.sum_of_squares([Ratio.of(x) for x in w], Ratio.of(b)) / total)
    )
    a, _ = normal_matrix(g, intercept=intercept)
    hessian = [[e / g.n for e in row] for row in a]  # half-MSE: (2/2N)·A
    try:
        st: Optional[fs.FeatureStability] = fs.stability_of(
            hessian, inverse(hessian, names + ["b"])
        )
    except FloatRangeError:
        st = None
    start = math.sqrt(math.fsum(t * t for t in ls))
    reached = max(
        math.sqrt(math.fsum((float(x) - y) ** 2 for x, y in zip(list(w) + [b], ls_w + [ls_b]))),
        1e-10 * start,
    )
    plain_steps = plain_descent_iterations(st.condition_number, start, reached) if st else None
    single = len(names) == 1 and args.degree is None
    agreement = [
        significant_digits(float(x), y)
        for x, y in zip(list(w) + ([b] if intercept else []), ls_w + ([ls_b] if intercept else []))
    ]
    if args.json:
        payload: Dict[str, Any] = {
            "file": args.path, "points": g.n, "x_columns": r.table.x_names,
            "y_column": r.table.y_name, "features": names, "degree": args.degree,
            "exact": bool(args.exact), "intercept": intercept,
            "w": w[0] if single else list(w), "b": b,
            "iterations": iterations, "converged": converged, "method": method,
            "learning_rate": args.learning_rate if args.learning_rate is not None else 1.0,
            "loss": loss, "r_squared": r2,
            "least_squares": {
                "w": ls_w[0] if single else ls_w, "b": ls_b,
                "exact": {
                    "w": [_ratio(x) for x in exact_w], "b": _ratio(exact_b),
                    "w_decimal": [x.decimal(DIGITS) for x in exact_w],
                    "b_decimal": exact_b.decimal(DIGITS),
                },
            },
            "significant_digits": {"agreement": min(agreement), "data_rounding": digits},
            "condition_number": st.condition_number if st else None,
            "plain_descent_iterations": plain_steps,
            "history": [
                {"iteration": c.iteration, "w": list(c.w), "b": c.b, "loss": c.loss}
                for c in history
            ],
        }  # fmt: skip
        _print_json(payload)
        return
    model = " + ".join("w%d·%s" % (j + 1, n) for j, n in enumerate(names))
    out = [
        "linreg fit · %s: %d points, y = column %r%s"
        % (
            printable(args.path),
            g.n,
            r.table.y_name,
            ", read exactly as decimals" if args.exact else "",
        ),
        "model:    y = %s%s, loss %s"
        % (model, " + b" if intercept else "", loss_formula(intercept)),
        "method:   %s" % method,
        "          %s after %d iteration%s"
        % (
            "converged" if converged else "NOT converged",
            iterations,
            "" if iterations == 1 else "s",
        ),
        "",
        "%-20s %-26s %s" % ("", "descent", "least squares (exact, rounded once)"),
    ]
    for j, n in enumerate(names):
        out.append("%-20s %-26.17g %.17g" % ("w%d (%s)" % (j + 1, n), float(w[j]), ls_w[j]))
    if intercept:
        out.append("%-20s %-26.17g %.17g" % ("b", float(b), ls_b))
    out.append(
        "agreement: %s"
        % ("identical" if min(agreement) >= 17 else "%.1f significant digits" % min(agreement))
    )
    if digits is not None:
        out.append(
            "the data's rounding to floats leaves about %.1f significant digits of the weights"
            " (refit with every value moved by an ulp)" % digits
        )
    out.append(
        "loss L = %.10g;  %s"
        % (
            loss,
            "R² undefined (y is constant)"
            if r2 is None
            else "R² = %.15g%s" % (r2, "" if intercept else " (uncentered)"),
        )
    )
    if st is not None and plain_steps is not None:
        out.append("")
        out.append(
            "In %s the Hessian's condition number is λmax/λmin = %.4g: plain descent at"
            " its best fixed step would need %s to get as close."
            % (_theta(intercept), st.condition_number, plain_cost(plain_steps, 0.0))
        )
    emit("\n".join(out))
