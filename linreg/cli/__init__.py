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
import os
import sys
from typing import Any, Dict, List, Optional, Sequence

from ..api import train
from ..careful.exact import moments
from ..core.model import CONVENTIONS
from ..errors import LinregError
from ..tutorials import presets
from ..tutorials.records import TUTORIALS, tutorial
from . import pictures
from .options import (
    MAX_STEPS,
    MAX_WORK,
    PROGRAM,
    Parser,
    ReportError,
    _count,
    _picture_path,
    _positive_float,
    _print_json,
    _steps,
    emit,
    flush,
    printable,
)
from .oracle import UsageError
from .report import (
    LOSS_FORMULAS,
    analyse,
    analysis_json,
    comparison_lines,
    exact_loss,
    history_json,
    progress_table,
    why_lines,
)


def _run_parser() -> argparse.ArgumentParser:
    parser = Parser(
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
        "--iterations", type=_steps, help="number of steps (default: the tutorial's; at most 10⁹)"
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
        "--per-sample",
        action="store_true",
        help=(
            "run the reference loop, a residual per point every step (by default descent"
            " runs on the data's sufficient statistics, the same descent in O(1) a step)"
        ),
    )
    parser.add_argument(
        "--plot",
        metavar="FILE.svg",
        type=_picture_path,
        help="also draw the run: the data, the line, the loss",
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object instead of the report"
    )
    return parser


