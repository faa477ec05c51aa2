"""Descent on sufficient statistics: the same descent, a bounded float distance, exact merges."""

from __future__ import annotations

import io
import math
import struct
from fractions import Fraction
from typing import Any, List, Sequence, Tuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import Data, exact_data, fractions

import linreg
from linreg.careful import sufficient
from linreg.careful.exact import _over_two_to, exact_sum, moments
from linreg.careful.rounding import statistics_step_bound, step_bound
from linreg.cli import csvdata

CONVENTIONS = ["half_mse", "mse", "sse"]


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("intercept", [True, False])
@given(
    data=exact_data(max_size=6),
    w=fractions,
    b=fractions,
    share=st.fractions(Fraction(1, 20), Fraction(19, 20)),
    steps=st.integers(0, 6),
)
def test_the_trajectory_on_statistics_is_the_per_sample_one_step_for_step_in_fractions(
    convention: str,
    intercept: bool,
    data: Data,
    w: Fraction,
    b: Fraction,
    share: Fraction,
    steps: int,
) -> None:
    xs, ys = data
    alpha = share * Fraction(linreg.stability(xs, convention=convention).max_learning_rate)
    assume(linreg.stability(xs, convention=convention).is_stable(alpha))
    if not intercept:
        b = Fraction(0)  # the line through the origin starts (and stays) at b = 0
    options: Any = dict(
        learning_rate=alpha, iterations=steps, convention=convention, intercept=intercept,
        checkpoint_every=1,
    )  # fmt: skip
    per_sample = linreg.train(xs, ys, w, b, **options)
    on_statistics = linreg.train(xs, ys, w, b, sufficient_statistics=True, **options)
    assert on_statistics == per_sample, (on_statistics.history, per_sample.history)


def test_a_tolerance_stops_both_at_the_same_step() -> None:
    xs, ys = [Fraction(v) for v in (1, 2, 4, 7)], [Fraction(v) for v in (3, -1, 2, 5)]
    options: Any = dict(learning_rate=Fraction(1, 20), iterations=500, tolerance=Fraction(1, 10))
    per_sample = linreg.train(xs, ys, Fraction(0), Fraction(0), **options)
    on_statistics = linreg.train(
        xs, ys, Fraction(0), Fraction(0), sufficient_statistics=True, **options
    )
    assert per_sample.converged and on_statistics == per_sample, (on_statistics[:4], per_sample[:4])


far = st.integers(0, 12).flatmap(
    lambda k: st.floats(-(10.0**k), 10.0**k).map(lambda v: (10.0**k) * 3 + v)
)


@given(
    xs=st.lists(st.one_of(st.floats(-100, 100), far), min_size=2, max_size=12),
    noise=st.lists(st.floats(-5, 5), min_size=12, max_size=12),
    w=st.floats(-10, 10),
    b=st.floats(-1e4, 1e4),
    share=st.floats(0.05, 0.95),
    steps=st.integers(1, 8),
)
def test_the_float_trajectory_on_statistics_stays_within_its_bound_of_the_per_sample_one(
    xs: List[float], noise: List[float], w: float, b: float, share: float, steps: int
) -> None:
    """|θₖ(statistics) − θₖ(per sample)| ≤ Σⱼ (δⱼ(statistics) + δⱼ(per sample)): each stays
    within its own accumulated step bound of the exact trajectory (α < 2/λmax, so the
    exact map shrinks no error), each bound taken at its own points (§9)."""
    spread = max(xs) - min(xs)
    assume(spread > 1e-9 * max(map(abs, xs)) + 1e-100)  # a condition number floats can hold
    ys = [2.5 * x - 7 + e for x, e in zip(xs, noise)]
    alpha = share * linreg.stability(xs).max_learning_rate
    per = linreg.train(xs, ys, w, b, learning_rate=alpha, iterations=steps, checkpoint_every=1)
    stats = linreg.train(
        xs, ys, w, b, learning_rate=alpha, iterations=steps, checkpoint_every=1,
        sufficient_statistics=True,
    )  # fmt: skip
    s = sufficient.statistics(moments(xs, ys), 2 * len(xs), None)
    total_w = total_b = 0.0
    for p, q in zip(per.history[:-1], stats.history[:-1]):
        bw, bb = step_bound(xs, ys, p.w, p.b, alpha, 2 * len(xs))
        sw, sb = statistics_step_bound(s, float(q.w), float(q.b), alpha)
        total_w, total_b = total_w + bw + sw, total_b + bb + sb
    gap_w, gap_b = abs(float(stats.w) - float(per.w)), abs(float(stats.b) - float(per.b))
    assert gap_w <= total_w, (stats.w, per.w, total_w)
    assert gap_b <= total_b, (stats.b, per.b, total_b)


