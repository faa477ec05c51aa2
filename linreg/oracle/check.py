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
from typing import Any, Callable, List, NamedTuple, Optional, Sequence, Tuple

from .. import _checks
from ..careful.exact import Ratio
from ..careful.rounding import PRECISIONS, gradient_bound, loss_bound, step_bound
from ..errors import LinregError, ParameterError
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


class Failure(NamedTuple):
    """The smallest input found on which the candidate is wrong, and how wrong."""

    case: Case
    problem: str  # "outside the bound", or what it raised or returned instead of numbers
    expected: Tuple[Ratio, ...]
    actual: Tuple[float, ...]
    bounds: Tuple[float, ...]
    step: Optional[int]  # fit: the first iteration whose step departs


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
    points = [(answer[i], answer[i + 1]) for i in range(0, len(answer) - 1, 2)]
    for k in range(1, len(points)):
        if rules.extra_steps < 0 and k == 1:  # one iteration too few: no step yet
            exact += list(start)
            limits += list(bounds)
            continue
        w, b = points[k - 1]
        got, step_limits = _step(case, w, b, rules, p, d)
        exact += list(got)
        limits += list(step_limits)
    return tuple(exact), tuple(limits)


# -- running the candidate ------------------------------------------------------------------


def answer_of(kind: str, candidate: Callable[..., Any], case: Case) -> Tuple[float, ...]:
    """The candidate's answer as floats (NumPy scalars converted exactly).

    For fit, its points after 0, 1, …, ``case.iterations`` iterations, flattened.
    Raises _Wrong when it raises, or returns something other than its kind's numbers.
    """
    if kind == "fit":
        points: List[float] = []
        for k in range(case.iterations + 1):
            points += _numbers(
                kind, _call(candidate, case.xs, case.ys, case.w, case.b, case.learning_rate, k)
            )
        return tuple(points)
    args: List[Any] = [case.xs, case.ys, case.w, case.b]
    if kind == "step":
        args.append(case.learning_rate)
    return tuple(_numbers(kind, _call(candidate, *args)))


class _Wrong(Exception):
    """The candidate raised, or returned something that is not its kind's numbers."""


def _call(candidate: Callable[..., Any], *args: Any) -> Any:
    copied = [list(a) if isinstance(a, list) else a for a in args]  # it may change its lists
    try:
        return candidate(*copied)
    except Exception as error:  # anything a candidate raises is a finding about it
        message = str(error)
        message = message if len(message) <= 120 else message[:110] + "…"
        what = "raised %s: %s" % (type(error).__name__, message)
        raise _Wrong(what) from None


def _numbers(kind: str, value: Any) -> List[float]:
    want = len(OUTPUTS[kind])
    items = [value] if want == 1 and not isinstance(value, (list, tuple)) else value
    try:
        listed = list(items)
    except TypeError:
        listed = []
    if len(listed) != want:
        raise _Wrong("returned %s, not %s" % (_checks.shown(value), " and ".join(OUTPUTS[kind])))
    out = []
    for item in listed:
        try:
            number = _checks.number(item, "an answer")
        except LinregError:
            raise _Wrong("returned %s, not a finite number" % _checks.shown(item)) from None
        out.append(float(number) if not isinstance(number, float) else number)
    return out


