"""Boundaries, fields and helpers that a mutation run found no test looking at.

``tools/mutation-test`` changes the careful path one operator at a time and reports each
change that the tests let through.  The ones here were real gaps: an exact comparison
at a boundary (α = 0, α = 2/λmax, a gradient exactly equal to the tolerance), a field of
a result nobody read (fit's checkpoints, centre and scale), the uncentred R², a summation
hook only the NumPy replay used, and the printing of numbers too long for repr().  The
expected values come from Fractions and closed forms, never from the code under test.
"""

import re
import sys
from fractions import Fraction
from typing import Any, List, NamedTuple, Tuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import linreg
from linreg.careful.exact import Ratio
from linreg.careful.stability import iterations_to_reach
from linreg.core.numbers import tuple_repr

small_ints = st.integers(-(10**40), 10**40)
non_zero = small_ints.filter(lambda v: v != 0)
fractions = st.fractions(min_value=-50, max_value=50, max_denominator=1000)
# Away from the subnormals, where s² would leave the float range (fit refuses that).
floats = st.floats(-1e3, 1e3).filter(lambda v: v == 0 or abs(v) > 1e-3)


# -- Ratio, the Fraction of minimal installs ------------------------------------------------


@given(small_ints, non_zero, small_ints, non_zero)
def test_ratio_is_in_lowest_terms_and_orders_as_fraction_does(
    n1: int, d1: int, n2: int, d2: int
) -> None:
    a, b = Ratio(n1, d1), Ratio(n2, d2)
    fa, fb = Fraction(n1, d1), Fraction(n2, d2)
    assert (a.num, a.den) == (fa.numerator, fa.denominator), (a, fa)
    assert (a < b, a <= b, a == b, a >= b, a > b) == (
        fa < fb,
        fa <= fb,
        fa == fb,
        fa >= fb,
        fa > fb,
    )
    assert (a <= a, a >= a, a < a) == (True, True, False)


@given(non_zero, non_zero, st.integers(0, 400))
def test_ratio_log10_is_the_decimal_exponent(n: int, d: int, shift: int) -> None:
    value = Fraction(n * 10**shift, d)
    exponent = len(str(abs(value.numerator))) - len(str(value.denominator))
    if abs(value) < Fraction(10) ** exponent:  # the digit counts overstate it by one
        exponent -= 1
    assert Fraction(10) ** exponent <= abs(value) < Fraction(10) ** (exponent + 1)
    measured = Ratio(value.numerator, value.denominator).log10()
    assert measured == exponent, (measured, exponent)


# -- stability: the bound is exact, at 0 and at 2/λmax --------------------------------------


@given(fractions.filter(lambda a: a != 0), fractions)
def test_is_stable_is_exactly_zero_below_alpha_below_two_over_lambda_max(
    a: Fraction, alpha: Fraction
) -> None:
    # x = ±a gives Σx = 0, so the half-MSE Hessian is diag(a², 1): λmax = max(a², 1).
    bound = 2 / max(a * a, Fraction(1))
    report = linreg.stability([-a, a])
    assert report.is_stable(alpha) == (0 < alpha < bound), (alpha, bound)
    assert report.is_stable(bound) is False
    assert report.is_stable(0) is False


def test_a_rate_between_the_two_bounds_of_close_eigenvalues_is_unstable() -> None:
    # λ = 1.44 and 1: t = 2/α = 0.9 lies left of both roots, where p(t) > 0 as well; only
    # the vertex test t > tr/2 tells it from a t right of both.
    a = Fraction(6, 5)
    assert linreg.stability([-a, a]).is_stable(Fraction(20, 9)) is False
    assert linreg.stability([-a, a]).is_stable(Fraction(20, 15)) is True


@given(
    st.floats(0.01, 0.99),
    st.floats(1e-3, 1e6),
    st.floats(1e-9, 1e3),
)
def test_iterations_to_reach_is_the_first_k_with_rho_to_the_k_times_error_at_most_target(
    rho: float, error: float, target: float
) -> None:
    k = iterations_to_reach(rho, error, target)
    if error <= target:
        assert k == 0
        return
    # log() is rounded, so allow a relative 1e-9 either side of the boundary.
    assert rho**k * error <= target * (1 + 1e-9), (k, rho**k * error, target)
    assert rho ** (k - 1) * error > target * (1 - 1e-9), (k - 1, rho ** (k - 1) * error, target)


