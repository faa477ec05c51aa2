"""The command line: ``python -m linreg`` runs a tutorial; ``python -m linreg fit`` fits a file.

    python -m linreg                         the "arange" tutorial on seeded data
    python -m linreg --preset uniform        another tutorial (arange, uniform, train-test)
    python -m linreg --numpy-data            a tutorial replayed as it ran in NumPy
    python -m linreg fit DATA.csv            fit two columns x, y until converged
    python -m linreg ... --json              one JSON object instead of the report
    python -m linreg check MODULE:FUNCTION --kind K   check your implementation (the oracle)
    python -m linreg vectors DIR             write test vectors for any language

Errors in the input print one line (with the file and row where there is one)
and exit with status 1; nothing prints a traceback for bad input.
"""

from __future__ import annotations

import argparse
import math
import sys
import textwrap
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

from ..api import fit, train
from ..careful.training import Checkpoint
from ..core.model import CONVENTIONS
from ..core.numbers import Real
from ..errors import FloatRangeError, LinregError
from ..tutorials import presets
from ..tutorials.records import TUTORIALS, tutorial
from .csvdata import read_xy
from .oracle import UsageError
from .report import (
    LOSS_FORMULAS,
    Conditioning,
    analyse,
    analyse_fit,
    analysis_json,
    comparison_lines,
    history_json,
    progress_table,
    why_lines,
)

PROGRAM = "python -m linreg"


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text) from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError("%r must be a finite number greater than 0" % text)
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a whole number" % text) from None
    if value < 0:
        raise argparse.ArgumentTypeError("%r must be 0 or more" % text)
    return value


def _positive_count(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("%r must be 1 or more" % text)
    return value


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description=(
            "Run one of the tutorials linreg grew from: gradient descent on a seeded data set,"
            " set beside the exact least-squares answer.  To fit a CSV file, run"
            " `%s fit DATA.csv` (see `%s fit --help`)." % (PROGRAM, PROGRAM)
        ),
    )
    parser.add_argument(
        "--preset",
        choices=sorted(TUTORIALS),
        default="arange",
        help="which tutorial (default: arange)",
    )
    parser.add_argument(
        "--seed",
        type=_count,
        help="seed of the data generator (default: 0; with --numpy-data the tutorial's own)",
    )
    parser.add_argument("--learning-rate", type=_positive_float, help="α (default: the tutorial's)")
    parser.add_argument(
        "--iterations", type=_count, help="number of steps (default: the tutorial's)"
    )
    parser.add_argument(
        "--tolerance", type=_positive_float, help="stop once max(|∂L/∂W|, |∂L/∂b|) ≤ this"
    )
    parser.add_argument(
        "--convention",
        choices=CONVENTIONS,
        help="loss to descend: half_mse, mse or sse (default: the tutorial's)",
    )
    parser.add_argument(
        "--numpy-data",
        action="store_true",
        help=(
            "replay the tutorial exactly as it ran in NumPy: NumPy's random streams and seed,"
            " its float32 and summation order, its printout; then linreg's report"
        ),
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the report"
    )
    return parser


def _fit_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM + " fit",
        description=(
            "Fit y = W·x + b to two columns of a CSV file by gradient descent, choosing the step"
            " from the data and running until converged, and compare with exact least squares."
        ),
    )
    parser.add_argument("path", metavar="DATA.csv", help="CSV file; a header row is optional")
    parser.add_argument(
        "--x", dest="x_column", help="x column: header name or number from 1 (default: 1)"
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
        "--max-iterations", type=_positive_count, help="give up after this many steps"
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the report"
    )
    return parser


def _print_json(payload: Dict[str, Any]) -> None:
    try:
        import json
    except ImportError:
        raise LinregError(
            "--json needs Python's json module, which this Python lacks"
            " (Debian's python3-minimal leaves it out; install python3)"
        ) from None
    print(json.dumps(payload, indent=2, ensure_ascii=False))


