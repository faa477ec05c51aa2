"""Inputs a hostile review found escaping the API, one property per class of them.

The fuzz harness draws values; these are the shapes it did not draw: subclasses that lie
about their value, NumPy arrays where a number belongs, iterators that fail halfway, a
learning rate that rounds to 0, a run of 10¹⁸ iterations, a random generator of the
caller's own, a summation that raises.  Each either gets linreg's own error naming the
argument, or the right answer.
"""

import random
import warnings
from fractions import Fraction
from typing import Any, Iterator, List, Optional, Tuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

import linreg
import linreg.features as lf
from linreg.careful import sufficient
from linreg.careful.exact import moments
from linreg.careful.training import per_sample, run
from linreg.core.model import loss_divisor

XS, YS = [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0]  # y = 2x + 1 exactly


# -- numbers that are not what they seem --------------------------------------------------


class LyingFloat(float):
    def __float__(self) -> float:
        return 100.0


class LyingInt(int):
    def __int__(self) -> int:
        return 999

    def __index__(self) -> int:
        return 999


class BrokenFraction(Fraction):
    @property
    def denominator(self) -> int:
        return 0


class BrokenRepr(list):  # type: ignore[type-arg]
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class NoRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def test_a_subclass_is_read_by_its_stored_value_not_its_own_conversions() -> None:
    assert linreg.loss(XS, YS, LyingFloat(2.0), 1.0) == 0.0  # W = 2 fits exactly
    run_ = linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.01, iterations=LyingInt(2))
    assert run_.iterations == 2, run_.iterations


def test_a_fraction_subclass_that_cannot_be_read_is_refused_by_name() -> None:
    with pytest.raises(linreg.ParameterError, match="^W is a .*BrokenFraction"):
        w: Any = BrokenFraction(1, 2)
        linreg.loss(XS, YS, w, 0.0)


def test_an_argument_whose_repr_fails_still_gets_a_message() -> None:
    with pytest.raises(linreg.DataError, match=r"x\[0\] must be a real number"):
        linreg.loss(BrokenRepr(["a"]), YS[:1], 1.0, 0.0)
    with pytest.raises(linreg.DataError, match="xs must be a sequence .*, not a .*NoRepr"):
        linreg.loss(NoRepr(), YS, 1.0, 0.0)  # type: ignore[arg-type]


def test_an_iterator_that_fails_halfway_is_a_data_error_naming_it() -> None:
    def halfway() -> Iterator[float]:
        yield 1.0
        raise KeyError("boom")

    with pytest.raises(linreg.DataError, match="xs could not be read: .*KeyError"):
        linreg.stability(halfway())


def test_numpy_arrays_are_numbers_only_when_they_hold_one() -> None:
    np = pytest.importorskip("numpy")
    assert linreg.loss(XS, YS, np.array(2.0), 1.0) == 0.0
    assert linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=np.array(3)).iterations == 3
    with pytest.raises(linreg.ParameterError, match=r"W must be a number, not a NumPy array"):
        linreg.loss(XS, YS, np.array([2.0]), 1.0)
    with pytest.raises(linreg.DataError, match=r"x\[0\] must be a number, not a NumPy array"):
        linreg.loss(np.array([[1.0, 2.0], [3.0, 4.0]]), [1.0, 2.0], 1.0, 0.0)
    with pytest.raises(linreg.ParameterError, match="iterations must be a non-negative integer"):
        linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=np.array(5.0))


def test_a_positive_rate_that_rounds_to_zero_in_floats_is_refused() -> None:
    tiny: Any = Fraction(1, 10**500)
    with pytest.raises(linreg.FloatRangeError, match=r"learning rate is about 10\^-500"):
        linreg.step(XS, YS, 0.0, 0.0, learning_rate=tiny)
    with pytest.raises(linreg.FloatRangeError, match=r"learning rate is about 10\^-500"):
        linreg.train(XS, YS, 0.0, 0.0, learning_rate=tiny, iterations=3)


# -- fit and train: never converged when they did not, never endless -----------------------


@pytest.mark.parametrize("rate", [1e-20, 1e-300, 1e-320])
def test_fit_with_a_step_too_short_to_move_the_line_does_not_claim_convergence(
    rate: float,
) -> None:
    result: Any = linreg.fit(XS, YS, learning_rate=rate, max_iterations=50)
    assert (result.converged, result.iterations) == (False, 50), result[:4]
    assert abs(result.w - 2) > 1 and abs(result.b - 1) > 0.5, result[:2]


