"""Calling a candidate: whatever it does becomes a finding about it, never an error of ours.

A candidate may raise anything, call ``sys.exit``, return an object of any type or size,
or answer differently when asked the same thing twice.  :class:`Runner` calls it, reads
its answer as finite floats, and turns each of those into a :class:`Fault` that says what
it did, so a check can report it.  Only the exceptions that are not ``Exception`` and
are not ``SystemExit`` pass through: KeyboardInterrupt (Ctrl-C must stop a check),
GeneratorExit, and a test framework's own outcomes (pytest.skip inside a candidate still
skips the test).

A runner remembers what the candidate answered for each input it was given: asked again
(Hypothesis replays a failing input while it shrinks it; a diagnosis reruns it), a
different answer is a fault of its own, "different answers for the same input", with both
answers, rather than a flaky search or a diagnosis built on an answer that never recurs.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, Union

from .. import _checks
from ..careful.exact import Ratio
from ..errors import LinregError

# What a fault is, for the report and the diagnosis.
RAISED = "raised"  # the call raised (or called sys.exit)
RETURNED = "returned"  # the answer is not its kind's finite numbers
INCONSISTENT = "different answers"  # the same input, two different outcomes
STOPPED = "stopped"  # it can answer no more (a live program exited or hung): stop the search
#: Longest message of a candidate's exception quoted in a report.
MESSAGE = 120


class Fault(Exception):
    """The candidate did not give its kind's numbers: ``what`` says what it did instead.

    A candidate that wraps a program (:class:`linreg.oracle.live.LiveCandidate`) raises it
    itself: RETURNED for an answer that is not numbers, STOPPED when the program exited or
    hung, after which the check stops searching and reports it at once (every further call
    would fail the same way, and a hung program would make each wait its full time limit).

    ``kind`` is RAISED, RETURNED, INCONSISTENT or STOPPED; ``same_as`` is what must match
    for two faults on one input to count as the same outcome (an object's repr may differ
    from call to call, its exception type may not).
    """

    def __init__(self, what: str, kind: str, same_as: str = "") -> None:
        super().__init__(what)
        self.what = what
        self.kind = kind
        self.same_as = same_as or kind

    @property
    def fatal(self) -> bool:
        """Whether no further call can succeed, so the search must stop at once."""
        return self.kind == STOPPED


#: What a read answer is: its numbers, or the fault that reading (or calling) found.
Outcome = Union[Tuple[float, ...], Fault]


class Runner:
    """Calls one candidate, reads its answers, and remembers them per input."""

    def __init__(self, candidate: Callable[..., Any]) -> None:
        self.candidate = candidate
        self.seen: Dict[str, Outcome] = {}
        self.stopped: Optional[Fault] = None

    def answer(self, read: Callable[[Any], Sequence[float]], *args: Any) -> Tuple[float, ...]:
        """candidate(*args) read by ``read`` into floats; Fault for anything else it does.

        ``read`` turns the returned value into numbers, raising Fault (or any exception,
        which is reported as the answer not being readable).  The arguments are copied, so
        a candidate that changes its lists cannot change the input it is judged on.
        """
        if self.stopped is not None:
            raise self.stopped
        outcome = self._outcome(read, args)
        if isinstance(outcome, Fault) and outcome.fatal:
            self.stopped = outcome
            raise outcome
        key = repr(args)  # floats' reprs are exact, so equal keys are equal inputs
        earlier = self.seen.setdefault(key, outcome)
        if not _same(earlier, outcome):
            raise Fault(
                "gave different answers for the same input: %s the first time, %s the next"
                % (_told(earlier), _told(outcome)),
                INCONSISTENT,
            )
        if isinstance(outcome, Fault):
            raise outcome
        return outcome

    def _outcome(self, read: Callable[[Any], Sequence[float]], args: Sequence[Any]) -> Outcome:
        copied = [_copy(a) for a in args]
        try:
            value = self.candidate(*copied)
        except Fault as fault:  # a wrapper's own finding: a live program's answer or its end
            return fault
        except SystemExit as leaving:  # sys.exit() in a candidate ends its answer, not the check
            code = _checks.shown(leaving.code)
            return Fault("called sys.exit(%s)" % code, RAISED, "SystemExit")
        except Exception as error:  # anything a candidate raises is a finding about it
            name = type(error).__name__
            return Fault("raised %s: %s" % (name, _message(error)), RAISED, name)
        try:
            return tuple(read(value))
        except Fault as fault:
            return fault
        except Exception as error:  # its object's own methods failed while being read
            return Fault(
                "returned %s, which could not be read: %s: %s"
                % (_checks.shown(value), type(error).__name__, _message(error)),
                RETURNED,
            )


def first_items(value: Any, most: int) -> List[Any]:
    """At most ``most`` + 1 items of an iterable (an endless one is not read to its end)."""
    return list(itertools.islice(iter(value), most + 1))


def finite(item: Any) -> float:
    """A returned number as a finite float; Fault (RETURNED) for anything else."""
    try:
        number = _checks.number(item, "an answer")
    except LinregError:
        raise Fault("returned %s, not a finite number" % _checks.shown(item), RETURNED) from None
    if isinstance(number, float):
        return number
    try:
        return float(number)  # an int or a Fraction: beyond the float range cannot be
    except OverflowError:
        num, den = number.as_integer_ratio()
        raise Fault(
            "returned %s, about 10^%d: beyond the float range"
            % (_checks.shown(number), Ratio(num, den).log10()),
            RETURNED,
        ) from None


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [list(v) if isinstance(v, list) else v for v in value]
    return value


def _message(error: BaseException) -> str:
    try:
        text = str(error)
    except Exception as failing:  # its own __str__ fails: say so rather than fail here
        return "(its message cannot be shown: str() raised %s)" % type(failing).__name__
    return text if len(text) <= MESSAGE else text[: MESSAGE - 10] + "…"


def _same(one: Outcome, other: Outcome) -> bool:
    if isinstance(one, Fault) or isinstance(other, Fault):
        return isinstance(one, Fault) and isinstance(other, Fault) and one.same_as == other.same_as
    return [v.hex() for v in one] == [v.hex() for v in other]


def _told(outcome: Outcome) -> str:
    if isinstance(outcome, Fault):
        return "it %s" % outcome.what
    return "(%s)" % ", ".join("%.17g" % v for v in outcome)