@given(
    pairs=st.lists(
        st.tuples(
            st.one_of(
                st.floats(allow_nan=False, allow_infinity=False, width=32), st.floats(-1e6, 1e6)
            ),
            st.floats(-1e6, 1e6),
        ),
        min_size=1,
        max_size=40,
    ),  # fmt: skip
    cuts=st.lists(st.integers(0, 40), max_size=4),
)
def test_the_moments_of_any_split_merged_equal_those_of_one_pass(
    pairs: List[Tuple[float, float]], cuts: List[int]
) -> None:
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    whole = moments(xs, ys)
    bounds = sorted({0, len(xs)} | {min(c, len(xs)) for c in cuts})
    parts = [moments(xs[a:z], ys[a:z]) for a, z in zip(bounds, bounds[1:]) if z > a]
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.combined(part)
    reverse = parts[-1]
    for part in reversed(parts[:-1]):
        reverse = reverse.combined(part)
    assert merged == whole == reverse, (merged, whole)


def exact_moments_by_fractions(xs: Sequence[float], ys: Sequence[float]) -> Tuple[Fraction, ...]:
    fx, fy = [Fraction(v) for v in xs], [Fraction(v) for v in ys]
    return (
        Fraction(len(xs)), sum(fx, Fraction(0)), sum(fy, Fraction(0)),
        sum((x * x for x in fx), Fraction(0)), sum((x * y for x, y in zip(fx, fy)), Fraction(0)),
        sum((y * y for y in fy), Fraction(0)),
    )  # fmt: skip


@given(
    xs=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20),
    ys=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=20, max_size=20),
)
def test_the_fast_exact_moments_of_floats_are_exact(xs: List[float], ys: List[float]) -> None:
    """The fixed-point path (floats scaled by one power of two to integers) against
    Fractions, over the whole float range: subnormals, ±0, values near the overflow limit."""
    ys = ys[: len(xs)]
    m = moments(xs, ys, floats=True)
    got = (Fraction(m.n),) + tuple(Fraction(v.num, v.den) for v in m[1:])
    assert got == exact_moments_by_fractions(xs, ys), (xs, ys)


def test_exact_sums_over_a_power_of_two_agree_with_the_general_path() -> None:
    assert _over_two_to(3, 2) == exact_sum([(3, 4)]) and _over_two_to(3, -2) == exact_sum([(12, 1)])


def test_a_file_longer_than_a_chunk_streams_to_the_same_sums_as_in_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Reading in chunks of 7 rows, with blank lines and a header, gives the exact sums of
    the whole file read at once."""
    rows = [(i * 0.37 - 3.0, 2.0 * i + (i % 3) * 0.1) for i in range(50)]
    text = "x,y\n" + "".join(
        "%r,%r\n%s" % (x, y, "\n" if i % 9 == 0 else "") for i, (x, y) in enumerate(rows)
    )
    monkeypatch.setattr(csvdata, "CHUNK", 7)
    _, chunks = csvdata.read_chunks("data.csv", io.BytesIO(text.encode()))
    seen = list(chunks)
    assert [len(c[0]) for c in seen] == [7] * 7 + [1]
    total = moments(*seen[0])
    for xs, ys in seen[1:]:
        total = total.combined(moments(xs, ys))
    assert total == moments([r[0] for r in rows], [r[1] for r in rows])


def test_float32_values_and_huge_spans_take_exact_paths_too() -> None:
    f32 = [struct.unpack("<f", struct.pack("<f", v))[0] for v in (0.1, 3.3, 1e30)]
    wide = [5e-324, 1e308, -1e308, 0.0]  # 2100 bits apart: the slow path
    for xs in (f32, wide):
        m = moments(xs, xs)
        assert (Fraction(m.sxx.num, m.sxx.den)) == sum(Fraction(v) ** 2 for v in xs)
    assert math.isfinite(float(moments(wide, wide).sx))
