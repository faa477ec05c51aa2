"""The Hessian of d features, its eigenvalues, and an exact test of α < 2/λmax.

With θ = (w₁, …, w_d, b), the loss L = (1/d_L)·Σrᵢ² has the constant Hessian

    H = (2/d_L)·A,    A = [[G, s], [sᵀ, N]]    (G = XᵀX, s = Xᵀ1; A = G without b)

the matrix of the normal equations (:mod:`linreg.careful.normal_equations`).  One step
multiplies the error θ − θ̂ by I − α·H, so descent converges exactly when every
eigenvalue of α·H lies in (0, 2): when α < 2/λmax.

**Exact test.**  α < 2/λmax ⟺ (2/α)·I − H is positive definite ⟺ every leading principal
minor of (2/α)·I − H is positive (Sylvester's criterion).  Each minor is a determinant of
exact rationals, so the test needs no eigenvalue and no square root: it is decided
exactly, as the one-feature test is.

**Eigenvalues** (for the report): λmax from H in floats by Jacobi's method, which is
accurate relative to λmax; λmin as 1/λmax(H⁻¹), with H⁻¹ computed exactly and then rounded,
so that it is accurate too when H is nearly singular and λmin itself would drown in the
rounding of H.
"""

from __future__ import annotations

import math
from typing import List, NamedTuple, Sequence

from ..errors import FloatRangeError
from .exact import Ratio


class FeatureStability(NamedTuple):
    """The spectrum of the Hessian and what it implies for the learning rate."""

    lambda_min: float  # smallest eigenvalue of H: curvature along the flattest direction
    lambda_max: float  # largest eigenvalue of H: curvature along the steepest direction
    max_learning_rate: float  # 2/λmax: descent diverges at or above it
    best_learning_rate: float  # 2/(λmin + λmax): the fixed step that converges fastest
    condition_number: float  # κ = λmax/λmin


def is_stable(alpha: Ratio, hessian: Sequence[Sequence[Ratio]]) -> bool:
    """Whether α < 2/λmax(H), exactly: every leading minor of (2/α)·I − H is positive."""
    if not alpha > 0:
        return False
    p = len(hessian)
    m = [[(2 / alpha if i == j else Ratio(0)) - hessian[i][j] for j in range(p)] for i in range(p)]
    # Gaussian elimination without row exchanges: the k-th pivot is the ratio of the k-th
    # leading minor to the (k−1)-th, so all minors are positive iff all pivots are.
    for k in range(p):
        pivot = m[k][k]
        if not pivot > 0:
            return False
        for r in range(k + 1, p):
            factor = m[r][k] / pivot
            m[r] = [a - factor * b for a, b in zip(m[r], m[k])]
    return True


def symmetric_eigenvalues(matrix: Sequence[Sequence[float]]) -> List[float]:
    """The eigenvalues of a symmetric float matrix, ascending (cyclic Jacobi rotations).

    The matrix is first divided by its largest entry, so that no square overflows; the
    eigenvalues are scaled back at the end (to ±inf where they lie beyond the float range).
    """
    top = max((abs(e) for row in matrix for e in row), default=0.0)
    if top == 0:
        return [0.0] * len(matrix)
    a = [[e / top for e in row] for row in matrix]
    p = len(a)
    for _ in range(100):
        off = math.fsum(a[i][j] ** 2 for i in range(p) for j in range(p) if i != j)
        scale = math.fsum(a[i][i] ** 2 for i in range(p))
        if off <= 1e-30 * scale or off == 0:
            break
        for i in range(p - 1):
            for j in range(i + 1, p):
                if a[i][j] == 0:
                    continue
                # The rotation that zeroes a[i][j] (Golub & Van Loan, symmetric Schur).
                tau = (a[j][j] - a[i][i]) / (2 * a[i][j])
                t = math.copysign(1.0, tau) / (abs(tau) + math.hypot(1.0, tau))
                c = 1 / math.hypot(1.0, t)
                s = t * c
                for k in range(p):
                    aki, akj = a[k][i], a[k][j]
                    a[k][i], a[k][j] = c * aki - s * akj, s * aki + c * akj
                for k in range(p):
                    aik, ajk = a[i][k], a[j][k]
                    a[i][k], a[j][k] = c * aik - s * ajk, s * aik + c * ajk
    return sorted(_times(a[i][i], top) for i in range(p))


def _times(a: float, b: float) -> float:
    try:
        return a * b
    except OverflowError:  # pragma: no cover - float * float gives inf, but be explicit
        return math.copysign(math.inf, a)


def stability_of(
    hessian: Sequence[Sequence[Ratio]], inverse: Sequence[Sequence[Ratio]]
) -> FeatureStability:
    """λmin, λmax and what follows, from the exact H and H⁻¹."""
    lam_max = symmetric_eigenvalues([[float(e) for e in row] for row in hessian])[-1]
    inverse_max = symmetric_eigenvalues([[float(e) for e in row] for row in inverse])[-1]
    if not (math.isfinite(lam_max) and math.isfinite(inverse_max)) or inverse_max <= 0:
        raise FloatRangeError(
            "the Hessian's eigenvalues are beyond the float range; rescale the features",
            quantity="the Hessian's eigenvalues",
        )
    lam_min = 1 / inverse_max
    return FeatureStability(
        lambda_min=lam_min,
        lambda_max=lam_max,
        max_learning_rate=2 / lam_max,
        best_learning_rate=2 / (lam_min + lam_max),
        condition_number=lam_max * inverse_max,
    )
