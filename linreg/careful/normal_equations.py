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


#: The most work the exact elimination takes on, in units of p³·(p·b)^1.58 for p parameters
#: and entries of b bits: p³ steps, each a product of numbers that grow to p·b bits, at
#: Karatsuba's cost.  NIST's Filip (degree 10, p = 11, b ≈ 1100) costs 4·10⁹ (0.1 s); a
#: degree-10 polynomial of x from 10⁻³⁰⁰ to 10³⁰⁰ would cost 9·10¹¹ (20 s a solve).
WORK_BUDGET = 2e11


class TooLargeToSolve(DataError):
    """The exact normal equations are too large to solve in reasonable time."""


def refuse_too_large(a: Sequence[Sequence[Ratio]], v: Sequence[Ratio]) -> None:
    """TooLargeToSolve where the data span so many orders of magnitude, or there are so many
    parameters, that exact elimination would take minutes; the message says what to change."""
    p = len(a)
    bits = max(
        max(abs(x).bit_length() for x in _integer_row(list(row) + [vi])) for row, vi in zip(a, v)
    )
    if p**3 * float(p * bits) ** 1.58 > WORK_BUDGET:
        raise TooLargeToSolve(
            "solving the normal equations exactly would take minutes: %d parameters, with"
            " numbers of about %d digits; rescale the columns (change their units) or use"
            " fewer features or a lower degree" % (p, int(bits * 0.30103))
        )


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
    """Solve A·xₖ = bₖ for each right-hand side; returns (A, the solutions xₖ).

    Fraction-free (Bareiss): each row is first made integer (times the common denominator
    of its entries, which leaves the solution alone), then eliminated with exact integer
    divisions, so entries grow only as the minors do and no gcd is ever taken; the
    solutions are Cramer's xᵢ = Xᵢ/det, one division each.  Exact, so any non-zero pivot
    will do: the first one found in the column.
    """
    p, m = len(a), len(rhs)
    rows = [_integer_row(list(a[i]) + [rhs[k][i] for k in range(m)]) for i in range(p)]
    previous = 1
    for col in range(p):
        pivot = next((r for r in range(col, p) if rows[r][col] != 0), None)
        if pivot is None:
            raise _singular(a, col, names)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        lead = rows[col]
        for r in range(col + 1, p):
            row = rows[r]
            factor = row[col]
            rows[r] = [
                (e * lead[col] - factor * f) // previous if j > col else 0
                for j, (e, f) in enumerate(zip(row, lead))
            ]
        previous = lead[col]
    det = previous
    solutions = []
    for k in range(m):
        scaled = [0] * p  # Xᵢ = xᵢ·det, whole numbers by Cramer's rule
        for i in range(p - 1, -1, -1):
            row = rows[i]
            total = det * row[p + k] - sum(row[j] * scaled[j] for j in range(i + 1, p))
            scaled[i] = total // row[i]
        solutions.append([Ratio(x, det) for x in scaled])
    return [list(r) for r in a], solutions


def _integer_row(values: Sequence[Ratio]) -> List[int]:
    """The row times the least common multiple of its denominators: integers."""
    common = 1
    for v in values:
        common = common // math.gcd(common, v.den) * v.den
    return [v.num * (common // v.den) for v in values]


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


def weight_scales(g: Gram, *, intercept: bool) -> List[Ratio]:
    """For each parameter, the square of √(Σy²/Σxⱼ²): the size of a weight that alone would
    carry y (Σy²/N for the intercept).  A zero weight moved by rounding is judged against
    it.  Exact, so that data near 10⁻³⁰⁰ do not underflow it to 0."""
    diagonal = [g.xx[j][j] for j in range(g.features)] + ([Ratio(g.n)] if intercept else [])
    return [g.yy / v if v != 0 else Ratio(0) for v in diagonal]


def rounding_sensitivity(
    theta: Sequence[Ratio], trials: Sequence[Sequence[Ratio]], scales: Sequence[Ratio]
) -> List[float]:
    """For each parameter, how far it moved when the data were moved by an ulp, relative to
    its size (or to its scale, where that is larger): the largest over the trials.  The
    ratio is taken exactly and only then rounded, so it neither under- nor overflows."""
    out = []
    for j, t in enumerate(theta):
        moved = max((abs(trial[j] - t) for trial in trials), default=Ratio(0))
        size_squared = max(t * t, scales[j])
        if moved == 0:
            out.append(0.0)
        elif size_squared == 0:
            out.append(math.inf)
        else:
            relative_squared = moved * moved / size_squared
            out.append(math.sqrt(float(relative_squared)) if relative_squared < 1 else 1.0)
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
