"""The one exception family of linreg: one class per kind of fault.

Every error linreg raises on bad input is a :class:`LinregError`, which is a
:class:`ValueError`, with a message that names the argument at fault:

    LinregError                 the base class; catch this to catch them all
    ├── DataError               the data (xs, ys, a CSV file) cannot be used: not a sequence,
    │                           lengths differ, too few points, a value that is not a finite
    │                           real number, or data degenerate for the question (x constant)
    ├── ParameterError          another argument is out of its domain: W, b, the learning
    │   │                       rate, iterations, tolerance, convention, seed, a size
    │   └── UnstableLearningRateError
    │                           α ≥ 2/λmax: descent would diverge
    └── FloatRangeError         the input is valid, but a float result would leave the float
                                range (overflow to ±inf, or a vital quantity rounding to 0)

So nothing in linreg lets a NaN, an infinity, a ZeroDivisionError, a TypeError or an
OverflowError escape from inside a formula.
"""

from __future__ import annotations


class LinregError(ValueError):
    """Base class of every error linreg raises on bad input."""


class DataError(LinregError):
    """The data cannot be used: wrong shape, too few points, not finite, x constant."""


class ParameterError(LinregError):
    """An argument other than the data is out of its domain (W, b, α, iterations, …)."""


class UnstableLearningRateError(ParameterError):
    """The learning rate is at or above the stability bound 2/λmax.

    ``learning_rate`` is the rate given and ``bound`` is 2/λmax (a float), so a
    caller can retry with a smaller rate.
    """

    def __init__(self, message: str, *, learning_rate: object, bound: float) -> None:
        super().__init__(message)
        self.learning_rate = learning_rate
        self.bound = bound


class FloatRangeError(LinregError):
    """A float result would overflow, or a quantity it needs would underflow to 0.

    The same computation on ``fractions.Fraction`` inputs is exact and has no range
    limit; rescaling the data also helps.  ``quantity`` names what left the range (the
    loss, λmin, x[3], …), for a caller that words its own advice.
    """

    def __init__(self, message: str, *, quantity: str = "a result") -> None:
        super().__init__(message)
        self.quantity = quantity
