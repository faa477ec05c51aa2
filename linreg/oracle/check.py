"""Check a candidate implementation against the exact reference, and say why it is wrong.

For each input the oracle chooses, the candidate's answer must lie within the rounding
bound of the exact answer on the same floats (:mod:`linreg.careful.rounding`; derived in
docs/oracle.md).  For ``fit`` the candidate is run for 0, 1, …, k iterations, and each
step is checked against the exact step from the candidate's *own* previous point, so the
reference never needs an exact trajectory with ever-growing denominators; the first step
that departs is the one reported.  Inputs come from Hypothesis when it is installed (and a
failing one is shrunk to a minimal one) and from a built-in battery otherwise.
"""

from __future__ import annotations

import inspect
import math
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple, Union

from .. import _checks
from ..careful.exact import Ratio
from ..careful.rounding import PRECISIONS, gradient_bound, loss_bound, step_bound
from ..errors import LinregError, ParameterError
from .calling import INCONSISTENT, RAISED, RETURNED, STOPPED, Fault, Runner, finite, first_items
from .diagnosis import Diagnosis, diagnose
from .inputs import battery, diagnostic_cases, size
from .reference import Case, Rules, correct, gradient_at, loss, step_from

KINDS = ("loss", "gradient", "step", "fit")
#: What each kind's answer holds, in order.
OUTPUTS = {"loss": ("L",), "gradient": ("∂L/∂W", "∂L/∂b"), "step": ("W", "b"), "fit": ("W", "b")}
ARGUMENTS = {
    "loss": "(xs, ys, w, b)",
    "gradient": "(xs, ys, w, b)",
    "step": "(xs, ys, w, b, learning_rate)",
    "fit": "(xs, ys, w, b, learning_rate, iterations)",
}


class CandidateError(ParameterError):
    """The candidate cannot be called as its kind requires (not an error of its math)."""


#: Failure.fault of an answer whose point is so far out that no exact step from it fits in
#: a float (fit): the check cannot go on from there.
OUT_OF_RANGE = "out of range"


class Failure(NamedTuple):
    """The smallest input found on which the candidate is wrong, and how wrong."""

    case: Case
    problem: str  # "outside the bound", or what it raised or returned instead of numbers
    expected: Tuple[Ratio, ...]
    actual: Tuple[float, ...]
    bounds: Tuple[float, ...]
    step: Optional[int]  # fit: the first iteration whose step departs
    # What it did instead of answering within the bound (linreg.oracle.calling's names).
    fault: str = ""  # "", raised, returned, different answers, stopped, or out of range


class Report(NamedTuple):
    """The outcome of a check: passed or not, and on failure what, where and why."""

    passed: bool
    kind: str
    convention: str
    precision: str
    checked: int  # inputs the candidate was run on
    search: str  # "Hypothesis" or "the built-in battery"
    failure: Optional[Failure]
    diagnosis: Optional[Diagnosis]

    def __str__(self) -> str:
        from .report import describe

        return describe(self)


# -- the expected answer of one input -------------------------------------------------------


def expected(
    kind: str, case: Case, rules: Rules, precision: str, answer: Tuple[float, ...] = ()
) -> Tuple[Tuple[Ratio, ...], Tuple[float, ...]]:
    """The exact answer under ``rules`` and the bound on each of its numbers.

    For fit, ``answer`` is the candidate's trajectory (W₀, b₀, W₁, b₁, …): point k is
    expected to be one step from the candidate's own point k − 1.
    """
    p = PRECISIONS[precision]
    xs, ys, w, b = case.xs, case.ys, case.w, case.b
    d = float(rules.divisor(len(xs)))
    if kind == "loss":
        return (loss(case, rules),), (loss_bound(xs, ys, w, b, d, p),)
    if kind == "gradient":
        exact = gradient_at(xs, ys, Ratio.of(w), Ratio.of(b), rules)
        bw, bb = gradient_bound(xs, ys, w, b, d, p)
        return exact, (max(bw, bb),) * 2 if rules != correct_like(rules) else (bw, bb)
    if kind == "step":
        return _step(case, w, b, rules, p, d)
    return _trajectory(case, rules, p, d, answer)