def run_preset(args: argparse.Namespace) -> None:
    if args.plot:
        pictures.refuse_unsafe(args.plot)
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
    if args.per_sample and len(xs) * iterations > MAX_WORK:
        # A step of the reference loop costs a residual per point, not a dozen operations.
        raise UsageError(
            "--per-sample runs a residual per point every step: with %d points it runs at most"
            " %d iterations (points × iterations ≤ %d, already minutes of work); without"
            " --per-sample the same descent runs on the data's sums, up to %d iterations"
            % (len(xs), MAX_WORK // len(xs), MAX_WORK, MAX_STEPS)
        )
    result = train(
        xs, ys, setup.w0, setup.b0, learning_rate=rate, iterations=iterations,
        tolerance=args.tolerance, convention=convention, checkpoint_every=every,
        checkpoints=sorted(pictures.checkpoints(iterations, plot=bool(args.plot))),
        sufficient_statistics=not args.per_sample,
    )  # fmt: skip
    a = analyse(
        setup.train, setup.test, result.w, result.b, learning_rate=rate,
        convention=convention, reported_convention=reported,
    )  # fmt: skip
    history = [
        c for c in result.history if c.iteration % every == 0 or c.iteration == result.iterations
    ]
    floor = exact_loss(moments(xs, ys), a.ls_w, a.ls_b, convention)
    if args.plot:
        predicted = result.iterations + a.more_iterations if a.more_iterations else None
        pictures.write(args.plot, pictures.tutorial_figure(
            "linreg · %s (seed %d)" % (p.title, args.seed),
            "%s; α = %g, %d iterations" % (p.data_description, rate, iterations),
            setup, result.history, every, (a.ls_w, a.ls_b), floor, convention, predicted,
        ))  # fmt: skip
    if args.json:
        payload: Dict[str, Any] = {
            "preset": p.name, "seed": args.seed, "data": p.data_description,
            "points": len(xs), "convention": convention, "reported_loss": reported,
            "learning_rate": rate, "start": {"w": setup.w0, "b": setup.b0},
            "w": a.w, "b": a.b, "loss": a.loss, "iterations": result.iterations,
            "converged": result.converged, "history": history_json(history),
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
    if history and history[-1].iteration == result.iterations and len(history) > 1:
        shown, final = history[:-1], history[-1]
    else:
        shown, final = history, None
    out.extend(progress_table(shown, loss_label=convention))
    if final is not None:
        out.append(progress_table([final], loss_label=convention)[1] + "   (final)")
    spark = pictures.loss_line(result.history, floor)
    if spark:
        out.extend(["", spark])
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
    emit("\n".join(out))


def run_replay(args: argparse.Namespace) -> None:
    """--numpy-data: the tutorial's own printout, recomputed, then linreg's analysis."""
    changed = [
        flag
        for flag, value in (
            ("--learning-rate", args.learning_rate),
            ("--iterations", args.iterations),
            ("--tolerance", args.tolerance),
            ("--convention", args.convention),
            ("--per-sample", args.per_sample or None),
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
    fine = pictures.checkpoints(p.iterations, plot=True) if args.plot else frozenset()
    run = replay(p.name, seed=args.seed, checkpoints=fine)
    a = analyse(
        run.setup.train, run.setup.test, run.w, run.b, learning_rate=run.learning_rate,
        convention=run.convention, reported_convention=p.reported_convention,
    )  # fmt: skip
    if args.plot:
        train_set = run.setup.train
        floor = exact_loss(moments(train_set.xs, train_set.ys), a.ls_w, a.ls_b, run.convention)
        predicted = run.iterations + a.more_iterations if a.more_iterations else None
        pictures.write(args.plot, pictures.tutorial_figure(
            "linreg · %s, replayed as it ran in NumPy" % p.title,
            "np.random.seed(%d); %s; α = %g, %d iterations"
            % (run.seed, p.data_description, run.learning_rate, run.iterations),
            run.setup, run.history, max(1, run.iterations // 10), (a.ls_w, a.ls_b), floor,
            run.convention, predicted,
        ))  # fmt: skip
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
    emit("\n".join(out))


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 bad usage)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:
        # Started with standard output closed (`>&-`): Python then drops whatever is
        # printed, and a run would end with status 0 and no answer.
        _say("cannot write the report: standard output is closed")
        return 1
    _degrade_unencodable()
    try:
        try:
            status = _dispatch(arguments)
        except SystemExit:
            flush()  # argparse's --help, or its usage message: written, or a ReportError
            raise
        flush()
        return status
    except UsageError as error:
        _say(str(error))
        return 2
    except ReportError as error:
        _say(str(error))
        _quiet_stdout()
        return 1
    except LinregError as error:
        _say(str(error))
        return 1
    except KeyboardInterrupt:
        print("%s: interrupted" % PROGRAM, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) left early; that is not an error of ours.  What is
        # still buffered would fail again as Python flushes at exit, and turn the status
        # into 120: it goes to the null device instead.
        _quiet_stdout()
        sys.stderr.close()
        return 0
    except OSError as error:
        # Not expected (files are read and written behind their own checks), but still
        # one line, not a traceback.
        where = ": %s" % error.filename if error.filename else ""
        _say("%s%s" % (error.strerror or error, where))
        return 1


def _dispatch(arguments: List[str]) -> int:
    if arguments[:1] == ["fit"]:
        from .fitting import fit_parser, run_fit

        run_fit(fit_parser().parse_args(arguments[1:]))
    elif arguments[:1] in (["check"], ["vectors"]):
        from . import oracle  # the oracle's command line, loaded only when asked for

        run = oracle.run_check if arguments[0] == "check" else oracle.run_vectors
        return run(arguments[1:])
    else:
        run_preset(_run_parser().parse_args(arguments))
    return 0


def _say(message: str) -> None:
    """The one line on standard error: escaped, so that nothing in it (a file name with a
    newline or a terminal escape) can make it two lines or drive the terminal."""
    if sys.stderr is None:
        return  # standard error is closed too: there is no one to tell
    try:
        print("%s: error: %s" % (PROGRAM, printable(message)), file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        pass  # standard error cannot be written either: the exit status is all there is


def _degrade_unencodable() -> None:
    """Write what the output's encoding cannot hold (², λ, ŷ and the loss line's blocks, on
    PYTHONIOENCODING=ascii or a Latin-1 terminal) as backslash escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # io.TextIOWrapper; not io.StringIO
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):
                pass  # a stream that cannot change keeps its own error handler


def _quiet_stdout() -> None:
    # Standard output failed and that has been said; what is still buffered would fail
    # again at exit, where Python prints a traceback.  Send it to the null device instead.
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass
