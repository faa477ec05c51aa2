"""The oracle for d-feature code: candidate(rows, ys, w, b), with w a list.

The same judgement as for one feature (:mod:`linreg.oracle.check`): the candidate's answer
must lie within a stated rounding bound of the exact answer for the very floats it was
given, and when it does not, the known mistakes are tried to say why.

    loss      candidate(rows, ys, w, b) -> L
    gradient  candidate(rows, ys, w, b) -> (dw, db), dw a list: ∂L/∂wⱼ = (2/d)·Σᵢ rᵢ·xᵢⱼ
    step      candidate(rows, ys, w, b, learning_rate) -> (w, b), w a list

The bounds are those of :mod:`linreg.careful.rounding` with the residual's roundings
counted for d features: rᵢ = Σⱼ wⱼ·xᵢⱼ + b − yᵢ takes at most 2d + 2 roundings, so with
mᵢ = Σⱼ|wⱼ·xᵢⱼ| + |b| + |yᵢ| and k = 2d + 2 (plus the inputs' own roundings in float32):

    |L̃ − L|           ≤ γ_{N+2k+4}·(1/d)·Σ(|rᵢ| + mᵢ)²
    |∂̃L/∂wⱼ − ∂L/∂wⱼ| ≤ γ_{N+k+4}·(2/d)·Σ(|rᵢ| + mᵢ)·|xᵢⱼ|       (the same with 1 for b)
    a step            α·E·(1 + u) + γ₂·(|wⱼ| + α·(|∂L/∂wⱼ| + E))

The inputs are a seeded battery (no Hypothesis needed): d from 1 to 4, N from 1 to 12,
values from 10⁻³ to 10⁸ and offsets that make the columns correlated.
"""

from __future__ import annotations

import math
import random
import struct
from typing import Any, Callable, List, NamedTuple, Optional, Sequence

from .. import _checks
from ..careful.exact import Ratio
from ..careful.rounding import PRECISIONS, SAFETY, Precision, gamma
from ..core.model import CONVENTIONS, loss_divisor
from ..errors import ParameterError
from .calling import INCONSISTENT, RETURNED, Fault, Runner, finite, first_items
from .check import CandidateError

KINDS = ("loss", "gradient", "step")


class FeatureCase(NamedTuple):
    """One input: rows (N × d), ys, a point (w, b), and for a step α."""

    rows: List[List[float]]
    ys: List[float]
    w: List[float]
    b: float
    learning_rate: float = 0.0


class FeatureReport(NamedTuple):
    """The outcome of a d-feature check; str() explains a failure."""

    passed: bool
    kind: str
    convention: str
    precision: str
    checked: int  # inputs the candidate was run on
    case: Optional[FeatureCase]  # the first input it got wrong
    problem: str  # "outside the bound", or what it raised or returned
    expected: List[float]  # the exact answer, rounded, flattened (w…, b)
    actual: List[float]
    bounds: List[float]
    diagnosis: str  # the known mistake the answers match, if any

    def __str__(self) -> str:
        head = "d-feature %s (%s, %s): " % (self.kind, self.convention, self.precision)
        if self.passed:
            return head + "passed on %d inputs" % self.checked
        assert self.case is not None
        lines = [head + "FAILED after %d inputs: %s" % (self.checked, self.problem)]
        c = self.case
        lines.append("  input: rows=%r, ys=%r, w=%r, b=%r" % (c.rows, c.ys, c.w, c.b))
        if self.kind == "step":
            lines.append("         learning_rate=%r" % c.learning_rate)
        for name, e, a, bound in zip(
            _names(self.kind, len(c.w)), self.expected, self.actual, self.bounds
        ):
            mark = (
                "" if abs(a - e) <= bound else "   <- off by %.3g, bound %.3g" % (abs(a - e), bound)
            )
            lines.append("  %-10s expected %-24r got %r%s" % (name, e, a, mark))
        if self.diagnosis:
            lines.append("  why: " + self.diagnosis)
        return "\n".join(lines)


class Rules(NamedTuple):
    """How the answer is computed: correctly, or with one known mistake."""

    convention: str
    sign: int = 1  # −1: rᵢ = yᵢ − ŷᵢ
    with_x: bool = True  # False: ∂L/∂wⱼ without its xᵢⱼ
    intercept: bool = True  # False: b left out of the residual
    reversed_weights: bool = False  # wⱼ paired with the features in reverse order
    sequential: bool = False  # step: b updated from the already-updated w


