"""The one exception family of linreg.

Every problem with the input (too few points, x constant, a NaN, a learning rate
beyond the stability bound, a seed out of range) raises a subclass of
:class:`LinregError`, which is a :class:`ValueError`, with a message that names the
problem.  Nothing in linreg lets a NaN, an infinity, a ZeroDivisionError or an
OverflowError escape from deep inside a formula.
"""

from __future__ import annotations


class LinregError(ValueError):
    """Base class of every error linreg raises on bad input."""


class DataError(LinregError):
    """The data cannot be used: wrong shape, too few points, not finite, x constant."""


class UnstableLearningRateError(LinregError):
    """The learning rate is at or above the stability bound 2/λmax.

    ``learning_rate`` is the rate given and ``bound`` is 2/λmax (a float), so a
    caller can retry with a smaller rate.
    """

    def __init__(self, message: str, *, learning_rate: object, bound: float) -> None:
        super().__init__(message)
        self.learning_rate = learning_rate
        self.bound = bound
