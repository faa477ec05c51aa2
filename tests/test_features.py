"""Several features: the d-feature formulas, exact least squares, and every NIST set.

Expected values come from independent routes: exact Fractions through formulas written
here (a central difference, Gaussian elimination of the normal equations), NIST's
certified values, and the one-feature code for d = 1.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from nist import CERTIFIED, NIST, lre

import linreg
import linreg.features as lf
from linreg.careful.exact import Ratio
from linreg.cli import main
from linreg.cli.table import exact_decimal

F = Fraction
small = st.fractions(min_value=-20, max_value=20, max_denominator=12)
CONVENTIONS = ["half_mse", "mse", "sse"]


@st.composite
def problems(
    draw: Any, min_points: int = 1
) -> Tuple[List[List[Fraction]], List[Fraction], List[Fraction], Fraction]:
    d = draw(st.integers(1, 4))
    n = draw(st.integers(min_points, 7))
    rows = [[draw(small) for _ in range(d)] for _ in range(n)]
    ys = [draw(small) for _ in range(n)]
    w = [draw(small) for _ in range(d)]
    return rows, ys, w, draw(small)


def divisor(convention: str, n: int) -> int:
    return {"half_mse": 2 * n, "mse": n, "sse": 1}[convention]


def loss_here(
    rows: Sequence[Sequence[Fraction]],
    ys: Sequence[Fraction],
    w: Sequence[Fraction],
    b: Fraction,
    c: str,
) -> Fraction:
    """L = (1/d_L)·Σ(w·xᵢ + b − yᵢ)², written out here."""
    total = sum(
        ((sum(wj * xj for wj, xj in zip(w, row)) + b - y) ** 2 for row, y in zip(rows, ys)), F(0)
    )
    return total / divisor(c, len(ys))


# -- the formulas -----------------------------------------------------------------------------


@given(
    problems(),
    st.sampled_from(CONVENTIONS),
    st.fractions(min_value=F(1, 100), max_value=5),
    st.booleans(),
)
def test_gradient_is_the_central_difference_exactly_for_any_d(
    problem: Any, convention: str, h: Fraction, intercept: bool
) -> None:
    # L is quadratic in each parameter, so the central difference is exact for any h.
    rows, ys, w, b = problem
    if not intercept:
        b = F(0)
    g = lf.gradient(rows, ys, w, b, convention=convention)
    for j in range(len(w)):
        up = [wk + (h if k == j else 0) for k, wk in enumerate(w)]
        down = [wk - (h if k == j else 0) for k, wk in enumerate(w)]
        central = (
            loss_here(rows, ys, up, b, convention) - loss_here(rows, ys, down, b, convention)
        ) / (2 * h)
        assert g.dw[j] == central, (j, g.dw[j], central)
    if intercept:
        central_b = (
            loss_here(rows, ys, w, b + h, convention) - loss_here(rows, ys, w, b - h, convention)
        ) / (2 * h)
        assert g.db == central_b, (g.db, central_b)
    assert lf.loss(rows, ys, w, b, convention=convention) == loss_here(rows, ys, w, b, convention)


@given(
    st.lists(st.tuples(small, small), min_size=2, max_size=8),
    small,
    small,
    st.sampled_from(CONVENTIONS),
)
def test_one_feature_gives_exactly_the_one_feature_results(
    points: List[Tuple[Fraction, Fraction]], w: Fraction, b: Fraction, convention: str
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    rows = [[x] for x in xs]
    assert lf.loss(rows, ys, [w], b, convention=convention) == linreg.loss(
        xs, ys, w, b, convention=convention
    )
    g1, gd = (
        linreg.gradient(xs, ys, w, b, convention=convention),
        lf.gradient(rows, ys, [w], b, convention=convention),
    )
    assert (gd.dw, gd.db) == ([g1.dw], g1.db)
    s1 = linreg.step(xs, ys, w, b, learning_rate=F(1, 50), convention=convention)
    sd = lf.step(rows, ys, [w], b, learning_rate=F(1, 50), convention=convention)
    assert (sd.w, sd.b) == ([s1.w], s1.b)
    assume(len(set(xs)) > 1)
    one = linreg.least_squares(xs, ys)
    many = lf.least_squares(rows, ys)
    assert (many.w, many.b) == ([one.w], one.b)
    fitted = lf.fit(rows, ys)
    assert (fitted.w, fitted.b) == ([one.w], one.b)


@given(st.lists(st.tuples(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3)), min_size=3, max_size=30))
def test_one_float_feature_least_squares_and_fit_equal_the_one_feature_ones(
    points: List[Tuple[float, float]],
) -> None:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assume(len(set(xs)) > 1)
    try:
        one = linreg.least_squares(xs, ys)
    except linreg.FloatRangeError:  # Ŵ beyond the float range: both must say so
        with pytest.raises(linreg.FloatRangeError):
            lf.least_squares([[x] for x in xs], ys)
        return
    many = lf.least_squares([[x] for x in xs], ys)
    assert (many.w, many.b) == ([one.w], one.b)
    assert (
        lf.noisy_plane([[x] for x in xs], w=[2.0], b=1.0, sigma=0.5, seed=3).ys
        == linreg.noisy_line(xs, w=2.0, b=1.0, sigma=0.5, seed=3).ys
    )


def solve_here(a: List[List[Fraction]], v: List[Fraction]) -> List[Fraction]:
    """Gaussian elimination in Fractions, written independently of linreg."""
    p = len(a)
    m = [row[:] + [vi] for row, vi in zip(a, v)]
    for c in range(p):
        pivot = next(r for r in range(c, p) if m[r][c] != 0)
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(p):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][p] / m[i][i] for i in range(p)]


def normal_equations_here(
    rows: Sequence[Sequence[Any]], ys: Sequence[Any], intercept: bool
) -> Tuple[List[List[Fraction]], List[Fraction]]:
    x = [[F(v) for v in row] + ([F(1)] if intercept else []) for row in rows]
    y = [F(v) for v in ys]
    p = len(x[0])
    a = [[sum((r[i] * r[j] for r in x), F(0)) for j in range(p)] for i in range(p)]
    v = [sum((r[i] * yi for r, yi in zip(x, y)), F(0)) for i in range(p)]
    return a, v


@given(problems(min_points=5), st.booleans())
def test_exact_least_squares_solves_the_normal_equations_and_zeroes_the_gradient(
    problem: Any, intercept: bool
) -> None:
    rows, ys, _, _ = problem
    a, v = normal_equations_here(rows, ys, intercept)
    try:
        expected = solve_here(a, v)
    except StopIteration:  # singular: linreg must say so
        with pytest.raises(linreg.DataError):
            lf.least_squares(rows, ys, intercept=intercept)
        return
    got = lf.least_squares(rows, ys, intercept=intercept)
    assert got.w + ([got.b] if intercept else []) == expected
    g = lf.gradient(rows, ys, got.w, got.b)
    assert all(e == 0 for e in g.dw) and (g.db == 0 or not intercept), g


def test_float_least_squares_is_the_exact_answer_for_the_floats_rounded_once() -> None:
    rows = [[1.1, 0.3], [2.3, -0.7], [3.05, 1.9], [4.4, 0.25], [5.1, -1.5], [0.2, 0.4]]
    ys = [2.7, 3.1, 8.2, 7.7, 6.1, 1.9]
    a, v = normal_equations_here(rows, ys, True)
    expected = [float(t) for t in solve_here(a, v)]
    got = lf.least_squares(rows, ys)
    assert got.w + [got.b] == expected
    assert got.significant_digits is not None and got.significant_digits > 12


# -- singular designs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows, words",
    [
        (
            [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [5.0, 10.0]],
            "feature 1 and feature 2 are collinear",
        ),
        (
            [[1.0, 5.0], [2.0, 7.0], [3.0, 9.0], [5.0, 13.0]],
            "feature 1, feature 2 and the intercept are collinear",
        ),
        ([[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0]], "feature 2 is 0 in every row"),
        (
            [[1.0, 3.1 * 1.0], [2.0, 3.1 * 2.0], [3.7, 3.1 * 3.7], [4.1, 3.1 * 4.1]],
            "numerically singular",
        ),
    ],
)
def test_collinear_designs_are_refused_naming_the_columns(
    rows: List[List[float]], words: str
) -> None:
    with pytest.raises(linreg.DataError, match=words):
        lf.least_squares(rows, [1.0, 2.0, 3.5, 4.0])
    with pytest.raises(linreg.DataError, match=words):
        lf.fit(rows, [1.0, 2.0, 3.5, 4.0])


def test_a_degree_too_high_for_the_distinct_x_is_refused_naming_the_degree() -> None:
    with pytest.raises(
        linreg.DataError, match="degree 3 is too high for these data: they have 3 distinct x values"
    ):
        lf.least_squares([1.0, 2.0, 3.0, 3.0], [1.0, 2.0, 3.5, 3.6], degree=3)


def test_rows_of_unequal_length_and_wrong_weights_are_refused() -> None:
    with pytest.raises(linreg.DataError, match=r"rows\[0\] has 2 and rows\[1\] has 1"):
        lf.loss([[1.0, 2.0], [3.0]], [1.0, 2.0], [1.0, 1.0], 0.0)
    with pytest.raises(linreg.ParameterError, match="one weight per feature"):
        lf.loss([[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], [1.0], 0.0)
    with pytest.raises(linreg.DataError, match=r"rows\[1\]\[0\]"):
        lf.loss([[1.0], [float("nan")]], [1.0, 2.0], [1.0], 0.0)


# -- descent ---------------------------------------------------------------------------------


def test_fit_lands_on_least_squares_whatever_the_conditioning() -> None:
    xs = [1000.0 + 0.5 * i for i in range(40)]
    ys = [3.0 - 2.0 * x + 1e-4 * x * x + (0.01 if i % 3 else -0.02) for i, x in enumerate(xs)]
    exact = lf.least_squares(xs, ys, degree=2)
    fitted = lf.fit(xs, ys, degree=2)
    assert (fitted.w, fitted.b, fitted.converged) == (exact.w, exact.b, True)
    assert fitted.iterations <= 2, fitted.iterations
    slow = lf.fit(xs, ys, degree=2, learning_rate=0.5)
    assert slow.converged and 40 <= slow.iterations <= 120, slow.iterations
    got = [float(v) for v in list(slow.w) + [slow.b]]
    want = [float(v) for v in list(exact.w) + [exact.b]]
    assert max(abs(a - b) / abs(b) for a, b in zip(got, want)) < 1e-13, (got, want)


def test_stability_decides_the_bound_exactly() -> None:
    # Orthogonal columns, no intercept: G = diag(2, 2), H = (2/2N)·G = diag(1/2, 1/2) for
    # N = 4, so 2/λmax = 4 exactly.
    rows = [[F(1), F(0)], [F(0), F(1)], [F(1), F(0)], [F(0), F(1)]]
    s = lf.stability(rows, intercept=False)
    assert (s.lambda_min, s.lambda_max, s.max_learning_rate) == (0.5, 0.5, 4.0)
    assert s.is_stable(F(4) - F(1, 10**30)) and not s.is_stable(F(4))
    with pytest.raises(linreg.UnstableLearningRateError):
        lf.train(
            rows, [F(1)] * 4, [F(0), F(0)], F(0), learning_rate=F(4), iterations=1, intercept=False
        )


def test_train_converges_to_least_squares() -> None:
    rows = [[1.0, 2.0], [2.0, 1.0], [3.0, 5.0], [4.0, 3.0], [5.0, 7.0]]
    ys = [3.0, 4.0, 8.0, 7.5, 12.0]
    best = lf.least_squares(rows, ys)
    rate = lf.stability(rows).best_learning_rate
    run = lf.train(
        rows, ys, [0.0, 0.0], 0.0, learning_rate=rate, iterations=100_000, tolerance=1e-12
    )
    assert run.converged
    got = [float(v) for v in list(run.w) + [run.b]]
    want = [float(v) for v in list(best.w) + [best.b]]
    assert max(abs(a - b) for a, b in zip(got, want)) < 1e-9, (got, want)


def test_noisy_plane_is_seeded_and_on_its_plane() -> None:
    rows = [[float(i), float(i % 3)] for i in range(200)]
    one = lf.noisy_plane(rows, w=[2.0, -1.0], b=5.0, sigma=0.1, seed=11)
    assert one == lf.noisy_plane(rows, w=[2.0, -1.0], b=5.0, sigma=0.1, seed=11)
    fitted = lf.least_squares(one.rows, one.ys)
    # σ = 0.1 over 200 points: each weight's standard error is below 0.01; 6 of them is 0.06.
    assert (
        abs(fitted.w[0] - 2.0) < 0.06
        and abs(fitted.w[1] + 1.0) < 0.06
        and abs(fitted.b - 5.0) < 0.06
    )


# -- exact decimals -----------------------------------------------------------------------------


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: abs(d.adjusted()) < 300
    )
)
def test_decimal_text_is_read_as_the_exact_rational_it_spells(value: Decimal) -> None:
    text = "%e" % value if value.adjusted() % 2 else str(value)
    assert F(exact_decimal(text).num, exact_decimal(text).den) == F(Decimal(text))


@given(st.fractions(max_denominator=10**30).filter(lambda f: f != 0), st.integers(1, 40))
def test_an_exact_ratio_prints_correctly_rounded_to_any_number_of_digits(
    value: Fraction, digits: int
) -> None:
    text = Ratio(value.numerator, value.denominator).decimal(digits)
    with localcontext() as context:
        context.prec = 200
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        expected = exact.quantize(
            Decimal(1).scaleb(exact.adjusted() - digits + 1), rounding=ROUND_HALF_EVEN
        )
        if expected.adjusted() != exact.adjusted():  # rounded up into a new digit
            expected = exact.quantize(
                Decimal(1).scaleb(exact.adjusted() - digits + 2), rounding=ROUND_HALF_EVEN
            )
    assert Decimal(text) == expected, (value, digits, text, expected)
    assert len(text.split("e")[0].lstrip("-").replace(".", "")) == digits


# -- NIST, through the command line ----------------------------------------------------------------


def nist_csv(name: str, folder: Path) -> Tuple[Path, List[str]]:
    """The .dat file's data as CSV with its own column names, and the fit's options."""
    info = CERTIFIED[name]
    first, last = info["data_lines_in_file"]
    lines = (NIST / info["file"]).read_text(encoding="utf-8").splitlines()[first - 1 : last]
    path = folder / (name + ".csv")
    path.write_text(
        ",".join(info["data_columns"])
        + "\n"
        + "".join(",".join(line.split()) + "\n" for line in lines),
        encoding="utf-8",
    )
    xs = [c for c in info["data_columns"] if c != "y"]
    options = ["--x", ",".join(xs), "--y", "y"]
    if info.get("polynomial_degree") and info["polynomial_degree"] > 1:
        options += ["--degree", str(info["polynomial_degree"])]
    if not info["intercept"]:
        options.append("--no-intercept")
    return path, options


def run_json(args: List[str]) -> Tuple[Dict[str, Any], float]:
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        assert main(args) == 0
    return json.loads(out.getvalue()), time.perf_counter() - start


def coefficients(payload: Dict[str, Any], intercept: bool) -> Dict[str, Any]:
    """B0 (the intercept), B1 … in NIST's names, from linreg's JSON."""
    ws = payload["w"] if isinstance(payload["w"], list) else [payload["w"]]
    named = {"B%d" % (j + 1): w for j, w in enumerate(ws)}
    if intercept:
        named["B0"] = payload["b"]
    return named


def exact_for_the_floats(name: str) -> Dict[str, Fraction]:
    """The least-squares answer for the file's values parsed as floats, by fractions here."""
    info = CERTIFIED[name]
    first, last = info["data_lines_in_file"]
    lines = (NIST / info["file"]).read_text(encoding="utf-8").splitlines()[first - 1 : last]
    table = [[float(v) for v in line.split()] for line in lines]
    columns = info["data_columns"]
    ys = [r[columns.index("y")] for r in table]
    k = info.get("polynomial_degree") or 1
    if name == "Longley":
        rows: List[List[Any]] = [[r[columns.index("x%d" % j)] for j in range(1, 7)] for r in table]
    else:
        rows = [[F(r[columns.index("x")]) ** p for p in range(1, k + 1)] for r in table]
    theta = solve_here(*normal_equations_here(rows, ys, info["intercept"]))
    named = {"B%d" % (j + 1): t for j, t in enumerate(theta[: len(rows[0])])}
    if info["intercept"]:
        named["B0"] = theta[-1]
    return named


