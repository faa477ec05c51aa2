"""Why a candidate is wrong: which known mistake its answers match, and what to fix.

Each mistake is the reference formula with one thing changed (:class:`Rules`).  A mistake
*matches* when, on every input tried, the candidate's answer lies within the rounding
bound of that mistake's exact answer, and on at least one input that answer differs
from the correct one by more than the bound.  The inputs are the failing one and the
diagnostic ones of :func:`linreg.oracle.inputs.diagnostic_cases`, on which every mistake
shows plainly.
"""

from __future__ import annotations

from typing import Callable, List, NamedTuple, Optional, Sequence, Tuple

from ..careful.exact import Ratio
from ..core.model import CONVENTIONS
from .reference import REFERENCE, Case, Rules, correct, divisor_for

LOSS_NAMES = {
    "half_mse": "(1/2N)·Σrᵢ², half the mean squared error",
    "mse": "(1/N)·Σrᵢ², the mean squared error",
    "sse": "Σrᵢ², the sum of squares",
}


class Mistake(NamedTuple):
    """A known way to get it wrong."""

    name: str
    kinds: Tuple[str, ...]
    rules: Rules
    what: str  # what the candidate does
    fix: str  # what to change


def mistakes(kind: str, convention: str) -> List[Mistake]:
    """The mistakes that can show in a candidate of this kind, declared in this convention."""
    right = correct(convention)
    descent = ("step", "fit")
    found = [
        Mistake(
            "sign flipped", ("gradient",) + descent, right._replace(sign=-1),
            "its gradient has the wrong sign: the residual is taken as y − ŷ, or the step"
            " adds the gradient (gradient ascent)",
            "use rᵢ = ŷᵢ − yᵢ = W·xᵢ + b − yᵢ in ∂L/∂W = (2/d)·Σrᵢ·xᵢ, ∂L/∂b = (2/d)·Σrᵢ, and"
            " step against it: W ← W − α·∂L/∂W",
        ),
        Mistake(
            "no factor x", ("gradient",) + descent, right._replace(with_x=False),
            "its ∂L/∂W is missing the factor xᵢ: it sums the residuals alone, as ∂L/∂b does",
            "∂rᵢ/∂W = xᵢ, so ∂L/∂W = (2/d)·Σrᵢ·xᵢ",
        ),
        Mistake(
            "outputs swapped", ("gradient",) + descent, right._replace(swapped=True),
            "its ∂L/∂W and ∂L/∂b are swapped",
            "return (∂L/∂W, ∂L/∂b) in that order, and update W with ∂L/∂W",
        ),
        Mistake(
            "intercept left out", ("loss", "gradient") + descent, right._replace(intercept=False),
            "it leaves the intercept out of the residual: rᵢ = W·xᵢ − yᵢ",
            "include b: rᵢ = W·xᵢ + b − yᵢ",
        ),
        Mistake(
            "b never moves", descent, right._replace(update_b=False),
            "it never updates the intercept b",
            "update both: b ← b − α·∂L/∂b as well as W ← W − α·∂L/∂W",
        ),
        Mistake(
            "sequential update", descent, right._replace(sequential=True),
            "it updates b from the already-updated W (a sequential update)",
            "compute both partial derivatives at the old (W, b) before moving either",
        ),
        Mistake(
            "α on b only", descent, right._replace(rate_on_w=False),
            "it moves W by the whole ∂L/∂W: the learning rate is applied to b only",
            "W ← W − α·∂L/∂W",
        ),
        Mistake(
            "α on W only", descent, right._replace(rate_on_b=False),
            "it moves b by the whole ∂L/∂b: the learning rate is applied to W only",
            "b ← b − α·∂L/∂b",
        ),
        Mistake(
            "one step too many", ("fit",), right._replace(extra_steps=1),
            "it takes one iteration more than asked", "loop exactly `iterations` times",
        ),
        Mistake(
            "one step too few", ("fit",), right._replace(extra_steps=-1),
            "it takes one iteration fewer than asked", "loop exactly `iterations` times",
        ),
    ]  # fmt: skip
    for other in CONVENTIONS:
        if other != convention:
            found.append(
                Mistake(
                    "convention %s" % other,
                    ("loss", "gradient") + descent,
                    right._replace(divisor=divisor_for(other)),
                    "it follows the %s convention, L = %s, where %s was declared (L = %s)"
                    % (other, LOSS_NAMES[other], convention, LOSS_NAMES[convention]),
                    "declare convention=%r, or divide by %s as %s does"
                    % (other, _divisor_text(convention), convention),
                )  # fmt: skip
            )
    if convention != "sse":
        found.append(
            Mistake(
                "N − 1",
                ("loss", "gradient") + descent,
                right._replace(divisor=_minus_one(right.divisor)),
                "it divides by N − 1 where the mean over N points divides by N",
                "a mean of N terms divides by N (N − 1 is for an unbiased variance)",
            )  # fmt: skip
        )
    return [m for m in found if kind in m.kinds]


