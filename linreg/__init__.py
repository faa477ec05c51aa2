"""linreg: linear regression by gradient descent, as a readable, exact reference.

The model is ŷ = W·x + b and the default loss L(W, b) = (1/2N)·Σ(W·xᵢ + b − yᵢ)².
Descent repeats W ← W − α·∂L/∂W, b ← b − α·∂L/∂b.

>>> import linreg
>>> xs, ys = [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0]
>>> linreg.loss(xs, ys, 2.0, 0.0)                     # every residual is −1: L = 4/(2·4)
0.5
>>> linreg.gradient(xs, ys, 2.0, 0.0)                 # (∂L/∂W, ∂L/∂b) = (mean(r·x), mean(r))
Gradient(dw=-1.5, db=-1.0)
>>> linreg.step(xs, ys, 2.0, 0.0, learning_rate=0.1)  # both from the old (W, b)
Params(w=2.15, b=0.1)
>>> run = linreg.train(xs, ys, 0.0, 0.0, learning_rate=0.1, iterations=2000)
>>> round(run.w, 9), round(run.b, 9)
(2.0, 1.0)

Every function works on floats (fast) and on ``fractions.Fraction`` (exact), through the
same code.  Read the code in the order of the README's map: the teaching core
(:mod:`linreg.core`: model, gradient, descent) first, then the careful path
(:mod:`linreg.careful`: exact least squares, the stability bound, ``fit``), the
boundary that checks every argument (:mod:`linreg.api`), and the tutorials and command
line around them.
"""

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any, List

__version__ = "0.2.0"

__all__ = [
    # the model, the loss and its gradient
    "predict",
    "residuals",
    "loss",
    "gradient",
    # descent
    "step",
    "train",
    "fit",
    # the careful answers
    "least_squares",
    "r_squared",
    "stability",
    # data
    "arange",
    "linspace",
    "uniform",
    "noisy_line",
    "train_test_split",
    # errors
    "LinregError",
    "DataError",
    "ParameterError",
    "UnstableLearningRateError",
    "FloatRangeError",
]

if TYPE_CHECKING:
    from .api import (
        arange,
        fit,
        gradient,
        least_squares,
        linspace,
        loss,
        noisy_line,
        predict,
        r_squared,
        residuals,
        stability,
        step,
        train,
        train_test_split,
        uniform,
    )
    from .errors import (
        DataError,
        FloatRangeError,
        LinregError,
        ParameterError,
        UnstableLearningRateError,
    )

_ERRORS = {"LinregError", "DataError", "ParameterError", "UnstableLearningRateError",
           "FloatRangeError"}  # fmt: skip


def __getattr__(name: str) -> Any:
    # The names load on first use, so importing linreg runs nothing and `python -m linreg`
    # starts at once.  import_module, not `from . import`: the latter would look the
    # submodule up as an attribute of this package, and so call this function again.
    if name in _ERRORS:
        return getattr(import_module(__name__ + ".errors"), name)
    if name in __all__:
        return getattr(import_module(__name__ + ".api"), name)
    if _is_submodule(name):
        # `from . import _checks` asks here first; the import system then loads the module.
        raise AttributeError("module 'linreg' has no attribute %r" % name)
    types = import_module(__name__ + ".types")
    if name in types.__all__:
        return getattr(types, name)
    compat = import_module(__name__ + "._compat")
    if name in compat.DEPRECATED:
        return compat.deprecated(name)
    raise AttributeError("module 'linreg' has no attribute %r" % name)


def _is_submodule(name: str) -> bool:
    here = os.path.dirname(__file__)
    return os.path.isfile(os.path.join(here, name + ".py")) or os.path.isdir(
        os.path.join(here, name)
    )


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
