"""Seeded data: the same seed gives the same bits everywhere; splits and grids are what they say."""

import json
import math
import random
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict

import pytest
from hypothesis import given
from hypothesis import strategies as st

import linreg
from linreg.tutorials.presets import TUTORIALS, make

RECORDED = json.loads((Path(__file__).parent / "data" / "seeded.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", RECORDED["cases"], ids=lambda c: "seed=%d" % c["seed"])
def test_seeded_data_are_bit_for_bit_those_recorded_from_random_Random(
    case: Dict[str, Any],
) -> None:
    """Recorded by tools/record_seeded.py on CPython; every interpreter must give the same bits."""
    rng = random.Random(case["seed"])
    data = linreg.noisy_line(linreg.arange(0.0, 100.0, 0.1), w=50.0, b=4000.0, sigma=300.0, rng=rng)
    got = [float(y).hex() for y in data.ys[:5]]
    assert got == case["first_ys"], (got, case["first_ys"], RECORDED["interpreter"])
    assert float(data.ys[-1]).hex() == case["last_y"]
    assert math.fsum(data.ys).hex() == case["fsum_ys"]
    assert rng.random().hex() == case["next_random_after"]


@given(seed=st.integers(0, 2**64))
def test_the_same_seed_gives_the_same_data_and_split(seed: int) -> None:
    xs = linreg.uniform(20, -1.0, 1.0, seed=seed)
    first = linreg.noisy_line(xs, w=1.0, b=2.0, sigma=0.5, seed=seed)
    again = linreg.noisy_line(
        linreg.uniform(20, -1.0, 1.0, seed=seed), w=1.0, b=2.0, sigma=0.5, seed=seed
    )
    assert first == again
    assert linreg.train_test_split(
        first.xs, first.ys, train_size=15, seed=seed
    ) == linreg.train_test_split(again.xs, again.ys, train_size=15, seed=seed)


def test_different_seeds_give_different_data() -> None:
    xs = linreg.linspace(0.0, 1.0, 10)
    assert linreg.noisy_line(xs, w=1.0, b=0.0, sigma=1.0, seed=1) != linreg.noisy_line(
        xs, w=1.0, b=0.0, sigma=1.0, seed=2
    )


def test_the_module_level_generator_is_neither_used_nor_disturbed() -> None:
    random.seed(123)
    expected = random.random()
    random.seed(123)
    linreg.noisy_line(linreg.linspace(0.0, 1.0, 50), w=1.0, b=0.0, sigma=1.0, seed=9)
    linreg.train_test_split([0.0, 1.0, 2.0], [0.0, 1.0, 2.0], train_size=2, seed=9)
    assert random.random() == expected


@given(n=st.integers(2, 60), train_size=st.integers(1, 59), seed=st.integers(0, 1000))
def test_a_split_partitions_the_points(n: int, train_size: int, seed: int) -> None:
    if train_size >= n:
        return
    xs = [float(i) for i in range(n)]
    ys = [float(-i) for i in range(n)]
    split = linreg.train_test_split(xs, ys, train_size=train_size, seed=seed)
    assert len(split.train.xs) == train_size and len(split.test.xs) == n - train_size
    assert sorted(list(split.train.xs) + list(split.test.xs)) == xs
    assert all(y == -x for part in split for x, y in zip(part.xs, part.ys)), "pairs stay together"


def test_arange_and_linspace_follow_numpy_conventions() -> None:
    assert (
        linreg.arange(0.0, 100.0, 0.1)[:3] == [0.0, 0.1, 0.2]
        and len(linreg.arange(0.0, 100.0, 0.1)) == 1000
    )
    assert linreg.arange(0.0, 100.0, 0.1)[999] == 999 * 0.1  # from i, not by repeated addition
    grid = linreg.linspace(0.0, 100.0, 400)
    assert len(grid) == 400 and grid[-1] == 100.0 and grid[1] == 100 / 399
    assert linreg.linspace(Fraction(0), Fraction(1), 4) == [0, Fraction(1, 3), Fraction(2, 3), 1]


def test_noise_free_data_lie_on_the_line() -> None:
    data = linreg.noisy_line([0.0, 1.0, 2.0], w=2.0, b=-1.0, sigma=0.0, seed=0)
    assert list(data.ys) == [-1.0, 1.0, 3.0]


@pytest.mark.parametrize(
    "name, points, test_points",
    [("arange", 1000, None), ("uniform", 10_000, None), ("train-test", 320, 80)],
)
def test_presets_make_the_tutorials_data_sets(name: str, points: int, test_points: object) -> None:
    setup = make(TUTORIALS[name], 0)
    assert len(setup.train.xs) == points
    assert (None if setup.test is None else len(setup.test.xs)) == test_points
    assert setup == make(TUTORIALS[name], 0)
