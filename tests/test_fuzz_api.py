"""Fuzz every public function of linreg with garbage and valid input from the whole space.

The property, for each function in ``linreg.__all__`` (tests/fuzz.py has the strategies
and the judge): a call returns a result whose every number is finite and of the
computation's type, or raises a LinregError whose one-line message names an argument at
fault; never another exception, never a hang.  Where it returns, the result agrees with
the exact answer on the same floats (computed here with ``fractions``, independently of
linreg) within the bound linreg states (:mod:`linreg.careful.rounding` for the loss, the
gradient and a step; correctly rounded for least squares and R²).

Search longer with LINREG_HYPOTHESIS_PROFILE=thorough (2000 examples a test instead of 60):

    LINREG_HYPOTHESIS_PROFILE=thorough ./run-tests tests/test_fuzz_api.py tests/test_fuzz_cli.py
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from fuzz import (
    EPS,
    Arg,
    Slot,
    as_fractions,
    call,
    calls,
    check_numbers,
    convention,
    count,
    describe,
    exact_kind,
    flag,
    garbage_number,
    garbage_value,
    moderate,
    number,
    paired,
    rate,
    seed_or_rng,
    sequence,
    slot,
    small_fractions,
    valid_number,
)
from hypothesis import event, given
from hypothesis import strategies as st

import linreg
from linreg.careful.rounding import gradient_bound, loss_bound, step_bound

DIVISOR: Dict[str, Callable[[int], int]] = {
    "half_mse": lambda n: 2 * n,
    "mse": lambda n: n,
    "sse": lambda n: 1,
}
CONVENTION_DEFAULT = "half_mse"


def values(arg: Arg) -> List[Any]:
    assert arg.listed is not None
    return arg.listed


def computed_as(items: Sequence[Any], kind: Optional[type]) -> List[Fraction]:
    """The exact values linreg computes with: floats (rounded once) or exact Fractions."""
    exact = as_fractions(items)
    if kind is Fraction:
        return exact
    return [Fraction(float(v)) for v in exact]


def arguments(**drawn: Any) -> Dict[str, Arg]:
    """Flatten the drawn (xs, ys) pair and keep the call's argument order."""
    out: Dict[str, Arg] = {}
    for name, arg in drawn.items():
        if name == "data":
            out["xs"], out["ys"] = arg
        elif isinstance(arg, dict):
            out.update(arg)
        else:
            out[name] = arg
    return out


def fits_floats(*groups: Sequence[Fraction]) -> bool:
    return all(abs(v) <= Fraction(1.7976931348623157e308) for g in groups for v in g)


def exact_sums(
    xs: List[Fraction], ys: List[Fraction], w: Fraction, b: Fraction
) -> Tuple[Fraction, Fraction, Fraction]:
    r = [w * x + b - y for x, y in zip(xs, ys)]
    return (
        sum((v * v for v in r), Fraction(0)),
        sum((v * x for v, x in zip(r, xs)), Fraction(0)),
        sum(r, Fraction(0)),
    )


# -- the model, the loss and its gradient ---------------------------------------------------


@given(a=calls(xs=sequence(), w=number(), b=number()))
def test_predict(a: Dict[str, Any]) -> None:
    xs, w, b = a["xs"], a["w"], a["b"]
    args = arguments(**a)
    done = call(linreg.predict, args, describe(linreg.predict, args))
    if done.error:
        return
    kind = exact_kind(values(xs) + [w.value, b.value])
    check_numbers(done.result, kind, describe(linreg.predict, args))
    fx = computed_as(values(xs), kind)
    fw, fb = computed_as([w.value, b.value], kind)
    assert len(done.result) == len(fx), "predict dropped or added values"
    for got, x in zip(done.result, fx):
        exact = fw * x + fb
        bound = 0 if kind is Fraction else 2 * EPS * float(abs(fw * x) + abs(fb)) + 1e-323
        assert abs(Fraction(got) - exact) <= Fraction(bound), (got, float(exact), bound)


@given(a=calls(data=paired(), w=number(), b=number()))
def test_residuals(a: Dict[str, Any]) -> None:
    data, w, b = a["data"], a["w"], a["b"]
    args = arguments(**a)
    done = call(linreg.residuals, args, describe(linreg.residuals, args))
    if done.error:
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [w.value, b.value])
    check_numbers(done.result, kind, describe(linreg.residuals, args))
    assert len(done.result) == len(values(xs)) == len(values(ys)), "lengths must match"