def rounded_to(value: Fraction, certified_text: str) -> Decimal:
    """value rounded to the number of significant digits NIST printed (15)."""
    certified = Decimal(certified_text)
    with localcontext() as context:
        context.prec = 100
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        digits = len(certified.as_tuple().digits)
        return exact.quantize(
            Decimal(1).scaleb(exact.adjusted() - digits + 1), rounding=ROUND_HALF_EVEN
        )


SETS = sorted(CERTIFIED)
TABLE: Dict[str, Tuple[float, float, float, float]] = {}


@pytest.mark.parametrize("name", SETS)
def test_nist_set_through_the_cli_is_exact_for_its_floats_and_certified_with_exact(
    name: str, tmp_path: Path
) -> None:
    path, options = nist_csv(name, tmp_path)
    info = CERTIFIED[name]
    certified = {p["name"]: p["estimate_text"] for p in info["parameters"]}

    floats, seconds = run_json(["fit", str(path), *options, "--json"])
    expected = exact_for_the_floats(name)
    got = coefficients(floats, info["intercept"])
    got_ls = coefficients(floats["least_squares"], info["intercept"])
    for key, value in expected.items():
        # Exact for the parsed floats, rounded once: no ulp apart at all.
        assert got_ls[key] == float(value), (name, key, got_ls[key], float(value))
        # Descent stops at its rounding floor: exact for d features (whitened descent lands
        # on the rounded answer), within fit's stated bound for one x (Norris's b: 12.8
        # digits, docs/derivation.md §6).
        assert lre(got[key], value) >= 12, (name, key, got[key], float(value))
        if len(expected) > 2:
            assert got[key] == float(value), (name, key, got[key], float(value))

    exact, exact_seconds = run_json(["fit", str(path), *options, "--exact", "--json"])
    ratios = coefficients(
        {"w": exact["least_squares"]["exact"]["w"], "b": exact["least_squares"]["exact"]["b"]},
        info["intercept"],
    )
    for key, text in certified.items():
        assert rounded_to(F(ratios[key]), text) == Decimal(text), (name, key, ratios[key], text)
    TABLE[name] = (
        min(lre(v, F(certified[k])) for k, v in got.items()),
        min(lre(F(ratios[k]), F(certified[k])) for k in certified),
        seconds,
        exact_seconds,
    )


