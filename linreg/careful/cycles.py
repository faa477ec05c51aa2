"""A descent in rounded arithmetic that comes back to a point repeats itself from there.

A step is a function of the point alone: (W, b) ↦ (W, b) − α·∇L(W, b).  Floats are
finitely many, so a run long enough returns to some point it has visited, most often
within a few ulps of the answer, where α·∂L/∂W is below half an ulp of W (a fixed point)
or the rounding hops between two neighbours (a cycle of two).  From then on it repeats
with that period, and the rest of a run of 10¹⁸ iterations is known without taking them.

:class:`Watch` notices the return (Brent's cycle detection: one comparison a step, and
the cycle is found within about twice its start plus its length); :func:`rest_of_run`
reads the remaining checkpoints and the end point off one period.
"""

from __future__ import annotations

from typing import Any, Callable, Collection, List, Optional, Tuple, TypeVar

Point = Tuple[Any, Any]
T = TypeVar("T")


class Watch:
    """Brent's cycle detection over the points a descent visits (at every step, or only
    at some: a point seen again at any two iterations makes the run periodic)."""

    __slots__ = ("saved", "saved_at", "power", "length")

    def __init__(self, start: Any, at: int = 0) -> None:
        self.saved, self.saved_at, self.power, self.length = start, at, 1, 0

    def period(self, point: Any, at: int) -> int:
        """A period of the run, once ``point``, reached at iteration ``at``, is the saved
        point again; 0 until then.  The run repeats with that period from the saved
        point's iteration onwards."""
        self.length += 1
        if point == self.saved:
            return at - self.saved_at
        if self.length == self.power:  # move the saved point up, to catch a later cycle
            self.saved, self.saved_at = point, at
            self.power, self.length = 2 * self.power, 0
        return 0


def due(
    start: int, iterations: int, checkpoint_every: Optional[int], checkpoints: Collection[int]
) -> List[int]:
    """The iterations in [start, iterations] that the history records (the last always)."""
    wanted = {t for t in checkpoints if start <= t <= iterations} | {iterations}
    if checkpoint_every:
        first = -(-start // checkpoint_every) * checkpoint_every  # the first multiple ≥ start
        wanted.update(range(first, iterations + 1, checkpoint_every))
    return sorted(wanted)


def rest_of_run(
    start: int,
    period: int,
    point: Point,
    wanted: List[int],
    advance: Callable[[Any, Any, int], Point],
    make: Callable[[Any, Any], T],
) -> List[Tuple[int, T]]:
    """(t, make(W, b)) for each wanted iteration t ≥ start, for a run at ``point`` at
    iteration ``start`` and periodic from there: the point at t is the one (t − start) mod
    period steps on, so at most one period is stepped through (``advance(W, b, n)``: n
    steps), and ``make`` (a checkpoint, say) runs once for each point of it."""
    offsets = sorted({(t - start) % period for t in wanted})
    at, (w, b) = 0, point
    made = {}
    for offset in offsets:
        w, b = advance(w, b, offset - at)
        at = offset
        made[offset] = make(w, b)
    return [(t, made[(t - start) % period]) for t in wanted]
