"""A candidate in any language: a program that answers one JSON case per line.

The oracle starts the program once and, for every input, writes one line to its standard
input and reads one line from its standard output:

    → {"kind": "gradient", "convention": "half_mse", "xs": [1.0, 2.0], "ys": [3.5, 4.0],
       "w": 0.5, "b": -1.0, "learning_rate": 0.0, "iterations": 0}
    ← -2.375 -1.5

Numbers are written as Python's repr, the shortest decimal that reads back as the same
double (C's strtod, Rust's parse::<f64>() and Java's Double.parseDouble do); every key is
always present.  The answer is one or two numbers (L; ∂L/∂W ∂L/∂b; or W b), separated by
spaces or commas, optionally in brackets, written with 17 significant digits ("%.17g")
or as hex floats ("%a").  The program exits when its input ends.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import tempfile
import time
from typing import IO, Any, List, Optional, Sequence, Union

from .calling import RETURNED, STOPPED, Fault
from .check import CandidateError

#: How long one answer may take before the program counts as hung.
ANSWER_SECONDS = 30.0
#: The longest answer line read; a program that writes more without a newline is stopped.
LONGEST_LINE = 1 << 20
#: How much of the program's stderr a report quotes (its end, where the error usually is).
STDERR_SHOWN = 400


class LiveCandidate:
    """A callable candidate that forwards each call to a running program.

    Each answer is read with a deadline (``answer_seconds``): the program's output is read
    with os.read as it comes, so a partial line without its newline cannot block the read.
    A program that exits, closes its output, or does not answer in time raises a Fault
    (:mod:`linreg.oracle.calling`) that stops the check at once, saying what happened and
    quoting the end of the program's stderr; an answer that is not numbers is a Fault too.
    """

    def __init__(
        self,
        command: Union[str, Sequence[str]],
        kind: str,
        convention: str = "half_mse",
        answer_seconds: float = ANSWER_SECONDS,
    ) -> None:
        # A string is split at whitespace (python3-minimal has no shlex); pass a list for
        # arguments that contain spaces.
        self.argv = command.split() if isinstance(command, str) else list(command)
        if not self.argv or not all(isinstance(a, str) and a for a in self.argv):
            raise CandidateError(
                "no program to run: give the command that starts it, not %r" % (command,)
            )
        self.kind, self.convention = kind, convention
        self.answer_seconds = answer_seconds
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.stderr: Optional[IO[bytes]] = None
        self.ended: Optional[Fault] = None  # why it can answer no more
        self._buffer = b""

    def start(self) -> None:
        # stderr goes to a file, not a pipe: a program that writes much of it cannot block
        # on a pipe nobody reads, and its end can be quoted when the program stops.
        self.stderr = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
                bufsize=0,
            )  # fmt: skip
        except (OSError, ValueError) as error:
            self.stderr.close()
            raise CandidateError(
                "cannot start the program %s: %s"
                % (" ".join(self.argv), getattr(error, "strerror", None) or error)
            ) from None

    def close(self, kill: bool = False) -> None:
        """End the program: close its input and wait for it (5 s), or kill it at once."""
        process, self.process = self.process, None
        if process is not None:
            for pipe in (process.stdin, process.stdout):
                try:
                    if pipe is not None:
                        pipe.close()
                except OSError:  # it has exited: nothing left to flush to it
                    pass
            if kill:
                process.kill()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None

    def __enter__(self) -> LiveCandidate:
        self.start()
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self.close(kill=kind is not None)  # Ctrl-C or an error: do not wait for it

    def __call__(
        self, xs: List[float], ys: List[float], w: float, b: float, *rest: Any
    ) -> List[float]:
        if self.ended is not None:
            raise self.ended
        if self.process is None:
            self.start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        learning_rate = rest[0] if rest else 0.0
        iterations = rest[1] if len(rest) > 1 else 0
        line = case_line(self.kind, self.convention, xs, ys, w, b, learning_rate, iterations)
        try:
            data = line.encode("utf-8")
            while data:  # a raw pipe may take part of it
                data = data[self.process.stdin.write(data) or 0 :]
        except OSError:  # BrokenPipeError: it has exited
            raise self._stop("before reading its input") from None
        answer = self._read_line(self.process.stdout.fileno())
        try:
            return parse_answer(answer.decode("utf-8", "replace"))
        except RuntimeError as error:
            raise Fault(str(error), RETURNED) from None

    def _read_line(self, fd: int) -> bytes:
        deadline = time.monotonic() + self.answer_seconds
        with selectors.DefaultSelector() as waiting:
            waiting.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    partial = self._buffer.decode("utf-8", "replace").strip()
                    raise self._stop(
                        "", hung="gave no answer within %g s%s" % (self.answer_seconds, (
                            " (it wrote %r without ending the line)" % partial[:80]
                            if partial else "")),
                    )  # fmt: skip
                if not waiting.select(left):
                    continue
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise self._stop("before answering")
                self._buffer += chunk
                if len(self._buffer) > LONGEST_LINE and b"\n" not in self._buffer:
                    raise self._stop("", hung="wrote more than %d bytes without a newline"
                                     % LONGEST_LINE)  # fmt: skip
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _stop(self, when: str, hung: str = "") -> Fault:
        """The Fault of a program that can answer no more: what it did, and its stderr."""
        process = self.process
        assert process is not None
        if hung:
            process.kill()
            process.wait()
            what = hung
        else:
            try:
                status: Optional[int] = process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                status = None
            what = "%s %s" % (_ending(status), when)
        errors = self._stderr_tail()
        self.close(kill=True)
        self.ended = Fault(what + ("; its stderr ends: %s" % errors if errors else ""), STOPPED)
        return self.ended

    def _stderr_tail(self) -> str:
        if self.stderr is None:
            return ""
        try:
            self.stderr.seek(0, os.SEEK_END)
            size = self.stderr.tell()
            self.stderr.seek(max(0, size - STDERR_SHOWN))
            text = self.stderr.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""
        return ("…" if size > STDERR_SHOWN else "") + " | ".join(text.splitlines())


def _ending(status: Optional[int]) -> str:
    if status is None:
        return "closed its output"
    if status < 0:
        try:
            name = signal.Signals(-status).name
        except ValueError:
            name = "signal %d" % -status
        return "was killed by %s" % name
    return "exited with status %d" % status


def case_line(
    kind: str,
    convention: str,
    xs: Sequence[float],
    ys: Sequence[float],
    w: float,
    b: float,
    learning_rate: float,
    iterations: int,
) -> str:
    """One case as a JSON line, written by hand: python3-minimal has no json module."""

    def numbers(values: Sequence[float]) -> str:
        return "[%s]" % ", ".join(repr(float(v)) for v in values)

    return (
        '{"kind": "%s", "convention": "%s", "xs": %s, "ys": %s, "w": %r, "b": %r,'
        ' "learning_rate": %r, "iterations": %d}\n'
        % (kind, convention, numbers(xs), numbers(ys), float(w), float(b),
           float(learning_rate), iterations)
    )  # fmt: skip


def parse_answer(line: str) -> List[float]:
    """The numbers of an answer line: spaces or commas between them, brackets allowed."""
    text = line.strip().strip("[]").replace(",", " ")
    numbers = []
    for word in text.split():
        try:
            numbers.append(float.fromhex(word) if "0x" in word.lower() else float(word))
        except ValueError:
            raise RuntimeError("it answered %r, not numbers" % line.strip()[:80]) from None
    return numbers