def test_fit_compares_the_rate_it_will_use_not_the_object_given() -> None:
    class AlwaysLess(float):
        def __lt__(self, other: object) -> bool:
            return True

    with pytest.raises(linreg.UnstableLearningRateError, match="learning rate 3"):
        linreg.fit(XS, YS, learning_rate=AlwaysLess(3.0))


def test_exact_fit_refuses_a_run_whose_fractions_would_not_fit_in_memory() -> None:
    fx, fy = [Fraction(v) for v in XS], [Fraction(v) for v in YS]
    tolerances: List[Any] = [None, 0]
    for tolerance in tolerances:
        with pytest.raises(linreg.ParameterError, match="give a tolerance, fewer max_iterations"):
            linreg.fit(
                fx, fy, learning_rate=Fraction(1, 2), tolerance=tolerance, max_iterations=10**18
            )


def test_a_starting_b_without_an_intercept_is_refused_for_several_features_too() -> None:
    rows = [[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 3.0]]
    with pytest.raises(linreg.ParameterError, match="starting b is 5.0, but intercept=False"):
        lf.train(rows, YS, [0.0, 0.0], 5.0, learning_rate=0.01, iterations=3, intercept=False)


def test_checkpoints_past_the_last_step_and_endless_histories_are_refused() -> None:
    with pytest.raises(linreg.ParameterError, match=r"checkpoints\[0\] must be at most 10"):
        linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=10, checkpoints=[100])
    with pytest.raises(linreg.ParameterError, match="would record 1000000000000000000 checkpoints"):
        linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=10**18, checkpoint_every=1)


@pytest.mark.parametrize("on_statistics", [False, True])
def test_a_run_of_a_quintillion_steps_ends_once_the_rounded_steps_repeat(
    on_statistics: bool,
) -> None:
    # Rounded descent reaches a point it has visited within a few thousand steps here;
    # from there the run repeats, so its end is known without taking 10¹⁸ steps.
    result: Any = linreg.train(
        XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=10**18, tolerance=0.0,
        checkpoint_every=10**17, sufficient_statistics=on_statistics,
    )  # fmt: skip
    assert (result.iterations, result.converged) == (10**18, False)
    assert [c.iteration for c in result.history] == [k * 10**17 for k in range(11)]
    assert abs(result.w - 2) < 1e-14 and abs(result.b - 1) < 1e-14, result[:2]


points = st.lists(
    st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=2, max_size=6
).filter(lambda p: len({x for x, _ in p}) > 1)


@given(
    points=points,
    share=st.sampled_from([0.3, 0.9, 0.99]),
    iterations=st.integers(0, 3000),
    every=st.sampled_from([None, 1, 7, 500]),
    marks=st.lists(st.integers(0, 3000), max_size=4),
    tolerance=st.sampled_from([None, 0.0, 1e-12]),
    intercept=st.booleans(),
)
def test_reading_the_end_off_one_period_gives_the_very_run_that_steps_to_it(
    points: List[Tuple[int, int]],
    share: float,
    iterations: int,
    every: Optional[int],
    marks: List[int],
    tolerance: Optional[float],
    intercept: bool,
) -> None:
    xs = [x / 4 for x, _ in points]
    ys = [y / 8 for _, y in points]
    alpha = share * linreg.stability(xs, intercept=intercept).max_learning_rate
    divisor = loss_divisor("half_mse", len(xs))
    stops = [k for k in marks if k <= iterations]
    options: Any = dict(
        learning_rate=alpha, iterations=iterations, tolerance=tolerance, intercept=intercept,
        checkpoint_every=every, checkpoints=stops,
    )  # fmt: skip
    gradient_at, loss_at = per_sample(xs, ys, divisor)
    plain = run(gradient_at, loss_at, 0.0, 0.0, repeats=False, **options)
    jumped = run(gradient_at, loss_at, 0.0, 0.0, repeats=True, **options)
    assert jumped == plain, (jumped.history[-3:], plain.history[-3:])
    s = sufficient.statistics(moments(xs, ys, floats=True), divisor, None)
    plain = sufficient.run(s, 0.0, 0.0, repeats=False, **options)
    jumped = sufficient.run(s, 0.0, 0.0, repeats=True, **options)
    assert jumped == plain, (jumped.history[-3:], plain.history[-3:])


# -- a summation and a random generator of the caller's own --------------------------------


