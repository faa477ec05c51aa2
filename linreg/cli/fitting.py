"""``python -m linreg fit DATA.csv``: fit a line to two columns of a CSV file.

The file is read in one pass, in chunks, into its exact sums (:mod:`linreg.careful.exact`),
so memory does not grow with its rows.  fit's standardized descent runs on those sums;
``--learning-rate`` runs plain descent in (W, b), on the sums too, or per sample with
``--per-sample`` (which reads the data into memory).
"""

from __future__ import annotations

import argparse
import math
import os
import stat
import textwrap
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from .. import _checks
from ..api import train
from ..careful import fit as standardized
from ..careful import sufficient
from ..careful.exact import Moments, moments
from ..careful.stability import refuse_unstable
from ..careful.training import Checkpoint
from ..core.model import loss_divisor
from ..core.numbers import Real
from ..errors import DataError, FloatRangeError, LinregError
from ..plot.figure import Run, grouped, iterations
from . import pictures
from .csvdata import Columns, CsvData, read_chunks, read_xy
from .options import (
    MAX_STEPS,
    MAX_WORK,
    PROGRAM,
    Parser,
    ReportError,
    _picture_path,
    _positive_count,
    _positive_float,
    _positive_steps,
    _print_json,
    emit,
    printable,
)
from .oracle import UsageError
from .report import (
    Conditioning,
    FitAnalysis,
    analyse_fit,
    exact_loss,
    history_json,
    loss_formula,
    plain_cost,
)


def fit_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROGRAM + " fit",
        description=(
            "Fit y = W·x + b to two columns of a CSV file by gradient descent, choosing the step"
            " from the data and running until converged, and compare with exact least squares."
        ),
    )
    parser.add_argument("path", metavar="DATA.csv", help="CSV file; a header row is optional")
    parser.add_argument(
        "--x",
        dest="x_column",
        help="x column(s): header names or numbers from 1, separated by commas (default: 1)",
    )
    parser.add_argument(
        "--y", dest="y_column", help="y column: header name or number from 1 (default: 2)"
    )
    parser.add_argument(
        "--no-intercept", action="store_true", help="fit y = W·x, the line through the origin"
    )
    parser.add_argument(
        "--learning-rate",
        type=_positive_float,
        help="plain descent in (W, b) with this α instead (at most 100 000 steps by default)",
    )
    parser.add_argument(
        "--tolerance", type=_positive_float, help="stop once the largest partial derivative ≤ this"
    )
    parser.add_argument(
        "--max-iterations", type=_positive_steps, help="give up after this many steps (at most 10⁹)"
    )
    parser.add_argument(
        "--per-sample",
        action="store_true",
        help="with --learning-rate: the reference loop, one residual per point, data in memory",
    )
    parser.add_argument(
        "--degree",
        type=_positive_count,
        metavar="K",
        help="fit the polynomial y = b + w1·x + … + wK·x^K of the one x column",
    )
    parser.add_argument(
        "--exact",
        action="store_true",
        help="read the numbers' decimal text as exact rationals (0.1 is 1/10) and fit those",
    )
    parser.add_argument(
        "--plot",
        metavar="FILE.svg",
        type=_picture_path,
        help="also draw the fit: the data, the line, the loss",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the report"
    )
    return parser


def run_fit(args: argparse.Namespace) -> None:
    try:
        if args.plot:
            pictures.refuse_unsafe(args.plot, args.path)
        _fit_file(args)
    except (pictures.PictureError, ReportError):
        raise  # about the picture or the output, not the data: the file is not theirs
    except FloatRangeError as error:
        # The library's advice (Fraction values) is for callers of the API, not of the CLI.
        raise FloatRangeError(
            "%s: %s is beyond the float range for these data; rescale the columns (change"
            " their units) and fit again" % (args.path, error.quantity),
            quantity=error.quantity,
        ) from None
    except LinregError as error:
        # Name the file in every error, also those found after reading it.
        if not str(error).startswith(args.path):
            error.args = ("%s: %s" % (args.path, error),)
        raise


