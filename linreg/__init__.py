"""linreg: linear regression by gradient descent, as a readable, exact reference.

The model is ŷ = W·x + b, the default loss L(W, b) = (1/2N)·Σ(W·xᵢ + b − yᵢ)², and
descent repeats W ← W − α·∂L/∂W, b ← b − α·∂L/∂b.  Every function works on lists
of floats (fast) and of ``fractions.Fraction`` (exact, through the same code).

>>> import linreg
>>> xs, ys = [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0]
>>> linreg.least_squares(xs, ys)
LeastSquares(w=2.0, b=1.0)
>>> linreg.gradient(xs, ys, 2.0, 1.0)
Gradient(dw=0.0, db=0.0)
>>> result = linreg.fit(xs, ys)
>>> result.w, result.b, result.converged
(2.0, 1.0, True)

Modules, one idea each: :mod:`~linreg.model` (predictions and losses),
:mod:`~linreg.gradient`, :mod:`~linreg.descent` (update rule and training loop),
:mod:`~linreg.least_squares` (closed form and R²), :mod:`~linreg.stability`
(Hessian and learning-rate bound), :mod:`~linreg.fit`, :mod:`~linreg.data`
(seeded synthetic data), :mod:`~linreg.presets` (the tutorials),
:mod:`~linreg.numpy_legacy` and :mod:`~linreg.replay` (the tutorials replayed
exactly as they ran in NumPy), and the command line in :mod:`~linreg.cli`.
"""

from .data import Dataset, Split, arange, linspace, noisy_line, train_test_split, uniform
from .descent import Checkpoint, Params, Training, step, train
from .errors import DataError, LinregError, UnstableLearningRateError
from .fit import Fit, fit
from .gradient import Gradient, gradient
from .least_squares import LeastSquares, least_squares, r_squared
from .model import CONVENTIONS, half_mse, loss, mse, predict, residuals, sse
from .stability import (
    Hessian,
    Stability,
    contraction_factor,
    hessian,
    is_stable_learning_rate,
    iterations_to_reach,
    stability,
    stable_learning_rate,
)

__version__ = "0.1.0"

__all__ = [
    "CONVENTIONS",
    "Checkpoint",
    "DataError",
    "Dataset",
    "Fit",
    "Gradient",
    "Hessian",
    "LeastSquares",
    "LinregError",
    "Params",
    "Split",
    "Stability",
    "Training",
    "UnstableLearningRateError",
    "arange",
    "contraction_factor",
    "fit",
    "gradient",
    "half_mse",
    "hessian",
    "is_stable_learning_rate",
    "iterations_to_reach",
    "least_squares",
    "linspace",
    "loss",
    "mse",
    "noisy_line",
    "predict",
    "r_squared",
    "residuals",
    "sse",
    "stability",
    "stable_learning_rate",
    "step",
    "train",
    "train_test_split",
    "uniform",
]
