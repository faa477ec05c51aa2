"""The loss curve as one line of block characters, for a terminal (no file, no dependency).

>>> sparkline([(0, 1000.0), (1, 100.0), (2, 10.0), (3, 1.0)])
'█▆▃▁'
"""

from __future__ import annotations

import math
from typing import Sequence, Tuple

BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(losses: Sequence[Tuple[int, float]], width: int = 48) -> str:
    """One character per sampled checkpoint, its height the loss on a log scale."""
    values = [loss for _, loss in losses if loss > 0]
    if not values:
        return ""
    if len(values) > width:  # keep the first and last, and evenly spaced ones between
        step = (len(values) - 1) / (width - 1)
        values = [values[round(i * step)] for i in range(width)]
    logs = [math.log10(v) for v in values]
    low, high = min(logs), max(logs)
    if high - low < 1e-12:
        return BLOCKS[0] * len(logs)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round((v - low) / (high - low) * top)] for v in logs)