def correct_like(rules: Rules) -> Rules:
    """The rules without mistakes, with the same divisor (for choosing exact bounds)."""
    return Rules(rules.divisor)


def _step(
    case: Case, w: float, b: float, rules: Rules, p: Any, d: float
) -> Tuple[Tuple[Ratio, ...], Tuple[float, ...]]:
    alpha = Ratio.of(case.learning_rate)
    exact = step_from(case.xs, case.ys, Ratio.of(w), Ratio.of(b), alpha, rules)
    # A mistake that moves a parameter by its whole partial derivative rounds as α = 1 would.
    moved_by = case.learning_rate if rules.rate_on_w and rules.rate_on_b else 1.0
    bw, bb = step_bound(case.xs, case.ys, w, b, max(case.learning_rate, moved_by), d, p)
    if rules != correct_like(rules):  # a mistake's answer: allow either bound on either part
        bw = bb = max(bw, bb)
    return exact, (bw, bb)


def _trajectory(
    case: Case, rules: Rules, p: Any, d: float, answer: Tuple[float, ...]
) -> Tuple[Tuple[Ratio, ...], Tuple[float, ...]]:
    start = (Ratio.of(case.w), Ratio.of(case.b))
    # Point 0 is the start (a float32 candidate may round it), or one step on for a
    # candidate that takes one iteration too many.
    if rules.extra_steps > 0:
        first, bounds = _step(case, case.w, case.b, rules, p, d)
    else:
        first = start
        bounds = (p.unit_roundoff * abs(case.w), p.unit_roundoff * abs(case.b))
    exact: List[Ratio] = list(first)
    limits: List[float] = list(bounds)
    # Cut short where a step from the candidate's own point cannot be computed: the
    # points after it have no expected value (judge() reports that as a failure).
    points = [(answer[i], answer[i + 1]) for i in range(0, len(answer) - 1, 2)]
    for k in range(1, len(points)):
        if rules.extra_steps < 0 and k == 1:  # one iteration too few: no step yet
            exact += list(start)
            limits += list(bounds)
            continue
        w, b = points[k - 1]
        try:
            got, step_limits = _step(case, w, b, rules, p, d)
        except (LinregError, ArithmeticError):
            break  # its point k − 1 is so far out that a step from it leaves the float range
        if not all(math.isfinite(v) for v in step_limits):
            break
        exact += list(got)
        limits += list(step_limits)
    return tuple(exact), tuple(limits)


# -- running the candidate ------------------------------------------------------------------


def answer_of(
    kind: str, candidate: Union[Runner, Callable[..., Any]], case: Case
) -> Tuple[float, ...]:
    """The candidate's answer as finite floats (NumPy scalars converted exactly).

    For fit, its points after 0, 1, …, ``case.iterations`` iterations, flattened.
    Raises Fault (:mod:`linreg.oracle.calling`) for anything else it does: raising,
    returning something other than its kind's numbers, answering an input differently
    than before (through the same Runner), or stopping (a live program).
    """
    runner = candidate if isinstance(candidate, Runner) else Runner(candidate)

    def read(value: Any) -> List[float]:
        return _numbers(kind, value)

    if kind == "fit":
        points: List[float] = []
        for k in range(case.iterations + 1):
            points += runner.answer(read, case.xs, case.ys, case.w, case.b, case.learning_rate, k)
        return tuple(points)
    args: List[Any] = [case.xs, case.ys, case.w, case.b]
    if kind == "step":
        args.append(case.learning_rate)
    return runner.answer(read, *args)


