"""The number types linreg computes with, and checks on its input.

The core math is written once and runs on any of these types:

* ``float`` for speed (``int`` values are accepted and behave like floats),
* ``fractions.Fraction`` for exact answers through the same code.

Only ``+ − × /`` of the data's own type and integer constants appear in the
formulas, so Fraction data stay Fractions.  Sums of floats go through
``math.fsum`` (correctly rounded), sums of anything else are exact already.

Every public function checks its input here first and raises :class:`DataError`
with a message that names the problem, so no NaN, infinity or bare
ZeroDivisionError comes out of a formula.
"""

from __future__ import annotations

import math
import sys
from functools import reduce
from operator import add
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Iterable,
    List,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    cast,
)

from ._exact import Ratio
from .errors import DataError, LinregError

if TYPE_CHECKING:
    from fractions import Fraction

#: Any real number linreg accepts, where the exact type does not matter to the caller.
Real = Union[float, "Fraction"]
#: The type of the data: a function given floats returns floats, given Fractions returns
#: Fractions, and given a mixture (or values typed only as Real) returns Real.
Num = TypeVar("Num", float, "Fraction", Real)


#: A way to add up the terms of a sum over the data (default: :func:`total`).
Summation = Callable[[Sequence[Any]], Any]


def total(values: Sequence[Num]) -> Num:
    """Σ values: correctly rounded for floats (math.fsum), exact for Fractions."""
    if not values:
        raise DataError("a sum over no values: the data are empty")
    # One float among the values makes the sum a float sum: fsum it (the first value is
    # checked first, so the training loop's all-float lists cost no scan).
    if isinstance(values[0], float) or any(isinstance(v, float) for v in values):
        try:
            result: Num = _fsum(values)
        except (OverflowError, ValueError):
            raise LinregError(
                "a sum overflowed the float range; rescale the data or use Fraction values"
            ) from None
        check_finite_result(result, "a sum")
        return result
    # Exact types (Fraction) need no care about order or cancellation.
    exact_total: Num = reduce(add, values)
    return exact_total


def _fsum(values: Sequence[Any]) -> Any:
    # Typed Any: total() is generic, and this branch only ever sees floats.
    return math.fsum(values)


def check_finite_result(value: object, what: str) -> None:
    """Refuse an infinite or NaN float result instead of returning it."""
    if isinstance(value, float) and not math.isfinite(value):
        raise LinregError(
            "%s overflowed the float range (%r); rescale the data or use Fraction values"
            % (what, value)
        )


def like(template: Sequence[object], exact: Ratio) -> Real:
    """Round an exact result once, into the number type of the data it came from.

    Float (and int) data give a correctly rounded float; Fraction data give the
    exact Fraction, built with the data's own type so this module needs no
    import of fractions.
    """
    kind = exact_kind(template)
    if kind is None:
        return float(exact)
    return cast(Real, kind(exact.num) / kind(exact.den))


def exact_kind(values: Iterable[object]) -> Optional[type]:
    """Fraction if any value is one (the data are then computed exactly), else None."""
    for value in values:
        if is_fraction(value):
            return type(value)
    return None


def is_fraction(value: object) -> bool:
    # Checked without importing fractions (python3-minimal lacks it): a Fraction can only
    # exist once its module has been imported by someone.
    fractions = sys.modules.get("fractions")
    return fractions is not None and isinstance(value, fractions.Fraction)


def is_number(value: object) -> bool:
    """int, float (and its subclasses, e.g. numpy.float64) or Fraction; not bool."""
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, float)) or is_fraction(value)


def check_number(value: object, name: str) -> None:
    """Refuse anything that is not a finite int, float or Fraction, naming it."""
    if not is_number(value):
        kind = type(value).__module__ + "." + type(value).__qualname__
        if isinstance(value, (str, bytes)) or value is None or kind.startswith("builtins."):
            raise DataError("%s must be a real number, not %r" % (name, value))
        raise DataError(
            "%s must be a real number (int, float or Fraction), not a %s: convert it with"
            " float() or Fraction()" % (name, kind)
        )
    if isinstance(value, int):
        # ints meet floats in the same formulas, so they must fit in a float too.
        if abs(value) > sys.float_info.max:
            raise DataError("%s is too large for float arithmetic; pass it as a Fraction" % name)
    elif isinstance(value, float) and not math.isfinite(value):
        raise DataError("%s must be finite, not %r" % (name, value))


def check_line(w: object, b: object) -> None:
    """Refuse a W or b that is not a finite real number."""
    check_number(w, "W")
    check_number(b, "b")


def check_non_negative(value: object, name: str) -> None:
    check_number(value, name)
    if value < 0:  # type: ignore[operator]
        raise LinregError("%s must be ≥ 0, not %r" % (name, value))


def check_data(
    xs: Sequence[Num], ys: Sequence[Num], *, min_points: int = 1
) -> Tuple[List[Num], List[Num]]:
    """The data as two lists, after checking shape and values.

    Raises DataError when the lengths differ, there are fewer than
    ``min_points`` points, or a value is not a finite real number.
    """
    xs_list, ys_list = list(xs), list(ys)
    if len(xs_list) != len(ys_list):
        raise DataError(
            "xs has %d values and ys has %d: x and y must have the same number of data points"
            % (len(xs_list), len(ys_list))
        )
    check_x(xs_list, min_points=min_points)
    for i, y in enumerate(ys_list):
        check_number(y, "y[%d]" % i)
    return xs_list, ys_list


def check_x(xs: Sequence[object], *, min_points: int = 1) -> None:
    if len(xs) < min_points:
        raise DataError(
            "%d data point%s: at least %d needed"
            % (len(xs), "" if len(xs) == 1 else "s", min_points)
        )
    for i, x in enumerate(xs):
        check_number(x, "x[%d]" % i)


def check_positive(value: object, name: str) -> None:
    check_number(value, name)
    if not value > 0:  # type: ignore[operator]
        raise LinregError("%s must be greater than 0, not %r" % (name, value))


def check_count(value: object, name: str, *, minimum: int = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise LinregError(
            "%s must be a whole number of at least %d, not %r" % (name, minimum, value)
        )
