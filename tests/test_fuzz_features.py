"""Fuzz every function of linreg.features, as tests/test_fuzz_api.py does the one-feature API.

The property: a call returns finite numbers of the computation's type, agreeing with the
exact answer computed here with ``fractions`` (within linreg's stated bound for the loss
and gradient; correctly rounded for least squares, whose fit must land on the same
floats), or raises a LinregError whose one-line message names an argument at fault.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Dict, List, Optional, Sequence, Tuple

from fuzz import (
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
    rate,
    seed_or_rng,
    small_fractions,
    valid_number,
)
from hypothesis import event, given
from hypothesis import strategies as st

import linreg
import linreg.features as lf
from linreg.careful.rounding import FLOAT64
from linreg.oracle.features import FeatureCase, bounds

whole = st.floats(allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(["moderate", "whole", "fractions", "mixed"])


def cell(kind: str) -> st.SearchStrategy[Any]:
    return {
        "moderate": moderate,
        "whole": whole,
        "fractions": small_fractions,
        "mixed": valid_number,
    }[kind]


@st.composite
def table(draw: Any) -> Tuple[Arg, Arg]:
    """(rows, ys): valid, or garbage in either (ragged rows, junk cells, lengths that differ)."""
    kind = draw(kinds)
    d, n = draw(st.integers(1, 3)), draw(st.integers(0, 7))
    rows = [[draw(cell(kind)) for _ in range(d)] for _ in range(n)]
    ys = [draw(cell(kind)) for _ in range(n)]
    fault = draw(st.sampled_from(["none", "none", "none", "rows", "ys", "length"]))
    if fault == "rows":
        bad = draw(
            st.one_of(
                st.none(), moderate, st.text(max_size=3), st.just([1.0, 2.0]),
                st.just([[1.0, 2.0], [3.0]]), st.just([[]]), st.just({1.0: 2.0}),
                st.just([{1.0, 2.0}]), garbage_value.map(lambda g: [[g]]),
                st.just([[1.0], [float("nan")]]), st.just("ab"),
            )
        )  # fmt: skip
        return Arg(bad, True), Arg(ys, False, ys)
    if fault == "ys":
        return Arg(rows, False, rows), Arg(
            draw(st.one_of(st.none(), st.text(max_size=2), st.just([None] * n))), True
        )
    if fault == "length":
        return Arg(rows, False, rows), Arg(ys + [1.0], True, ys + [1.0])
    shape = draw(st.sampled_from(["lists", "tuples"]))
    shown = rows if shape == "lists" else tuple(tuple(r) for r in rows)
    return Arg(shown, False, rows), Arg(ys, False, ys)


def weights() -> Slot:
    valid = st.lists(valid_number, min_size=1, max_size=3)
    garbage = st.one_of(
        st.none(), st.text(max_size=2), st.lists(garbage_number, min_size=1, max_size=2)
    )
    return Slot(valid.map(lambda v: Arg(v, False, v)), garbage.map(lambda v: Arg(v, True)))


def _fix_names() -> None:
    # The d-feature messages name rows (rows[i][j], features, collinear columns) and a
    # weight w (lower case): teach the shared judge those names.
    from fuzz import NAMES

    NAMES.setdefault(
        "rows",
        r"\brows?\b|rows\[\d+\]|feature|collinear|intercept|degree|distinct|points?\b|singular",
    )
    NAMES["w"] = r"\b[Ww]\b|\bw\[\d+\]|weight"
    NAMES.setdefault("degree", r"\bdegree\b")


_fix_names()


def args_of(a: Dict[str, Any]) -> Dict[str, Arg]:
    out: Dict[str, Arg] = {}
    for name, arg in a.items():
        if name == "table":
            out["rows"], out["ys"] = arg
        elif isinstance(arg, dict):  # seed or rng
            out.update(arg)
        else:
            out[name] = arg
    w, rows = out.get("w"), out.get("rows")
    if w is not None and rows is not None and rows.listed and w.listed is not None:
        if any(len(r) != len(w.listed) for r in rows.listed):  # one weight per feature, or a fault
            out["w"] = Arg(w.value, True, w.listed)
    return out


def matched(a: Dict[str, Arg]) -> bool:
    """Whether w is valid and as long as each valid row (else the call must refuse)."""
    rows, w = a["rows"], a["w"]
    return (
        rows.listed is not None
        and w.listed is not None
        and all(len(r) == len(w.listed) for r in rows.listed)
    )


def solve_here(a: List[List[Fraction]], v: List[Fraction]) -> Optional[List[Fraction]]:
    """Gaussian elimination in Fractions, independent of linreg; None when singular."""
    p = len(a)
    m = [row[:] + [vi] for row, vi in zip(a, v)]
    for c in range(p):
        pivot = next((r for r in range(c, p) if m[r][c] != 0), None)
        if pivot is None:
            return None
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(p):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][p] / m[i][i] for i in range(p)]


def computed(values: Sequence[Any], kind: Optional[type]) -> List[Fraction]:
    exact = as_fractions(values)
    return exact if kind is Fraction else [Fraction(float(v)) for v in exact]


# -- the model, the loss, the gradient, a step ---------------------------------------------------


@given(a=calls(table=Slot(table(), None), w=weights(), b=number()))
def test_predict(a: Dict[str, Any]) -> None:
    args = args_of(a)
    args.pop("ys")
    done = call(lf.predict, args, describe(lf.predict, args))
    if done.error:
        return
    rows = args["rows"].listed or []
    kind = exact_kind(
        [v for r in rows for v in r] + list(args["w"].listed or []) + [args["b"].value]
    )
    check_numbers(done.result, kind, describe(lf.predict, args))
    assert len(done.result) == len(rows)


def _loss_or_gradient(function: Any, a: Dict[str, Any]) -> None:
    args = args_of(a)
    reproduce = describe(function, args)
    done = call(function, args, reproduce)
    if done.error:
        return
    rows, ys, w, b = args["rows"].listed, args["ys"].listed, args["w"].listed, args["b"].value
    assert rows is not None and ys is not None and w is not None and matched(args), reproduce
    kind = exact_kind([v for r in rows for v in r] + list(ys) + list(w) + [b])
    check_numbers(done.result, kind, reproduce)
    x = [computed(r, kind) for r in rows]
    y, fw = computed(ys, kind), computed(w, kind)
    (fb,) = computed([b], kind)
    conv = args["convention"].value
    d = {"half_mse": 2 * len(y), "mse": len(y), "sse": 1}[conv]
    r = [sum((wj * xj for wj, xj in zip(fw, row)), fb) - yi for row, yi in zip(x, y)]
    if function is lf.loss:
        want = [sum((v * v for v in r), Fraction(0)) / d]
        got = [done.result]
    else:
        want = [
            2 * sum((ri * row[j] for ri, row in zip(r, x)), Fraction(0)) / d for j in range(len(fw))
        ]
        want.append(2 * sum(r, Fraction(0)) / d)
        got = list(done.result.dw) + [done.result.db]
    if kind is Fraction:
        assert got == want, (got, want, reproduce)
        return
    case = FeatureCase(
        [[float(v) for v in row] for row in x],
        [float(v) for v in y],
        [float(v) for v in fw],
        float(fb),
    )
    try:
        limits = bounds("loss" if function is lf.loss else "gradient", case, conv, FLOAT64)
    except (OverflowError, ValueError):  # the bound itself is beyond the float range
        limits = [math.inf] * len(want)
    for g, e, lim in zip(got, want, limits):
        if not math.isfinite(lim):
            event("bound beyond the float range: not checked")
            continue
        assert abs(Fraction(g) - e) <= Fraction(lim), (g, float(e), lim, reproduce)


@given(a=calls(table=Slot(table(), None), w=weights(), b=number(), convention=convention))
def test_loss(a: Dict[str, Any]) -> None:
    _loss_or_gradient(lf.loss, a)


@given(a=calls(table=Slot(table(), None), w=weights(), b=number(), convention=convention))
def test_gradient(a: Dict[str, Any]) -> None:
    _loss_or_gradient(lf.gradient, a)


@given(
    a=calls(
        table=Slot(table(), None),
        w=weights(),
        b=number(),
        learning_rate=rate(),
        convention=convention,
    )
)
def test_step(a: Dict[str, Any]) -> None:
    args = args_of(a)
    done = call(lf.step, args, describe(lf.step, args))
    if done.error:
        return
    assert len(done.result.w) == len(args["w"].listed or [])
    check_numbers(done.result, None, describe(lf.step, args))


@given(
    a=calls(
        table=Slot(table(), None), w=weights(), b=number(), learning_rate=rate(),
        iterations=count(0, 30), tolerance=number(st.none() | st.floats(0, 1), garbage_value),
        intercept=flag,
    )
)  # fmt: skip
def test_train(a: Dict[str, Any]) -> None:
    args = args_of(a)
    done = call(lf.train, args, describe(lf.train, args))
    if done.error:
        return
    assert done.result.iterations <= int(args["iterations"].value)
    check_numbers(done.result, None, describe(lf.train, args))


# -- the careful answers ---------------------------------------------------------------------------


def _exact_least_squares(
    rows: List[List[Any]], ys: List[Any], intercept: bool, kind: Optional[type]
) -> Optional[List[Fraction]]:
    x = [computed(r, kind) + ([Fraction(1)] if intercept else []) for r in rows]
    y = computed(ys, kind)
    if not x:
        return None
    p = len(x[0])
    a = [[sum((r[i] * r[j] for r in x), Fraction(0)) for j in range(p)] for i in range(p)]
    v = [sum((r[i] * yi for r, yi in zip(x, y)), Fraction(0)) for i in range(p)]
    return solve_here(a, v)


@given(a=calls(table=Slot(table(), None), intercept=flag))
def test_least_squares(a: Dict[str, Any]) -> None:
    args = args_of(a)
    reproduce = describe(lf.least_squares, args)
    done = call(lf.least_squares, args, reproduce)
    rows, ys = args["rows"].listed, args["ys"].listed
    if any(arg.garbage for arg in args.values()):
        assert done.error is not None, reproduce  # call() checked that it names the fault
        return
    assert rows is not None and ys is not None
    kind = exact_kind([v for r in rows for v in r] + list(ys))
    try:
        exact = _exact_least_squares(rows, ys, bool(args["intercept"].value), kind)
    except OverflowError:  # a value beyond the float range in a float computation
        assert isinstance(done.error, linreg.FloatRangeError), (done, reproduce)
        return
    if done.error:
        # Refused: singular exactly, or (floats) numerically singular, or too big a result.
        message = str(done.error)
        assert (
            exact is None
            or "numerically singular" in message
            or isinstance(done.error, linreg.FloatRangeError)
        ), (message, reproduce)
        return
    assert exact is not None, ("a singular design answered", done.result, reproduce)
    check_numbers(done.result, kind, reproduce)
    got = list(done.result.w) + ([done.result.b] if args["intercept"].value else [])
    want = exact if kind is Fraction else [float(v) for v in exact]
    assert got == want, (got, want, reproduce)
    fitted = call(lf.fit, {k: args[k] for k in ("rows", "ys", "intercept")}, reproduce)
    if isinstance(fitted.error, linreg.FloatRangeError) and "loss" in str(fitted.error):
        return  # least squares fits in floats, but the loss fit records does not
    assert fitted.error is None and fitted.result.converged, (fitted, reproduce)
    assert list(fitted.result.w) == list(done.result.w) and fitted.result.b == done.result.b, (
        reproduce
    )


@given(a=calls(table=Slot(table(), None), w=weights(), b=number(), centered=flag))
def test_r_squared(a: Dict[str, Any]) -> None:
    args = args_of(a)
    done = call(lf.r_squared, args, describe(lf.r_squared, args))
    if not done.error:
        check_numbers(done.result, None, describe(lf.r_squared, args))


@given(a=calls(table=Slot(table(), None), convention=convention, intercept=flag))
def test_stability(a: Dict[str, Any]) -> None:
    args = args_of(a)
    args.pop("ys")
    done = call(lf.stability, args, describe(lf.stability, args))
    if done.error:
        return
    s = done.result
    assert 0 < s.lambda_min <= s.lambda_max * (1 + 1e-9), (s, describe(lf.stability, args))
    assert s.is_stable(s.max_learning_rate * 0.999) and not s.is_stable(s.max_learning_rate * 1.001)


@given(a=calls(table=Slot(table(), None), degree=count(1, 6, optional=True), intercept=flag))
def test_fit(a: Dict[str, Any]) -> None:
    args = args_of(a)
    rows = args.pop("rows")
    if args["degree"].value is not None:  # a polynomial of the first column
        rows = Arg(
            [r[0] for r in rows.listed] if rows.listed and all(rows.listed) else rows.value,
            rows.garbage,
            None,
        )
    args = {"rows": rows, **args}
    done = call(lf.fit, args, describe(lf.fit, args))
    if done.error:
        return
    check_numbers(done.result, None, describe(lf.fit, args))
    degree = args["degree"].value
    width = int(degree) if degree is not None else len((rows.listed or [[]])[0])
    assert len(done.result.w) == width


@given(
    a=calls(
        xs=Slot(
            st.lists(moderate, max_size=6).map(lambda v: Arg(v, False, v)),
            st.none().map(lambda v: Arg(v, True)),
        ),
        degree=count(1, 5),
    )
)
def test_polynomial(a: Dict[str, Any]) -> None:
    done = call(lf.polynomial, a, describe(lf.polynomial, a))
    if not done.error:
        assert all(len(row) == int(a["degree"].value) for row in done.result)


@given(
    a=calls(
        table=Slot(table(), None),
        w=weights(),
        b=number(),
        sigma=number(st.floats(0, 10)),
        source=seed_or_rng(),
    )
)
def test_noisy_plane(a: Dict[str, Any]) -> None:
    args = args_of(a)
    args.pop("ys")
    done = call(lf.noisy_plane, args, describe(lf.noisy_plane, args))
    if not done.error:
        check_numbers(done.result, float, describe(lf.noisy_plane, args))


def test_every_features_function_is_fuzzed() -> None:
    fuzzed = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    assert set(lf.__all__) <= fuzzed, set(lf.__all__) - fuzzed
