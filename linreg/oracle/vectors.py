"""Test vectors any language can read: inputs, exact expected outputs, allowed errors.

``python -m linreg vectors DIR`` writes one JSON file per kind and convention
(``gradient-half_mse.json`` and so on).  Every number is given exactly: inputs as the
shortest decimal that reads back as the same double and as a hex float; expected outputs
as that decimal, as a hex float, and as an exact ratio "numerator/denominator" of the
exact answer on those very doubles.  A case passes when |answer − expected| is at most
its tolerance for the precision the implementation computes in.  For fit, the expected
output is the exact end of the trajectory, and the tolerance covers the rounding of every
step along it (docs/oracle.md, "Trajectories").  docs/oracle.md documents the schema.
"""

from __future__ import annotations

import errno
import os
from typing import Any, Dict, List, Tuple

from .. import __version__
from ..careful.exact import Ratio
from ..careful.rounding import PRECISIONS, step_bound
from ..core.model import CONVENTIONS
from ..errors import ParameterError
from .check import KINDS, OUTPUTS, expected
from .inputs import battery
from .reference import Case, correct, step_from, trajectory

SCHEMA = "linreg test vectors"
VERSION = 1
#: Cases a file holds beyond the diagnostic ones, drawn with this seed.
DRAWN, SEED = 12, 2026
CALLS = {
    "loss": "loss(xs, ys, w, b) -> L",
    "gradient": "gradient(xs, ys, w, b) -> [dL/dW, dL/db]",
    "step": "step(xs, ys, w, b, learning_rate) -> [w, b]",
    "fit": "fit(xs, ys, w, b, learning_rate, iterations) -> [w, b]",
}


def exact_number(value: Ratio) -> Dict[str, str]:
    rounded = float(value)
    return {
        "decimal": repr(rounded),
        "hex": rounded.hex(),
        "ratio": "%d/%d" % (value.num, value.den),
    }


def fit_tolerance(case: Case, convention: str, precision: str) -> Tuple[float, float]:
    """The rounding a whole run may gather: Σ over its steps of each step's bound.

    For α < 2/λmax the exact map e ← (I − α·H)·e shrinks no error (‖I − α·H‖ ≤ 1), so the
    errors made at the steps add up at most; taken at the exact points, doubled for the
    difference between those and an implementation's own.
    """
    p = PRECISIONS[precision]
    rules = correct(convention)
    w, b = Ratio.of(case.w), Ratio.of(case.b)
    alpha = Ratio.of(case.learning_rate)
    total_w = total_b = 0.0
    for _ in range(case.iterations):
        bw, bb = step_bound(
            case.xs, case.ys, float(w), float(b), case.learning_rate,
            float(rules.divisor(len(case.xs))), p,
        )  # fmt: skip
        total_w, total_b = total_w + bw, total_b + bb
        w, b = step_from(case.xs, case.ys, w, b, alpha, rules)
    return 2 * total_w, 2 * total_b


def file_for(kind: str, convention: str) -> Dict[str, Any]:
    """The vectors of one kind and convention, as the JSON object to write."""
    rules = correct(convention)
    cases = []
    for index, case in enumerate(battery(kind, convention, "float64", DRAWN, SEED)):
        exact: Tuple[Ratio, ...]
        if kind == "fit":
            exact = trajectory(case, rules)
            tolerance = {p: list(fit_tolerance(case, convention, p)) for p in PRECISIONS}
        else:
            exact, _ = expected(kind, case, rules, "float64")
            tolerance = {p: list(expected(kind, case, rules, p)[1]) for p in PRECISIONS}
        entry: Dict[str, Any] = {
            "id": "%s-%s-%03d" % (kind, convention, index),
            "xs": [repr(v) for v in case.xs],
            "xs_hex": [v.hex() for v in case.xs],
            "ys": [repr(v) for v in case.ys],
            "ys_hex": [v.hex() for v in case.ys],
            "w": repr(case.w), "w_hex": case.w.hex(),
            "b": repr(case.b), "b_hex": case.b.hex(),
        }  # fmt: skip
        if kind in ("step", "fit"):
            entry["learning_rate"] = repr(case.learning_rate)
            entry["learning_rate_hex"] = case.learning_rate.hex()
        if kind == "fit":
            entry["iterations"] = case.iterations
        entry["expected"] = [exact_number(v) for v in exact]
        entry["tolerance"] = tolerance
        cases.append(entry)
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "made_by": "python -m linreg vectors (linreg %s)" % __version__,
        "kind": kind,
        "convention": convention,
        "call": CALLS[kind],
        "outputs": list(OUTPUTS[kind]),
        "cases": cases,
    }


def write_vectors(directory: str) -> List[str]:
    """Write every kind × convention into directory; the paths written.

    All files or none: each is written to a temporary file beside it and renamed into
    place only when every one has been written, so a failure leaves no partial set.
    Raises ParameterError for an empty directory name, and OSError, with ``filename``
    the file (or directory) at fault, when writing fails.
    """
    try:
        import json
    except ImportError:
        raise ParameterError(
            "writing test vectors needs Python's json module, which this Python lacks"
            " (Debian's python3-minimal leaves it out; install python3)"
        ) from None
    if not isinstance(directory, str) or not directory.strip():
        raise ParameterError("the directory to write the test vectors to must be named")
    texts = {
        os.path.join(directory, "%s-%s.json" % (kind, convention)): json.dumps(
            file_for(kind, convention), indent=1, ensure_ascii=False
        )
        for kind in KINDS
        for convention in CONVENTIONS
    }
    nothing = "; nothing was written"
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as error:
        raise OSError(error.errno, (error.strerror or "") + nothing, directory) from None
    for path in texts:
        if os.path.isdir(path):  # os.replace would fail only after the others were renamed
            raise OSError(errno.EISDIR, os.strerror(errno.EISDIR) + nothing, path)
    temporary = {path: "%s.%d.tmp" % (path, os.getpid()) for path in texts}
    try:
        for path, text in texts.items():
            try:
                with open(temporary[path], "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text + "\n")
            except OSError as error:  # name the file we meant, not the temporary one
                raise OSError(error.errno, (error.strerror or "") + nothing, path) from None
        done: List[str] = []
        for path in texts:
            try:
                os.replace(temporary[path], path)
            except OSError as error:  # only a race can get here: say what is new
                written = ", ".join(os.path.basename(p) for p in done) or "none"
                raise OSError(
                    error.errno, "%s; already replaced: %s" % (error.strerror, written), path
                ) from None
            done.append(path)
    finally:
        for name in temporary.values():
            if os.path.exists(name):
                os.remove(name)
    return list(texts)