def test_iterations_to_reach_is_zero_when_already_there() -> None:
    assert iterations_to_reach(0.5, 1.0, 1.0) == 0
    assert iterations_to_reach(0.5, 1.0, 0.5) == 1
    assert iterations_to_reach(0.5, 8.0, 1.0) == 3  # 0.5³·8 = 1 exactly


# -- R² through the origin ------------------------------------------------------------------


@given(st.lists(st.tuples(fractions, fractions), min_size=1, max_size=8), fractions, fractions)
def test_uncentered_r_squared_is_one_minus_ssres_over_sum_of_y_squared(
    points: List[Tuple[Fraction, Fraction]], w: Fraction, b: Fraction
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    total = sum(y * y for y in ys)
    assume(total != 0)
    expected = 1 - sum((y - (w * x + b)) ** 2 for x, y in points) / total
    got = linreg.r_squared(xs, ys, w, b, centered=False)
    assert got == expected, (got, expected)


# -- fit: every field of the result ---------------------------------------------------------


@given(st.lists(st.tuples(floats, floats), min_size=3, max_size=12), st.booleans())
def test_every_checkpoint_of_fit_holds_the_loss_and_gradient_at_its_point_rounded_once(
    points: List[Tuple[float, float]], intercept: bool
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assume(len(set(xs)) > 1)
    result = linreg.fit(xs, ys, intercept=intercept, checkpoint_every=1, convention="mse")
    n = len(xs)
    for c in result.history:
        w, b = Fraction(c.w), Fraction(c.b)
        r = [w * Fraction(x) + b - Fraction(y) for x, y in zip(xs, ys)]
        exact_loss = sum(v * v for v in r) / n  # the mse convention: d = N
        exact_dw = 2 * sum(v * Fraction(x) for v, x in zip(r, xs)) / n
        exact_db = 2 * sum(r) / n if intercept else Fraction(0)
        assert (c.loss, c.dw, c.db) == (float(exact_loss), float(exact_dw), float(exact_db)), c
    assert result.history[0].iteration == 0 and result.history[-1].iteration == result.iterations
    assert [c.iteration for c in result.history] == list(range(result.iterations + 1))
    assert (result.w, result.b) == (result.history[-1].w, result.history[-1].b)
    if not intercept:
        assert all(c.b == 0 for c in result.history)


@given(st.lists(fractions, min_size=2, max_size=8, unique=True), st.booleans())
def test_fit_reports_the_centre_and_scale_it_standardized_with(
    xs: List[Fraction], intercept: bool
) -> None:
    n = len(xs)
    mean = sum(xs) / n if intercept else Fraction(0)
    assume(any(x != mean for x in xs))
    result = linreg.fit(xs, [2 * x + 1 for x in xs], intercept=intercept)
    assert result.center == mean, (result.center, mean)
    expected = sum((x - mean) ** 2 for x in xs) / n
    assert result.scale_squared == expected, (result.scale_squared, expected)
    assert result.learning_rate == 1


@pytest.mark.parametrize(
    "intercept, rate, expected",
    [
        (True, None, "standardized coordinates u = (x − x̄)/s, where the Hessian is the identity,"
         " with step 1 = 2/(λmin + λmax); W and b mapped back"),
        (False, None, "scaled coordinate u = x/s, where the Hessian is 1, with step 1; W mapped"
         " back"),
        (True, 0.5, "with step 0.5; W and b mapped back"),
        (False, 0.5, "with step 0.5; W mapped back"),
    ],
)  # fmt: skip
def test_fit_says_in_words_which_coordinates_and_step_it_used(
    intercept: bool, rate: Any, expected: str
) -> None:
    result = linreg.fit(
        [0.0, 1.0, 3.0], [1.0, 2.0, 2.0], intercept=intercept, learning_rate=rate, tolerance=1e-6
    )
    assert result.method.startswith("gradient descent in "), result.method
    assert result.method.endswith(expected), (result.method, expected)
    assert result.learning_rate == (1 if rate is None else rate)


# -- train: the tolerance is inclusive, and the Σ can be another's ----------------------------


@given(st.lists(st.tuples(fractions, fractions), min_size=2, max_size=6), fractions, fractions)
def test_train_stops_where_the_gradient_equals_the_tolerance(
    points: List[Tuple[Fraction, Fraction]], w: Fraction, b: Fraction
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    g = linreg.gradient(xs, ys, w, b)
    tolerance = max(abs(Fraction(g.dw)), abs(Fraction(g.db)))  # met with equality
    for on_statistics in (False, True):
        options: Any = dict(
            learning_rate=Fraction(1, 10**4), iterations=3, sufficient_statistics=on_statistics
        )
        result = linreg.train(xs, ys, w, b, tolerance=tolerance, **options)
        assert (result.iterations, result.converged) == (0, True), (result, tolerance)
        # Just above the tolerance is not converged: neither partial's test may be looser.
        below = tolerance * (1 - Fraction(1, 10**6))
        if tolerance > 0:
            start = linreg.train(xs, ys, w, b, tolerance=below, **options).history[0]
            assert start.iteration == 0 and not (start.dw == 0 and start.db == 0)
            result = linreg.train(xs, ys, w, b, tolerance=below, **options)
            assert result.iterations > 0, (result, below)


@given(st.lists(st.tuples(fractions, fractions), min_size=2, max_size=6), fractions)
def test_train_without_intercept_keeps_b_at_zero_and_refuses_another_start(
    points: List[Tuple[Fraction, Fraction]], b: Fraction
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    options: Any = dict(learning_rate=Fraction(1, 10**4), iterations=3, intercept=False)
    result = linreg.train(xs, ys, Fraction(0), Fraction(0), checkpoint_every=1, **options)
    assert [c.iteration for c in result.history] == [0, 1, 2, 3]
    assert all(c.b == 0 and c.db == 0 for c in result.history), result.history
    assert result.converged is False and result.b == 0
    if b != 0:
        with pytest.raises(linreg.ParameterError, match="starting b is .*intercept=False"):
            linreg.train(xs, ys, Fraction(0), b, **options)


@given(st.lists(st.tuples(fractions, fractions), min_size=1, max_size=6), fractions, fractions)
def test_train_with_another_summation_takes_the_same_exact_steps(
    points: List[Tuple[Fraction, Fraction]], w: Fraction, b: Fraction
) -> None:
    # Exactly, every order of summation gives the same sum: a hook that adds in reverse
    # must reproduce the core's trajectory, loss and gradient included.
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    options: Any = dict(learning_rate=Fraction(1, 10**4), iterations=3, checkpoint_every=1)

    def backwards(terms: Any) -> Any:
        return sum(reversed(list(terms)), Fraction(0))

    plain = linreg.train(xs, ys, w, b, **options)
    hooked = linreg.train(xs, ys, w, b, summation=backwards, **options)
    assert hooked.history == plain.history, (hooked.history, plain.history)


# -- results print even when a Fraction is too long for repr() ------------------------------


class _Shown(NamedTuple):
    w: Any
    ws: Any
    pair: Any


def test_a_result_prints_huge_fractions_by_their_size() -> None:
    huge = Fraction(10**5000 + 1, 3)
    values = _Shown(huge, [Fraction(1, 2), huge], (huge, 7))
    text = tuple_repr(values)
    try:
        plain = repr(huge)
    except ValueError:  # Python's limit on int-to-text conversion (3.11 and the 3.8+ fixes)
        size = r"Fraction\(<500[01] digits>, <1 digits>\)"
        pattern = r"_Shown\(w=%s, ws=\[Fraction\(1, 2\), %s\], pair=\(%s, 7\)\)" % ((size,) * 3)
        assert re.fullmatch(pattern, text), text
    else:
        assert text == "_Shown(w=%s, ws=[Fraction(1, 2), %s], pair=(%s, 7))" % ((plain,) * 3)
    small = linreg.least_squares([Fraction(0), Fraction(1)], [Fraction(1), Fraction(3)])
    assert repr(small) == "LeastSquares(w=Fraction(2, 1), b=Fraction(1, 1))"


def test_python_refuses_long_ints_here_so_the_size_form_above_is_tested() -> None:
    # The huge-Fraction branch above is only exercised where Python limits int-to-text.
    if not hasattr(sys, "get_int_max_str_digits"):
        pytest.skip("this Python has no int-to-text limit: repr() of any Fraction works")
    assert sys.get_int_max_str_digits() in range(1, 5001), sys.get_int_max_str_digits()
