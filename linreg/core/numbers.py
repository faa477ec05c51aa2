"""The numbers the core computes with, and its one way to add them up.

Every formula is written once and runs on either type:

* ``float``, for speed;
* ``fractions.Fraction``, for exact answers through the same code.

Only + − × / and integer constants appear in the formulas, so Fraction data stay
Fractions, and no float literal sneaks in to turn an exact computation into a float.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Sequence, TypeVar, Union

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
