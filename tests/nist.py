"""NIST's certified straight-line data sets (copied into tests/data/nist), for the tests."""

import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Dict, List, Tuple, Union

NIST = Path(__file__).parent / "data" / "nist"
CERTIFIED = json.loads((NIST / "certified.json").read_text(encoding="utf-8"))["datasets"]


def nist_data(name: str) -> Tuple[List[str], List[str]]:
    """The x and y columns of a NIST .dat file, as the decimal text NIST wrote."""
    info = CERTIFIED[name]
    first, last = info["data_lines_in_file"]
    lines = (NIST / info["file"]).read_text(encoding="utf-8").splitlines()[first - 1 : last]
    rows = [line.split() for line in lines]
    assert len(rows) == info["n_observations"]
    y_at, x_at = info["data_columns"].index("y"), info["data_columns"].index("x")
    return [r[x_at] for r in rows], [r[y_at] for r in rows]


def certified(name: str) -> Dict[str, Fraction]:
    return {p["name"]: Fraction(p["estimate_text"]) for p in CERTIFIED[name]["parameters"]}


def lre(estimate: Union[float, Fraction], reference: Fraction) -> float:
    """NIST's log relative error: the number of correct significant digits."""
    error = abs(Fraction(estimate) - reference)
    return 99.0 if error == 0 else -math.log10(error / abs(reference))
