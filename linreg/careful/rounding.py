"""How far a float computation of the loss, the gradient or a step can be from the exact one.

The exact value is that of the very floats given (L, ∇L and the step computed in exact
arithmetic on them); the bounds hold for *any* correct implementation in the given
precision, whatever order it adds its terms in (a loop, a pairwise sum, a GPU's tree).
They are the standard rounding-error bounds (Higham, *Accuracy and Stability of Numerical
Algorithms*, §3): each + − × / is correctly rounded, fl(a ∘ b) = (a ∘ b)(1 + δ) with
|δ| ≤ u, and k such factors together make at most γₖ = k·u/(1 − k·u).

With mᵢ = |W·xᵢ| + |b| + |yᵢ|, the sizes a residual is built from:

    residual      |r̃ᵢ − rᵢ|   ≤ γ_k·mᵢ                                 k = 3 (float64)
    loss          |L̃ − L|     ≤ γ_{N+2k+4}·(1/d)·Σ(|rᵢ| + mᵢ)²
    ∂L/∂W         |∂̃ − ∂|     ≤ γ_{N+k+4}·(2/d)·Σ(|rᵢ| + mᵢ)·|xᵢ|
    ∂L/∂b         |∂̃ − ∂|     ≤ γ_{N+k+4}·(2/d)·Σ(|rᵢ| + mᵢ)
    a step        |W̃′ − W′|   ≤ α·E_∂W·(1 + u) + γ_{2+j}·(|W| + α·|∂L/∂W|)   (b alike)

Three roundings make a residual (W·x, + b, − y); N − 1 additions a sum in any order
(γ_{N−1}); up to three more apply 2/d however it is written (2·mean, Σ·(2/N), …).  A
float32 implementation also rounds its inputs to float32 first: k = 6 counts those
roundings, and j = 2 those of W and α.  Below the normal range each operation may
also err by half the smallest subnormal, an absolute amount added per operation.
docs/derivation.md §7 derives each line.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple, Sequence, Tuple

from ..core.numbers import Real
from .exact import Ratio, moments

if TYPE_CHECKING:
    from .sufficient import Statistics


class Precision(NamedTuple):
    """A binary floating-point format, as far as rounding errors go."""

    name: str
    unit_roundoff: float  # u: the largest relative error of one rounding, 2^−(p)
    smallest_subnormal: float  # the spacing of floats below the normal range
    largest: float  # the largest finite value
    residual_roundings: int  # k: the roundings in one residual, inputs included
    step_input_roundings: int  # j: the roundings of W and α on input


FLOAT64 = Precision("float64", 2.0**-53, 2.0**-1074, 1.7976931348623157e308, 3, 0)
FLOAT32 = Precision("float32", 2.0**-24, 2.0**-149, 3.4028234663852886e38, 6, 2)
PRECISIONS = {"float64": FLOAT64, "float32": FLOAT32}


def gamma(k: int, p: Precision) -> float:
    """γₖ = k·u/(1 − k·u): the relative error of k roundings together (needs k·u < 1)."""
    ku = k * p.unit_roundoff
    return ku / (1 - ku) if ku < 1 else math.inf


# The sums below are of non-negative float terms, each rounded; their own relative error
# (a few ε) is far below the bounds' slack, and SAFETY covers it.
SAFETY = 1 + 1e-9


def _sizes(
    xs: Sequence[Real], ys: Sequence[Real], w: Real, b: Real
) -> Tuple[Sequence[float], Sequence[float]]:
    """|rᵢ| and mᵢ = |W·xᵢ| + |b| + |yᵢ|, as floats (exact residuals, rounded)."""
    # |rᵢ| exactly: a float residual could itself have cancelled.
    fw, fb = float(w), float(b)
    r = [abs(float(Ratio.of(w) * Ratio.of(x) + Ratio.of(b) - Ratio.of(y))) for x, y in zip(xs, ys)]
    m = [abs(fw * float(x)) + abs(fb) + abs(float(y)) for x, y in zip(xs, ys)]
    return r, m


def loss_bound(
    xs: Sequence[Real], ys: Sequence[Real], w: Real, b: Real, divisor: Real, p: Precision = FLOAT64
) -> float:
    """The largest |L̃ − L| a correct implementation in precision p can make."""
    n, k = len(xs), p.residual_roundings
    r, m = _sizes(xs, ys, w, b)
    scale = math.fsum((ri + mi) ** 2 for ri, mi in zip(r, m)) / float(divisor)
    return SAFETY * (gamma(n + 2 * k + 4, p) * scale + (2 * n + 8) * p.smallest_subnormal)


def gradient_bound(
    xs: Sequence[Real], ys: Sequence[Real], w: Real, b: Real, divisor: Real, p: Precision = FLOAT64
) -> Tuple[float, float]:
    """The largest |∂̃L/∂W − ∂L/∂W| and |∂̃L/∂b − ∂L/∂b| in precision p."""
    n, k = len(xs), p.residual_roundings
    r, m = _sizes(xs, ys, w, b)
    g = gamma(n + k + 4, p)
    by_w = 2 * math.fsum((ri + mi) * abs(float(x)) for ri, mi, x in zip(r, m, xs)) / float(divisor)
    by_b = 2 * math.fsum(ri + mi for ri, mi in zip(r, m)) / float(divisor)
    floor = (2 * n + 8) * p.smallest_subnormal
    return SAFETY * (g * by_w + floor), SAFETY * (g * by_b + floor)


def step_bound(
    xs: Sequence[Real],
    ys: Sequence[Real],
    w: Real,
    b: Real,
    learning_rate: Real,
    divisor: Real,
    p: Precision = FLOAT64,
) -> Tuple[float, float]:
    """The largest error in W′ = W − α·∂L/∂W and b′ = b − α·∂L/∂b, in precision p."""
    alpha = abs(float(learning_rate))
    e_w, e_b = gradient_bound(xs, ys, w, b, divisor, p)
    # |∂L/∂W| and |∂L/∂b| exactly, from the exact sums of the data.
    mo = moments(xs, ys)
    rw, rb = Ratio.of(w), Ratio.of(b)
    two_over_d = Ratio(2) / Ratio.of(divisor)
    dw = abs(float(two_over_d * (rw * mo.sxx + rb * mo.sx - mo.sxy)))
    db = abs(float(two_over_d * (rw * mo.sx + rb * mo.n - mo.sy)))
    g = gamma(2 + p.step_input_roundings, p)
    u = p.unit_roundoff
    return (
        SAFETY
        * (
            alpha * e_w * (1 + u)
            + g * (abs(float(w)) + alpha * (dw + e_w))
            + 2 * p.smallest_subnormal
        ),
        SAFETY
        * (
            alpha * e_b * (1 + u)
            + g * (abs(float(b)) + alpha * (db + e_b))
            + 2 * p.smallest_subnormal
        ),
    )


def statistics_step_bound(
    s: Statistics, w: float, b: float, learning_rate: float, *, intercept: bool = True
) -> Tuple[float, float]:
    """The largest error of one float step on sufficient statistics (docs/derivation.md §9).

    With M = |W·c| + |b| + |ȳ_c|, h = W·c + b − ȳ_c and the statistics' own rounding:

        E_∂b = (2/d)·γ₈·[B + N·M],                  B = |W·Su| + |h|·N + |Se|
        E_∂W = (2/d)·γ₈·[A + (|Su| + |c|·N)·M],     A = |W|·Suu + |h|·|Su| + |Sue| + |c|·B

    and a step adds α·E·(1 + u) + γ₂·(|W| + α·|∂L/∂W|), as for the per-sample step.
    """
    p = FLOAT64
    c, yc, n, d = float(s.center), float(s.y_center), s.n, float(s.divisor)
    suu, su, sue, se = (abs(float(v)) for v in (s.suu, s.su, s.sue, s.se))
    w, b = float(w), float(b) if intercept else 0.0
    h = abs(w * c + b - yc)
    size_m = abs(w * c) + abs(b) + abs(yc)
    by_b = abs(w) * su + h * n + se
    by_w = abs(w) * suu + h * su + sue + abs(c) * by_b
    g8 = gamma(8, p)
    e_w = 2 / d * g8 * (by_w + (su + abs(c) * n) * size_m)
    e_b = 2 / d * g8 * (by_b + n * size_m) if intercept else 0.0
    exact_w, exact_b = _exact_gradient(s, w, b)
    alpha = abs(float(learning_rate))
    g2, u = gamma(2, p), p.unit_roundoff
    return (
        SAFETY
        * (
            alpha * e_w * (1 + u)
            + g2 * (abs(w) + alpha * (exact_w + e_w))
            + 2 * p.smallest_subnormal
        ),
        SAFETY
        * (
            alpha * e_b * (1 + u)
            + g2 * (abs(b) + alpha * (exact_b + e_b))
            + 2 * p.smallest_subnormal
        ),
    )


def _exact_gradient(s: Statistics, w: float, b: float) -> Tuple[float, float]:
    """|∂L/∂W| and |∂L/∂b| at (W, b), exactly from the moments, as floats."""
    m, rw, rb, two_over_d = s.moments, Ratio.of(w), Ratio.of(b), Ratio(2, s.divisor)
    dw = two_over_d * (rw * m.sxx + rb * m.sx - m.sxy)
    db = two_over_d * (rw * m.sx + rb * m.n - m.sy)
    return abs(float(dw)), abs(float(db))
