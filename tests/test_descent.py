"""The update rule, the training loop and fit: where descent goes, and how fast."""

import math
from fractions import Fraction
from typing import Any, List, Tuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from nist import nist_data
from strategies import Data, exact_data, fractions

import linreg


@given(data=exact_data(), w=fractions, b=fractions, alpha=st.fractions(Fraction(1, 1000), 1))
def test_step_is_simultaneous(data: Data, w: Fraction, b: Fraction, alpha: Fraction) -> None:
    """Both partials come from the old (W, b): b's update must not see the new W."""
    xs, ys = data
    n = len(xs)
    dw = sum(((w * x + b - y) * x for x, y in zip(xs, ys)), Fraction(0)) / n
    db = sum((w * x + b - y for x, y in zip(xs, ys)), Fraction(0)) / n
    assert linreg.step(xs, ys, w, b, learning_rate=alpha) == (w - alpha * dw, b - alpha * db)


def test_history_holds_the_start_every_checkpoint_and_the_end() -> None:
    xs, ys = [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 2.0, 5.0]
    run = linreg.train(xs, ys, 0.0, 0.0, learning_rate=0.1, iterations=25, checkpoint_every=10)
    assert [c.iteration for c in run.history] == [0, 10, 20, 25]
    w, b = 0.0, 0.0
    for k in range(26):
        g = linreg.gradient(xs, ys, w, b)
        for c in run.history:
            if c.iteration == k:  # the checkpoint's W, b, loss and gradient are all after k steps
                assert (c.w, c.b, c.dw, c.db) == (w, b, g.dw, g.db), (k, c)
                assert c.loss == linreg.loss(xs, ys, w, b)
        w, b = w - 0.1 * g.dw, b - 0.1 * g.db
    assert (run.w, run.b, run.iterations, run.converged) == (
        run.history[-1].w,
        run.history[-1].b,
        25,
        False,
    )


def test_training_stops_at_the_first_point_whose_gradient_meets_the_tolerance() -> None:
    xs, ys = [0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0]
    run = linreg.train(xs, ys, 0.0, 0.0, learning_rate=0.2, iterations=10_000, tolerance=1e-6)
    assert run.converged and run.iterations < 10_000
    end = linreg.gradient(xs, ys, run.w, run.b)
    assert max(abs(float(end.dw)), abs(float(end.db))) <= 1e-6, end
    before = linreg.train(xs, ys, 0.0, 0.0, learning_rate=0.2, iterations=run.iterations - 1)
    g = linreg.gradient(xs, ys, before.w, before.b)
    assert max(abs(float(g.dw)), abs(float(g.db))) > 1e-6, g


@pytest.mark.parametrize("seed", range(5))
def test_descent_converges_to_the_true_line_on_noise_free_data(seed: int) -> None:
    """Noise-free: θ* is the true (W, b), and ‖θₖ − θ*‖ ≤ ρᵏ·‖θ₀ − θ*‖ plus a rounding floor."""
    xs = linreg.uniform(50, -5.0, 5.0, seed=seed)
    data = linreg.noisy_line(xs, w=2.5, b=-1.0, sigma=0.0, seed=seed)
    s = linreg.stability(xs)
    alpha = s.best_learning_rate
    rho = s.contraction(alpha)
    k = 200
    run = linreg.train(data.xs, data.ys, 0.0, 0.0, learning_rate=alpha, iterations=k)
    error = math.hypot(run.w - 2.5, run.b + 1.0)
    bound = rho**k * math.hypot(2.5, 1.0) + 1e-12  # floor: a few ulps of the values involved
    assert error <= bound, (error, bound, rho)


