"""Least squares for d features: the normal equations, solved exactly, rounded once.

Setting the gradient of Σrᵢ² to zero (:mod:`linreg.careful.gram`) gives the normal
equations, one per parameter θ = (w₁, …, w_d, b):

    [ G   s ] [w]   [ c  ]          G = XᵀX, s = Xᵀ1, c = Xᵀy
    [ sᵀ  N ] [b] = [ Σy ]          (without an intercept: G·w = c)

The matrix A on the left is the Hessian of Σrᵢ² divided by 2.  It is solved by Gaussian
elimination on exact rationals, so the answer is the exact least-squares solution for
exactly the data given (floats as the binary fractions they are, or decimal text read
exactly), rounded once.  Where no pivot is left in a column, that column is a linear
combination of the ones before it: the design is singular, and the error names the
columns (or, for a polynomial, the degree).

Exact is not the whole story for floats: each float datum is its decimal value rounded,
by up to half an ulp.  :func:`rounding_sensitivity` measures how far that can move each
coefficient, by solving again, exactly, with every value moved by about an ulp up or down
at random (two seeded trials).  Where a coefficient moves by 1% of its size or more, the
design is numerically singular (nearly collinear columns): the answer would be set by how
the data happened to round, and it is refused rather than printed.
"""

from __future__ import annotations

import math
from typing import List, Sequence, Tuple

from ..errors import DataError
from .exact import Ratio
from .gram import Gram


class SingularDesign(DataError):
    """The design matrix has dependent columns: least squares has no unique answer."""


def normal_matrix(g: Gram, *, intercept: bool) -> Tuple[List[List[Ratio]], List[Ratio]]:
    """(A, v) of the normal equations A·θ = v, θ = (w₁, …, w_d[, b])."""
    if not intercept:
        return [list(row) for row in g.xx], list(g.xy)
    a = [list(row) + [sj] for row, sj in zip(g.xx, g.x)]
    a.append(list(g.x) + [Ratio(g.n)])
    return a, list(g.xy) + [g.y]


def solve(a: Sequence[Sequence[Ratio]], v: Sequence[Ratio], names: Sequence[str]) -> List[Ratio]:
    """θ with A·θ = v, exactly; SingularDesign naming the first dependent column."""
    inverse, theta = gauss_jordan(a, [v], names)
    return theta[0]


def inverse(a: Sequence[Sequence[Ratio]], names: Sequence[str]) -> List[List[Ratio]]:
    """A⁻¹, exactly."""
    p = len(a)
    identity = [[Ratio(int(i == j)) for i in range(p)] for j in range(p)]
    _, columns = gauss_jordan(a, identity, names)
    return [[columns[j][i] for j in range(p)] for i in range(p)]


def gauss_jordan(
    a: Sequence[Sequence[Ratio]], rhs: Sequence[Sequence[Ratio]], names: Sequence[str]
) -> Tuple[List[List[Ratio]], List[List[Ratio]]]:
    """Reduce [A | b₁ … b_m] to [I | A⁻¹b₁ … A⁻¹b_m]; returns (reduced A, the solutions).

    Exact, so any non-zero pivot will do: the first one found in the column.
    """
    p, m = len(a), len(rhs)
    rows = [list(a[i]) + [rhs[k][i] for k in range(m)] for i in range(p)]
    for col in range(p):
        pivot = next((r for r in range(col, p) if rows[r][col] != 0), None)
        if pivot is None:
            raise _singular(a, col, names)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col][col]
        rows[col] = [e / lead for e in rows[col]]
        for r in range(p):
            factor = rows[r][col]
            if r != col and factor != 0:
                rows[r] = [e - factor * f for e, f in zip(rows[r], rows[col])]
    return [row[:p] for row in rows], [[row[p + k] for row in rows] for k in range(m)]


def _singular(a: Sequence[Sequence[Ratio]], col: int, names: Sequence[str]) -> SingularDesign:
    """The error for a column that depends on those before it, naming them."""
    earlier = list(range(col))
    involved: List[str] = []
    if earlier:
        # The combination: z with A[:col, :col]·z = A[:col, col] (a full-rank block).
        block = [[a[i][j] for j in earlier] for i in earlier]
        _, (z,) = gauss_jordan(block, [[a[i][col] for i in earlier]], names)
        involved = [names[j] for j, zj in zip(earlier, z) if zj != 0]
    if not involved:
        return SingularDesign("%s is 0 in every row, so its weight is undetermined" % names[col])
    return SingularDesign(
        "%s are collinear: in every row one is a linear combination of the others, so the"
        " weights are not unique" % _and(involved + [names[col]])
    )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


#: The trials of :func:`rounding_sensitivity`: seeds of the jitter, fixed for determinism.
TRIALS = (1, 2)


def weight_scales(g: Gram, *, intercept: bool) -> List[float]:
    """For each parameter, √(Σy²/Σxⱼ²): the size of a weight that alone would carry y
    (√(Σy²/N) for the intercept).  A zero weight moved by rounding is judged against it."""
    yy = float(g.yy)
    diagonal = [float(g.xx[j][j]) for j in range(g.features)] + ([float(g.n)] if intercept else [])
    return [math.sqrt(yy / v) if v > 0 else math.inf for v in diagonal]


def rounding_sensitivity(
    theta: Sequence[Ratio], trials: Sequence[Sequence[Ratio]], scales: Sequence[float]
) -> List[float]:
    """For each parameter, how far it moved when the data were moved by an ulp, relative to
    its size (or to its scale, where that is larger): the largest over the trials."""
    out = []
    for j, t in enumerate(theta):
        moved = max(abs(float(trial[j] - t)) for trial in trials)
        size = max(abs(float(t)), scales[j])
        out.append(moved / size if size else (0.0 if moved == 0 else math.inf))
    return out


def refuse_numerically_singular(sensitivity: Sequence[float], names: Sequence[str]) -> None:
    """SingularDesign where moving the data by an ulp moved a weight by 1% of its size or
    more: then fewer than two digits are the data's, the rest how they happened to round."""
    shaky = [names[j] for j, s in enumerate(sensitivity) if s >= 0.01]
    if shaky:
        raise SingularDesign(
            "the design is numerically singular: moving each value by an ulp (as rounding it"
            " to a float does) changes the weight of %s by 1%% or more, so the answer would"
            " be noise (nearly collinear columns?)" % _and(shaky)
        )
