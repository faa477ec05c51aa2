"""What a correct implementation must return, exactly, and what the known mistakes return.

Everything here is exact arithmetic on the very floats the candidate received (integer
ratios, :class:`linreg.careful.exact.Ratio`, so it needs no ``fractions`` module).  A
correct answer is one of these values plus rounding error within the bound of
:mod:`linreg.careful.rounding`; a wrong one is often one of the *variants*: the same
formula with a known mistake in it.

    loss      L = (1/d)·Σrᵢ²                      rᵢ = W·xᵢ + b − yᵢ
    gradient  (2/d)·Σrᵢ·xᵢ, (2/d)·Σrᵢ
    step      (W − α·∂L/∂W, b − α·∂L/∂b), both partials at the old (W, b)
    fit       the step repeated, k times from (W, b)
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, NamedTuple, Sequence, Tuple

from ..careful.exact import Ratio
from ..core.model import loss_divisor

Point = Tuple[Ratio, Ratio]


class Case(NamedTuple):
    """One input for a candidate: data, a point (W, b), and for descent α and a step count."""

    xs: List[float]
    ys: List[float]
    w: float
    b: float
    learning_rate: float = 0.0  # step and fit only
    iterations: int = 0  # fit only


class Rules(NamedTuple):
    """How a computation is done: correctly, or with one of the known mistakes."""

    divisor: Callable[[int], Ratio]  # d as a function of N: L = (1/d)·Σrᵢ²
    sign: int = 1  # −1: the residual taken as y − ŷ (gradient ascent)
    with_x: bool = True  # False: ∂L/∂W without its factor xᵢ
    swapped: bool = False  # ∂L/∂W and ∂L/∂b returned in each other's place
    intercept: bool = True  # False: b left out of the residual
    sequential: bool = False  # b updated from the already-updated W
    rate_on_w: bool = True  # False: W moves by ∂L/∂W, not α·∂L/∂W
    rate_on_b: bool = True
    update_b: bool = True  # False: b never moves
    extra_steps: int = 0  # ±1: one iteration too many or too few


def divisor_for(convention: str) -> Callable[[int], Ratio]:
    return lambda n: Ratio(loss_divisor(convention, n))


def correct(convention: str) -> Rules:
    return Rules(divisor_for(convention))


def residuals(
    xs: Sequence[float], ys: Sequence[float], w: Ratio, b: Ratio, r: Rules
) -> List[Ratio]:
    """rᵢ = W·xᵢ + b − yᵢ (with the rules' mistakes: no b, or the opposite sign)."""
    height = b if r.intercept else Ratio(0)
    out = [w * Ratio.of(x) + height - Ratio.of(y) for x, y in zip(xs, ys)]
    return out if r.sign == 1 else [-v for v in out]


def loss(case: Case, r: Rules) -> Ratio:
    """L = (1/d)·Σrᵢ²."""
    rs = residuals(case.xs, case.ys, Ratio.of(case.w), Ratio.of(case.b), r)
    return _sum(v * v for v in rs) / r.divisor(len(case.xs))


def gradient_at(xs: Sequence[float], ys: Sequence[float], w: Ratio, b: Ratio, r: Rules) -> Point:
    """(∂L/∂W, ∂L/∂b) = ((2/d)·Σrᵢ·xᵢ, (2/d)·Σrᵢ) at (W, b)."""
    rs = residuals(xs, ys, w, b, r)
    two_over_d = Ratio(2) / r.divisor(len(xs))
    dw = two_over_d * _sum(v * Ratio.of(x) if r.with_x else v for v, x in zip(rs, xs))
    db = two_over_d * _sum(rs)
    return (db, dw) if r.swapped else (dw, db)


def gradient(case: Case, r: Rules) -> Point:
    return gradient_at(case.xs, case.ys, Ratio.of(case.w), Ratio.of(case.b), r)


def step_from(
    xs: Sequence[float], ys: Sequence[float], w: Ratio, b: Ratio, alpha: Ratio, r: Rules
) -> Point:
    """One update from (W, b): W ← W − α·∂L/∂W, b ← b − α·∂L/∂b."""
    dw, _ = gradient_at(xs, ys, w, b, r)
    new_w = w - (alpha if r.rate_on_w else Ratio(1)) * dw
    _, db = gradient_at(xs, ys, new_w if r.sequential else w, b, r)
    new_b = b - (alpha if r.rate_on_b else Ratio(1)) * db if r.update_b else b
    return new_w, new_b


def step(case: Case, r: Rules) -> Point:
    alpha = Ratio.of(case.learning_rate)
    return step_from(case.xs, case.ys, Ratio.of(case.w), Ratio.of(case.b), alpha, r)


def trajectory(case: Case, r: Rules) -> Point:
    """(W, b) after ``iterations`` steps (plus the rules' extra ones), exactly.

    Denominators grow with every step, so this is for the few-step cases of a diagnosis
    and of test vectors; a check compares each step with the candidate's own previous one.
    """
    w, b = Ratio.of(case.w), Ratio.of(case.b)
    alpha = Ratio.of(case.learning_rate)
    for _ in range(max(0, case.iterations + r.extra_steps)):
        w, b = step_from(case.xs, case.ys, w, b, alpha, r)
    return w, b


def _sum(values: Iterable[Ratio]) -> Ratio:
    total = Ratio(0)
    for v in values:
        total = total + v
    return total


#: The reference for each kind: Case, Rules → the exact output(s).
REFERENCE: Dict[str, Callable[[Case, Rules], Tuple[Ratio, ...]]] = {
    "loss": lambda c, r: (loss(c, r),),
    "gradient": gradient,
    "step": step,
    "fit": trajectory,
}
