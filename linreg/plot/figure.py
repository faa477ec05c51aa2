"""The figure of a run: the data with the line at each checkpoint, and the loss falling.

Top panel: the data as points (train and test told apart), the fitted line at each
checkpoint from faint to strong, and the least-squares line, dashed.  Bottom panel: the
loss per iteration on a log scale, the least-squares loss as its floor, and, where plain
descent would take long, the iteration at which it would get within reach, marked.

Points are thinned to one per 2 × 2-pixel cell of the data panel, in the order of the
data: a point drawn 2 pixels wide hides any other in its cell, so nothing visible is
lost, and a million points make a file of a few hundred kilobytes at most.  The panels
carry their data windows as ``data-*`` attributes, so a test can check what is drawn.
"""

from __future__ import annotations

import math
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from .svg import (
    Axes,
    Box,
    Drawing,
    count_label,
    count_ticks,
    label,
    log_label,
    log_ticks,
    nice_ticks,
    number,
    padded,
)

WIDTH, HEIGHT = 760, 618
DATA_BOX = Box(78, 70, 652, 294)
LOSS_BOX = Box(78, 428, 652, 124)
#: About as many characters of 11-pixel text as fit across the figure.
SUBTITLE_CHARS = 110
#: Up to this many points are drawn large; beyond it, small and translucent.
FEW = 300
#: Loss curves of up to this many checkpoints mark each one.
FEW_STEPS = 20
#: Points closer than this many pixels share a cell, and only the first is drawn.
CELL = 2.0


class Run(NamedTuple):
    """What the figure shows."""

    title: str
    subtitle: str
    xs: Sequence[float]
    ys: Sequence[float]
    test_xs: Sequence[float]  # empty when there is no test set
    test_ys: Sequence[float]
    lines: Sequence[Tuple[int, float, float]]  # (iteration, W, b) at each checkpoint
    least_squares: Tuple[float, float]  # (W, b)
    losses: Sequence[Tuple[int, float]]  # (iteration, L)
    loss_floor: float  # L at the least-squares line
    loss_name: str  # the loss, in words
    predicted: Optional[int] = None  # iterations plain descent needs to get within reach
    note: str = ""  # a line under the loss panel
    x_name: str = "x"
    y_name: str = "y"
    extent: Optional[Tuple[float, float, float, float]] = None  # the data's x and y ranges,
    # where xs and ys hold only the points to draw (a file read in two passes)
    given: Optional[int] = None  # how many points there were, where xs and ys were thinned


