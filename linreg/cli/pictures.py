"""``--plot FILE.svg``: the figure of a tutorial run, a replay or a fit, written to a file."""

from __future__ import annotations

import os
import sys
from typing import Callable, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from ..careful.training import Checkpoint
from ..errors import LinregError
from ..plot.figure import Run, Thinner, figure, run_window
from ..plot.text import sparkline
from ..tutorials.presets import Setup
from .options import printable
from .report import LOSS_FORMULAS

#: Checkpoints a plotted run records, for a smooth loss curve.
LOSS_POINTS = 200
#: Checkpoints the text report's loss line shows, one character each.
SPARK_POINTS = 48


def checkpoints(iterations: int, *, plot: bool) -> FrozenSet[int]:
    """Iterations at which a run records its state for its loss curve: SPARK_POINTS evenly
    spaced for the text report; for a picture LOSS_POINTS evenly spaced and as many spaced
    geometrically, so that the curve is smooth on a linear iteration axis and a log one."""
    points = LOSS_POINTS if plot else SPARK_POINTS
    every = max(1, iterations // points)
    even = frozenset(range(0, iterations + 1, every))
    if not plot:
        return even
    ratio = max(iterations, 2) ** (1 / points)
    geometric = {int(ratio**k) for k in range(points + 1)}
    return even | frozenset(k for k in geometric if k <= iterations)


class PictureError(LinregError):
    """The picture cannot be written where asked; the message names the picture's path."""


def refuse_unsafe(path: str, data: Optional[str] = None) -> None:
    """Refuse, before anything is read or written, a picture path that is the data file
    (by another name too: a symlink, a hard link) or the standard output the report goes to.
    """
    target = _identity(path)
    if target is None:
        return  # no such file yet: it is neither the data nor standard output
    if data is not None and target == _identity(data):
        raise PictureError(
            "--plot %s is the data file %s: the picture would overwrite the data; give the"
            " picture a file name of its own" % (printable(path), printable(data))
        )
    try:
        report = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return  # standard output is not a file (a test's io.StringIO): nothing to mix into
    if target == (report.st_dev, report.st_ino) and target != _identity(os.devnull):
        raise PictureError(
            "--plot %s is the standard output the report goes to: the picture would be mixed"
            " into the report; give the picture a file name of its own" % printable(path)
        )


def _identity(path: str) -> Optional[Tuple[int, int]]:
    """(device, inode) of the file the path leads to (through symlinks), or None."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def write(path: str, svg: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(svg)
    except OSError as error:
        raise PictureError(
            "%s: cannot write the picture (%s)" % (printable(path), error.strerror or error)
        ) from None


def lines_of(
    history: Sequence[Checkpoint], every: int, last: int
) -> List[Tuple[int, float, float]]:
    """(iteration, W, b) at the report's checkpoints: the start, every ``every`` steps, the end."""
    return [
        (c.iteration, float(c.w), float(c.b))
        for i, c in enumerate(history)
        if i == 0 or c.iteration % every == 0 or c.iteration == last
    ]


def losses_of(history: Sequence[Checkpoint]) -> List[Tuple[int, float]]:
    return [(c.iteration, float(c.loss)) for c in history]


def loss_line(history: Sequence[Checkpoint], floor: float) -> str:
    """The loss as block characters, for the text report: SPARK_POINTS evenly spaced."""
    last = history[-1].iteration if history else 0
    every = max(1, last // SPARK_POINTS)
    losses = [
        (c.iteration, float(c.loss))
        for c in history
        if c.iteration % every == 0 or c.iteration == last
    ]
    if len(losses) < 2:
        return ""
    return "loss, log scale:  %s  (%.6g at %d to %.6g at %d; least squares %.6g)" % (
        sparkline(losses), losses[0][1], losses[0][0], losses[-1][1], losses[-1][0], floor,
    )  # fmt: skip


def tutorial_figure(
    title: str,
    subtitle: str,
    setup: Setup,
    history: Sequence[Checkpoint],
    every: int,
    least_squares: Tuple[float, float],
    floor: float,
    convention: str,
    predicted: Optional[int],
) -> str:
    last = history[-1].iteration if history else 0
    test = setup.test
    return figure(
        Run(
            title=title,
            subtitle=subtitle,
            xs=[float(v) for v in setup.train.xs],
            ys=[float(v) for v in setup.train.ys],
            test_xs=[float(v) for v in test.xs] if test else [],
            test_ys=[float(v) for v in test.ys] if test else [],
            lines=lines_of(history, every, last),
            least_squares=least_squares,
            losses=losses_of(history),
            loss_floor=floor,
            loss_name="loss: " + LOSS_FORMULAS[convention],
            predicted=predicted,
        )  # fmt: skip
    )


class Extent:
    """The smallest and largest x and y of a file, gathered chunk by chunk."""

    def __init__(self) -> None:
        self.box: Optional[Tuple[float, float, float, float]] = None

    def add(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        if not xs:
            return
        new = (min(xs), max(xs), min(ys), max(ys))
        old = self.box or new
        self.box = (min(old[0], new[0]), max(old[1], new[1]), min(old[2], new[2]),
                    max(old[3], new[3]))  # fmt: skip


def fit_figure(
    run: Run, chunks: Optional[Callable[[], Iterator[Tuple[Sequence[float], Sequence[float]]]]]
) -> str:
    """The figure of a fit.  Where the data were streamed, ``run`` holds no points but the
    data's extent, and ``chunks`` reads the file a second time: the points are thinned to
    the figure's cells as they come, so memory stays bounded by the figure, not the file."""
    if chunks is not None:
        thin = Thinner(run_window(run))
        for xs, ys in chunks():
            thin.add(xs, ys)
        run = run._replace(xs=thin.xs, ys=thin.ys, given=thin.given)
    return figure(run)