def _loss_or_gradient(function: Any, data: Tuple[Arg, Arg], w: Arg, b: Arg, conv: Arg) -> None:
    args = arguments(data=data, w=w, b=b, convention=conv)
    reproduce = describe(function, args)
    done = call(function, args, reproduce)
    if done.error:
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [w.value, b.value])
    check_numbers(done.result, kind, reproduce)
    fx, fy = computed_as(values(xs), kind), computed_as(values(ys), kind)
    fw, fb = computed_as([w.value, b.value], kind)
    d = DIVISOR[conv.value](len(fx))
    squares, sum_rx, sum_r = exact_sums(fx, fy, fw, fb)
    if function is linreg.loss:
        exact = squares / d
        bound = 0.0 if kind is Fraction else loss_bound(fx, fy, fw, fb, d)
        assert within(done.result, exact, bound), (
            done.result, float(exact), bound, reproduce,
        )  # fmt: skip
    else:
        exact_w, exact_b = 2 * sum_rx / d, 2 * sum_r / d
        bw, bb = (0.0, 0.0) if kind is Fraction else gradient_bound(fx, fy, fw, fb, d)
        assert within(done.result.dw, exact_w, bw), (done.result, reproduce)
        assert within(done.result.db, exact_b, bb), (done.result, reproduce)


@given(a=calls(data=paired(), w=number(), b=number(), convention=convention))
def test_loss(a: Dict[str, Any]) -> None:
    _loss_or_gradient(linreg.loss, a["data"], a["w"], a["b"], a["convention"])


@given(a=calls(data=paired(), w=number(), b=number(), convention=convention))
def test_gradient(a: Dict[str, Any]) -> None:
    _loss_or_gradient(linreg.gradient, a["data"], a["w"], a["b"], a["convention"])


# -- descent --------------------------------------------------------------------------------


@given(a=calls(data=paired(), w=number(), b=number(), learning_rate=rate(), convention=convention))
def test_step(a: Dict[str, Any]) -> None:
    data, w, b, alpha, conv = a["data"], a["w"], a["b"], a["learning_rate"], a["convention"]
    args = arguments(**a)
    reproduce = describe(linreg.step, args)
    done = call(linreg.step, args, reproduce)
    if done.error:
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [w.value, b.value, alpha.value])
    check_numbers(done.result, kind, reproduce)
    fx, fy = computed_as(values(xs), kind), computed_as(values(ys), kind)
    fw, fb, fa = computed_as([w.value, b.value, alpha.value], kind)
    d = DIVISOR[conv.value](len(fx))
    _, sum_rx, sum_r = exact_sums(fx, fy, fw, fb)
    exact_w, exact_b = fw - fa * 2 * sum_rx / d, fb - fa * 2 * sum_r / d
    bw, bb = (0.0, 0.0) if kind is Fraction else step_bound(fx, fy, fw, fb, fa, d)
    assert within(done.result.w, exact_w, bw), (done.result, reproduce)
    assert within(done.result.b, exact_b, bb), (done.result, reproduce)


tolerances = slot(
    st.one_of(st.none(), moderate.map(abs), small_fractions.map(abs)),
    st.one_of(garbage_value, st.floats(max_value=-1e-300)),
)


def within(got: Any, exact: Fraction, bound: float) -> bool:
    """|got − exact| ≤ bound; an infinite bound (its terms overflowed) claims nothing."""
    return bound == math.inf or abs(Fraction(got) - exact) <= Fraction(bound)


def summations() -> Slot:
    def returns_text(terms: Any) -> Any:
        return "not a number"

    def returns_nan(terms: Any) -> Any:
        return math.nan

    # A Σ that returns garbage is a valid argument until it is called: its fault shows
    # only if the run gets that far, so it is not marked as garbage here.
    return slot(
        st.sampled_from([None, None, None, math.fsum, returns_text, returns_nan]),
        st.sampled_from([3, "sum"]),
    )