class Thinner:
    """Keeps the first point of each CELL × CELL cell of the data panel, fed in chunks."""

    def __init__(self, axes: Axes) -> None:
        self.axes = axes
        self.seen: Set[Tuple[int, int]] = set()
        self.xs: List[float] = []
        self.ys: List[float] = []
        self.given = 0

    def add(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        px, py, seen = self.axes.px, self.axes.py, self.seen
        for x, y in zip(xs, ys):
            cell = (int(math.floor(px(x) / CELL)), int(math.floor(py(y) / CELL)))
            if cell not in seen:
                seen.add(cell)
                self.xs.append(x)
                self.ys.append(y)
        self.given += len(xs)


def extent(xs: Sequence[float], ys: Sequence[float]) -> Tuple[float, float, float, float]:
    return min(xs), max(xs), min(ys), max(ys)


def window(
    data: Tuple[float, float, float, float],
    lines: Sequence[Tuple[float, float]],
) -> Axes:
    """The data panel's axes: the data's ranges, widened to the lines that stay near them
    (a line far off is clipped instead)."""
    x_lo, x_hi = padded(data[0], data[1], 0.03)
    y_lo, y_hi = data[2], data[3]
    span = max(y_hi - y_lo, abs(y_hi) * 1e-9, 1e-300)
    for w, b in lines:
        for x in (x_lo, x_hi):
            y = w * x + b
            if y_lo - 2 * span <= y <= y_hi + 2 * span:
                y_lo, y_hi = min(y_lo, y), max(y_hi, y)
    y_lo, y_hi = padded(y_lo, y_hi, 0.04)
    return Axes(DATA_BOX, x_lo, x_hi, y_lo, y_hi)


def run_window(run: Run) -> Axes:
    """The axes the figure of this run uses for its data panel."""
    data = run.extent or extent(list(run.xs) + list(run.test_xs), list(run.ys) + list(run.test_ys))
    return window(data, [(w, b) for _, w, b in run.lines] + [run.least_squares])


def figure(run: Run) -> str:
    """The whole figure, as SVG text."""
    d = Drawing(WIDTH, HEIGHT, run.title)
    d.text(WIDTH / 2, 24, run.title, anchor="middle", size=16, weight="bold")
    for i, line in enumerate(wrapped(run.subtitle, SUBTITLE_CHARS)[:2]):
        d.text(WIDTH / 2, 42 + 13 * i, line, anchor="middle", size=11, fill="#555")
    d.add("<defs>%s%s</defs>" % (_clip("data-area", DATA_BOX), _clip("loss-area", LOSS_BOX)))
    _data_panel(d, run)
    _loss_panel(d, run)
    return d.finish()


def _clip(name: str, box: Box) -> str:
    return '<clipPath id="%s"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>' % (
        name,
        number(box.left),
        number(box.top),
        number(box.width),
        number(box.height),
    )


def _frame(
    d: Drawing,
    axes: Axes,
    x_ticks: Sequence[float],
    y_ticks: Sequence[float],
    y_label: Callable[[float], str] = label,
    x_label: Callable[[float], str] = label,
) -> None:
    box = axes.box
    grid, ticks = [], []
    for t in x_ticks:
        x = axes.px(t)
        grid.append("M%s %sV%s" % (number(x), number(box.top), number(box.top + box.height)))
        ticks.append((x, box.top + box.height + 16, x_label(t), "middle"))
    for t in y_ticks:
        y = axes.row(t)
        grid.append("M%s %sH%s" % (number(box.left), number(y), number(box.left + box.width)))
        ticks.append((box.left - 6, y + 4, y_label(t), "end"))
    d.add('<path d="%s" stroke="#e4e4e4" stroke-width="1"/>' % "".join(grid))
    d.add(
        '<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#888"/>'
        % (number(box.left), number(box.top), number(box.width), number(box.height))
    )
    for x, y, text, anchor in ticks:
        d.text(x, y, text, anchor=anchor, size=10, fill="#444")


def _data_panel(d: Drawing, run: Run) -> None:
    axes = run_window(run)
    x_lo, x_hi, y_lo, y_hi = axes.x_min, axes.x_max, axes.y_min, axes.y_max
    d.add(
        '<g id="data-panel" data-x-min="%r" data-x-max="%r" data-y-min="%r" data-y-max="%r"'
        ' data-left="%r" data-top="%r" data-width="%r" data-height="%r">'
        % (x_lo, x_hi, y_lo, y_hi, DATA_BOX.left, DATA_BOX.top, DATA_BOX.width, DATA_BOX.height)
    )
    _frame(d, axes, nice_ticks(x_lo, x_hi, 8), nice_ticks(y_lo, y_hi, 6))
    d.add('<g clip-path="url(#data-area)">')
    counts: Dict[str, Tuple[int, int]] = {}
    for name, xs, ys, color in (
        ("train", run.xs, run.ys, "#1f77b4"),
        ("test", run.test_xs, run.test_ys, "#ff7f0e"),
    ):
        if not xs:
            continue
        thin = Thinner(axes)
        thin.add(xs, ys)
        given = run.given if run.given is not None and name == "train" else thin.given
        counts[name] = (len(thin.xs), given)
        path = "".join(
            "M%s %sh0" % (number(axes.px(x)), number(axes.py(y))) for x, y in zip(thin.xs, thin.ys)
        )
        d.add(
            '<path id="points-%s" data-given="%d" d="%s" stroke="%s" stroke-width="%s"'
            ' stroke-linecap="round" stroke-opacity="%s"/>'
            % (name, given, path, color, *(("3.2", "0.55") if len(thin.xs) > FEW else ("6", "0.8")))
        )
    total = max(1, len(run.lines) - 1)
    for i, (iteration, w, b) in enumerate(run.lines):
        opacity = 0.12 + 0.88 * (i / total) ** 1.5  # faint early, strong at the end
        d.add(_line(axes, w, b, "line-%d" % iteration, "#c0392b", opacity, "1.6"))
    w, b = run.least_squares
    d.add(_line(axes, w, b, "least-squares", "#111", 1.0, "1.4", dashed=True))
    d.add("</g></g>")
    d.text(
        DATA_BOX.left + DATA_BOX.width / 2,
        DATA_BOX.top + DATA_BOX.height + 34,
        run.x_name,
        anchor="middle",
    )
    d.text(24, DATA_BOX.top + DATA_BOX.height / 2, run.y_name, anchor="middle", rotate=True)
    _legend(d, run, counts)


def _line(
    axes: Axes,
    w: float,
    b: float,
    name: str,
    color: str,
    opacity: float,
    width: str,
    dashed: bool = False,
) -> str:
    x0, x1 = axes.x_min, axes.x_max
    dash = ' stroke-dasharray="7 4"' if dashed else ""
    return (
        '<line id="%s" data-w="%r" data-b="%r" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"'
        ' stroke-width="%s" stroke-opacity="%s"%s/>'
        % (
            name,
            w,
            b,
            number(axes.px(x0)),
            number(_clamped(axes, w * x0 + b)),
            number(axes.px(x1)),
            number(_clamped(axes, w * x1 + b)),
            color,
            width,
            number(opacity),
            dash,
        )
    )


def _clamped(axes: Axes, y: float) -> float:
    # A line far outside the window is still drawn (and clipped), but its pixel coordinate
    # must stay a number a renderer can hold.
    return max(-1e6, min(1e6, axes.py(y)))


def _legend(d: Drawing, run: Run, counts: Dict[str, Tuple[int, int]]) -> None:
    entries = []
    for name, color, kind in (("train", "#1f77b4", "dot"), ("test", "#ff7f0e", "dot")):
        if name in counts:
            drawn, given = counts[name]
            what = "data" if name == "train" and "test" not in counts else name + " data"
            shown = (
                "%s points" % grouped(given)
                if drawn == given
                else "%s points, %s drawn" % (grouped(given), grouped(drawn))
            )
            entries.append((color, kind, "%s (%s)" % (what, shown), ""))
    if run.lines:
        first, last = run.lines[0][0], run.lines[-1][0]
        entries.append(
            (
                "#c0392b",
                "line",
                "descent after %d … %s, faint → strong" % (first, iterations(last)),
                "",
            )
        )
    entries.append(("#111", "line", "least squares", ' stroke-dasharray="7 4"'))
    x, y = DATA_BOX.left + 10, DATA_BOX.top + 14
    height = 16 * len(entries) + 6
    d.add(
        '<rect x="%s" y="%s" width="300" height="%d" fill="white" fill-opacity="0.85"'
        ' stroke="#ccc"/>' % (number(x - 4), number(y - 12), height)
    )
    for i, (color, kind, text, dash) in enumerate(entries):
        row = y + 16 * i
        if kind == "dot":
            d.add(
                '<circle cx="%s" cy="%s" r="3" fill="%s"/>'
                % (number(x + 10), number(row - 4), color)
            )
        else:
            ends = (number(x), number(row - 4), number(x + 20), number(row - 4))
            d.add(
                '<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>'
                % (ends + (color, dash))
            )
        d.text(x + 28, row, text, size=11)


def _loss_panel(d: Drawing, run: Run) -> None:
    points = [(k, loss) for k, loss in run.losses if loss > 0]
    last = max(k for k, _ in run.losses) if run.losses else 1
    x_hi = max(last, run.predicted or 0, 1)
    values = [loss for _, loss in points] + ([run.loss_floor] if run.loss_floor > 0 else [])
    if not values:
        values = [1.0]
    # In log10 units (a loss may be 10⁻³²⁰ or 10³⁰⁰); room under the floor for its label.
    y_lo = math.log10(min(values)) - math.log10(4)
    y_hi = max(math.log10(max(values)) + math.log10(1.6), y_lo + 1)
    log_x = _early(run.losses)
    axes = Axes(LOSS_BOX, 0.0, x_hi * (1.2 if log_x else 1.02), y_lo, y_hi, True, log_x)
    d.add(
        '<g id="loss-panel" data-x-min="0" data-x-max="%r" data-log10-y-min="%r"'
        ' data-log10-y-max="%r" data-log-x="%d">' % (axes.x_max, y_lo, y_hi, log_x)
    )
    if log_x:
        _frame(d, axes, count_ticks(x_hi), log_ticks(y_lo, y_hi), log_label, count_label)
    else:
        steps = [t for t in nice_ticks(0.0, x_hi, 8) if t == int(t)]  # no half iterations
        _frame(d, axes, steps, log_ticks(y_lo, y_hi), log_label)
    d.add('<g clip-path="url(#loss-area)">')
    if run.loss_floor > 0:
        y = axes.py(run.loss_floor)
        right = number(LOSS_BOX.left + LOSS_BOX.width)
        d.add(
            '<path id="loss-floor" d="M%s %sH%s" stroke="#111" stroke-dasharray="7 4"/>'
            % (number(LOSS_BOX.left), number(y), right)
        )
    if 1 < len(points) <= FEW_STEPS:  # so few that each checkpoint is shown
        marks = "".join("M%s %sh0" % (number(axes.px(k)), number(axes.py(v))) for k, v in points)
        d.add('<path id="loss-marks" d="%s" stroke="#c0392b" stroke-width="6"'
              ' stroke-linecap="round"/>' % marks)  # fmt: skip
    if points:
        d.add(
            d.polyline(
                [(axes.px(k), axes.py(v)) for k, v in points],
                id="loss",
                stroke="#c0392b",
                stroke_width="1.8",
            )
        )
    if run.predicted:
        x = axes.px(run.predicted)
        d.add(
            '<path id="predicted" d="M%s %sV%s" stroke="#2c7a2c" stroke-dasharray="3 3"'
            ' stroke-width="1.5"/>'
            % (number(x), number(LOSS_BOX.top), number(LOSS_BOX.top + LOSS_BOX.height))
        )
    d.add("</g></g>")
    if run.loss_floor > 0:
        edge = LOSS_BOX.left + LOSS_BOX.width
        if run.predicted:  # keep the words clear of the predicted mark
            edge = min(edge, axes.px(run.predicted))
        d.text(
            edge - 6,
            axes.py(run.loss_floor) + 13,
            "least squares: L = %s" % label(run.loss_floor),
            anchor="end",
            size=10,
        )
    if run.predicted:
        where = min(axes.px(run.predicted), LOSS_BOX.left + LOSS_BOX.width) - 4
        words = "within 0.01 of least squares after ≈ %s iterations" % grouped(run.predicted)
        d.text(where, LOSS_BOX.top + 14, words, anchor="end", size=10, fill="#2c7a2c")
    d.text(
        LOSS_BOX.left + LOSS_BOX.width / 2,
        LOSS_BOX.top + LOSS_BOX.height + 32,
        "iteration (log scale)" if log_x else "iteration",
        anchor="middle",
    )
    d.text(24, LOSS_BOX.top + LOSS_BOX.height / 2, "loss (log)", anchor="middle", rotate=True)
    if run.note:
        d.text(WIDTH / 2, HEIGHT - 6, run.note, anchor="middle", size=11, fill="#555")
    d.text(LOSS_BOX.left, LOSS_BOX.top - 8, run.loss_name, size=11, fill="#333")


def wrapped(text: str, width: int) -> List[str]:
    """The text in lines of at most ``width`` characters, broken after "; " where it can."""
    lines: List[str] = []
    for part in text.split("; "):
        if lines and len(lines[-1]) + 2 + len(part) <= width:
            lines[-1] += "; " + part
        else:
            if lines:
                lines[-1] += ";"
            lines.append(part)
    return lines


def _early(losses: Sequence[Tuple[int, float]]) -> bool:
    """Whether the loss makes 90% of its fall (in log terms) in the first 3% of the run, so
    that a linear iteration axis would show a cliff and a flat line: then it is log."""
    points = [(k, loss) for k, loss in losses if loss > 0]
    if len(points) < 3:
        return False
    first, last = math.log10(points[0][1]), math.log10(points[-1][1])
    if not first - last > 0.5:  # hardly any fall at all
        return False
    k = next(k for k, loss in points if math.log10(loss) - last <= 0.1 * (first - last))
    return k < 0.03 * points[-1][0]


def iterations(count: int) -> str:
    """1 iteration, 2 iterations, 103 037 iterations."""
    return "%s iteration%s" % (grouped(count), "" if count == 1 else "s")


def grouped(count: int) -> str:
    """103037 → 103 037."""
    digits = str(count)
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])
