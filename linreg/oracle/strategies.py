"""Hypothesis strategies for valid linear-regression inputs, for the oracle and your tests.

>>> from hypothesis import given
>>> from linreg.oracle.strategies import cases
>>> @given(cases("gradient"))
... def test_my_gradient(case):
...     dw, db = my_gradient(case.xs, case.ys, case.w, case.b)
...     ...

Each :class:`~linreg.oracle.reference.Case` has xs, ys, w, b, learning_rate (a stable one,
for descent) and iterations; see :mod:`linreg.oracle.inputs` for the shapes drawn.  Needs
Hypothesis (``pip install hypothesis``); the oracle itself falls back to a built-in battery
without it.
"""

from __future__ import annotations

from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError(
        "linreg.oracle.strategies needs Hypothesis (pip install hypothesis); without it,"
        " linreg.oracle checks candidates on its built-in battery of inputs"
    ) from missing

from .inputs import Source, make_case
from .reference import Case

__all__ = ["cases"]


def cases(
    kind: str, *, convention: str = "half_mse", precision: str = "float64"
) -> st.SearchStrategy[Case]:
    """Valid inputs for a candidate of this kind ('loss', 'gradient', 'step' or 'fit')."""

    @st.composite
    def draw_case(draw: Any) -> Case:
        source = Source(
            lambda lo, hi: draw(st.integers(lo, hi)),
            lambda lo, hi: draw(st.floats(lo, hi, allow_nan=False, allow_infinity=False)),
        )
        return make_case(source, kind, convention, precision)

    return draw_case()