def _numbers(kind: str, value: Any) -> List[float]:
    want = len(OUTPUTS[kind])
    single = want == 1 and not isinstance(value, (list, tuple))
    try:
        listed = [value] if single else first_items(value, want)
    except TypeError:  # not iterable
        listed = []
    if len(listed) != want:
        raise Fault(
            "returned %s, not %s" % (_checks.shown(value), " and ".join(OUTPUTS[kind])), RETURNED
        )
    return [finite(item) for item in listed]


def judge(
    kind: str,
    candidate: Union[Runner, Callable[..., Any]],
    case: Case,
    convention: str,
    precision: str,
) -> Optional[Failure]:
    """None if the candidate is right on this input; else what went wrong."""
    rules = correct(convention)
    try:
        answer = answer_of(kind, candidate, case)
    except Fault as fault:
        return Failure(case, fault.what, (), (), (), None, fault.kind)
    exact, bounds = expected(kind, case, rules, precision, answer)
    for i, (got, want, bound) in enumerate(zip(answer, exact, bounds)):
        # A bound that overflowed checks nothing: it fails rather than passes.
        if not math.isfinite(bound) or abs(Ratio.of(got) - want) > Ratio.of(bound):
            if kind != "fit":
                return Failure(case, "outside the bound", exact, answer, bounds, None)
            k = i // 2  # the first departing iteration, and its two numbers
            pair = slice(2 * k, 2 * k + 2)
            return Failure(case, "outside the bound", exact[pair], answer[pair], bounds[pair], k)
    if len(exact) < len(answer):  # fit: a step from its own point leaves the float range
        k = len(exact) // 2 - 1
        return Failure(
            case,
            "reached (W, b) = (%.17g, %.17g) after %d iterations, so far out that one exact"
            " step from there leaves the float range" % (answer[2 * k], answer[2 * k + 1], k),
            (), (), (), k + 1, OUT_OF_RANGE,
        )  # fmt: skip
    return None


# -- the search -----------------------------------------------------------------------------


def check(
    kind: str,
    candidate: Callable[..., Any],
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
    use_hypothesis: Optional[bool] = None,
) -> Report:
    """Run the candidate on the oracle's inputs; a Report, passed or with the smallest failure.

    Whatever the candidate does fails the check, and the report says what it did: raising
    (sys.exit included), returning something other than its kind's finite numbers,
    answering the same input differently twice, or, for a live program, exiting or
    hanging.  Ctrl-C (KeyboardInterrupt) stops the check.  Raises, for the check's own
    arguments only: ParameterError for an unknown kind, convention or precision, examples not an
    integer ≥ 1, seed not an integer ≥ 0 (the same seed searches the same inputs), or
    use_hypothesis not True, False or None (True without Hypothesis installed too);
    CandidateError (a ParameterError) for a candidate that is not a function taking the
    kind's arguments.
    """
    if kind not in KINDS:
        raise ParameterError("kind must be one of %s, not %s" % (", ".join(KINDS), _shown(kind)))
    convention = _checks.convention(convention)
    if precision not in PRECISIONS:
        raise ParameterError("precision must be 'float64' or 'float32', not %s" % _shown(precision))
    examples = _checks.count(examples, "examples", minimum=1)
    seed = _checks.count(seed, "seed")
    if use_hypothesis is not None and type(use_hypothesis) is not bool:
        raise ParameterError(
            "use_hypothesis must be True, False or None (use it if installed), not %s"
            % _checks.shown(use_hypothesis)
        )
    _callable_as(kind, candidate)
    hypothesis = _hypothesis() if use_hypothesis is not False else None
    if use_hypothesis and hypothesis is None:
        raise ParameterError("use_hypothesis=True, but Hypothesis is not installed")
    runner = Runner(candidate)
    fixed = diagnostic_cases(kind, convention, precision)
    failures: List[Failure] = []
    checked = 0
    for case in fixed:
        checked += 1
        failure = judge(kind, runner, case, convention, precision)
        if failure is not None:
            failures.append(failure)
            if failure.fault == STOPPED:
                break
    search = "the built-in battery" if hypothesis is None else "Hypothesis"
    if runner.stopped is None and hypothesis is not None:
        found, tried = _search_with_hypothesis(kind, runner, convention, precision, examples, seed)
        failures += found
        checked += tried
    elif runner.stopped is None:
        for case in battery(kind, convention, precision, examples, seed)[len(fixed) :]:
            checked += 1
            failure = judge(kind, runner, case, convention, precision)
            if failure is not None:
                failures.append(failure)
                break
    if not failures:
        return Report(True, kind, convention, precision, checked, search, None, None)
    # A program that stopped answering is reported as such, whatever else was found.
    stopped = [f for f in failures if f.fault == STOPPED]
    smallest = stopped[0] if stopped else min(failures, key=lambda f: size(f.case))
    diagnosis = _diagnosis(kind, runner, convention, precision, smallest, fixed)
    return Report(False, kind, convention, precision, checked, search, smallest, diagnosis)


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else _checks.shown(value)