@pytest.mark.parametrize("seed", range(20))
def test_least_squares_lies_within_six_standard_errors_of_the_true_line(seed: int) -> None:
    """Ŵ ~ N(W, σ²/Sxx) and b̂ ~ N(b, σ²·(1/N + x̄²/Sxx)).  At six standard errors a false
    failure has probability 2·10⁻⁹ per check, under 10⁻⁷ for all 40: practically impossible."""
    xs = linreg.linspace(0.0, 100.0, 200)
    data = linreg.noisy_line(xs, w=3.5, b=10.0, sigma=25.0, seed=seed)
    line = linreg.least_squares(data.xs, data.ys)
    n = len(xs)
    mean = math.fsum(xs) / n
    sxx = math.fsum((x - mean) ** 2 for x in xs)
    se_w, se_b = 25.0 / math.sqrt(sxx), 25.0 * math.sqrt(1 / n + mean**2 / sxx)
    assert abs(line.w - 3.5) <= 6 * se_w, (line.w, se_w)
    assert abs(line.b - 10.0) <= 6 * se_b, (line.b, se_b)


def test_plain_descent_converges_to_least_squares_on_noisy_data() -> None:
    data = linreg.noisy_line(linreg.linspace(-1.0, 1.0, 100), w=3.5, b=10.0, sigma=2.0, seed=1)
    line = linreg.least_squares(data.xs, data.ys)
    alpha = linreg.stability(data.xs).best_learning_rate
    run = linreg.train(data.xs, data.ys, 0.0, 0.0, learning_rate=alpha, iterations=400)
    assert run.w == pytest.approx(line.w, rel=1e-12) and run.b == pytest.approx(
        line.b, rel=1e-12
    ), (run, line)


@given(data=exact_data())
def test_fit_of_fractions_lands_exactly_on_least_squares_in_one_step(data: Data) -> None:
    xs, ys = data
    result = linreg.fit(xs, ys)
    assert (result.w, result.b) == linreg.least_squares(xs, ys), result
    assert result.iterations <= 1 and result.converged


@given(data=exact_data(min_size=1))
def test_fit_through_the_origin_of_fractions_is_exact(data: Data) -> None:
    xs, ys = data
    if all(x == 0 for x in xs):
        return
    result = linreg.fit(xs, ys, intercept=False)
    assert (result.w, result.b) == linreg.least_squares(xs, ys, intercept=False), result


far_x = st.integers(0, 10**5).map(lambda k: 500 + k / 64)


@given(
    pairs=st.lists(st.tuples(far_x, st.floats(-1, 1)), min_size=3, max_size=60),
    w=st.floats(-10, 10),
    b=st.floats(-5, 5),
)
def test_fit_reaches_least_squares_to_ten_digits_far_from_zero_in_a_few_steps(
    pairs: List[Tuple[float, float]], w: float, b: float
) -> None:
    """Ten digits relative to the scale of the prediction W·x + b: b alone can be far smaller
    than W·x̄, and then its own last digits are set by the rounding of the residuals."""
    xs = [x for x, _ in pairs]
    assume(len(set(xs)) > 1)
    ys = [w * x + b + e for x, e in pairs]
    result = linreg.fit(xs, ys)
    line = linreg.least_squares(xs, ys)
    got_w, got_b, ls_w, ls_b = float(result.w), float(result.b), float(line.w), float(line.b)
    x_max = max(map(abs, xs))
    scale = max(abs(ls_w) * x_max, abs(ls_b), 1e-300)
    # Usually 1 to 4 steps; a slope that is exactly 0 can take ~20, as W shrinks by a
    # factor of about ε per step until it underflows to 0.
    assert result.converged and result.iterations <= 40, result[:4]
    assert abs(got_w - ls_w) * x_max <= 1e-10 * scale, (got_w, ls_w)
    assert abs(got_b - ls_b) <= 1e-10 * scale, (got_b, ls_b)


