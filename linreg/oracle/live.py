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

import selectors
import subprocess
from typing import Any, List, Optional, Sequence, Union

from .check import CandidateError

#: How long one answer may take before the program counts as hung.
ANSWER_SECONDS = 30.0


class LiveCandidate:
    """A callable candidate that forwards each call to a running program."""

    def __init__(
        self, command: Union[str, Sequence[str]], kind: str, convention: str = "half_mse"
    ) -> None:
        # A string is split at whitespace (python3-minimal has no shlex); pass a list for
        # arguments that contain spaces.
        self.argv = command.split() if isinstance(command, str) else list(command)
        self.kind, self.convention = kind, convention
        self.process: Optional[subprocess.Popen[str]] = None

    def start(self) -> None:
        try:
            self.process = subprocess.Popen(
                self.argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
            )
        except OSError as error:
            raise CandidateError(
                "cannot start the program %s: %s" % (" ".join(self.argv), error.strerror or error)
            ) from None

    def close(self) -> None:
        if self.process is not None:
            if self.process.stdin:
                self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def __enter__(self) -> LiveCandidate:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(
        self, xs: List[float], ys: List[float], w: float, b: float, *rest: Any
    ) -> List[float]:
        if self.process is None:
            self.start()
        assert self.process is not None and self.process.stdin and self.process.stdout
        learning_rate = rest[0] if rest else 0.0
        iterations = rest[1] if len(rest) > 1 else 0
        try:
            self.process.stdin.write(
                case_line(self.kind, self.convention, xs, ys, w, b, learning_rate, iterations)
            )
            self.process.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError("the program has exited") from None
        with selectors.DefaultSelector() as waiting:
            waiting.register(self.process.stdout, selectors.EVENT_READ)
            if not waiting.select(ANSWER_SECONDS):
                raise RuntimeError("the program gave no answer in %g s" % ANSWER_SECONDS)
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the program ended without answering")
        return parse_answer(line)


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