def run_preset(args: argparse.Namespace) -> None:
    if args.numpy_data:
        run_replay(args)
        return
    p = tutorial(args.preset)
    args.seed = 0 if args.seed is None else args.seed
    setup = presets.make(p, args.seed)
    convention = args.convention or p.convention
    reported = p.reported_convention if args.convention is None else convention
    rate = args.learning_rate if args.learning_rate is not None else p.learning_rate
    iterations = args.iterations if args.iterations is not None else p.iterations
    every = max(1, iterations // 10)
    xs, ys = list(setup.train.xs), list(setup.train.ys)
    result = train(
        xs, ys, setup.w0, setup.b0, learning_rate=rate, iterations=iterations,
        tolerance=args.tolerance, convention=convention, checkpoint_every=every,
    )  # fmt: skip
    a = analyse(
        setup.train, setup.test, result.w, result.b, learning_rate=rate,
        convention=convention, reported_convention=reported,
    )  # fmt: skip
    if args.json:
        payload: Dict[str, Any] = {
            "preset": p.name, "seed": args.seed, "data": p.data_description,
            "points": len(xs), "convention": convention, "reported_loss": reported,
            "learning_rate": rate, "start": {"w": setup.w0, "b": setup.b0},
            "w": a.w, "b": a.b, "loss": a.loss, "iterations": result.iterations,
            "converged": result.converged, "history": history_json(result.history),
        }  # fmt: skip
        payload.update(analysis_json(a))
        _print_json(payload)
        return
    out: List[str] = [
        "linreg · %s, on linreg's own seeded data (seed %d)" % (p.title, args.seed),
        "data:     %s" % p.data_description,
        "descent:  %s" % LOSS_FORMULAS[convention],
        "          W ← W − α·∂L/∂W and b ← b − α·∂L/∂b, both from the old W, b, with α = %g,"
        % rate,
        "          %d iterations from W = %.6g, b = %.6g" % (iterations, setup.w0, setup.b0),
    ]
    if reported != convention:
        out.append("reported: %s" % LOSS_FORMULAS[reported])
    out.append("")
    history = result.history
    if history and history[-1].iteration == result.iterations and len(history) > 1:
        shown, final = history[:-1], history[-1]
    else:
        shown, final = history, None
    out.extend(progress_table(shown, loss_label=convention))
    if final is not None:
        out.append(progress_table([final], loss_label=convention)[1] + "   (final)")
    if result.converged:
        out.append(
            "stopped: max(|∂L/∂W|, |∂L/∂b|) ≤ %g after %d iterations"
            % (args.tolerance, result.iterations)
        )
    out.append("")
    out.extend(
        comparison_lines(a, result.iterations, "L" if reported == convention else reported.upper())
    )
    out.append("")
    out.extend(why_lines(a, result.iterations))
    out.append("`%s fit` chooses its step from the Hessian and descends in standardized" % PROGRAM)
    out.append("coordinates, where one step of size 1 reaches the least-squares line.")
    print("\n".join(out))


def run_replay(args: argparse.Namespace) -> None:
    """--numpy-data: the tutorial's own printout, recomputed, then linreg's analysis."""
    changed = [
        flag
        for flag, value in (
            ("--learning-rate", args.learning_rate),
            ("--iterations", args.iterations),
            ("--tolerance", args.tolerance),
            ("--convention", args.convention),
        )
        if value is not None
    ]
    if changed:
        raise LinregError(
            "--numpy-data replays the tutorial as written, so it takes no %s;"
            " drop --numpy-data to change the settings" % ", ".join(changed)
        )
    # The NumPy layer is imported only when asked for.
    from ..tutorials.replay import least_squares_r_squared, replay

    p = tutorial(args.preset)
    run = replay(p.name, seed=args.seed)
    a = analyse(
        run.setup.train, run.setup.test, run.w, run.b, learning_rate=run.learning_rate,
        convention=run.convention, reported_convention=p.reported_convention,
    )  # fmt: skip
    check = least_squares_r_squared(run.setup.train) if p.name == "uniform" else None
    if args.json:
        payload: Dict[str, Any] = {
            "preset": p.name, "numpy_seed": run.seed, "numpy_data": True,
            "printed": run.printed, "w": run.w, "b": run.b, "loss": run.loss,
            "reported_loss": p.reported_convention, "iterations": run.iterations,
            "learning_rate": run.learning_rate,
            "start": {"w": run.setup.w0, "b": run.setup.b0},
        }  # fmt: skip
        if check is not None:
            payload["least_squares_r_squared"] = check
        payload.update(analysis_json(a))
        _print_json(payload)
        return
    out = [
        "linreg · %s, replayed as it ran in NumPy (np.random.seed(%d))" % (p.title, run.seed),
        "data:     %s, drawn from NumPy's legacy streams" % p.data_description,
        "What the tutorial printed, recomputed without NumPy:",
        "",
    ]
    out.extend("    " + line for line in run.printed)
    if check is not None:
        out.append("    least squares: R² = %r" % check)
    out.append("")
    out.append("linreg's own report on the same data:")
    out.extend(
        comparison_lines(
            a,
            run.iterations,
            "L" if p.reported_convention == run.convention else p.reported_convention.upper(),
        )
    )
    out.append("")
    out.extend(why_lines(a, run.iterations))
    print("\n".join(out))


def run_fit(args: argparse.Namespace) -> None:
    try:
        _fit_file(args)
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
    read = read_xy(args.path, x_column=args.x_column, y_column=args.y_column)
    xs, ys = list(read.data.xs), list(read.data.ys)
    intercept = not args.no_intercept
    if args.learning_rate is None:
        result = fit(
            xs, ys, intercept=intercept, tolerance=args.tolerance,
            max_iterations=args.max_iterations,
        )  # fmt: skip
        run: Descent = Descent(
            result.w, result.b, result.iterations, result.converged, result.method,
            float(result.learning_rate), float(result.center), float(result.scale_squared),
            result.history,
        )  # fmt: skip
    else:
        # Plain descent in (W, b), from (0, 0): no standardization (centre 0, scale 1).
        plain = train(
            xs, ys, 0.0, 0.0, learning_rate=args.learning_rate,
            iterations=args.max_iterations or PLAIN_MAX_ITERATIONS, tolerance=args.tolerance,
            intercept=intercept,
        )  # fmt: skip
        run = Descent(
            plain.w, plain.b, plain.iterations, plain.converged,
            "plain gradient descent in (W, b) with the given learning rate",
            args.learning_rate, 0.0, 1.0, plain.history,
        )  # fmt: skip
    a = analyse_fit(xs, ys, run.w, run.b, intercept=intercept)
    c = a.conditioning
    if args.json:
        _print_json({
            "file": args.path, "points": len(xs),
            "x_column": read.x_column, "y_column": read.y_column,
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
        % (args.path, len(xs), read.x_column, read.y_column),
        "model:    %s, loss %s" % (model, LOSS_FORMULAS["half_mse"]),
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
        "In (W, b) the Hessian's condition number is λmax/λmin = %s: plain descent at its best"
        % _sized(c.condition_number, c.condition_log10, "%.4g")
    )
    out.append(
        "fixed step 2/(λmin + λmax) = %.4g would need about %s iterations to get as close."
        % (c.best_learning_rate, _sized(c.plain_iterations, c.plain_iterations_log10, "%.3g"))
    )
    print("\n".join(out))


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


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments[:1] == ["fit"]:
            run_fit(_fit_parser().parse_args(arguments[1:]))
        elif arguments[:1] in (["check"], ["vectors"]):
            from . import oracle  # the oracle's command line, loaded only when asked for

            run = oracle.run_check if arguments[0] == "check" else oracle.run_vectors
            return run(arguments[1:])
        else:
            run_preset(_run_parser().parse_args(arguments))
    except UsageError as error:
        print("%s: error: %s" % (PROGRAM, error), file=sys.stderr)
        return 2
    except LinregError as error:
        print("%s: error: %s" % (PROGRAM, error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("%s: interrupted" % PROGRAM, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) left early; that is not an error of ours.
        sys.stderr.close()
        return 0
    return 0