def judge(
    kind: str, candidate: Callable[..., Any], case: Case, convention: str, precision: str
) -> Optional[Failure]:
    """None if the candidate is right on this input; else what went wrong."""
    rules = correct(convention)
    try:
        answer = answer_of(kind, candidate, case)
    except _Wrong as wrong:
        return Failure(case, str(wrong), (), (), (), None)
    exact, bounds = expected(kind, case, rules, precision, answer)
    for i, (got, want, bound) in enumerate(zip(answer, exact, bounds)):
        if bound != math.inf and abs(Ratio.of(got) - want) > Ratio.of(bound):
            if kind != "fit":
                return Failure(case, "outside the bound", exact, answer, bounds, None)
            k = i // 2  # the first departing iteration, and its two numbers
            pair = slice(2 * k, 2 * k + 2)
            return Failure(case, "outside the bound", exact[pair], answer[pair], bounds[pair], k)
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

    A candidate that raises or returns something other than numbers fails the check (the
    report says what it did); it is not an error of the call.  Raises ParameterError for
    an unknown kind, convention or precision, examples not an integer ≥ 1, or
    use_hypothesis=True without Hypothesis installed; CandidateError (a ParameterError) for
    a candidate that is not a function taking the kind's arguments.
    """
    if kind not in KINDS:
        raise ParameterError("kind must be one of %s, not %r" % (", ".join(KINDS), kind))
    convention = _checks.convention(convention)
    if precision not in PRECISIONS:
        raise ParameterError("precision must be 'float64' or 'float32', not %r" % (precision,))
    examples = _checks.count(examples, "examples", minimum=1)
    _callable_as(kind, candidate)
    fixed = diagnostic_cases(kind, convention, precision)
    failures = [f for f in (judge(kind, candidate, c, convention, precision) for c in fixed) if f]
    checked = len(fixed)
    search = "the built-in battery"
    hypothesis = _hypothesis() if use_hypothesis is not False else None
    if use_hypothesis and hypothesis is None:
        raise ParameterError("use_hypothesis=True, but Hypothesis is not installed")
    if hypothesis is not None:
        search = "Hypothesis"
        found, tried = _search_with_hypothesis(
            kind, candidate, convention, precision, examples, seed
        )
        failures += found
        checked += tried
    else:
        for case in battery(kind, convention, precision, examples, seed)[len(fixed) :]:
            checked += 1
            failure = judge(kind, candidate, case, convention, precision)
            if failure is not None:
                failures.append(failure)
                break
    if not failures:
        return Report(True, kind, convention, precision, checked, search, None, None)
    smallest = min(failures, key=lambda f: size(f.case))
    diagnosis = _diagnosis(kind, candidate, convention, precision, smallest, fixed)
    return Report(False, kind, convention, precision, checked, search, smallest, diagnosis)


def _diagnosis(
    kind: str,
    candidate: Callable[..., Any],
    convention: str,
    precision: str,
    failure: Failure,
    fixed: Sequence[Case],
) -> Diagnosis:
    crashed = failure.problem != "outside the bound"
    observed = []
    for case in ([] if crashed else [failure.case]) + list(fixed):
        try:
            observed.append((case, answer_of(kind, candidate, case)))
        except _Wrong:
            continue

    def expect(
        case: Case, rules: Rules, digits: str, answer: Tuple[float, ...]
    ) -> Tuple[Tuple[Ratio, ...], Tuple[float, ...]]:
        return expected(kind, case, rules, digits, answer)

    found = diagnose(kind, convention, precision, observed, expect)
    if not crashed:
        return found
    if found.name in ("unknown", "numerics") or not observed:
        return Diagnosis(
            "crash",
            "Its answer cannot be compared with the reference: it %s." % failure.problem,
            "return %s as numbers for every valid input" % " and ".join(OUTPUTS[kind]),
        )
    # It crashes on the smallest input, but on ordinary ones its answers show the mistake.
    return found._replace(text="%s On the input above it %s." % (found.text, failure.problem))


class _Found(Exception):
    pass


def _search_with_hypothesis(
    kind: str,
    candidate: Callable[..., Any],
    convention: str,
    precision: str,
    examples: int,
    seed: int,
) -> Tuple[List[Failure], int]:
    try:
        from hypothesis import HealthCheck, given, settings
        from hypothesis import seed as hypothesis_seed

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
        failure = judge(kind, candidate, case, convention, precision)
        if failure is not None:
            found.append(failure)
            raise _Found()

    try:
        probe()
    except _Found:
        pass
    return found[-1:], tried[0]  # Hypothesis replays its shrunk example last


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
