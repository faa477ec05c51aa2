"""Bad input gets linreg's own error (a ValueError) with a message naming the problem."""

import math
import re
import sys
from fractions import Fraction
from typing import Any, Callable, List

import pytest

import linreg

GOOD_X, GOOD_Y = [0.0, 1.0, 2.0], [1.0, 2.0, 4.0]
nan, inf = math.nan, math.inf
NOT_INT: Any = 1.5  # typed Any: these tests pass what the annotations forbid


def with_data(xs: Any, ys: Any) -> List[Callable[[], object]]:
    """Every public entry point that takes data, given this data."""
    return [
        lambda: linreg.loss(xs, ys, 1.0, 0.0),
        lambda: linreg.gradient(xs, ys, 1.0, 0.0),
        lambda: linreg.step(xs, ys, 1.0, 0.0, learning_rate=0.01),
        lambda: linreg.train(xs, ys, 1.0, 0.0, learning_rate=0.01, iterations=2),
        lambda: linreg.least_squares(xs, ys),
        lambda: linreg.fit(xs, ys),
        lambda: linreg.r_squared(xs, ys, 1.0, 0.0),
    ]


BAD_DATA = [
    ([0.0, 1.0], [1.0], "same number of data points"),
    ([], [], "at least"),
    ([0.0, nan, 2.0], GOOD_Y, "x[1] must be finite"),
    (GOOD_X, [1.0, inf, 2.0], "y[1] must be finite"),
    (GOOD_X, [1.0, -inf, 2.0], "y[1] must be finite"),
    ([0.0, "1", 2.0], GOOD_Y, "x[1] must be a real number"),
    (GOOD_X, [1.0, None, 2.0], "y[1] must be a real number"),
    (GOOD_X, [True, 2.0, 3.0], "y[0] must be a real number"),
    ([0.0, 1j, 2.0], GOOD_Y, "x[1] must be a real number"),
]


