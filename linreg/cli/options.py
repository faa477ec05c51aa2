"""What the command line's subcommands share: option types, file names in messages, and
writing the report (text or JSON) to standard output."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any, Dict

from ..errors import LinregError

PROGRAM = "python -m linreg"

#: The most steps any descent of the command line runs.  On the data's sufficient
#: statistics a step takes a few tenths of a microsecond, so 10⁹ steps are already minutes
#: of silence; more is a typing slip, not a request.
MAX_STEPS = 10**9
#: The most work a run whose step costs more than one statistics step may do: residuals
#: for --per-sample (points × iterations), multiply-adds for plain descent on several
#: features (iterations × parameters²).  Minutes, as MAX_STEPS is.
MAX_WORK = 10**9


class ReportError(LinregError):
    """Standard output cannot take the report (a full disk, a closed stream)."""


def printable(text: str) -> str:
    """A file name for a one-line message: non-printable characters escaped as repr()
    escapes them (a newline as \\n, ESC as \\x1b, an undecodable byte as \\udcff), so a
    name can neither break the line nor send a terminal control sequence."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose --help fails loudly where standard output cannot take it
    (argparse itself drops the error, and would exit 0 with no help written)."""

    def print_help(self, file: Any = None) -> None:
        if file is None or file is sys.stdout:
            write(self.format_help())
        else:
            super().print_help(file)


def _whole(text: str, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a whole number" % text) from None
    if value < least:
        raise argparse.ArgumentTypeError("%r must be %d or more" % (text, least))
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text) from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError("%r must be a finite number greater than 0" % text)
    return value


def _count(text: str) -> int:
    return _whole(text, 0)


def _positive_count(text: str) -> int:
    return _whole(text, 1)


def _capped(value: int, text: str) -> int:
    if value > MAX_STEPS:
        raise argparse.ArgumentTypeError(
            "%r is more steps than linreg runs: at most %d (at a few million steps a second,"
            " that is already minutes)" % (text, MAX_STEPS)
        )
    return value


def _steps(text: str) -> int:
    """A number of steps: 0 or more, at most MAX_STEPS."""
    return _capped(_whole(text, 0), text)


def _positive_steps(text: str) -> int:
    """A step limit: 1 or more, at most MAX_STEPS."""
    return _capped(_whole(text, 1), text)


def _picture_path(text: str) -> str:
    # An empty name would draw nothing without a word, and "-" would make a file named
    # "-": neither is what was meant.
    if not text:
        raise argparse.ArgumentTypeError("the picture needs a file name, not ''")
    if text == "-":
        raise argparse.ArgumentTypeError(
            "'-' is not a file name here: the picture is not written to standard output;"
            " use a file name such as run.svg"
        )
    return text


def emit(text: str) -> None:
    """Write the report and a newline to standard output, now.

    Flushed here, so that a full disk shows as a ReportError while the command can still
    say so (at exit Python could only print a traceback).  A reader that left early
    (BrokenPipeError, ``| head``) is not an error: that is passed on as it is.
    """
    write(text + "\n")


def write(text: str) -> None:
    """Write text to standard output and flush it: any failure but BrokenPipeError is a
    ReportError."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise ReportError("cannot write the report: %s" % (error.strerror or error)) from None
    flush()


def flush() -> None:
    """Flush standard output; a failure is a ReportError (BrokenPipeError passes on)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise ReportError("cannot write the report: %s" % (error.strerror or error)) from None


def _print_json(payload: Dict[str, Any]) -> None:
    try:
        import json
    except ImportError:
        raise LinregError(
            "--json needs Python's json module, which this Python lacks"
            " (Debian's python3-minimal leaves it out; install python3)"
        ) from None
    # Non-ASCII characters stay as they are only where the output can hold them all; else
    # JSON's own \\u escapes keep it valid JSON (the stream's backslashreplace would not).
    emit(json.dumps(payload, indent=2, ensure_ascii=not _unicode_stdout()))


def _unicode_stdout() -> bool:
    encoding = getattr(sys.stdout, "encoding", None)
    if not encoding:  # an in-memory stream (io.StringIO) holds any text
        return True
    import codecs

    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False