@given(
    data=exact_data(min_size=3, max_size=6),
    alpha=st.fractions(Fraction(1, 10), Fraction(19, 10), max_denominator=20),
    k=st.integers(1, 4),
)
def test_fit_with_a_learning_rate_shrinks_the_error_by_one_minus_alpha_each_step(
    data: Data, alpha: Fraction, k: int
) -> None:
    """Where the Hessian is I, one step maps the error e to (1 − α)·e; the map back to
    (W, b) is linear, so after k steps from (0, 0): θₖ − θ* = (1 − α)ᵏ·(0 − θ*), exactly."""
    xs, ys = data
    w_star, b_star = linreg.least_squares(xs, ys)
    assume(alpha != 1 and (w_star, b_star) != (0, 0))  # else the start is already the end
    result = linreg.fit(xs, ys, learning_rate=alpha, max_iterations=k)
    shrink = (1 - alpha) ** k
    assert result.iterations == k and not result.converged, result[:4]
    assert (result.w, result.b) == (w_star - shrink * w_star, b_star - shrink * b_star), result


def test_fit_refuses_a_step_at_or_beyond_two_where_the_hessian_is_the_identity() -> None:
    with pytest.raises(linreg.UnstableLearningRateError, match="below 2") as caught:
        linreg.fit([0.0, 1.0, 2.0], [1.0, 2.0, 4.0], learning_rate=2.0)
    assert caught.value.bound == 2.0
    result = linreg.fit([0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 5.0, 7.0], learning_rate=0.5)
    # A step of 1/2 halves the error each time, down to the rounding floor: a few ulps.
    assert result.converged and abs(result.w - 2.0) <= 4e-16 * 2, result[:4]
    assert abs(result.b - 1.0) <= 4e-16, result[:4]


def test_fit_reaches_least_squares_to_ten_significant_digits_on_nist_norris() -> None:
    """Real data, x up to 1000, intercept −0.26: a fixed small rate would need millions of steps."""
    x_text, y_text = nist_data("Norris")
    xs, ys = [float(t) for t in x_text], [float(t) for t in y_text]
    result = linreg.fit(xs, ys)
    line = linreg.least_squares(xs, ys)
    assert result.converged and result.iterations <= 5, result[:4]
    assert abs(float(result.w) - float(line.w)) <= 1e-10 * abs(float(line.w)), (result.w, line.w)
    assert abs(float(result.b) - float(line.b)) <= 1e-10 * abs(float(line.b)), (result.b, line.b)


NEXT_AFTER_1E8 = 1e8 + 2.0**-26  # 2²⁶ ≤ 1e8 < 2²⁷, so its ulp is 2⁻²⁶ (math.nextafter is 3.9+)


@pytest.mark.parametrize(
    "xs, ys",
    [
        ([1e8, NEXT_AFTER_1E8], [1.0, 2.0]),
        ([1e8, 1e8, NEXT_AFTER_1E8, NEXT_AFTER_1E8], [5.0] * 4),
        ([1e8, NEXT_AFTER_1E8, NEXT_AFTER_1E8], [3.0, 4.0, 4.0]),
    ],
)
def test_fit_is_right_when_x_spread_is_within_an_ulp_of_its_mean(
    xs: List[float], ys: List[float]
) -> None:
    """The rounded centre is then off by about the spread itself; fit corrects for it exactly."""
    result = linreg.fit(xs, ys)
    line = linreg.least_squares(xs, ys)
    assert result.converged and (result.w, result.b) == (line.w, line.b), (result[:4], line)


offsets = st.integers(0, 12).map(lambda k: 10.0**k)


@given(
    offset=offsets,
    spread=st.floats(1e-3, 1.0),
    noise=st.lists(st.floats(-1, 1), min_size=3, max_size=40),
    w=st.floats(-10, 10).filter(lambda v: v == 0 or abs(v) > 1e-6),  # no subnormal slopes
)
def test_fit_finds_w_to_thirteen_digits_at_any_offset_of_x(
    offset: float, spread: float, noise: List[float], w: float
) -> None:
    """x = offset·(1 + spread·i/n) up to 10¹²: residuals are formed from centred x and y,
    so no term the size of W·x cancels, and W stays within a few ulps of the exact answer."""
    xs = [offset * (1 + spread * i / len(noise)) for i in range(len(noise))]
    assume(len(set(xs)) > 1)
    ys = [w * x + e for x, e in zip(xs, noise)]
    result = linreg.fit(xs, ys)
    line = linreg.least_squares(xs, ys)
    got, want = float(result.w), float(line.w)
    # A slope's natural scale: |Ŵ|, or range(y)/range(x) when Ŵ is nearly 0.
    scale = max(abs(want), (max(ys) - min(ys)) / (max(xs) - min(xs)))
    assert result.converged
    assert abs(got - want) <= 1e-13 * scale, (got, want, scale)


