"""linreg.numpy_legacy against values recorded from real NumPy, bit for bit.

The JSON files in tests/data/numpy/ were written by tools/record_numpy.py under the NumPy
version each names in its "about" section; NumPy itself is not needed here (the live
comparison is tests/live_numpy/).  "Bit for bit" is checked with float.hex(), so −0.0 and
+0.0 differ.  A failure names the seed, the call and the first index that differs, with both
values.
"""

from __future__ import annotations

import functools
import json
import math
import random
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from linreg.errors import DataError, LinregError
from linreg.tutorials.numpy_legacy import (
    SEED_MAX,
    LegacyRandomState,
    NumpyLegacyError,
    SeedError,
    arange_float32,
    init_genrand,
    linspace,
    mean,
    pairwise_sum,
    to_float32,
)

DATA = Path(__file__).parent / "data" / "numpy"
REMAKE = "remake with: python tools/record_numpy.py (in an environment with NumPy)"


@functools.lru_cache(maxsize=None)
def recorded(name: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def first_difference(got: Sequence[Any], want: Sequence[Any]) -> Optional[str]:
    """None if equal bit for bit, else where and how they first differ."""
    if len(got) != len(want):
        return f"{len(got)} values, NumPy gave {len(want)}"
    for index, (mine, numpy) in enumerate(zip(got, want)):
        if isinstance(numpy, float):
            if not isinstance(mine, float) or mine.hex() != numpy.hex():
                return f"index {index}: got {mine!r}, NumPy gave {numpy!r} ({numpy.hex()})"
        elif mine != numpy:
            return f"index {index}: got {mine!r}, NumPy gave {numpy!r}"
    return None


def runs_of(call: str) -> List[Dict[str, Any]]:
    return [run for run in recorded("streams.json")["runs"] if run["call"] == call]


def run_id(run: Dict[str, Any]) -> str:
    return f"seed{run['seed']}-{run['call']}{tuple(run['args'])}-size{run['size']}"


def replay(run: Dict[str, Any]) -> List[float]:
    state = LegacyRandomState(run["seed"])
    values: List[float] = getattr(state, run["call"])(*run["args"], run["size"])
    return values


# -- the Mersenne Twister state and the streams ---------------------------------------------


@pytest.mark.parametrize("seed", recorded("streams.json")["seeds"])
def test_init_genrand_gives_numpys_key_after_seeding(seed: int) -> None:
    want = recorded("streams.json")["key_after_seeding"][str(seed)]
    difference = first_difference(init_genrand(seed), want)
    assert difference is None, f"np.random.seed({seed}) key words: {difference}"


@pytest.mark.parametrize("run", runs_of("random_sample"), ids=run_id)
def test_random_sample_matches_numpy_bit_for_bit(run: Dict[str, Any]) -> None:
    difference = first_difference(replay(run), run["values"])
    assert difference is None, f"{run_id(run)}: {difference}; {REMAKE}"


@pytest.mark.parametrize("run", runs_of("uniform"), ids=run_id)
def test_uniform_matches_numpy_bit_for_bit(run: Dict[str, Any]) -> None:
    difference = first_difference(replay(run), run["values"])
    assert difference is None, f"{run_id(run)}: {difference}; {REMAKE}"


@pytest.mark.parametrize("run", runs_of("normal"), ids=run_id)
def test_normal_with_size_matches_numpy_bit_for_bit(run: Dict[str, Any]) -> None:
    difference = first_difference(replay(run), run["values"])
    assert difference is None, f"{run_id(run)}: {difference}; {REMAKE}"


@pytest.mark.parametrize(
    "session", recorded("streams.json")["interleaved"], ids=lambda s: f"seed{s['seed']}"
)
def test_interleaved_calls_share_numpys_cached_gaussian(session: Dict[str, Any]) -> None:
    state = LegacyRandomState(session["seed"])
    for number, call in enumerate(session["calls"]):
        args = call["args"] if call["size"] is None else [*call["args"], call["size"]]
        got = getattr(state, call["call"])(*args)
        want = call["result"]
        if isinstance(want, list):
            difference = first_difference(got, want)
        else:
            difference = first_difference([got], [want])
        assert difference is None, (
            f"seed {session['seed']}, call #{number} {call['call']}{tuple(args)}: {difference}"
        )


@pytest.mark.parametrize(
    "case",
    recorded("streams.json")["permutations"],
    ids=lambda c: f"seed{c['seed']}-n{c['n']}",
)
def test_permutation_matches_numpy(case: Dict[str, Any]) -> None:
    difference = first_difference(
        LegacyRandomState(case["seed"]).permutation(case["n"]), case["result"]
    )
    assert difference is None, f"seed {case['seed']}, permutation({case['n']}): {difference}"


@given(seed=st.integers(0, SEED_MAX), size=st.integers(0, 9), skip=st.integers(0, 3))
def test_normal_with_size_equals_that_many_single_calls(seed: int, size: int, skip: int) -> None:
    sized, single = LegacyRandomState(seed), LegacyRandomState(seed)
    for _ in range(skip):  # an odd skip leaves a cached second value for the sized call
        assert sized.normal() == single.normal()
    got = sized.normal(1.0, 2.0, size)
    want = [single.normal(1.0, 2.0) for _ in range(size)]
    assert got == want, f"seed {seed}, skip {skip}: normal(1, 2, {size}) = {got}, singles {want}"
    assert sized.random_sample() == single.random_sample(), f"seed {seed}: streams diverged"


@given(seed=st.integers(0, SEED_MAX), n=st.integers(0, 300))
def test_permutation_holds_each_index_once(seed: int, n: int) -> None:
    permutation = LegacyRandomState(seed).permutation(n)
    assert sorted(permutation) == list(range(n)), f"seed {seed}, n {n}: {permutation}"


# -- seeds and arguments -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, SEED_MAX])
def test_seed_range_ends_are_accepted(seed: int) -> None:
    run = next(r for r in runs_of("random_sample") if r["seed"] == seed)
    first = LegacyRandomState(seed).random_sample()
    assert first == run["values"][0], f"seed {seed}: {first!r} != NumPy's {run['values'][0]!r}"


@pytest.mark.parametrize("seed", [-1, 2**32, 2**64, 1.5, 0.0, True, False, "1", None])
def test_seed_outside_numpys_range_is_refused_with_the_range(seed: Any) -> None:
    with pytest.raises(SeedError) as raised:
        LegacyRandomState(seed)
    message = str(raised.value)
    assert repr(seed) in message and "4294967295" in message, message
    assert isinstance(raised.value, LinregError) and isinstance(raised.value, ValueError)
    with pytest.raises(SeedError):
        init_genrand(seed)


@pytest.mark.parametrize("size", [-1, 1.0, True, "3"])
def test_size_must_be_a_non_negative_int(size: Any) -> None:
    state = LegacyRandomState(0)
    for call in (
        lambda: state.random_sample(size),
        lambda: state.uniform(0.0, 1.0, size),
        lambda: state.normal(0.0, 1.0, size),
        lambda: state.permutation(size),
    ):
        with pytest.raises(NumpyLegacyError, match="non-negative integer"):
            call()


def test_normal_refuses_a_negative_scale() -> None:
    with pytest.raises(NumpyLegacyError, match="scale >= 0"):
        LegacyRandomState(0).normal(0.0, -1.0)


def test_uniform_refuses_an_infinite_width() -> None:
    with pytest.raises(NumpyLegacyError, match="finite high - low"):
        LegacyRandomState(0).uniform(-1e308, 1e308)


# -- float32, arange, linspace -------------------------------------------------------------


def test_to_float32_matches_numpy_float32() -> None:
    table = recorded("arrays.json")["float32"]
    got = [to_float32(float(v)) for v in table["inputs"]]
    want = [float(v) for v in table["results"]]
    difference = first_difference(got, want)
    assert difference is None, f"to_float32 on inputs {table['inputs'][:3]}...: {difference}"


def test_to_float32_refuses_what_numpy_turns_into_infinity() -> None:
    table = recorded("arrays.json")["float32_overflow"]
    for text, numpy_result in zip(table["inputs"], table["numpy_results"]):
        assert math.isinf(float(numpy_result)), f"NumPy gave {numpy_result} for {text}"
        with pytest.raises(NumpyLegacyError, match="beyond the float32 range"):
            to_float32(float(text))


@pytest.mark.parametrize(
    "case", recorded("arrays.json")["arange_float32"], ids=lambda c: f"{c['stop']}-{c['step']}"
)
def test_arange_float32_matches_numpy(case: Dict[str, Any]) -> None:
    difference = first_difference(arange_float32(case["stop"], case["step"]), case["values"])
    assert difference is None, (
        f"np.arange({case['stop']}, step={case['step']}, dtype=float32): {difference}"
    )


def test_arange_tutorial_x_is_float32_of_i_times_float32_tenth() -> None:
    tenth = to_float32(0.1)
    formula = [to_float32(i * tenth) for i in range(1000)]
    want = recorded("tutorials.json")["arange"]["x"]
    assert first_difference(formula, want) is None, first_difference(formula, want)
    assert first_difference(arange_float32(100.0, 0.1), want) is None


@pytest.mark.parametrize(
    "case",
    recorded("arrays.json")["linspace"],
    ids=lambda c: f"{c['start']}-{c['stop']}-{c['num']}",
)
def test_linspace_matches_numpy(case: Dict[str, Any]) -> None:
    got = linspace(case["start"], case["stop"], case["num"])
    difference = first_difference(got, case["values"])
    assert difference is None, (
        f"np.linspace({case['start']}, {case['stop']}, {case['num']}): {difference}"
    )


# -- sums ----------------------------------------------------------------------------------


def pairwise_inputs() -> Dict[str, List[float]]:
    """The inputs of pairwise_sum.json, built as its "generator" text says."""
    spec = recorded("pairwise_sum.json")["inputs"]
    rng = random.Random(spec["seed"])
    mixed = []
    for _ in range(spec["length"]):
        u = rng.random()
        k = rng.getrandbits(6)
        mixed.append((2.0 * u - 1.0) * 2.0 ** (k - 32))
    unit = [rng.random() for _ in range(spec["length"])]
    offset = [1e6 * (1.0 + rng.random()) for _ in range(spec["length"])]
    return {"mixed": mixed, "unit": unit, "offset": offset}


@pytest.mark.parametrize("kind", ["mixed", "unit", "offset"])
def test_pairwise_sum_matches_numpy_sum_bit_for_bit(kind: str) -> None:
    table = recorded("pairwise_sum.json")
    values = pairwise_inputs()[kind]
    got = [pairwise_sum(values[:n]) for n in table["lengths"]]
    difference = first_difference(got, table["sums"][kind])
    assert difference is None, f"np.sum of the first n {kind} values, n in lengths: {difference}"


@pytest.mark.parametrize("kind", ["mixed", "unit", "offset"])
def test_mean_matches_numpy_mean_bit_for_bit(kind: str) -> None:
    table = recorded("pairwise_sum.json")
    values = pairwise_inputs()[kind]
    lengths = [n for n in table["lengths"] if n > 0]
    want = [m for n, m in zip(table["lengths"], table["means"][kind]) if n > 0]
    difference = first_difference([mean(values[:n]) for n in lengths], want)
    assert difference is None, f"np.mean of the first n {kind} values, n in lengths: {difference}"


def test_sum_of_negative_zeros_is_positive_zero_as_in_numpy() -> None:
    for case in recorded("pairwise_sum.json")["negative_zeros"]:
        got = pairwise_sum([-0.0] * case["n"])
        assert got.hex() == float(case["sum"]).hex(), f"{case['n']} × -0.0: {got!r}"


def test_mean_of_no_values_is_an_error() -> None:
    with pytest.raises(DataError, match="at least one value"):
        mean([])


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(st.lists(finite, max_size=600))
def test_pairwise_sum_is_within_the_rounding_bound_of_the_exact_sum(values: List[float]) -> None:
    # Any order of n − 1 float additions errs by at most (n − 1)·u·Σ|v| to first order;
    # ε = 2u leaves room for the second-order terms.
    bound = len(values) * 2.0**-52 * math.fsum(abs(v) for v in values)
    exact = math.fsum(values)
    got = pairwise_sum(values)
    assert abs(got - exact) <= bound, f"pairwise {got!r}, fsum {exact!r}, bound {bound!r}"


@given(st.lists(st.integers(-(2**20), 2**20), max_size=1500))
def test_pairwise_sum_of_small_integers_is_exact(values: List[int]) -> None:
    # Every partial sum is an integer below 2**31, so every order of addition is exact:
    # a value dropped or added twice shows up whatever the order.
    assert pairwise_sum([float(v) for v in values]) == float(sum(values))


# -- the tutorials' data -------------------------------------------------------------------


def test_arange_tutorial_data_is_numpys_with_seed_0() -> None:
    tutorial = recorded("tutorials.json")["arange"]
    state = LegacyRandomState(0)
    xs = arange_float32(100.0, 0.1)
    noise = state.normal(0.0, 3.0, len(xs))
    # (4000 + 50·x) is float32 arithmetic (x is float32); the noise·100 is added in float64.
    base = [to_float32(4000.0 + to_float32(50.0 * x)) for x in xs]
    ys = [b + g * 100.0 for b, g in zip(base, noise)]
    assert first_difference(base, tutorial["y_base_float32"]) is None
    difference = first_difference(ys, tutorial["y"])
    assert difference is None, f"arange tutorial y (seed 0): {difference}"
    start = state.random_sample()
    assert start == tutorial["W_start"], f"W start {start!r} != NumPy's {tutorial['W_start']!r}"


def test_uniform_tutorial_data_is_numpys_with_seed_42() -> None:
    tutorial = recorded("tutorials.json")["uniform"]
    state = LegacyRandomState(42)
    xs = state.uniform(-10.0, 10.0, tutorial["n"])
    noise = state.normal(0.0, 3.0, tutorial["n"])
    ys = [7.6 * x + -3.3 + g for x, g in zip(xs, noise)]
    stride = tutorial["sample_stride"]
    for name, got, want in [
        ("x[:20]", xs[:20], tutorial["x_first_20"]),
        ("x[-20:]", xs[-20:], tutorial["x_last_20"]),
        ("y[:20]", ys[:20], tutorial["y_first_20"]),
        ("y[-20:]", ys[-20:], tutorial["y_last_20"]),
        (f"x[::{stride}]", xs[::stride], tutorial["x_every_stride"]),
        (f"y[::{stride}]", ys[::stride], tutorial["y_every_stride"]),
    ]:
        difference = first_difference(got, want)
        assert difference is None, f"uniform tutorial {name} (seed 42): {difference}"
    for name, values in [
        ("x", xs),
        ("y", ys),
        ("x_squared", [x * x for x in xs]),
        ("y_squared", [y * y for y in ys]),
    ]:
        got_hex = math.fsum(values).hex()
        assert got_hex == tutorial[f"{name}_fsum_hex"], f"fsum of {name}: {got_hex}"


def test_train_test_tutorial_data_is_numpys_with_seed_43() -> None:
    tutorial = recorded("tutorials.json")["train_test"]
    state = LegacyRandomState(43)
    xs = linspace(0.0, 100.0, 400)
    noise = state.normal(0.0, 25.0, 400)
    ys = [3.5 * x + 10.0 + g for x, g in zip(xs, noise)]
    assert first_difference(xs, tutorial["x"]) is None, first_difference(xs, tutorial["x"])
    assert first_difference(ys, tutorial["y"]) is None, first_difference(ys, tutorial["y"])
    permutation = state.permutation(400)
    difference = first_difference(permutation, tutorial["permutation"])
    assert difference is None, f"train/test permutation (seed 43): {difference}"
