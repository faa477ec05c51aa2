"""What the command line's subcommands share: option types, and printing JSON."""

from __future__ import annotations

import argparse
import math
from typing import Any, Dict

from ..errors import LinregError

PROGRAM = "python -m linreg"


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text) from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError("%r must be a finite number greater than 0" % text)
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a whole number" % text) from None
    if value < 0:
        raise argparse.ArgumentTypeError("%r must be 0 or more" % text)
    return value


def _positive_count(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("%r must be 1 or more" % text)
    return value


def _print_json(payload: Dict[str, Any]) -> None:
    try:
        import json
    except ImportError:
        raise LinregError(
            "--json needs Python's json module, which this Python lacks"
            " (Debian's python3-minimal leaves it out; install python3)"
        ) from None
    print(json.dumps(payload, indent=2, ensure_ascii=False))