@given(
    a=calls(
        data=paired(st.integers(0, 6)),
        w=number(),
        b=number(),
        learning_rate=rate(),
        iterations=count(0, 4),
        tolerance=tolerances,
        convention=convention,
        intercept=flag,
        checkpoint_every=count(1, 3, optional=True),
        checkpoints=slot(
            st.lists(st.integers(0, 5), max_size=3), st.sampled_from([[-1], [1.5], None, "1"])
        ),
        summation=summations(),
    )
)
def test_train(a: Dict[str, Any]) -> None:
    data, w, b, alpha, iterations = a["data"], a["w"], a["b"], a["learning_rate"], a["iterations"]
    tolerance, conv, intercept, summation = (
        a["tolerance"], a["convention"], a["intercept"], a["summation"]
    )  # fmt: skip
    marks, steps = a["checkpoints"], iterations.value
    if not marks.garbage and not iterations.garbage and any(k > steps for k in marks.value):
        a["checkpoints"] = marks._replace(garbage=True)  # a checkpoint past the last step
    args = arguments(**a)
    reproduce = describe(linreg.train, args)
    done = call(linreg.train, args, reproduce)
    if done.error:
        if summation.value is not None and not summation.garbage:
            return
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [w.value, b.value, alpha.value])
    check_numbers(done.result, kind, reproduce)
    run = done.result
    assert run.iterations <= int(iterations.value) and (
        run.converged or run.iterations == int(iterations.value)
    )
    assert run.history[0].iteration == 0 and run.history[-1].iteration == run.iterations
    if tolerance.value is None and summation.value is None and intercept.value:
        # The loop is the update rule repeated: the same floats as that many single steps.
        start = computed_as([w.value, b.value], kind)  # the start, in the run's number type
        point: Tuple[Any, Any] = (start[0], start[1])
        if kind is not Fraction:
            point = (float(start[0]), float(start[1]))
        for _ in range(run.iterations):
            after = linreg.step(
                values(xs), values(ys), point[0], point[1],
                learning_rate=alpha.value, convention=conv.value,
            )  # fmt: skip
            point = (after.w, after.b)
        assert (Fraction(run.w), Fraction(run.b)) == (Fraction(point[0]), Fraction(point[1])), (
            run[:2],
            point,
            reproduce,
        )


@given(
    a=calls(
        data=paired(st.integers(0, 8)),
        intercept=flag,
        learning_rate=rate(2.0, optional=True),
        tolerance=tolerances,
        max_iterations=count(1, 50, optional=True),
        convention=convention,
        checkpoint_every=count(1, 3, optional=True),
    )
)
def test_fit(a: Dict[str, Any]) -> None:
    data, intercept, alpha, tolerance = (
        a["data"],
        a["intercept"],
        a["learning_rate"],
        a["tolerance"],
    )
    args = arguments(**a)
    reproduce = describe(linreg.fit, args)
    done = call(linreg.fit, args, reproduce)
    if done.error:
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [alpha.value])
    check_numbers(done.result, kind, reproduce)
    result = done.result
    if alpha.value not in (None, 1) or tolerance.value is not None or not result.converged:
        return  # only descent to the floor at the best step makes a claim about accuracy
    fx, fy = computed_as(values(xs), kind), computed_as(values(ys), kind)
    exact = exact_least_squares(fx, fy, intercept.value)
    assert exact is not None, ("a line for degenerate data", reproduce)
    w_star, b_star = exact
    if kind is Fraction:
        assert (result.w, result.b) == (w_star, b_star), (result[:4], exact, reproduce)
        return
    event("fit: accuracy judged on floats")
    bound_w, bound_b = fit_bounds(fx, fy, w_star, b_star, intercept.value)
    assert within(result.w, w_star, bound_w), (result[:4], float(w_star), bound_w, reproduce)
    assert within(result.b, b_star, bound_b), (result[:4], float(b_star), bound_b, reproduce)


def fit_bounds(
    xs: List[Fraction], ys: List[Fraction], w: Fraction, b: Fraction, intercept: bool
) -> Tuple[float, float]:
    """fit's docstring: |W − Ŵ| ≤ 16ε·σ_W and |b − b̂| ≤ 16ε·(|b̂| + |x̄|·σ_W + M), where
    σ_W = |Ŵ| + M·D/s², M = max(|yᵢ − ȳ| + |Ŵ|·|xᵢ − x̄|), D = max|xᵢ − x̄| (x̄ = ȳ = 0
    without an intercept)."""
    n = len(xs)
    mx = sum(xs, Fraction(0)) / n if intercept else Fraction(0)
    my = sum(ys, Fraction(0)) / n if intercept else Fraction(0)
    s2 = sum(((x - mx) ** 2 for x in xs), Fraction(0)) / n
    big_m = max(abs(y - my) + abs(w) * abs(x - mx) for x, y in zip(xs, ys))
    big_d = max(abs(x - mx) for x in xs)
    sigma_w = abs(w) + big_m * big_d / s2
    eps = Fraction(EPS)
    return float(16 * eps * sigma_w), float(16 * eps * (abs(b) + abs(mx) * sigma_w + big_m))


# -- the careful answers ---------------------------------------------------------------------


