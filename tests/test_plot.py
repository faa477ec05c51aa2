"""The pictures: well-formed SVG that draws what the data and the run say.

Every check reads the SVG back with xml.etree and recomputes what should be there from
the data and the run's JSON report, not from linreg.plot: the thinning rule (one point
per 2 × 2-pixel cell, the first in data order) is reimplemented here from its statement.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import random
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from linreg.cli import main
from linreg.plot.figure import Run, figure
from linreg.plot.svg import escape, log_ticks, nice_ticks
from linreg.plot.text import BLOCKS, sparkline

SVG = "{http://www.w3.org/2000/svg}"
PRESETS = ["arange", "uniform", "train-test"]


def run_cli(args: Sequence[str]) -> Tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(args))
    return status, out.getvalue()


def parse(path: Path) -> ET.Element:
    text = path.read_text(encoding="utf-8")
    assert "nan" not in text.lower().replace("nanosecond", "") and "inf" not in text, text[:200]
    return ET.fromstring(text)


def by_id(root: ET.Element, name: str) -> ET.Element:
    found = [e for e in root.iter() if e.get("id") == name]
    assert len(found) == 1, "expected one element with id %r, found %d" % (name, len(found))
    return found[0]


class Window:
    """The data window a panel declares, and its pixel box."""

    def __init__(self, panel: ET.Element) -> None:
        self.x_min, self.x_max = (
            float(panel.get("data-x-min", "")),
            float(panel.get("data-x-max", "")),
        )
        self.y_min, self.y_max = (
            float(panel.get("data-y-min", "")),
            float(panel.get("data-y-max", "")),
        )
        self.left, self.top = float(panel.get("data-left", "0")), float(panel.get("data-top", "0"))
        self.width = float(panel.get("data-width", "0"))
        self.height = float(panel.get("data-height", "0"))

    def px(self, x: float) -> float:
        return self.left + (x - self.x_min) / (self.x_max - self.x_min) * self.width

    def py(self, y: float) -> float:
        return self.top + (self.y_max - y) / (self.y_max - self.y_min) * self.height


def thinned_count(window: Window, xs: Sequence[float], ys: Sequence[float]) -> int:
    """The thinning rule, restated: the first point in each 2 × 2-pixel cell is drawn."""
    cells = {(math.floor(window.px(x) / 2), math.floor(window.py(y) / 2)) for x, y in zip(xs, ys)}
    return len(cells)


def drawn_points(path: ET.Element) -> List[Tuple[float, float]]:
    d = path.get("d", "")
    points = []
    for move in d.split("M")[1:]:
        x, y = move.replace("h0", "").split()
        points.append((float(x), float(y)))
    return points


def lines(root: ET.Element) -> Dict[str, ET.Element]:
    return {e.get("id", ""): e for e in root.iter(SVG + "line") if e.get("data-w") is not None}


def check_line_end_points(window: Window, line: ET.Element) -> None:
    """Each end of the drawn line sits where y = W·x + b puts it (to the 0.01 px written)."""
    w, b = float(line.get("data-w", "")), float(line.get("data-b", ""))
    for xa, ya in (("x1", "y1"), ("x2", "y2")):
        x_px, y_px = float(line.get(xa, "")), float(line.get(ya, ""))
        x = window.x_min + (x_px - window.left) / window.width * (window.x_max - window.x_min)
        expected = window.py(w * x + b)
        if abs(expected) < 1e6:  # beyond that the end is clamped, far outside the clip
            assert abs(y_px - expected) <= 0.02, (line.get("id"), y_px, expected)
        assert abs(x_px - window.px(x)) <= 0.01


def check_data_panel(
    root: ET.Element, sets: Mapping[str, Tuple[Sequence[float], Sequence[float]]]
) -> Window:
    window = Window(by_id(root, "data-panel"))
    for name, (xs, ys) in sets.items():
        # The window holds every point, with a margin of at most a tenth of the span.
        assert window.x_min < min(xs) and max(xs) < window.x_max, (window.x_min, min(xs))
        assert window.y_min < min(ys) and max(ys) < window.y_max, (window.y_min, min(ys))
        assert window.x_max - window.x_min <= 1.1 * (max(xs) - min(xs)) or min(xs) == max(xs)
        path = by_id(root, "points-" + name)
        points = drawn_points(path)
        assert int(path.get("data-given", "")) == len(xs)
        assert len(points) == thinned_count(window, xs, ys), (len(points), len(xs))
        for x_px, y_px in points:
            assert window.left <= x_px <= window.left + window.width
            assert window.top <= y_px <= window.top + window.height
    for line in lines(root).values():
        check_line_end_points(window, line)
    return window


def check_loss_panel(root: ET.Element, history: List[Dict[str, Any]], floor: float) -> None:
    panel = by_id(root, "loss-panel")
    y_min = float(panel.get("data-log10-y-min", ""))
    y_max = float(panel.get("data-log10-y-max", ""))
    losses = [c["loss"] for c in history if c["loss"] > 0]
    assert 10**y_min < min(losses + [floor]) and max(losses) < 10**y_max, (y_min, y_max)
    drawn = by_id(root, "loss").get("points", "").split()
    assert len(drawn) >= len(losses), (len(drawn), len(losses))


@pytest.mark.parametrize("preset", PRESETS)
def test_preset_svg_draws_its_data_its_lines_and_its_loss(preset: str, tmp_path: Path) -> None:
    picture = tmp_path / "run.svg"
    status, out = run_cli(["--preset", preset, "--plot", str(picture), "--json"])
    assert status == 0
    report = json.loads(out)
    root = parse(picture)
    assert root.tag == SVG + "svg"
    title = root.find(SVG + "title")
    assert title is not None and preset.replace("-", "/") in (title.text or "")

    # The data, regenerated independently: the presets' data are the tutorials' records.
    from linreg.tutorials.presets import make
    from linreg.tutorials.records import tutorial

    setup = make(tutorial(preset), 0)
    sets = {"train": ([float(v) for v in setup.train.xs], [float(v) for v in setup.train.ys])}
    if setup.test is not None:
        sets["test"] = ([float(v) for v in setup.test.xs], [float(v) for v in setup.test.ys])
    assert report["points"] == len(setup.train.xs)
    check_data_panel(root, sets)

    drawn = lines(root)
    ls = drawn["least-squares"]
    assert (float(ls.get("data-w", "")), float(ls.get("data-b", ""))) == (
        report["least_squares"]["w"],
        report["least_squares"]["b"],
    )
    final = drawn["line-%d" % report["iterations"]]
    assert (float(final.get("data-w", "")), float(final.get("data-b", ""))) == (
        report["w"],
        report["b"],
    )
    for checkpoint in report["history"]:  # every checkpoint of the report is drawn
        line = drawn["line-%d" % checkpoint["iteration"]]
        assert float(line.get("data-w", "")) == checkpoint["w"]
    check_loss_panel(root, report["history"], report["least_squares"]["loss"])
    more = [v for k, v in report.items() if k.startswith("more_iterations")]
    assert len(more) == 1
    if more[0]:  # the iteration plain descent needs is marked, where it is still short
        by_id(root, "predicted")


# One preset: the picture is drawn by the same code for every replay, and the replays
# themselves are checked bit for bit in tests/test_tutorials.py (arange's takes 15 s).
@pytest.mark.parametrize("preset", ["uniform"])
def test_numpy_replay_svg_draws_the_replayed_run(preset: str, tmp_path: Path) -> None:
    picture = tmp_path / "replay.svg"
    status, out = run_cli(["--preset", preset, "--numpy-data", "--plot", str(picture), "--json"])
    assert status == 0
    report = json.loads(out)
    root = parse(picture)
    drawn = lines(root)
    final = drawn["line-%d" % report["iterations"]]
    assert float(final.get("data-w", "")) == report["w"]
    assert float(final.get("data-b", "")) == report["b"]
    panel = by_id(root, "data-panel")
    given = int(by_id(root, "points-train").get("data-given", ""))
    assert given == {"arange": 1000, "uniform": 10000, "train-test": 320}[preset]
    assert float(panel.get("data-x-min", "")) < 0 < float(panel.get("data-x-max", ""))


def write_csv(path: Path, rows: Sequence[Tuple[float, float]], header: str = "x,y") -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(header + "\n")
        for x, y in rows:
            handle.write("%r,%r\n" % (x, y))


def line_rows(n: int, seed: int) -> List[Tuple[float, float]]:
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        x = rng.gauss(170.0, 10.0)
        rows.append((x, 0.9 * x - 85.0 + rng.gauss(0.0, 8.0)))
    return rows


@pytest.mark.parametrize("extra", [[], ["--learning-rate", "5e-5", "--max-iterations", "500"]])
def test_fit_svg_of_a_streamed_file_thins_by_the_rule_and_draws_the_fit(
    extra: List[str], tmp_path: Path
) -> None:
    # 60 000 points in a 652 × 294 panel: most cells hold several, so thinning matters.
    rows = line_rows(60_000, seed=3)
    data, picture = tmp_path / "heights.csv", tmp_path / "fit.svg"
    write_csv(data, rows, header="height_cm,weight_kg")
    status, out = run_cli(["fit", str(data), "--plot", str(picture), "--json", *extra])
    assert status == 0
    report = json.loads(out)
    root = parse(picture)
    xs, ys = [r[0] for r in rows], [r[1] for r in rows]
    window = check_data_panel(root, {"train": (xs, ys)})
    points = drawn_points(by_id(root, "points-train"))
    assert 1000 < len(points) < len(rows) // 3, len(points)
    ls = lines(root)["least-squares"]
    assert float(ls.get("data-w", "")) == report["least_squares"]["w"]
    final = lines(root)["line-%d" % report["iterations"]]
    assert float(final.get("data-w", "")) == report["w"]
    assert window.y_min < min(ys)
    texts = [t.text or "" for t in root.iter(SVG + "text")]
    assert "height_cm" in texts and "weight_kg" in texts
    assert picture.stat().st_size < 400_000


def test_fit_svg_in_memory_and_streamed_draw_the_same_points(tmp_path: Path) -> None:
    rows = line_rows(5_000, seed=4)
    data = tmp_path / "d.csv"
    write_csv(data, rows)
    drawn = []
    for extra in ([], ["--per-sample"]):
        picture = tmp_path / ("p%d.svg" % len(extra))
        args = ["fit", str(data), "--learning-rate", "5e-5", "--max-iterations", "3"]
        status, _ = run_cli(args + ["--plot", str(picture), *extra])
        assert status == 0
        drawn.append(by_id(parse(picture), "points-train").get("d"))
    assert drawn[0] == drawn[1]


def test_svg_escapes_what_it_prints(tmp_path: Path) -> None:
    name = "a<b&c\"d'e.csv"
    data, picture = tmp_path / name, tmp_path / "fit.svg"
    write_csv(data, [(1.0, 2.0), (2.0, 4.5), (3.0, 5.5)], header="<x>,&y")
    status, _ = run_cli(["fit", str(data), "--plot", str(picture)])
    assert status == 0
    root = parse(picture)
    title = root.find(SVG + "title")
    assert title is not None and title.text == "linreg fit · %s" % data
    texts = [t.text or "" for t in root.iter(SVG + "text")]
    assert "<x>" in texts and "&y" in texts


def test_escape_leaves_no_markup_and_no_control_characters() -> None:
    text = escape("<a href='x'>&amp;\x00\x1b\"</a>\n")
    assert "<" not in text and ">" not in text and '"' not in text and "'" not in text
    assert "\x00" not in text and "\x1b" not in text
    assert ET.fromstring("<t>%s</t>" % text).text == "<a href='x'>&amp;??\"</a>\n"


def test_an_unwritable_plot_path_is_an_error_naming_it(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "x.svg"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status, _ = run_cli(["--preset", "train-test", "--iterations", "10", "--plot", str(target)])
    assert status == 1
    assert str(target) in err.getvalue() and "cannot write" in err.getvalue()


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
scale = st.sampled_from([1e-300, 1e-150, 1e-9, 1.0, 1e9, 1e150, 1e290])


@st.composite
def runs(draw: Any) -> Run:
    s = draw(scale)
    n = draw(st.integers(1, 40))
    xs = [s * v for v in draw(st.lists(st.floats(-1, 1), min_size=n, max_size=n))]
    ys = [s * v for v in draw(st.lists(st.floats(-1, 1), min_size=n, max_size=n))]
    lines_ = [(k, draw(finite), draw(finite)) for k in range(draw(st.integers(0, 5)))]
    losses = [(k, draw(st.floats(0, 1e300))) for k in range(draw(st.integers(0, 5)))]
    return Run(
        title=draw(st.text(max_size=20)), subtitle=draw(st.text(max_size=200)),
        xs=xs, ys=ys, test_xs=[], test_ys=[], lines=lines_,
        least_squares=(draw(finite), draw(finite)), losses=losses,
        loss_floor=draw(st.floats(0, 1e300)), loss_name="L",
        predicted=draw(st.none() | st.integers(1, 10**12)),
    )  # fmt: skip


@given(runs())
def test_any_finite_run_makes_well_formed_svg_with_finite_numbers(run: Run) -> None:
    text = figure(run)
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg"
    for e in root.iter():
        for key, value in e.attrib.items():
            if key.startswith("data-") or key in ("x", "y", "x1", "y1", "x2", "y2", "d", "points"):
                assert "nan" not in value and "inf" not in value, (key, value)
    assert len(drawn_points(by_id(root, "points-train"))) <= len(run.xs)


@given(st.floats(-1e12, 1e12), st.floats(1e-9, 1e12), st.integers(2, 12))
@example(21475.0, 6.103515625e-05, 8)  # n·step rounded below low
@example(228301288041.0, 6.103515625e-05, 8)  # steps below the floats' spacing there
def test_ticks_are_round_numbers_inside_the_range(low: float, span: float, count: int) -> None:
    high = low + span
    if not high > low:
        return
    ticks = nice_ticks(low, high, count)
    assert ticks and all(low - span * 1e-9 <= t <= high + span * 1e-9 for t in ticks), ticks
    assert len(ticks) >= 2, ticks
    step = ticks[1] - ticks[0]
    power = 10 ** math.floor(math.log10(step))
    # The step is read back from two rounded ticks: allow their rounding error.
    slack = 1e-6 + 4 * abs(ticks[1]) * 2.0**-52 / power
    assert min(abs(step / power - m) for m in (1, 2, 5, 10)) < slack, (step, ticks)
    assert len(ticks) <= 2 * count + 1


@given(st.floats(-330, 310), st.floats(0.05, 40))
def test_log_ticks_lie_inside_the_range_at_round_values(low: float, decades: float) -> None:
    high = low + decades
    ticks = log_ticks(low, high)
    assert ticks == sorted(ticks) and all(low <= t <= high for t in ticks), (low, high, ticks)
    for t in ticks:  # 1, 2 or 5 times a power of ten
        mantissa = 10 ** (t - math.floor(t + 1e-9))
        assert min(abs(mantissa - m) for m in (1, 2, 5)) < 1e-6, (t, mantissa)
    if decades >= 0.4:
        assert len(ticks) >= (2 if decades >= 1 else 1), ticks


@given(st.lists(st.floats(1e-300, 1e300), min_size=1, max_size=300))
def test_sparkline_heights_follow_the_log_of_the_loss(values: List[float]) -> None:
    line = sparkline(list(enumerate(values)), width=48)
    assert 1 <= len(line) <= 48 and set(line) <= set(BLOCKS)
    if len(values) <= 48:
        logs = [math.log10(v) for v in values]
        for i in range(len(values)):
            for j in range(len(values)):
                if logs[i] < logs[j] - 1e-9 * max(1.0, abs(logs[j])):
                    assert BLOCKS.index(line[i]) <= BLOCKS.index(line[j]), (values, line)
        if max(logs) - min(logs) > 1e-9:
            assert (
                line[logs.index(max(logs))] == BLOCKS[-1]
                and line[logs.index(min(logs))] == BLOCKS[0]
            )


def test_text_report_shows_the_loss_as_a_line_of_blocks() -> None:
    status, out = run_cli(["--preset", "train-test", "--iterations", "1000"])
    assert status == 0
    line = next(s for s in out.splitlines() if s.startswith("loss, log scale:"))
    blocks = line.split()[3]
    assert set(blocks) <= set(BLOCKS) and blocks[0] == BLOCKS[-1], line


# -- rendering -------------------------------------------------------------------------


def png_pixels(data: bytes) -> Tuple[int, int, List[bytes]]:
    """A minimal PNG decoder (8-bit RGBA or RGB, non-interlaced): width, height, rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            channels = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows = zlib.decompress(idat), width * channels, []
    previous = bytearray(stride)
    for r in range(height):
        kind, line = (
            raw[r * (stride + 1)],
            bytearray(raw[r * (stride + 1) + 1 : (r + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def renderer() -> Optional[str]:
    found = shutil.which("rsvg-convert")
    if found is None and os.environ.get("CI"):
        pytest.fail("rsvg-convert is missing on CI: ./run-tests installs librsvg2-bin")
    return found


@pytest.mark.parametrize("preset", PRESETS)
def test_rendered_preset_shows_points_lines_and_loss_in_their_panels(
    preset: str, tmp_path: Path
) -> None:
    tool = renderer()
    if tool is None:
        pytest.skip("rsvg-convert not installed (apt-get install librsvg2-bin)")
    picture, png = tmp_path / "p.svg", tmp_path / "p.png"
    status, _ = run_cli(["--preset", preset, "--plot", str(picture)])
    assert status == 0
    subprocess.run([tool, str(picture), "-o", str(png)], check=True, timeout=120)
    width, height, rows = png_pixels(png.read_bytes())
    root = parse(picture)
    assert (width, height) == (int(root.get("width", "")), int(root.get("height", "")))
    step = len(rows[0]) // width

    def colour_count(top: float, bottom: float, test: Any) -> int:
        count = 0
        for row in rows[int(top) : int(bottom)]:
            for i in range(0, len(row), step):
                if test(row[i], row[i + 1], row[i + 2]):
                    count += 1
        return count

    def blue(r: int, g: int, b: int) -> bool:
        return b > r + 40 and b > 150

    def red(r: int, g: int, b: int) -> bool:
        return r > 150 and r > g + 60 and r > b + 60

    data = Window(by_id(root, "data-panel"))
    loss = by_id(root, "loss")
    loss_ys = [float(p.split(",")[1]) for p in loss.get("points", "").split()]
    # Points (blue) and descent lines (red) inside the data panel; the loss (red) below it.
    assert colour_count(data.top, data.top + data.height, blue) > 500
    assert colour_count(data.top, data.top + data.height, red) > 300
    assert colour_count(min(loss_ys), max(loss_ys) + 1, red) > 100
    # Nothing is drawn in the gap between the panels but the axis labels: no stray points.
    gap = colour_count(data.top + data.height + 40, min(loss_ys) - 30, blue)
    assert gap == 0, gap