def test_nist_lre_table() -> None:
    """Prints the LRE table (pytest -s shows it): the tests above must have filled it."""
    missing = [s for s in SETS if s not in TABLE]
    if missing:
        pytest.skip("run with the NIST tests above (missing: %s)" % ", ".join(missing))
    print("\nset        LRE floats  LRE --exact  seconds  seconds --exact")
    for name in SETS:
        a, b, s, e = TABLE[name]
        print("%-10s %10.1f %12.1f %8.3f %8.3f" % (name, a, min(b, 99.0), s, e))
    # Rounding the exact answer to the 15 digits NIST prints leaves at least 14 correct.
    assert all(TABLE[s][1] >= 14.0 for s in SETS), TABLE


# -- the command line's other d-feature rules ---------------------------------------------------


def run_error(args: List[str]) -> str:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(args) == 1
    return err.getvalue()


def test_cli_refuses_collinear_columns_naming_them(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a,b,c,y\n1,2,5,1\n2,4,7,2\n3,6,9,3.5\n4,8,11,4\n", encoding="utf-8")
    assert "'a' and 'b' are collinear" in run_error(["fit", str(path), "--x", "a,b", "--y", "y"])
    assert "'a', 'c' and the intercept are collinear" in run_error(
        ["fit", str(path), "--x", "a,c", "--y", "y"]
    )
    assert "chosen twice" in run_error(["fit", str(path), "--x", "a,a", "--y", "y"])
    assert "--plot draws y against one x" in run_error(
        ["fit", str(path), "--x", "a,c", "--plot", "p.svg"]
    )
    assert "4 points cannot determine 5 parameters (a, a^2, a^3, a^4, the intercept)" in (
        run_error(["fit", str(path), "--x", "a", "--y", "y", "--degree", "4"])
    )
    repeated = tmp_path / "r.csv"
    repeated.write_text("x,y\n1,1\n1,2\n2,3\n2,4\n3,5\n3,7\n", encoding="utf-8")
    assert "degree 3 is too high for these data: they have 3 distinct x values" in run_error(
        ["fit", str(repeated), "--degree", "3"]
    )


def test_cli_json_w_is_a_list_for_several_features_and_a_number_for_one(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a,b,y\n1,2,3\n2,1,4\n3,5,8\n4,3,7.5\n5,7,12\n", encoding="utf-8")
    many, _ = run_json(["fit", str(path), "--x", "a,b", "--y", "y", "--json"])
    assert isinstance(many["w"], list) and len(many["w"]) == 2
    one, _ = run_json(["fit", str(path), "--x", "a", "--y", "y", "--exact", "--json"])
    assert isinstance(one["w"], float)
    expected = linreg.least_squares(
        [F(v) for v in (1, 2, 3, 4, 5)], [F(v) for v in ("3", "4", "8", "7.5", "12")]
    )
    assert F(one["least_squares"]["exact"]["w"][0]) == expected.w
    assert F(one["least_squares"]["exact"]["b"]) == expected.b
