"""Fuzz ``python -m linreg fit DATA.csv`` with generated CSV files, and the CLI's options.

Each file is built from an intent (clean data, or one fault at a known row), so the test
knows what must happen: exit 0 with the right numbers for clean data, or exit 1 with one
line naming the file (and the row, where a row is at fault).  Never a traceback, never
exit 0 with data silently dropped.  The CLI runs in-process (``linreg.cli.main``), so a
traceback shows as an exception escaping ``main``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from fractions import Fraction
from typing import List, NamedTuple, Optional, Tuple

from hypothesis import event, given
from hypothesis import strategies as st

from linreg.cli import main

CLEAN_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: "%.6e" % v),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: " %.4f " % v),
    st.floats(0.001, 1e3).map(lambda v: "+%g" % v),
    st.sampled_from(["0", "-0", ".5", "5.", "-.25", "1e3", "2E-2", "1e300", "-1e-300", "4.9e-324"]),
)
BAD_NUMBERS = st.sampled_from(
    ["1_0", "0x10", "nan", "inf", "-Infinity", "1e999", "1e-400", "abc", "١٢", "1..2", "--1",
     "1e", "", "  ", "9" * 5000, "1 2", "½"]
)  # fmt: skip
LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])


class Case(NamedTuple):
    """A file, the options, and what must happen."""

    content: bytes
    options: List[str]
    pairs: Optional[List[Tuple[str, str]]]  # the data read, when the run must succeed
    bad_row: Optional[int]  # the file line at fault, when one is
    must_fail: bool


def value_cells(n: int) -> st.SearchStrategy[List[Tuple[str, str]]]:
    return st.lists(st.tuples(CLEAN_NUMBERS, CLEAN_NUMBERS), min_size=n, max_size=n)


@st.composite
def csv_cases(draw: st.DrawFn) -> Case:
    n = draw(st.integers(2, 12))
    pairs = draw(value_cells(n))
    header = draw(st.sampled_from([None, ["x", "y"], ["height (cm)", "weight"], ["a", "b", "c"]]))
    end = draw(LINE_ENDS)
    extra = header is not None and len(header) == 3
    rows = [list(p) + (["note"] if extra else []) for p in pairs]
    fault = draw(
        st.sampled_from(
            ["none", "none", "bad cell", "ragged", "not utf-8", "blank lines", "first row",
             "semicolons", "constant x", "one row", "quoted", "duplicate name", "bom"]
        )
    )  # fmt: skip
    options: List[str] = []
    bad_row: Optional[int] = None
    must_fail = fault in ("bad cell", "ragged", "not utf-8", "first row", "semicolons",
                          "constant x", "one row", "duplicate name")  # fmt: skip
    lines: List[str] = []
    if header is not None:
        lines.append(",".join(header))
    first_data_line = len(lines) + 1
    if fault == "constant x":
        rows = [[rows[0][0]] + r[1:] for r in rows]
    if fault == "one row":
        rows, pairs = rows[:1], pairs[:1]
    k = draw(st.integers(0, len(rows) - 1))
    if fault == "bad cell":
        rows[k][draw(st.integers(0, 1))] = draw(BAD_NUMBERS)
        bad_row = first_data_line + k
    if fault == "ragged":
        rows[k] = rows[k] + ["4"] if draw(st.booleans()) else rows[k][:1]
        bad_row = first_data_line + k
    if fault == "first row":
        header, rows[0][1] = None, "2x"
        lines = []
        bad_row = 1
    if fault == "quoted":
        rows = [['"%s"' % c for c in r] for r in rows]
    if fault == "duplicate name":
        lines = ["x,x,y"]
        rows = [r[:2] + [r[1]] for r in rows]
        options = ["--x", "x"]
    for r in rows:
        lines.append(",".join(r))
    if fault == "blank lines":
        lines.insert(1, "")
        lines.insert(2, " , ")
        pairs = pairs  # the data are the same; only line numbers move
    if fault == "semicolons":
        lines = [line.replace(",", ";") for line in lines]
    text = end.join(lines) + draw(st.sampled_from([end, ""]))
    content = text.encode("utf-8")
    if fault == "bom":
        content = b"\xef\xbb\xbf" + content
    if fault == "not utf-8":
        line_starts = [0] + [i + len(end) for i in range(len(text)) if text.startswith(end, i)]
        target = first_data_line + k
        cut = len(text[: line_starts[target - 1]].encode("utf-8"))
        content = content[:cut] + b"\xff" + content[cut:]
        bad_row = target
    if fault == "duplicate name":
        bad_row = None
    clean = None if must_fail else [(p[0].strip(), p[1].strip()) for p in pairs]
    if clean is not None and len({float(x) for x, _ in clean}) < 2:
        clean, must_fail = None, True  # the draw made x constant: no line to fit
    return Case(content, options, clean, bad_row, must_fail)


def run_cli(argv: List[str]) -> Tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as done:  # argparse's usage errors
            status = int(done.code or 0)
    return status, out.getvalue(), err.getvalue()


def exact_least_squares(pairs: List[Tuple[float, float]]) -> Tuple[Fraction, Fraction]:
    xs, ys = [Fraction(x) for x, _ in pairs], [Fraction(y) for _, y in pairs]
    mx, my = sum(xs, Fraction(0)) / len(xs), sum(ys, Fraction(0)) / len(ys)
    w = sum(((x - mx) * (y - my) for x, y in zip(xs, ys)), Fraction(0)) / sum(
        ((x - mx) ** 2 for x in xs), Fraction(0)
    )
    return w, my - w * mx


@given(case=csv_cases())
def test_fit_of_a_generated_csv_file_succeeds_exactly_or_fails_naming_file_and_row(
    case: Case,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        with open(path, "wb") as handle:
            handle.write(case.content)
        status, out, err = run_cli(["fit", path, "--json", *case.options])
    reproduce = "reproduce: content=%r options=%r" % (case.content[:300], case.options)
    assert status in (0, 1), (status, err, reproduce)
    if status == 1:
        assert err.count("\n") == 1 and path in err, (err, reproduce)
        assert len(err) < 500, (len(err), reproduce)
        if case.bad_row is not None:
            assert "row %d" % case.bad_row in err, (err, reproduce)
        if case.pairs is not None:
            # Clean data may still be refused, but only for the range of floats.
            assert "float range" in err or "too small" in err, (err, reproduce)
        return
    assert not case.must_fail, ("exit 0 for a file that must be refused", out[:300], reproduce)
    assert case.pairs is not None
    payload = json.loads(out)
    floats = [(float(x), float(y)) for x, y in case.pairs]
    assert payload["points"] == len(floats), ("rows dropped or added", payload["points"], reproduce)
    w, b = exact_least_squares(floats)
    assert [payload["least_squares"]["w"], payload["least_squares"]["b"]] == [float(w), float(b)], (
        payload["least_squares"], float(w), float(b), reproduce,
    )  # fmt: skip


OPTION_VALUES = st.sampled_from(
    [
        "0",
        "1",
        "-3",
        "2.5",
        "nan",
        "inf",
        "1e308",
        "-0",
        "",
        "x",
        "10000000000000000000000",
        "1e-320",
    ]
)


@given(
    preset=st.sampled_from(
        [[], ["--preset", "uniform"], ["--preset", "train-test"], ["--preset", "nope"]]
    ),
    options=st.lists(
        st.tuples(
            st.sampled_from(
                ["--learning-rate", "--iterations", "--tolerance", "--seed", "--convention"]
            ),
            OPTION_VALUES,
        ),
        max_size=3,
    ),  # fmt: skip
    numpy=st.booleans(),
)
def test_any_options_give_a_run_a_usage_error_or_one_line_never_a_traceback(
    preset: List[str], options: List[Tuple[str, str]], numpy: bool
) -> None:
    argv = (
        preset + [part for pair in options for part in pair] + (["--numpy-data"] if numpy else [])
    )
    flags = dict(options)
    iterations = flags.get("--iterations")
    if numpy and not set(flags) - {"--seed"}:
        return  # a replay as written takes seconds: tests/test_tutorials.py covers those
    if not numpy and (iterations is None or not iterations.isdigit() or int(iterations) > 50):
        argv += ["--iterations", "20"]
    status, out, err = run_cli(argv + ["--json"])
    reproduce = "reproduce: python -m linreg %s" % " ".join(argv)
    assert status in (0, 1, 2), (status, err, reproduce)
    if status == 1:
        assert err.count("\n") == 1 and err.startswith("python -m linreg: error:"), (err, reproduce)
    if status == 0:
        payload = json.loads(out)
        assert all(
            v is None or isinstance(v, (int, float, str, bool, list, dict))
            for v in payload.values()
        )
        assert "NaN" not in out and "Infinity" not in out, (out[:300], reproduce)


def solve_exactly(a: List[List[Fraction]], v: List[Fraction]) -> Optional[List[Fraction]]:
    """Gaussian elimination in Fractions (None when singular), independent of linreg."""
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


@given(
    rows=st.lists(st.tuples(CLEAN_NUMBERS, CLEAN_NUMBERS, CLEAN_NUMBERS), min_size=1, max_size=8),
    collinear=st.booleans(),
    x=st.sampled_from(["a", "a,b", "b,a", "1,2", "a,a", "a,zz", ",", "a,", "a,b,y", "3"]),
    degree=st.sampled_from([None, "1", "2", "3", "0", "-1", "x", "2.5", "30", "99"]),
    exact=st.booleans(),
    intercept=st.booleans(),
    rate=st.sampled_from([None, "1e-9", "0.5", "1e300"]),
)
def test_fit_with_several_features_succeeds_exactly_or_fails_in_one_line(
    rows: List[Tuple[str, str, str]],
    collinear: bool,
    x: str,
    degree: Optional[str],
    exact: bool,
    intercept: bool,
    rate: Optional[str],
) -> None:
    if collinear:  # b = 2·a exactly, as text
        rows = [
            (a, repr(2 * float(a.strip())) if not exact else "%r" % (2 * float(a.strip())), y)
            for a, _, y in rows
        ]
    text = "a,b,y\n" + "".join("%s,%s,%s\n" % r for r in rows)
    options = ["--x", x, "--y", "y"] + (["--degree", degree] if degree else [])
    options += (["--exact"] if exact else []) + ([] if intercept else ["--no-intercept"])
    options += ["--learning-rate", rate, "--max-iterations", "50"] if rate else []
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "data.csv")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        status, out, err = run_cli(["fit", path, "--json", *options])
    reproduce = "reproduce: content=%r options=%r" % (text[:300], options)
    assert status in (0, 1, 2), (status, err, reproduce)
    assert "Traceback" not in err, (err, reproduce)
    event("exit %d" % status)
    if status == 1:  # (2 is argparse's usage message, for an option it cannot parse)
        assert err.count("\n") == 1 and len(err) < 500, (err, reproduce)
    if status != 0:
        return
    payload = json.loads(out)
    assert "NaN" not in out and "Infinity" not in out, (out[:300], reproduce)
    names = [n.strip() for n in x.split(",")]
    columns = {"a": 0, "b": 1, "y": 2, "1": 0, "2": 1, "3": 2}
    chosen = [columns[n] for n in names]

    def value(cell: str) -> Fraction:
        return Fraction(cell.strip()) if exact else Fraction(float(cell))

    table = [[value(c) for c in row] for row in rows]
    if degree and int(degree) > 1:
        features = [[r[chosen[0]] ** k for k in range(1, int(degree) + 1)] for r in table]
    else:
        features = [[r[j] for j in chosen] for r in table]
    design = [f + ([Fraction(1)] if intercept else []) for f in features]
    p = len(design[0])
    a = [[sum((r[i] * r[j] for r in design), Fraction(0)) for j in range(p)] for i in range(p)]
    v = [sum((r[i] * row[2] for r, row in zip(design, table)), Fraction(0)) for i in range(p)]
    solution = solve_exactly(a, v)
    assert solution is not None, ("a singular design answered", reproduce)
    ls = payload["least_squares"]
    got = (ls["w"] if isinstance(ls["w"], list) else [ls["w"]]) + ([ls["b"]] if intercept else [])
    assert got == [float(s) for s in solution], (got, [float(s) for s in solution], reproduce)