MISTAKES = [
    (Rules("half_mse", sign=-1), "the gradient has the wrong sign (rᵢ taken as y − ŷ, or the"
     " step adds it): use rᵢ = w·xᵢ + b − yᵢ and step against the gradient"),
    (Rules("half_mse", with_x=False), "∂L/∂wⱼ is missing its factor xᵢⱼ: ∂rᵢ/∂wⱼ = xᵢⱼ, so"
     " ∂L/∂wⱼ = (2/d)·Σᵢ rᵢ·xᵢⱼ"),
    (Rules("half_mse", intercept=False), "the intercept is left out of the residual:"
     " rᵢ = w·xᵢ + b − yᵢ"),
    (Rules("half_mse", reversed_weights=True), "the weights meet the features in reverse order"
     " (a transposed X, or w read backwards): ŷᵢ = Σⱼ wⱼ·xᵢⱼ pairs wⱼ with column j"),
    (Rules("half_mse", sequential=True), "b is updated from the already-updated w: compute"
     " every partial derivative at the old point, then update them all"),
]  # fmt: skip


def _residuals(c: FeatureCase, w: Sequence[Ratio], b: Ratio, r: Rules) -> List[Ratio]:
    weights = list(w)[::-1] if r.reversed_weights else list(w)
    out = []
    for row, y in zip(c.rows, c.ys):
        total = b if r.intercept else Ratio(0)
        for wj, x in zip(weights, row):
            total = total + wj * Ratio.of(x)
        out.append((total - Ratio.of(y)) * r.sign)
    return out


def _sum(values: Sequence[Ratio]) -> Ratio:
    total = Ratio(0)
    for v in values:
        total = total + v
    return total


def exact(kind: str, c: FeatureCase, r: Rules) -> List[Ratio]:
    """The exact answer under the rules, flattened: [L], [∂L/∂w…, ∂L/∂b] or [w…, b]."""
    d = Ratio(loss_divisor(r.convention, len(c.ys)))
    w, b = [Ratio.of(v) for v in c.w], Ratio.of(c.b)

    def grad(w: List[Ratio], b: Ratio) -> List[Ratio]:
        res = _residuals(c, w, b, r)
        dw = [
            2
            * _sum(
                [ri * (Ratio.of(row[j]) if r.with_x else Ratio(1)) for ri, row in zip(res, c.rows)]
            )
            / d
            for j in range(len(w))
        ]
        return dw + [2 * _sum(res) / d]

    if kind == "loss":
        return [_sum([v * v for v in _residuals(c, w, b, r)]) / d]
    g = grad(w, b)
    if kind == "gradient":
        return g
    alpha = Ratio.of(c.learning_rate)
    new_w = [wj - alpha * gj for wj, gj in zip(w, g)]
    db = grad(new_w, b)[-1] if r.sequential else g[-1]
    return new_w + [b - alpha * db]


def bounds(kind: str, c: FeatureCase, convention: str, p: Precision) -> List[float]:
    """The largest error a correct implementation in precision p can make, per output."""
    n, dims = len(c.ys), len(c.w)
    k = 2 * dims + 2 + p.residual_roundings
    d = float(loss_divisor(convention, n))
    res = [
        abs(float(v))
        for v in _residuals(c, [Ratio.of(v) for v in c.w], Ratio.of(c.b), Rules(convention))
    ]
    m = [
        math.fsum(abs(wj * x) for wj, x in zip(c.w, row)) + abs(c.b) + abs(y)
        for row, y in zip(c.rows, c.ys)
    ]
    floor = (2 * n + 8) * p.smallest_subnormal
    if kind == "loss":
        scale = math.fsum((ri + mi) ** 2 for ri, mi in zip(res, m)) / d
        return [SAFETY * (gamma(n + 2 * k + 4, p) * scale + floor)]
    g = gamma(n + k + 4, p)
    by = [
        2 * math.fsum((ri + mi) * abs(row[j]) for ri, mi, row in zip(res, m, c.rows)) / d
        for j in range(dims)
    ]
    by.append(2 * math.fsum(ri + mi for ri, mi in zip(res, m)) / d)
    errors = [SAFETY * (g * v + floor) for v in by]
    if kind == "gradient":
        return errors
    grad = [abs(float(v)) for v in exact("gradient", c, Rules(convention))]
    alpha, u, g2 = abs(c.learning_rate), p.unit_roundoff, gamma(2 + p.step_input_roundings, p)
    return [
        SAFETY * (alpha * e * (1 + u) + g2 * (abs(v) + alpha * (gi + e)) + 2 * p.smallest_subnormal)
        for e, v, gi in zip(errors, c.w + [c.b], grad)
    ]


