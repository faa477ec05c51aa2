"""``python -m linreg check`` and ``python -m linreg vectors``: the oracle on the command line.

    python -m linreg check MODULE:FUNCTION --kind loss|gradient|step|fit
                           [--convention half_mse|mse|sse] [--precision float64|float32]
    python -m linreg check --live "PROGRAM ARGS" --kind ...   a candidate in any language
    python -m linreg vectors DIR                               write the test vectors

check exits 0 when the candidate passes, 1 when it fails (after printing the report), and
2 on a usage error or a candidate that cannot be imported, started or called (one line).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any, Callable, List

from .. import _checks
from ..core.model import CONVENTIONS
from ..errors import LinregError, ParameterError

PROGRAM = "python -m linreg"


class UsageError(Exception):
    """A problem with what was asked for: exit status 2, one line."""


def _check_parser() -> argparse.ArgumentParser:
    from ..oracle.live import ANSWER_SECONDS  # the oracle loads only when asked for

    parser = argparse.ArgumentParser(
        prog=PROGRAM + " check",
        description=(
            "Check your own implementation against linreg's exact reference: run it on inputs"
            " linreg chooses, allow the rounding error its precision permits, and report the"
            " smallest failing input with a diagnosis."
        ),
    )
    parser.add_argument(
        "candidate", nargs="?", metavar="MODULE:FUNCTION",
        help="the function to check, imported from the current directory or PYTHONPATH",
    )  # fmt: skip
    parser.add_argument(
        "--live", metavar="PROGRAM",
        help="a program in any language that answers one JSON case per line (docs/oracle.md)",
    )  # fmt: skip
    parser.add_argument("--kind", required=True, choices=["loss", "gradient", "step", "fit"])
    parser.add_argument("--convention", default="half_mse", choices=CONVENTIONS)
    parser.add_argument("--precision", default="float64", choices=["float64", "float32"])
    parser.add_argument("--examples", type=int, default=200, help="inputs to search (default 200)")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the search, an integer ≥ 0 (default 0)"
    )
    parser.add_argument(
        "--timeout", type=float, default=ANSWER_SECONDS, metavar="SECONDS",
        help="--live: how long the program may take to answer one input (default %g s);"
        " a program that takes longer fails the check at once" % ANSWER_SECONDS,
    )  # fmt: skip
    return parser


def load(spec: str) -> Callable[..., Any]:
    """MODULE:FUNCTION, imported; UsageError (one line) if it cannot be."""
    module_name, _, function_name = spec.partition(":")
    if not module_name or not function_name:
        raise UsageError("name the candidate as MODULE:FUNCTION, not %r" % spec)
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except SystemExit as leaving:  # sys.exit() while importing must not end the check
        raise UsageError(
            "cannot import %s: importing it called sys.exit(%s)"
            % (module_name, _checks.shown(leaving.code))
        ) from None
    except Exception as error:  # whatever importing the user's module raises
        raise UsageError(
            "cannot import %s: %s: %s" % (module_name, type(error).__name__, _said(error))
        ) from None
    function = getattr(module, function_name, None)
    if function is None:
        raise UsageError("%s has no %r" % (module_name, function_name))
    if not callable(function):
        raise UsageError("%s.%s is not a function" % (module_name, function_name))
    return function  # type: ignore[no-any-return]


def _said(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # its own __str__ fails: the one line must still be written
        return "(its message cannot be shown)"


def run_check(arguments: List[str]) -> int:
    args = _check_parser().parse_args(arguments)
    from ..oracle.check import check
    from ..oracle.live import LiveCandidate

    if (args.candidate is None) == (args.live is None):
        raise UsageError("give either MODULE:FUNCTION or --live PROGRAM")
    # The check's own arguments are usage errors (2), told before anything runs; only the
    # candidate's behaviour may make the status 1.
    if args.examples < 1:
        raise UsageError("--examples must be at least 1, not %d" % args.examples)
    if args.seed < 0:
        raise UsageError("--seed must be an integer ≥ 0, not %d" % args.seed)
    if not args.timeout > 0 or args.timeout == float("inf"):
        raise UsageError("--timeout must be a positive number of seconds, not %s" % args.timeout)
    if args.live is not None and not args.live.split():
        raise UsageError("--live needs the command that runs the program, not %r" % args.live)
    options = dict(
        convention=args.convention, precision=args.precision,
        examples=args.examples, seed=args.seed,
    )  # fmt: skip
    try:
        if args.live is not None:
            live = LiveCandidate(args.live, args.kind, args.convention, args.timeout)
            with live:
                report = check(args.kind, live, **options)
        else:
            report = check(args.kind, load(args.candidate), **options)
    except ParameterError as error:  # the check's arguments, or a candidate it cannot call
        raise UsageError(str(error)) from None
    print(report)
    return 0 if report.passed else 1


def run_vectors(arguments: List[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROGRAM + " vectors",
        description="Write linreg's test vectors (JSON, one file per kind and convention).",
    )
    parser.add_argument("directory", metavar="DIR")
    args = parser.parse_args(arguments)
    from ..oracle.vectors import write_vectors

    if not args.directory.strip():
        raise UsageError("name the directory to write the test vectors to (DIR is empty)")
    if args.directory == "-":
        raise UsageError(
            "vectors writes 12 files into a directory, not to standard output: name the"
            " directory (./- for one called '-')"
        )
    try:
        paths = write_vectors(args.directory)
    except OSError as error:
        raise LinregError(
            "%s: cannot write (%s)" % (error.filename or args.directory, error.strerror or error)
        ) from None
    print("wrote %d files of test vectors to %s" % (len(paths), args.directory))
    return 0
