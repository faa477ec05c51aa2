"""The numbers the core computes with, and its one way to add them up.

Every formula is written once and runs on either type:

* ``float``, for speed;
* ``fractions.Fraction``, for exact answers through the same code.

Only + − × / and integer constants appear in the formulas, so Fraction data stay
Fractions, and no float literal sneaks in to turn an exact computation into a float.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Sequence, Tuple, TypeVar, Union

if TYPE_CHECKING:  # fractions is imported by whoever makes a Fraction; python3-minimal lacks it
    from fractions import Fraction

#: Any real number linreg computes with, where the exact type does not matter to the caller.
Real = Union[float, "Fraction"]
#: The type of the data: given floats a function returns floats, given Fractions it returns
#: Fractions (and given values typed only as Real, it returns Real).
Num = TypeVar("Num", float, "Fraction", Real)


def total(values: Sequence[Num]) -> Num:
    """Σ values, for one or more values of one type.

    Floats go through ``math.fsum``, which rounds only once, so the sum is the same on
    every interpreter and in every order (the built-in ``sum`` of floats changed its
    algorithm in Python 3.12).  Fractions are added exactly, so order cannot matter.
    """
    first = values[0]
    if isinstance(first, float):
        return math.fsum(values)
    return sum(values[1:], first)


def tuple_repr(values: Tuple[object, ...]) -> str:
    """repr of a named tuple of results that cannot fail on an enormous Fraction.

    Python refuses to turn an int of more than 4300 digits into text (3.11, and the 3.8 to
    3.10 security releases), so such a number is shown by its size instead.
    """
    fields = getattr(values, "_fields", ())
    shown = ", ".join("%s=%s" % (f, _repr(v)) for f, v in zip(fields, values))
    return "%s(%s)" % (type(values).__name__, shown)


def readable(value: object) -> str:
    """str(value), or its size where Python refuses to print so many digits."""
    try:
        return str(value)
    except ValueError:
        return _repr(value)


def _repr(value: object) -> str:
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, (list, tuple)):
            inside = ", ".join(_repr(v) for v in value)
            return "[%s]" % inside if isinstance(value, list) else "(%s)" % inside
        digits = [
            int(abs(getattr(value, part)).bit_length() * 0.30103) + 1
            for part in ("numerator", "denominator")
        ]
        return "%s(<%d digits>, <%d digits>)" % (type(value).__name__, digits[0], digits[1])