def battery(kind: str, examples: int, seed: int, precision: str) -> List[FeatureCase]:
    """Seeded inputs: a fixed one on which every mistake shows, then random ones."""
    rng = random.Random(seed)
    to = _float32 if precision == "float32" else float
    cases = [
        FeatureCase(
            [[1.0, 2.0], [3.0, -1.0], [0.5, 4.0]], [2.0, 5.0, -1.0], [0.5, -0.25], 0.75, 0.01
        )
    ]
    for _ in range(examples):
        d, n = rng.randint(1, 4), rng.randint(1, 12)
        scale = rng.choice([1e-3, 1.0, 1.0, 1e3, 1e8])
        offset = rng.choice([0.0, 0.0, 100.0 * scale])
        rows = [[to(offset + scale * rng.uniform(-1, 1)) for _ in range(d)] for _ in range(n)]
        ys = [to(scale * rng.uniform(-5, 5)) for _ in range(n)]
        w = [to(rng.uniform(-2, 2)) for _ in range(d)]
        rate = to(rng.choice([1e-3, 0.1]) / (scale * scale + offset * offset + 1))
        cases.append(FeatureCase(rows, ys, w, to(rng.uniform(-3, 3)), rate))
    return cases


def _float32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


def _answer(kind: str, runner: Runner, c: FeatureCase) -> List[float]:
    """The candidate's answer, flattened as :func:`exact`'s; Fault for anything else."""
    args: List[Any] = [c.rows, c.ys, c.w, c.b]
    if kind == "step":
        args.append(c.learning_rate)
    want = "L" if kind == "loss" else "(a list of %d, a number)" % len(c.w)

    def read(value: Any) -> List[float]:
        try:
            if kind == "loss":
                flat = [value]
            else:
                pair = first_items(value, 2)
                if len(pair) != 2:
                    raise TypeError
                flat = first_items(pair[0], len(c.w)) + [pair[1]]
        except TypeError:  # not iterable, or not a pair
            flat = []
        if len(flat) != (1 if kind == "loss" else len(c.w) + 1):
            raise Fault("returned %s, not %s" % (_checks.shown(value), want), RETURNED)
        return [finite(v) for v in flat]

    return list(runner.answer(read, *args))


def _within(actual: Sequence[float], wanted: Sequence[Ratio], limits: Sequence[float]) -> bool:
    return all(abs(Ratio.of(a) - e) <= Ratio.of(lim) for a, e, lim in zip(actual, wanted, limits))


def check_features(
    kind: str,
    candidate: Callable[..., Any],
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
) -> FeatureReport:
    """Run a d-feature candidate on the seeded battery; a report, passed or explained.

    Whatever the candidate does (raising, sys.exit, returning something other than its
    numbers, answering one input differently twice) fails the check, and the report says
    what.  Raises ParameterError for an unknown kind, convention or precision, examples
    not an integer ≥ 1 or seed not an integer ≥ 0; CandidateError for a candidate that
    is not callable.
    """
    if kind not in KINDS:
        raise ParameterError("kind must be one of %s, not %s" % (", ".join(KINDS), _shown(kind)))
    convention = _checks.convention(convention)
    if precision not in PRECISIONS:
        raise ParameterError("precision must be 'float64' or 'float32', not %s" % _shown(precision))
    examples = _checks.count(examples, "examples", minimum=1)
    seed = _checks.count(seed, "seed")
    if not callable(candidate):
        raise CandidateError("the candidate must be a function, not %s" % _checks.shown(candidate))
    p = PRECISIONS[precision]
    cases = battery(kind, examples, seed, precision)
    runner = Runner(candidate)
    for i, c in enumerate(cases):
        want = exact(kind, c, Rules(convention))
        limits = bounds(kind, c, convention, p)
        try:
            got = _answer(kind, runner, c)
        except Fault as fault:
            why = "it %s on the input above: %s" % (
                fault.what,
                (
                    "no answer of it can be trusted"
                    if fault.kind == INCONSISTENT
                    else "its answer cannot be compared with the reference; return %s for every"
                    " valid input" % ("L" if kind == "loss" else "(a list of d, a number)")
                ),
            )
            return FeatureReport(False, kind, convention, precision, i + 1, c, fault.what,
                                 [float(v) for v in want], [], limits, why)  # fmt: skip
        if not _within(got, want, limits):
            why = _diagnose(kind, runner, c, cases[:12], convention, p)
            return FeatureReport(False, kind, convention, precision, i + 1, c, "outside the bound",
                                 [float(v) for v in want], got, limits, why)  # fmt: skip
    return FeatureReport(True, kind, convention, precision, len(cases), None, "", [], [], [], "")


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else _checks.shown(value)


