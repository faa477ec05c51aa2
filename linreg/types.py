"""The named tuples linreg returns, and the loss conventions: import them for annotations.

>>> from linreg.types import Fit, Gradient
>>> Gradient._fields
('dw', 'db')
"""

from __future__ import annotations

from .careful.fit import Fit
from .careful.least_squares import LeastSquares
from .careful.stability import Hessian, Stability
from .careful.training import Checkpoint, Training
from .core.data import Dataset, Split
from .core.descent import Params
from .core.gradient import Gradient
from .core.model import CONVENTIONS
from .features import (
    FeatureCheckpoint,
    FeatureDataset,
    FeatureFit,
    FeatureGradient,
    FeatureLeastSquares,
    FeatureParams,
    FeatureStability,
    FeatureTraining,
)

__all__ = [
    "CONVENTIONS",
    "Checkpoint",
    "Dataset",
    "FeatureCheckpoint",
    "FeatureDataset",
    "FeatureFit",
    "FeatureGradient",
    "FeatureLeastSquares",
    "FeatureParams",
    "FeatureStability",
    "FeatureTraining",
    "Fit",
    "Gradient",
    "Hessian",
    "LeastSquares",
    "Params",
    "Split",
    "Stability",
    "Training",
]
