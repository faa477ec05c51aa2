"""linreg.numpy_legacy against the NumPy installed here, on seeds and inputs Hypothesis draws.

Collected only with LINREG_NUMPY_LIVE=1 (see tests/conftest.py; ``tox -e numpy-live``), and
skipped if NumPy is missing: NumPy is never a dependency of linreg or of its other tests.
The recorded comparisons in tests/test_numpy_legacy.py cover fixed seeds; these cover any.
Values are compared with float.hex(), so −0.0 ≠ +0.0 and NaN = NaN.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Optional, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linreg.tutorials.numpy_legacy import (
    SEED_MAX,
    LegacyRandomState,
    NumpyLegacyError,
    arange_float32,
    init_genrand,
    linspace,
    mean,
    pairwise_sum,
    to_float32,
)

np: Any = pytest.importorskip("numpy")

seeds = st.integers(0, SEED_MAX)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def first_difference(got: Sequence[Any], want: Sequence[Any]) -> Optional[str]:
    """None if equal bit for bit, else where and how they first differ."""
    if len(got) != len(want):
        return f"{len(got)} values, NumPy {np.__version__} gave {len(want)}"
    for index, (mine, numpy) in enumerate(zip(got, want)):
        same = mine.hex() == numpy.hex() if isinstance(numpy, float) else mine == numpy
        if not same:
            return f"index {index}: got {mine!r}, NumPy {np.__version__} gave {numpy!r}"
    return None


def floats(array: Any) -> List[float]:
    return [float(v) for v in array]


@given(seed=seeds)
def test_key_after_seeding_matches_numpy(seed: int) -> None:
    want = [int(k) for k in np.random.RandomState(seed).get_state()[1]]
    assert init_genrand(seed) == want, f"seed {seed}"


@given(seed=seeds, size=st.integers(0, 300), low=moderate, high=moderate)
def test_samples_match_numpy(seed: int, size: int, low: float, high: float) -> None:
    for call, args in [
        ("random_sample", []),
        ("uniform", [low, high]),
        ("normal", [low, abs(high)]),
    ]:
        got = getattr(LegacyRandomState(seed), call)(*args, size)
        want = floats(getattr(np.random.RandomState(seed), call)(*args, size=size))
        difference = first_difference(got, want)
        assert difference is None, f"seed {seed}, {call}{tuple(args)}, size {size}: {difference}"


calls = st.one_of(
    st.tuples(st.just("random_sample"), st.just(()), st.one_of(st.none(), st.integers(0, 5))),
    st.tuples(
        st.just("uniform"), st.tuples(moderate, moderate), st.one_of(st.none(), st.integers(0, 5))
    ),
    st.tuples(
        st.just("normal"),
        st.tuples(moderate, st.floats(0.0, 1e6)),
        st.one_of(st.none(), st.integers(0, 5)),
    ),
    st.tuples(st.just("permutation"), st.tuples(st.integers(0, 50)), st.none()),
)


@given(seed=seeds, script=st.lists(calls, max_size=30))
def test_interleaved_calls_match_numpy(seed: int, script: List[Any]) -> None:
    mine, theirs = LegacyRandomState(seed), np.random.RandomState(seed)
    for number, (call, args, size) in enumerate(script):
        if size is None:
            got = getattr(mine, call)(*args)
            want = getattr(theirs, call)(*args)
            got, want = (
                (got, [int(i) for i in want]) if call == "permutation" else ([got], [float(want)])
            )
        else:
            got = getattr(mine, call)(*args, size)
            want = floats(getattr(theirs, call)(*args, size=size))
        difference = first_difference(got, want)
        assert difference is None, (
            f"seed {seed}, call #{number} {call}{args} size {size}: {difference}"
        )


@given(seed=seeds, n=st.integers(0, 2000))
def test_permutation_matches_numpy(seed: int, n: int) -> None:
    want = [int(i) for i in np.random.RandomState(seed).permutation(n)]
    difference = first_difference(LegacyRandomState(seed).permutation(n), want)
    assert difference is None, f"seed {seed}, permutation({n}): {difference}"


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), max_size=3000))
def test_pairwise_sum_and_mean_match_numpy(values: List[float]) -> None:
    array = np.array(values, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        want_sum = float(np.sum(array))
        want_mean: Dict[str, float] = {"mean": float(np.mean(array))} if values else {}
    assert first_difference([pairwise_sum(values)], [want_sum]) is None, f"n = {len(values)}"
    if values:
        got = mean(values)
        assert first_difference([got], [want_mean["mean"]]) is None, f"n = {len(values)}: {got!r}"


@given(st.floats(width=64))
def test_to_float32_matches_numpy_or_refuses_overflow(value: float) -> None:
    with np.errstate(over="ignore"):
        want = float(np.float32(value))
    if math.isinf(want) and not math.isinf(value):
        with pytest.raises(NumpyLegacyError):
            to_float32(value)
    else:
        got = to_float32(value)
        assert got.hex() == want.hex(), f"{value!r}: got {got!r}, NumPy {want!r}"


@given(stop=st.floats(-10.0, 1000.0), step=st.floats(0.05, 10.0))
def test_arange_float32_matches_numpy(stop: float, step: float) -> None:
    want = floats(np.arange(stop, step=step, dtype=np.float32))
    difference = first_difference(arange_float32(stop, step), want)
    assert difference is None, f"np.arange({stop!r}, step={step!r}, dtype=float32): {difference}"


@given(start=moderate, stop=moderate, num=st.integers(0, 1000))
def test_linspace_matches_numpy(start: float, stop: float, num: int) -> None:
    want = floats(np.linspace(start, stop, num))
    difference = first_difference(linspace(start, stop, num), want)
    assert difference is None, f"np.linspace({start!r}, {stop!r}, {num}): {difference}"