def _diagnose(
    kind: str,
    runner: Runner,
    failing: FeatureCase,
    tried: Sequence[FeatureCase],
    convention: str,
    p: Precision,
) -> str:
    """The known mistake whose exact answers the candidate matches on the first inputs.

    The failing input is asked again first: a candidate that answers it differently is
    diagnosed as such rather than matched to a mistake.
    """
    answers = []
    for c in [failing] + list(tried):
        try:
            answers.append(_answer(kind, runner, c))
        except Fault as fault:
            if fault.kind == INCONSISTENT:
                return "it %s: no answer of it can be trusted" % fault.what
            return ""
    answers = answers[1:]
    for other in CONVENTIONS:
        if other != convention and all(
            _within(a, exact(kind, c, Rules(other)), bounds(kind, c, other, p))
            for a, c in zip(answers, tried)
        ):
            return "it computes the %s loss's answer, not the %s one: d = %s, not %s" % (
                other, convention, _divisor_name(other), _divisor_name(convention)
            )  # fmt: skip
    for rules, words in MISTAKES:
        rules = rules._replace(convention=convention)
        if all(
            _within(a, exact(kind, c, rules), _loose(kind, c, convention, p))
            for a, c in zip(answers, tried)
        ):
            return words
    return "no known mistake matches: compare its answer with the exact one above, output by output"


def _loose(kind: str, c: FeatureCase, convention: str, p: Precision) -> List[float]:
    # A mistake mixes the parts (∂L/∂wⱼ without xᵢⱼ rounds as ∂L/∂b does): allow any
    # output the largest of the bounds.
    limits = bounds(kind, c, convention, p)
    return [max(limits)] * len(limits)


def _divisor_name(convention: str) -> str:
    return {"half_mse": "2N", "mse": "N", "sse": "1"}[convention]


def _names(kind: str, d: int) -> List[str]:
    if kind == "loss":
        return ["L"]
    if kind == "gradient":
        return ["∂L/∂w%d" % (j + 1) for j in range(d)] + ["∂L/∂b"]
    return ["w%d" % (j + 1) for j in range(d)] + ["b"]


def check_feature_loss(
    candidate: Callable[..., Any],
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
) -> FeatureReport:
    """Check ``candidate(rows, ys, w, b) -> L``; options and errors as :func:`check_features`."""
    return check_features(
        "loss", candidate, convention=convention, precision=precision, examples=examples, seed=seed
    )


def check_feature_gradient(
    candidate: Callable[..., Any],
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
) -> FeatureReport:
    """Check ``candidate(rows, ys, w, b) -> (dw, db)``, dw a list; options and errors as
    :func:`check_features`."""
    return check_features(
        "gradient", candidate, convention=convention, precision=precision, examples=examples,
        seed=seed,
    )  # fmt: skip


def check_feature_step(
    candidate: Callable[..., Any],
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
) -> FeatureReport:
    """Check ``candidate(rows, ys, w, b, learning_rate) -> (w, b)``, w a list; options and
    errors as :func:`check_features`."""
    return check_features(
        "step", candidate, convention=convention, precision=precision, examples=examples, seed=seed
    )
