"""Hypothesis strategies that say what valid data are.

Valid data: x and y of equal length, at least two points, every value finite,
and x not constant (otherwise the least-squares slope is undetermined).  Exact
strategies give Fractions with small denominators, so exact arithmetic stays
fast; float strategies keep magnitudes where squares cannot overflow.
"""

from fractions import Fraction
from typing import List, Sequence, Tuple, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")
Data = Tuple[List[Fraction], List[Fraction]]
FloatData = Tuple[List[float], List[float]]

fractions = st.fractions(min_value=-100, max_value=100, max_denominator=64)
positive_fractions = st.fractions(min_value=Fraction(1, 64), max_value=10, max_denominator=64)
floats = st.floats(min_value=-1e4, max_value=1e4, allow_nan=False, allow_infinity=False)


def unzip(pairs: Sequence[Tuple[T, T]]) -> Tuple[List[T], List[T]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def x_varies(data: Tuple[List[T], List[T]]) -> bool:
    return len(set(data[0])) > 1


def exact_data(min_size: int = 2, max_size: int = 8) -> st.SearchStrategy[Data]:
    """Fraction data, x not constant."""
    pairs = st.lists(st.tuples(fractions, fractions), min_size=min_size, max_size=max_size)
    return pairs.map(unzip).filter(x_varies)


def float_data(
    min_size: int = 2, max_size: int = 30, values: st.SearchStrategy[float] = floats
) -> st.SearchStrategy[FloatData]:
    """Float data, x not constant."""
    pairs = st.lists(st.tuples(values, values), min_size=min_size, max_size=max_size)
    return pairs.map(unzip).filter(x_varies)