def _diagnosis(
    kind: str,
    runner: Runner,
    convention: str,
    precision: str,
    failure: Failure,
    fixed: Sequence[Case],
) -> Diagnosis:
    if failure.fault in (INCONSISTENT, STOPPED, OUT_OF_RANGE):
        return _fault_diagnosis(kind, failure)
    crashed = failure.fault in (RAISED, RETURNED)
    observed = []
    for case in ([] if crashed else [failure.case]) + list(fixed):
        try:
            # The failing input again: the same Runner says if the answer is not the same.
            observed.append((case, answer_of(kind, runner, case)))
        except Fault as fault:
            if fault.kind == INCONSISTENT:
                return _fault_diagnosis(
                    kind, failure._replace(problem=fault.what, fault=fault.kind)
                )
            if fault.fatal:
                break
            continue

    def expect(
        case: Case, rules: Rules, digits: str, answer: Tuple[float, ...]
    ) -> Tuple[Tuple[Ratio, ...], Tuple[float, ...]]:
        return expected(kind, case, rules, digits, answer)

    found = diagnose(kind, convention, precision, observed, expect)
    if not crashed:
        return found
    crash = _fault_diagnosis(kind, failure)
    if found.name in ("unknown", "numerics", "precision") or not observed:
        return crash
    # It crashes on the smallest input, and on ordinary ones its answers show a mistake,
    # which is named (a mean over N − 1 crashes at N = 1): the text says both.
    return found._replace(
        text="%s On the other inputs its answers match a known mistake: %s"
        % (crash.text, found.text[found.text.index(":") + 2 :]),
        fix="%s; and %s" % (crash.fix, found.fix),
    )


def _fault_diagnosis(kind: str, failure: Failure) -> Diagnosis:
    """The diagnosis of a candidate that did something other than answer wrongly."""
    where = _input_text(kind, failure.case)
    if failure.fault == INCONSISTENT:
        return Diagnosis(
            "inconsistent",
            "On the input %s, the candidate %s: no answer of it can be trusted."
            % (where, failure.problem),
            "give the same answer for the same input every time: look for state kept between"
            " calls, an uninitialised buffer, random numbers, or threads that race",
        )
    if failure.fault == STOPPED:
        return Diagnosis(
            "stopped",
            "The program stopped answering: it %s.  It was given %s; the search stopped"
            " there, since no further input could be answered." % (failure.problem, where),
            "answer every line on stdin with one line on stdout, flushed, and exit only when"
            " stdin ends",
        )
    if failure.fault == OUT_OF_RANGE:
        return Diagnosis(
            "out of range",
            "The candidate %s; a descent at this stable learning rate from this start never"
            " goes there (%s)." % (failure.problem, where),
            "check the update: W ← W − α·∂L/∂W and b ← b − α·∂L/∂b, both from the old point",
        )
    return Diagnosis(
        "crash",
        "On the input %s, the candidate %s: its answer cannot be compared with the"
        " reference." % (where, failure.problem),
        "return %s as finite numbers for every valid input" % " and ".join(OUTPUTS[kind]),
    )