def test_fit_refuses_a_negative_tolerance() -> None:
    with pytest.raises(linreg.LinregError, match="tolerance must be ≥ 0"):
        linreg.fit([0.0, 1.0, 2.0], [1.0, 2.0, 4.0], tolerance=-1.0)
    with pytest.raises(linreg.LinregError, match="tolerance must be ≥ 0"):
        linreg.train(
            [0.0, 1.0], [1.0, 2.0], 0.0, 0.0, learning_rate=0.1, iterations=3, tolerance=-1.0
        )


def test_fit_says_when_the_spread_of_x_is_below_the_float_range() -> None:
    # s² = (1/2)·2·(0.5e-170)² = 2.5e-341, so its decimal exponent is −341.
    message = r"squared spread of x, is about 10\^-341: below"
    with pytest.raises(linreg.FloatRangeError, match=message):
        linreg.fit([0.0, 1e-170], [0.0, 1.0])


@given(
    data=exact_data(),
    alpha=st.fractions(min_value=Fraction(1, 50), max_value=Fraction(99, 50), max_denominator=50),
    every=st.sampled_from([None, 1, 2, 3]),
    tolerance=st.sampled_from([None, Fraction(1, 10), Fraction(1, 1000)]),
    intercept=st.booleans(),
)
def test_exact_fit_takes_the_steps_one_by_one_would_take(
    data: Data, alpha: Fraction, every: Any, tolerance: Any, intercept: bool
) -> None:
    # fit computes exact data in closed form (c^k = (1 − α)^k); here the iteration itself,
    # written out independently, step by step, in Fractions.
    xs, ys = data
    n = len(xs)
    mx, my = (sum(xs, Fraction(0)) / n, sum(ys, Fraction(0)) / n) if intercept else (0, 0)
    sxx = sum(((x - mx) ** 2 for x in xs), Fraction(0))
    sxy = sum(((x - mx) * (y - my) for x, y in zip(xs, ys)), Fraction(0))
    assume(sxx != 0)
    most = 12
    w, h, k = Fraction(0), -Fraction(my), 0
    points = {}
    while True:
        g_w, g_b = (w * sxx - sxy) / n, h if intercept else Fraction(0)
        size = max(g_w * g_w * n / sxx, g_b * g_b)
        if k == 0 or (every and k % every == 0):
            points[k] = (w, h + my - w * mx if intercept else Fraction(0))
        if size == 0 or (tolerance is not None and size <= tolerance * tolerance) or k == most:
            done = size == 0 or (tolerance is not None and size <= tolerance * tolerance)
            break
        w, h, k = w - alpha * g_w * n / sxx, h - alpha * g_b, k + 1
    points[k] = (w, h + my - w * mx if intercept else Fraction(0))
    got = linreg.fit(
        xs, ys, intercept=intercept, learning_rate=alpha, tolerance=tolerance,
        max_iterations=most, checkpoint_every=every,
    )  # fmt: skip
    assert (got.iterations, got.converged) == (k, done), (got.iterations, got.converged, k, done)
    assert {c.iteration: (c.w, c.b) for c in got.history} == points
    for c in got.history:  # the loss and gradient recorded at each point, from their formulas
        r = [c.w * x + c.b - y for x, y in zip(xs, ys)]
        assert c.loss == sum((v * v for v in r), Fraction(0)) / (2 * n)
        assert c.dw == sum((v * x for v, x in zip(r, xs)), Fraction(0)) / n
        assert c.db == (sum(r, Fraction(0)) / n if intercept else 0)