@pytest.mark.parametrize("xs, ys, message", BAD_DATA)
def test_bad_data_raise_data_error_naming_the_problem(xs: Any, ys: Any, message: str) -> None:
    for call in with_data(xs, ys):
        with pytest.raises(linreg.DataError, match=re.escape(message)):
            call()


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: linreg.least_squares([1.0], [2.0]),
            "xs and ys hold 1 data point: at least 2 needed",
        ),
        (lambda: linreg.least_squares([2.0, 2.0, 2.0], GOOD_Y), "x is constant"),
        (lambda: linreg.fit([2.0, 2.0, 2.0], GOOD_Y), "x is constant"),
        (lambda: linreg.least_squares([0.0, 0.0], [1.0, 2.0], intercept=False), "every x is 0"),
        (lambda: linreg.r_squared(GOOD_X, [3.0, 3.0, 3.0], 1.0, 0.0), "y is constant"),
        (lambda: linreg.stability([5.0, 5.0]), "x is constant"),
    ],
)
def test_degenerate_data_raise_data_error_naming_the_problem(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(linreg.DataError, match=message):
        call()


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: linreg.loss(GOOD_X, GOOD_Y, 1.0, 0.0, convention="l2"),
            "unknown loss convention 'l2'",
        ),
        (lambda: linreg.step(GOOD_X, GOOD_Y, 1.0, 0.0, learning_rate=0.0), "greater than 0"),
        (lambda: linreg.step(GOOD_X, GOOD_Y, 1.0, 0.0, learning_rate=-1.0), "greater than 0"),
        (lambda: linreg.train(GOOD_X, GOOD_Y, 1.0, 0.0, learning_rate=nan, iterations=1), "finite"),
        (
            lambda: linreg.train(GOOD_X, GOOD_Y, 1.0, 0.0, learning_rate=0.1, iterations=-1),
            "iterations",
        ),
        (
            lambda: linreg.train(GOOD_X, GOOD_Y, 1.0, 0.0, learning_rate=0.1, iterations=NOT_INT),
            "iterations",
        ),
        (lambda: linreg.loss(GOOD_X, GOOD_Y, nan, 0.0), "W must be finite"),
        (lambda: linreg.gradient(GOOD_X, GOOD_Y, 1.0, inf), "b must be finite"),
        (lambda: linreg.noisy_line(GOOD_X, w=1.0, b=0.0, sigma=1.0, seed=-1), "seed"),
        (lambda: linreg.noisy_line(GOOD_X, w=1.0, b=0.0, sigma=1.0, seed=NOT_INT), "seed"),
        (lambda: linreg.noisy_line(GOOD_X, w=1.0, b=0.0, sigma=-1.0, seed=1), "sigma"),
        (lambda: linreg.train_test_split(GOOD_X, GOOD_Y, train_size=3, seed=0), "no test points"),
        (lambda: linreg.linspace(0.0, 1.0, 1), "num"),
        (lambda: linreg.arange(0.0, 1.0, 0.0), "step"),
    ],
)
def test_bad_arguments_raise_linreg_errors_naming_the_problem(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(linreg.LinregError, match=message) as caught:
        call()
    assert isinstance(caught.value, ValueError)


HUGE = sys.float_info.max / 4


@pytest.mark.parametrize(
    "call",
    [
        lambda: linreg.loss([0.0, 1.0], [HUGE, -HUGE], 0.0, 0.0),
        lambda: linreg.gradient([HUGE, 1.0], [-HUGE, 1.0], 1.0, 0.0),
        lambda: linreg.least_squares([0.0, 1e-300], [0.0, HUGE]),
        lambda: linreg.stability([HUGE, -HUGE]),
    ],
)
def test_float_overflow_is_an_error_not_inf_or_nan(call: Callable[[], object]) -> None:
    with pytest.raises(linreg.LinregError, match="float|too large"):
        call()


def test_the_same_huge_values_are_fine_as_fractions() -> None:
    xs, ys = [Fraction(0), Fraction(1)], [Fraction(HUGE), Fraction(-HUGE)]
    assert linreg.loss(xs, ys, Fraction(0), Fraction(0)) == Fraction(HUGE) ** 2 / 2


def test_every_library_error_is_a_value_error() -> None:
    for error in (linreg.LinregError, linreg.DataError, linreg.UnstableLearningRateError):
        assert issubclass(error, ValueError)


def test_a_sum_with_one_float_among_ints_is_correctly_rounded() -> None:
    """fsum, not left-to-right addition, as soon as any term is a float (exact: −1/4)."""
    assert linreg.gradient([1, 1, 1, 1], [0, 1e16, 1.0, -1e16], 0, 0).db == -0.25


def test_other_number_types_are_refused_with_a_conversion_hint() -> None:
    from decimal import Decimal

    with pytest.raises(linreg.DataError, match="decimal.Decimal: convert it with float"):
        decimals: Any = [Decimal(1), Decimal(2)]  # Any: the annotations rightly forbid this
        linreg.loss(decimals, decimals, 1, 0)


def test_an_int_too_large_for_a_float_is_refused() -> None:
    # 10⁴⁰⁰: the message gives its decimal exponent, 400.
    with pytest.raises(
        linreg.FloatRangeError, match=r"x\[0\] is about 10\^400, too large for a float"
    ):
        linreg.loss([10**400, 1], [0.0, 0.0], 1.0, 0.0)


def test_a_huge_fraction_result_says_so_instead_of_failing_on_digits() -> None:
    with pytest.raises(linreg.LinregError, match="too large for a float"):
        linreg.stability([Fraction(10**2200), Fraction(0)])


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linreg.r_squared(GOOD_X, GOOD_Y, nan, 0.0), "W must be finite"),
        (lambda: linreg.step([2.0], [2.0], 0.0, 0.0, learning_rate=1e308), "float range"),
        (lambda: linreg.linspace(-1e308, 1e308, 3), "float range"),
        (lambda: linreg.uniform(3, nan, 1.0, seed=0), "low must be finite"),
        (lambda: linreg.arange(0.0, 1e300, 1e-300), "make more than 10000000 points"),
        (lambda: linreg.noisy_line([1.0], w=1.0, b=0.0, sigma=1.0, rng="x"), "random.Random"),  # type: ignore[arg-type]
    ],
)
def test_extreme_arguments_raise_linreg_errors(call: Callable[[], object], message: str) -> None:
    with pytest.raises(linreg.LinregError, match=message):
        call()


def test_generators_are_accepted_where_lists_are() -> None:
    xs = [0.0, 1.0, 2.0]
    assert linreg.stability(x for x in xs) == linreg.stability(xs)
    data = linreg.noisy_line((x for x in xs), w=1.0, b=0.0, sigma=0.0, seed=0)
    assert list(data.ys) == xs


def test_all_zero_x_with_an_intercept_still_has_a_bound() -> None:
    """H = [[0, 0], [0, 1]] for half-MSE: λmax = 1, so 2/λmax = 2."""
    with pytest.warns(DeprecationWarning):
        assert linreg.stable_learning_rate([0.0, 0.0]) == 2.0
    with pytest.raises(linreg.UnstableLearningRateError):
        linreg.train([0.0, 0.0], [1.0, 2.0], 0.0, 0.0, learning_rate=5.0, iterations=3)
