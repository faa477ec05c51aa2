"""Least squares and R², judged by NIST's certified values and by independent exact arithmetic."""

import sys
from fractions import Fraction
from typing import List, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nist import CERTIFIED, certified, lre, nist_data
from strategies import Data, FloatData, exact_data, float_data

import linreg


def exact_least_squares(xs: List[Fraction], ys: List[Fraction]) -> Tuple[Fraction, Fraction]:
    """Ŵ = Sxy/Sxx, b̂ = ȳ − Ŵ·x̄ with the fractions module: independent of linreg's integer code."""
    n = len(xs)
    mx, my = sum(xs, Fraction(0)) / n, sum(ys, Fraction(0)) / n
    sxy = sum(((x - mx) * (y - my) for x, y in zip(xs, ys)), Fraction(0))
    sxx = sum(((x - mx) ** 2 for x in xs), Fraction(0))
    w = sxy / sxx
    return w, my - w * mx


# NIST rounds its certified values to 15 significant digits, so an exact answer agrees
# with them to at least ~14.3 digits (their own file says: minimum agreement 14.3).
CERTIFIED_DIGITS = 14.0


def test_norris_exact_from_decimal_text_matches_nist_to_all_certified_digits() -> None:
    x_text, y_text = nist_data("Norris")
    fit = linreg.least_squares([Fraction(t) for t in x_text], [Fraction(t) for t in y_text])
    c = certified("Norris")
    assert lre(fit.w, c["B1"]) >= CERTIFIED_DIGITS, (fit.w, c["B1"])
    assert lre(fit.b, c["B0"]) >= CERTIFIED_DIGITS, (fit.b, c["B0"])


def test_norris_from_floats_matches_nist_to_at_least_thirteen_digits() -> None:
    """Floats perturb the data by ε relative; the answer keeps 13+ digits (measured: 14.3, 14.1)."""
    x_text, y_text = nist_data("Norris")
    fit = linreg.least_squares([float(t) for t in x_text], [float(t) for t in y_text])
    c = certified("Norris")
    assert lre(fit.w, c["B1"]) >= 13, (fit.w, float(c["B1"]), lre(fit.w, c["B1"]))
    assert lre(fit.b, c["B0"]) >= 13, (fit.b, float(c["B0"]), lre(fit.b, c["B0"]))


@pytest.mark.parametrize("name", ["NoInt1", "NoInt2"])
def test_line_through_origin_matches_nist(name: str) -> None:
    x_text, y_text = nist_data(name)
    c = certified(name)
    exact = linreg.least_squares(
        [Fraction(t) for t in x_text], [Fraction(t) for t in y_text], intercept=False
    )
    assert exact.b == 0
    assert lre(exact.w, c["B1"]) >= CERTIFIED_DIGITS, (exact.w, c["B1"])
    floats = linreg.least_squares(
        [float(t) for t in x_text], [float(t) for t in y_text], intercept=False
    )
    assert lre(floats.w, c["B1"]) >= 14, (floats.w, float(c["B1"]))


@pytest.mark.parametrize("name, centered", [("Norris", True), ("NoInt1", False), ("NoInt2", False)])
def test_r_squared_matches_nist(name: str, centered: bool) -> None:
    x_text, y_text = nist_data(name)
    xs, ys = [Fraction(t) for t in x_text], [Fraction(t) for t in y_text]
    line = linreg.least_squares(xs, ys, intercept=centered)
    r2 = linreg.r_squared(xs, ys, line.w, line.b, centered=centered)
    expected = Fraction(CERTIFIED[name]["r_squared_text"])
    assert lre(r2, expected) >= CERTIFIED_DIGITS, (r2, expected)


@given(data=exact_data())
def test_least_squares_of_fractions_is_exact(data: Data) -> None:
    xs, ys = data
    got = linreg.least_squares(xs, ys)
    assert (got.w, got.b) == exact_least_squares(xs, ys), got
    assert isinstance(got.w, Fraction) and isinstance(got.b, Fraction)


@given(data=float_data())
def test_least_squares_of_floats_is_the_exact_answer_correctly_rounded(data: FloatData) -> None:
    xs, ys = data
    w, b = exact_least_squares([Fraction(x) for x in xs], [Fraction(y) for y in ys])
    if max(abs(w), abs(b)) > sys.float_info.max:  # x nearly constant: a slope beyond floats
        with pytest.raises(linreg.LinregError, match="too large for a float"):
            linreg.least_squares(xs, ys)
        return
    got = linreg.least_squares(xs, ys)
    assert (got.w, got.b) == (float(w), float(b)), (got, float(w), float(b))


# Hard data: x in the hundreds to thousands with a small spread, intercept near 0.  The
# "computational formula" loses everything here; centring in floats loses digits of b.
hard_x = st.integers(0, 10**6).map(lambda k: 1000 + k / 1024)
hard_data = (
    st.lists(st.tuples(hard_x, st.floats(-1, 1)), min_size=3, max_size=40)
    .map(lambda pairs: ([x for x, _ in pairs], [3 * x + 0.001 + e * 1e-3 for x, e in pairs]))
    .filter(lambda d: len(set(d[0])) > 1)
)


@given(data=hard_data)
def test_least_squares_is_correctly_rounded_on_data_far_from_zero(data: FloatData) -> None:
    xs, ys = data
    got = linreg.least_squares(xs, ys)
    w, b = exact_least_squares([Fraction(x) for x in xs], [Fraction(y) for y in ys])
    assert (got.w, got.b) == (float(w), float(b)), (got, float(w), float(b))


@given(data=exact_data(min_size=3))
def test_r_squared_matches_its_definition_exactly(data: Data) -> None:
    xs, ys = data
    if len(set(ys)) == 1:
        return
    w, b = Fraction(1, 3), Fraction(-2)
    my = sum(ys, Fraction(0)) / len(ys)
    ss_res = sum(((y - w * x - b) ** 2 for x, y in zip(xs, ys)), Fraction(0))
    ss_tot = sum(((y - my) ** 2 for y in ys), Fraction(0))
    assert linreg.r_squared(xs, ys, w, b) == 1 - ss_res / ss_tot