def _input_text(kind: str, case: Case) -> str:
    def values(vs: Sequence[float]) -> str:
        text = ", ".join("%.17g" % v for v in vs[:6])
        return "[%s%s]" % (text, ", … (%d in all)" % len(vs) if len(vs) > 6 else "")

    text = "xs = %s, ys = %s, W = %.17g, b = %.17g" % (
        values(case.xs), values(case.ys), case.w, case.b
    )  # fmt: skip
    if kind in ("step", "fit"):
        text += ", learning_rate = %.17g" % case.learning_rate
    if kind == "fit":
        text += ", iterations = %d" % case.iterations
    return text


class _Found(Exception):
    """A failing input: Hypothesis shrinks it."""


class _Stop(BaseException):
    """The candidate can answer no more: Hypothesis lets a BaseException through at once,
    without shrinking (a hung live program would make each shrinking step wait)."""


def _search_with_hypothesis(
    kind: str,
    runner: Runner,
    convention: str,
    precision: str,
    examples: int,
    seed: int,
) -> Tuple[List[Failure], int]:
    try:
        from hypothesis import HealthCheck, given, settings
        from hypothesis import seed as hypothesis_seed
        from hypothesis.errors import Flaky

        from .strategies import cases
    except ImportError:  # check() asked _hypothesis() first; this keeps imports honest
        return [], 0

    found: List[Failure] = []
    tried = [0]

    @hypothesis_seed(seed)
    @settings(
        max_examples=examples, deadline=None, database=None,
        suppress_health_check=list(HealthCheck), print_blob=False,
    )  # fmt: skip
    @given(cases(kind, convention=convention, precision=precision))
    def probe(case: Case) -> None:
        tried[0] += 1
        failure = judge(kind, runner, case, convention, precision)
        if failure is not None:
            found.append(failure)
            raise _Stop() if failure.fault == STOPPED else _Found()

    try:
        probe()
    except (_Found, _Stop):
        pass
    except Flaky:
        # Hypothesis could not make a failure recur: the candidate answered differently.
        # The Runner's memory normally says so first; this is the fallback.
        return [_flaky(kind, runner, found, convention, precision)], tried[0]
    return found[-1:], tried[0]  # Hypothesis replays its shrunk example last


def _flaky(
    kind: str, runner: Runner, found: List[Failure], convention: str, precision: str
) -> Failure:
    for failure in found:
        again = judge(kind, runner, failure.case, convention, precision)
        if again is not None and again.fault == INCONSISTENT:
            return again
    if not found:  # a flaky search with no failure recorded: still a failure, never a pass
        return Failure(Case([], [], 0.0, 0.0), "made Hypothesis report a flaky test", (), (),
                       (), None, INCONSISTENT)  # fmt: skip
    first = found[0]
    return first._replace(
        problem="gave different answers for the same input: it failed there once (%s), and"
        " not when asked again" % first.problem,
        fault=INCONSISTENT,
    )


def _hypothesis() -> Optional[Any]:
    try:
        import hypothesis
    except ImportError:
        return None
    return hypothesis


def _callable_as(kind: str, candidate: object) -> None:
    """CandidateError unless candidate can be called with its kind's arguments."""
    if not callable(candidate):
        raise CandidateError("the candidate must be a function, not %s" % _checks.shown(candidate))
    count = len(ARGUMENTS[kind].split(","))
    try:
        inspect.signature(candidate).bind(*range(count))
    except TypeError as error:
        raise CandidateError(
            "the candidate cannot be called as a %s candidate%s: %s"
            % (kind, ARGUMENTS[kind], error)
        ) from None
    except ValueError:
        pass  # no signature to inspect (a builtin): let the first call tell