def exact_least_squares(
    xs: List[Fraction], ys: List[Fraction], intercept: bool
) -> Optional[Tuple[Fraction, Fraction]]:
    n = len(xs)
    if not intercept:
        sxx = sum((x * x for x in xs), Fraction(0))
        return (
            None
            if sxx == 0
            else (sum((x * y for x, y in zip(xs, ys)), Fraction(0)) / sxx, Fraction(0))
        )
    mx, my = sum(xs, Fraction(0)) / n, sum(ys, Fraction(0)) / n
    sxx = sum(((x - mx) ** 2 for x in xs), Fraction(0))
    if sxx == 0:
        return None
    w = sum(((x - mx) * (y - my) for x, y in zip(xs, ys)), Fraction(0)) / sxx
    return w, my - w * mx


@given(a=calls(data=paired(), intercept=flag))
def test_least_squares(a: Dict[str, Any]) -> None:
    data, intercept = a["data"], a["intercept"]
    args = arguments(**a)
    reproduce = describe(linreg.least_squares, args)
    done = call(linreg.least_squares, args, reproduce)
    xs, ys = data
    if done.error:
        return
    kind = exact_kind(values(xs) + values(ys))
    check_numbers(done.result, kind, reproduce)
    exact = exact_least_squares(
        computed_as(values(xs), kind), computed_as(values(ys), kind), intercept.value
    )
    assert exact is not None, ("a line for degenerate data", reproduce)
    want = exact if kind is Fraction else (float(exact[0]), float(exact[1]))
    assert tuple(done.result) == want, (done.result, want, reproduce)


@given(a=calls(data=paired(), w=number(), b=number(), centered=flag))
def test_r_squared(a: Dict[str, Any]) -> None:
    data, w, b, centered = a["data"], a["w"], a["b"], a["centered"]
    args = arguments(**a)
    reproduce = describe(linreg.r_squared, args)
    done = call(linreg.r_squared, args, reproduce)
    if done.error:
        return
    xs, ys = data
    kind = exact_kind(values(xs) + values(ys) + [w.value, b.value])
    check_numbers(done.result, kind, reproduce)
    fx, fy = computed_as(values(xs), kind), computed_as(values(ys), kind)
    fw, fb = computed_as([w.value, b.value], kind)
    squares, _, _ = exact_sums(fx, fy, fw, fb)
    my = sum(fy, Fraction(0)) / len(fy)
    total = sum(((y - my) ** 2 if centered.value else y * y for y in fy), Fraction(0))
    exact = 1 - squares / total
    want = exact if kind is Fraction else float(exact)
    assert done.result == want, (done.result, want, reproduce)


@given(a=calls(xs=sequence(), convention=convention, intercept=flag))
def test_stability(a: Dict[str, Any]) -> None:
    xs, conv, intercept = a["xs"], a["convention"], a["intercept"]
    args = arguments(**a)
    reproduce = describe(linreg.stability, args)
    done = call(linreg.stability, args, reproduce)
    if done.error:
        return
    kind = exact_kind(values(xs))
    s = done.result
    check_numbers(s[:5], float, reproduce)
    check_numbers(s.hessian, kind, reproduce)
    fx = computed_as(values(xs), kind)
    c = Fraction(2, DIVISOR[conv.value](len(fx)))
    ww, wb, bb = c * sum(x * x for x in fx), c * sum(fx, Fraction(0)), c * len(fx)
    if not intercept.value:
        wb = bb = Fraction(0)
    trace, det = ww + bb, ww * bb - wb * wb
    assert 0 < s.lambda_min <= s.lambda_max, (s, reproduce)
    if intercept.value:
        # λmin + λmax = tr and λmin·λmax = det, within a few roundings of each.
        got_trace = Fraction(s.lambda_min) + Fraction(s.lambda_max)
        got_det = Fraction(s.lambda_min) * Fraction(s.lambda_max)
        assert abs(got_trace - trace) <= 8 * Fraction(EPS) * trace, (s, float(trace), reproduce)
        assert abs(got_det - det) <= 8 * Fraction(EPS) * det, (s, float(det), reproduce)
    else:
        assert s.lambda_max == float(ww), (s, float(ww))
    assert (
        s.max_learning_rate == 2 / s.lambda_max
        and s.condition_number == s.lambda_max / s.lambda_min
    )
    for alpha in (
        Fraction(s.max_learning_rate) * Fraction(1 - 2**-20),
        Fraction(s.max_learning_rate) * Fraction(1 + 2**-20),
    ):
        stable = s.is_stable(alpha)
        exact_stable = 2 / alpha > trace / 2 and (2 / alpha) ** 2 - trace * (2 / alpha) + det > 0
        assert stable == exact_stable, (alpha, s, reproduce)
    assert math.isfinite(s.contraction(s.best_learning_rate))