def test_a_summation_that_fails_is_named_and_its_answers_take_the_data_type() -> None:
    def raises(terms: Any) -> Any:
        raise KeyError("no")

    with pytest.raises(linreg.ParameterError, match="summation raised KeyError"):
        linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=2, summation=raises)
    exact_sum: Any = lambda terms: sum((Fraction(t) for t in terms), Fraction(0))  # noqa: E731
    result = linreg.train(XS, YS, 0.0, 0.0, learning_rate=0.1, iterations=2, summation=exact_sum)
    assert all(type(v) is float for c in result.history for v in c[1:]), result.history
    fx = [Fraction(v) for v in XS]
    with pytest.raises(linreg.ParameterError, match="summation returned the float"):
        linreg.train(fx, fx, Fraction(0), Fraction(0), learning_rate=Fraction(1, 10),
                     iterations=2, summation=lambda terms: float(sum(terms)))  # fmt: skip


class PoppingShuffle(random.Random):
    def shuffle(self, x: Any) -> None:
        x.pop()


class TextRandom(random.Random):
    def random(self) -> Any:
        return "x"


class WideRandom(random.Random):
    def random(self) -> float:
        return 2.5


def test_a_random_generator_of_the_callers_own_is_held_to_its_contract() -> None:
    with pytest.raises(linreg.ParameterError, match="did not shuffle"):
        linreg.train_test_split(XS, YS, train_size=2, rng=PoppingShuffle(1))
    with pytest.raises(linreg.ParameterError, match="failed while drawing uniform: TypeError"):
        linreg.uniform(3, 0.0, 1.0, rng=TextRandom(1))
    with pytest.raises(linreg.ParameterError, match=r"drew values outside \[low, high\]"):
        linreg.uniform(3, 0.0, 1.0, rng=WideRandom(1))
    with pytest.raises(linreg.ParameterError, match="failed while drawing noise"):
        linreg.noisy_line(XS, w=1.0, b=0.0, sigma=1.0, rng=TextRandom(1))


def test_noisy_line_returns_float_xs_beside_its_float_ys() -> None:
    mixed: List[Any] = [1, Fraction(1, 2)]
    data = linreg.noisy_line(mixed, w=1.0, b=0.0, sigma=0.0, seed=1)
    assert data.xs == [1.0, 0.5] and all(type(x) is float for x in data.xs), data


# -- stability's own methods and messages -------------------------------------------------


@pytest.mark.parametrize("rate", ["x", None, True, float("nan"), float("inf")])
def test_stability_methods_refuse_a_rate_that_is_not_a_finite_number(rate: Any) -> None:
    report = linreg.stability(XS)
    with pytest.raises(linreg.ParameterError, match="learning rate must be"):
        report.is_stable(rate)
    with pytest.raises(linreg.ParameterError, match="learning rate must be"):
        report.contraction(rate)


def test_contraction_refuses_a_rate_at_or_below_zero_and_an_overflow() -> None:
    report = linreg.stability(XS)
    with pytest.raises(linreg.ParameterError, match="greater than 0"):
        report.contraction(-1)
    with pytest.raises(linreg.FloatRangeError, match="contraction factor"):
        report.contraction(1e308)


def test_iterations_to_reach_does_not_divide_an_underflowing_quotient() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        steps = linreg.iterations_to_reach(0.5, 1e308, 5e-324)
    # 0.5^k·1e308 ≤ 5e-324 first at k = ⌈log2(1e308/5e-324)⌉ = ⌈1023.1 + 1074⌉ = 2098.
    assert steps == 2098, steps


def test_a_condition_number_within_the_float_range_is_reported_not_refused() -> None:
    # x = ±10¹⁵⁴: λ = Σx²/N = 10³⁰⁸ and 1 (half-MSE, Σx = 0), so κ = 10³⁰⁸ < 1.8·10³⁰⁸.
    assert linreg.stability([1e154, -1e154]).condition_number == 1e308


def test_an_arange_whose_span_overflows_says_so_rather_than_too_many_points() -> None:
    with pytest.raises(linreg.FloatRangeError, match="stop − start = .* beyond the float range"):
        linreg.arange(-1e308, 1e308, 1e307)


def test_a_polynomial_through_the_origin_counts_only_nonzero_x() -> None:
    with pytest.raises(linreg.DataError, match="2 distinct nonzero x values.*through the origin"):
        lf.least_squares([0.0, 1.0, 2.0], [1.0, 2.0, 3.0], degree=3, intercept=False)