def _fit_file(args: argparse.Namespace) -> None:
    if args.exact or args.degree is not None or "," in (args.x_column or ""):
        from .features import run_features  # several features, a polynomial, exact decimals

        run_features(args)
        return
    intercept = not args.no_intercept
    if args.per_sample and args.learning_rate is None:
        raise DataError(
            "--per-sample goes with --learning-rate (plain descent, one residual per point);"
            " fit's standardized descent always runs on the data's exact sums"
        )
    read = extent = None
    if args.per_sample:  # the reference loop: the data in memory, a residual per point
        read = read_xy(args.path, x_column=args.x_column, y_column=args.y_column)
        xs, ys = list(read.data.xs), list(read.data.ys)
        columns = Columns(0, 1, read.x_column, read.y_column, read.header, 2)
        m = moments(xs, ys, floats=True)
        most = args.max_iterations or PLAIN_MAX_ITERATIONS
        if len(xs) * most > MAX_WORK:
            # A step of the reference loop costs a residual per point; the limit is what
            # it may cost, since without --tolerance descent runs to it.
            raise UsageError(
                "--per-sample runs a residual per point every step: with %d points it runs at"
                " most %d iterations (points × iterations ≤ %d, already minutes of work);"
                " give --max-iterations %d or fewer, or drop --per-sample (the same descent"
                " on the data's sums, up to %d iterations)"
                % (len(xs), MAX_WORK // len(xs), MAX_WORK, MAX_WORK // len(xs), MAX_STEPS)
            )
        plain = train(
            xs, ys, 0.0, 0.0, learning_rate=args.learning_rate, iterations=most,
            tolerance=args.tolerance, intercept=intercept, checkpoints=_checkpoints(args, most),
        )  # fmt: skip
        run = _plain(plain.w, plain.b, plain.iterations, plain.converged, plain.history, args)
    else:
        if args.plot and not _regular(args.path):
            # The picture thins the points to its cells, which needs the data's extent and
            # the fitted line first: a second pass, which a pipe or a device cannot give.
            raise DataError(
                "%s: --plot needs a regular file it can read twice, and this is a pipe or a"
                " device; save the data to a file first" % args.path
            )
        extent = pictures.Extent() if args.plot else None
        columns, m = stream(
            args.path, x_column=args.x_column, y_column=args.y_column, extent=extent
        )
        _checks.enough(m.n, 2 if intercept else 1)
        if args.learning_rate is None:
            run = _standardized(m, intercept, args)
        else:
            run = _plain_on_statistics(m, intercept, args)
    a = analyse_fit(m, run.w, run.b, intercept=intercept)
    c = a.conditioning
    if args.plot:
        _plot(args, columns, m, run, a, None if args.per_sample else extent, read)
    if args.json:
        _print_json({
            "file": args.path, "points": m.n,
            "x_column": columns.x_name, "y_column": columns.y_name,
            "intercept": intercept, "w": a.w, "b": a.b, "iterations": run.iterations,
            "converged": run.converged, "method": run.method,
            "learning_rate": run.learning_rate,
            "center": run.center, "scale": math.sqrt(run.scale_squared),
            "loss": a.loss, "r_squared": a.r2,
            "least_squares": {"w": a.ls_w, "b": a.ls_b},
            "significant_digits": {"w": a.digits_w, "b": a.digits_b},
            "condition_number": c.condition_number, "plain_descent_iterations": c.plain_iterations,
            "history": history_json(run.history),
            **_beyond_floats(c),
        })  # fmt: skip
        return
    model = "y = W·x + b" if intercept else "y = W·x (through the origin)"
    out = [
        "linreg fit · %s: %d points, x = column %r, y = column %r"
        % (printable(args.path), m.n, columns.x_name, columns.y_name),
        "model:    %s, loss %s" % (model, loss_formula(intercept)),
    ]
    out.extend(
        textwrap.wrap(run.method, 96, initial_indent="method:   ", subsequent_indent=" " * 10)
    )
    if args.learning_rate is None:
        out.append("          (x̄ = %.10g, s = %.10g)" % (run.center, math.sqrt(run.scale_squared)))
    out.append(
        "          %s after %d iteration%s"
        % (
            "converged" if run.converged else "NOT converged",
            run.iterations,
            "" if run.iterations == 1 else "s",
        )
    )
    out.append("")
    out.append("descent                W = %-22.17g b = %.17g" % (a.w, a.b))
    out.append("least squares (exact)  W = %-22.17g b = %.17g" % (a.ls_w, a.ls_b))
    agreement = "agreement              W: %s" % _digits(a.digits_w)
    if a.digits_b is not None:
        agreement += "; b: %s" % _digits(a.digits_b)
    out.append(agreement)
    if a.r2 is None:
        r2_text = "R² undefined (y is constant)"
    else:
        r2_text = "R² = %.15g%s" % (a.r2, "" if intercept else " (uncentered)")
    out.append("loss L = %.10g;  %s" % (a.loss, r2_text))
    out.append("")
    out.append(
        "In %s the Hessian's condition number is λmax/λmin = %s: plain descent at its best"
        % (
            "(W, b)" if intercept else "W alone",
            _sized(c.condition_number, c.condition_log10, "%.4g"),
        )
    )
    out.append(
        "fixed step 2/(λmin + λmax) = %.4g would need %s to get as close."
        % (c.best_learning_rate, plain_cost(c.plain_iterations, c.plain_iterations_log10))
    )
    emit("\n".join(out))


def stream(
    path: str,
    *,
    x_column: Optional[str],
    y_column: Optional[str],
    extent: Optional[pictures.Extent] = None,
) -> Tuple[Columns, Moments]:
    """The columns chosen, and the exact sums of the file's (x, y), in one pass (noting
    the data's extent too, for a picture)."""
    total: Optional[Moments] = None
    try:
        with open(path, "rb") as handle:
            columns, chunks = read_chunks(path, handle, x_column=x_column, y_column=y_column)
            for xs, ys in chunks:
                part = moments(xs, ys, floats=True)
                total = part if total is None else total.combined(part)
                if extent is not None:
                    extent.add(xs, ys)
    except OSError as error:
        raise DataError("%s: cannot read the file (%s)" % (path, error.strerror or error)) from None
    if total is None:
        raise DataError("%s: the file has a header but no data rows" % path)
    return columns, total


def _chunks_again(path: str, columns: Columns) -> Iterator[Tuple[Sequence[float], Sequence[float]]]:
    """The file's (x, y) a second time, for the picture (the columns as first chosen)."""
    try:
        with open(path, "rb") as handle:
            _, chunks = read_chunks(
                path, handle, x_column=str(columns.x_at + 1), y_column=str(columns.y_at + 1)
            )
            yield from chunks
    except OSError as error:
        raise DataError("%s: cannot read the file (%s)" % (path, error.strerror or error)) from None


def _regular(path: str) -> bool:
    """Whether the path is a regular file (True where it cannot be looked at: reading it
    will then say why)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return True


def _checkpoints(args: argparse.Namespace, iterations: int) -> List[int]:
    return sorted(pictures.checkpoints(iterations, plot=True)) if args.plot else []


def _plot(
    args: argparse.Namespace,
    columns: Columns,
    m: Moments,
    run: Descent,
    a: FitAnalysis,
    extent: Optional[pictures.Extent],
    read: Optional[CsvData],
) -> None:
    c = a.conditioning
    floor = exact_loss(m, a.ls_w, a.ls_b, "half_mse")
    if args.learning_rate is None:
        method = "standardized descent (step 1 where the Hessian is I)"
    else:
        method = "plain descent, α = %g" % args.learning_rate
    plain = plain_cost(c.plain_iterations, c.plain_iterations_log10)
    figure_run = Run(
        title="linreg fit · %s" % printable(args.path),
        subtitle="%s points; %s; %s; %s after %s" % (
            grouped(m.n), "y = W·x" if args.no_intercept else "y = W·x + b", method,
            "converged" if run.converged else "NOT converged", iterations(run.iterations),
        ),
        xs=[float(v) for v in read.data.xs] if read else [],
        ys=[float(v) for v in read.data.ys] if read else [],
        test_xs=[], test_ys=[],
        lines=pictures.lines_of(run.history, max(1, run.iterations // 10), run.iterations),
        least_squares=(a.ls_w, a.ls_b),
        losses=pictures.losses_of(run.history), loss_floor=floor,
        loss_name="loss: " + loss_formula(not args.no_intercept),
        note="plain descent at its best fixed step would need %s"
        " (condition number %s)" % (plain, _sized(c.condition_number, c.condition_log10, "%.3g")),
        x_name=columns.x_name if columns.header else "x (column %d)" % (columns.x_at + 1),
        y_name=columns.y_name if columns.header else "y (column %d)" % (columns.y_at + 1),
        extent=extent.box if extent is not None else None,
    )  # fmt: skip
    chunks = (lambda: _chunks_again(args.path, columns)) if extent is not None else None
    pictures.write(args.plot, pictures.fit_figure(figure_run, chunks))


def _standardized(m: Moments, intercept: bool, args: argparse.Namespace) -> Descent:
    z = standardized.standardize(m, intercept=intercept, exact=None)
    most = args.max_iterations or standardized.MAX_ITERATIONS
    result = _checks.computed(
        "fit",
        lambda: standardized.descend(
            z, divisor=2 * m.n, learning_rate=1.0, tolerance=args.tolerance, max_iterations=most
        ),
    )
    return Descent(
        result.w, result.b, result.iterations, result.converged, result.method,
        float(result.learning_rate), float(result.center), float(result.scale_squared),
        result.history,
    )  # fmt: skip


def _plain_on_statistics(m: Moments, intercept: bool, args: argparse.Namespace) -> Descent:
    divisor = loss_divisor("half_mse", m.n)
    refuse_unstable(
        args.learning_rate, m.n, m.sx, m.sxx, divisor, intercept=intercept, convention="half_mse"
    )
    s = sufficient.statistics(m, divisor, None)
    most = args.max_iterations or PLAIN_MAX_ITERATIONS
    plain = _checks.computed(
        "training",
        lambda: sufficient.run(
            s, 0.0, 0.0, learning_rate=args.learning_rate, iterations=most,
            tolerance=args.tolerance, intercept=intercept, checkpoints=_checkpoints(args, most),
        ),
    )  # fmt: skip
    return _plain(plain.w, plain.b, plain.iterations, plain.converged, plain.history, args)


def _plain(
    w: Real, b: Real, iterations: int, converged: bool, history: List[Checkpoint],
    args: argparse.Namespace,
) -> Descent:  # fmt: skip
    # Plain descent in (W, b) from (0, 0): no standardization (centre 0, scale 1).
    return Descent(
        w, b, iterations, converged,
        "plain gradient descent in %s with the given learning rate"
        % ("W alone (b stays 0)" if args.no_intercept else "(W, b)"),
        args.learning_rate, 0.0, 1.0, history,
    )  # fmt: skip


def _sized(value: Optional[float], log10: float, form: str) -> str:
    """The value in ``form``, or 10^N where it lies beyond the float range."""
    return form % value if value is not None else "10^%.0f" % log10


def _beyond_floats(c: Conditioning) -> Dict[str, float]:
    """Where κ or the iteration count is beyond the float range (null in the JSON), its log10."""
    extra: Dict[str, float] = {}
    if c.condition_number is None:
        extra["condition_number_log10"] = c.condition_log10
    if c.plain_iterations is None:
        extra["plain_descent_iterations_log10"] = c.plain_iterations_log10
    return extra


class Descent(NamedTuple):
    """What the fit report needs of a descent run, standardized or plain."""

    w: Real
    b: Real
    iterations: int
    converged: bool
    method: str
    learning_rate: float
    center: float
    scale_squared: float
    history: List[Checkpoint]


#: The default step limit of plain descent with a given learning rate.
PLAIN_MAX_ITERATIONS = 100_000


def _digits(lre: float) -> str:
    return "identical" if lre >= 17 else "%.1f significant digits" % lre