# -- data -----------------------------------------------------------------------------------


steps = number(
    valid_number.filter(lambda v: v > 0),
    st.one_of(garbage_number, st.floats(max_value=0.0, allow_nan=False)),
)


@given(a=calls(start=number(), stop=number(), step=steps))
def test_arange(a: Dict[str, Any]) -> None:
    start, stop, step = a["start"], a["stop"], a["step"]
    args = arguments(**a)
    reproduce = describe(linreg.arange, args)
    done = call(linreg.arange, args, reproduce)
    if done.error:
        return
    kind = exact_kind([start.value, stop.value, step.value])
    check_numbers(done.result, kind, reproduce)
    fs, fe, fd = computed_as([start.value, stop.value, step.value], kind)
    assert len(done.result) <= 10**7
    for i, got in enumerate(done.result):
        exact = fs + i * fd
        bound = 0 if kind is Fraction else 2 * EPS * float(abs(fs) + abs(i * fd)) + 1e-323
        assert abs(Fraction(got) - exact) <= Fraction(bound), (i, got, reproduce)


@given(a=calls(start=number(), stop=number(), num=count(2, 40)))
def test_linspace(a: Dict[str, Any]) -> None:
    start, stop, num = a["start"], a["stop"], a["num"]
    args = arguments(**a)
    reproduce = describe(linreg.linspace, args)
    done = call(linreg.linspace, args, reproduce)
    if done.error:
        return
    kind = exact_kind([start.value, stop.value])
    check_numbers(done.result, kind, reproduce)
    fs, fe = computed_as([start.value, stop.value], kind)
    assert len(done.result) == int(num.value) and Fraction(done.result[-1]) == fe
    assert Fraction(done.result[0]) == fs


@given(a=calls(n=count(0, 50), low=number(), high=number(), source=seed_or_rng()))
def test_uniform(a: Dict[str, Any]) -> None:
    n = a["n"]
    args = arguments(**a)
    reproduce = describe(linreg.uniform, args)
    done = call(linreg.uniform, args, reproduce)
    if done.error:
        return
    check_numbers(done.result, float, reproduce)
    assert len(done.result) == int(n.value)


sigmas = number(
    valid_number.map(abs),
    st.one_of(garbage_number, st.floats(max_value=-1e-300)),
)


@given(a=calls(xs=sequence(), w=number(), b=number(), sigma=sigmas, source=seed_or_rng()))
def test_noisy_line(a: Dict[str, Any]) -> None:
    xs = a["xs"]
    args = arguments(**a)
    reproduce = describe(linreg.noisy_line, args)
    done = call(linreg.noisy_line, args, reproduce)
    if done.error:
        return
    check_numbers(done.result.ys, float, reproduce)
    nearest = [float(v) for v in values(xs)]  # as floats, like the ys beside them
    assert list(done.result.xs) == nearest, ("xs must come back as floats", reproduce)
    check_numbers(done.result.xs, float, reproduce)


@given(a=calls(data=paired(st.integers(0, 8)), train_size=count(1, 8), source=seed_or_rng()))
def test_train_test_split(a: Dict[str, Any]) -> None:
    data, size = a["data"], a["train_size"]
    args = arguments(**a)
    reproduce = describe(linreg.train_test_split, args)
    done = call(linreg.train_test_split, args, reproduce)
    if done.error:
        return
    xs, ys = data
    pairs = sorted(map(repr, zip(values(xs), values(ys))))
    split = done.result
    got = sorted(
        map(
            repr,
            list(zip(split.train.xs, split.train.ys)) + list(zip(split.test.xs, split.test.ys)),
        )
    )
    assert len(split.train.xs) == int(size.value)
    assert len(got) == len(pairs), ("pairs dropped or added", reproduce)


def test_every_public_function_is_fuzzed() -> None:
    fuzzed = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    functions = {name for name in linreg.__all__ if not name[0].isupper()}
    assert functions <= fuzzed, functions - fuzzed


def test_the_error_classes_are_value_errors_and_keep_their_fields() -> None:
    error = linreg.UnstableLearningRateError("too fast", learning_rate=3, bound=2.0)
    assert (error.learning_rate, error.bound, str(error)) == (3, 2.0, "too fast")
    assert linreg.FloatRangeError("big", quantity="the loss").quantity == "the loss"
    for name in linreg.__all__:
        if name[0].isupper():
            assert issubclass(getattr(linreg, name), ValueError), name