def _divisor_text(convention: str) -> str:
    return {"half_mse": "2N", "mse": "N", "sse": "1"}[convention]


def _minus_one(divisor: Callable[[int], Ratio]) -> Callable[[int], Ratio]:
    # d(N) with N − 1 in place of N: 2(N − 1) for half_mse, N − 1 for mse.
    return lambda n: divisor(n) * (n - 1) / n if n > 1 else divisor(n)


class Diagnosis(NamedTuple):
    """What the candidate's answers match, in words."""

    name: str  # the mistake's name, or "precision", "numerics", "unknown"
    text: str
    fix: Optional[str]


#: Called with a case, rules, a precision and the candidate's answer (fit checks each step
#: from the candidate's own previous point); returns the rules' exact answer and the bound
#: on each number of it.
Expected = Callable[
    [Case, Rules, str, Tuple[float, ...]], Tuple[Tuple[Ratio, ...], Tuple[float, ...]]
]


def diagnose(
    kind: str,
    convention: str,
    precision: str,
    observed: Sequence[Tuple[Case, Tuple[float, ...]]],
    expected: Expected,
) -> Diagnosis:
    """The mistake the candidate's answers (``observed``: case and answer) match, if any."""
    right = correct(convention)

    def agrees(rules: Rules, digits: str) -> bool:
        for case, answer in observed:
            exact, bounds = expected(case, rules, digits, answer)
            if not all(_within(a, e, t) for a, e, t in zip(answer, exact, bounds)):
                return False
        return True

    def shows(rules: Rules) -> bool:  # differs from the correct answer somewhere
        for case, answer in observed:
            wrong, bounds = expected(case, rules, precision, answer)
            exact, _ = expected(case, right, precision, answer)
            if any(
                abs(w - e) > 2 * Ratio.of(t)
                for w, e, t in zip(wrong, exact, bounds)
                if t != float("inf")
            ):
                return True
        return False

    matches = [
        m for m in mistakes(kind, convention) if shows(m.rules) and agrees(m.rules, precision)
    ]
    if matches:
        first = matches[0]
        also = (
            ""
            if len(matches) == 1
            else " (it also fits: %s)" % ", ".join(m.name for m in matches[1:])
        )
        return Diagnosis(first.name, "The candidate's answers match a known mistake: %s%s." % (
            first.what, also), first.fix)  # fmt: skip
    # Precision only when some answer is beyond the float64 bound and every one is within
    # the float32 bound: a candidate right in float64 everywhere tried is not "imprecise".
    if precision == "float64" and agrees(right, "float32") and not agrees(right, precision):
        return Diagnosis(
            "precision",
            "Its answers agree with the exact ones only as closely as float32 arithmetic"
            " would: the precision is worse than the float64 declared.",
            "compute in float64 throughout (or declare precision='float32')",
        )
    if _agrees_elsewhere(observed[1:], expected, right, precision):
        return Diagnosis(
            "numerics",
            "Its formula is right on ordinary inputs, but on this one its error exceeds what"
            " rounding in %s allows: precision is lost somewhere (a sum that cancels, such as"
            " Σx² − (Σx)²/N, or a step taken in a lower precision)." % precision,
            "form residuals first and sum them, in the declared precision",
        )
    return Diagnosis(
        "unknown",
        "No known mistake explains its answers (sign, convention, N − 1, the factor x, swapped"
        " outputs, the intercept, a sequential update, the learning rate on one parameter,"
        " one step too many or too few, precision); see the input above.",
        None,
    )


def _agrees_elsewhere(
    observed: Sequence[Tuple[Case, Tuple[float, ...]]],
    expected: Expected,
    right: Rules,
    digits: str,
) -> bool:
    for case, answer in observed:
        exact, bounds = expected(case, right, digits, answer)
        if not all(_within(a, e, t) for a, e, t in zip(answer, exact, bounds)):
            return False
    return bool(observed)


def _within(answer: float, exact: Ratio, bound: float) -> bool:
    if bound == float("inf"):
        return True
    return abs(Ratio.of(answer) - exact) <= Ratio.of(bound)


__all__ = ["Diagnosis", "Mistake", "diagnose", "mistakes", "REFERENCE"]
