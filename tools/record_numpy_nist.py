"""Accuracy of numpy.linalg.lstsq and numpy.polyfit on the NIST StRD linear
regression data sets, measured as LRE against NIST's certified coefficients.

Run from the repository, in an environment with NumPy (never a linreg dependency):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python tools/record_numpy_nist.py
Writes tests/data/numpy/nist_lstsq_polyfit.json (docs/features.md cites it).
"""

import datetime
import json
import math
import os
import platform
import statistics
import sys
import time
from fractions import Fraction

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NIST_DIR = os.path.join(ROOT, "tests", "data", "nist")
OUT = os.path.join(ROOT, "tests", "data", "numpy", "nist_lstsq_polyfit.json")
ORDER = [
    "Norris",
    "NoInt1",
    "NoInt2",
    "Pontius",
    "Longley",
    "Filip",
    "Wampler1",
    "Wampler2",
    "Wampler3",
    "Wampler4",
    "Wampler5",
]
REPS = 20
COMMAND = "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python tools/record_numpy_nist.py"


def read_data(meta):
    first, last = meta["data_lines_in_file"]
    with open(os.path.join(NIST_DIR, meta["file"]), encoding="ascii") as f:
        lines = f.read().splitlines()[first - 1 : last]
    rows = [[float(t) for t in ln.split()] for ln in lines]
    ncol = len(meta["data_columns"])
    assert all(len(r) == ncol for r in rows), meta["file"]
    assert len(rows) == meta["n_observations"], meta["file"]
    cols = {name: [r[i] for r in rows] for i, name in enumerate(meta["data_columns"])}
    return cols


def design(meta, cols):
    n = len(cols["y"])
    parts = [np.ones(n)] if meta["intercept"] else []
    if len(meta["predictors"]) > 1:  # Longley: the predictor columns as given
        parts += [np.array(cols[p], dtype=np.float64) for p in meta["predictors"]]
    else:
        x = np.array(cols[meta["predictors"][0]], dtype=np.float64)
        K = meta.get("polynomial_degree") or 1
        parts += [x**k for k in range(1, K + 1)]  # float64 powers by NumPy
    return np.column_stack(parts)


def lre(est, cert_text):
    cert = Fraction(cert_text)
    e = Fraction(float(est))
    if e == cert:
        return 99.0
    if cert == 0:
        # relative error undefined; fall back to absolute error (not expected here)
        return -math.log10(abs(e))
    rel = abs(e - cert) / abs(cert)
    # log10 of an exact Fraction without float under/overflow
    return -(math.log10(rel.numerator) - math.log10(rel.denominator))


def timed(fn):
    ts = []
    out = None
    for _ in range(REPS):
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
    return out, statistics.median(ts)


def record(coefs, params):
    assert len(coefs) == len(params)
    lres = [lre(c, p["estimate_text"]) for c, p in zip(coefs, params)]
    return {"coefficients": [repr(float(c)) for c in coefs], "lre": lres, "min_lre": min(lres)}


def main():
    cert = json.load(open(os.path.join(NIST_DIR, "certified.json")))["datasets"]
    sets = {}
    for name in ORDER:
        meta = cert[name]
        params = meta["parameters"]
        cols = read_data(meta)
        y = np.array(cols["y"], dtype=np.float64)
        A = design(meta, cols)
        assert A.shape[1] == len(params), name

        coef, t = timed(lambda A=A, y=y: np.linalg.lstsq(A, y, rcond=None)[0])
        ls = record(coef, params)
        ls["seconds"] = t
        entry = {"lstsq": ls, "polyfit": None}

        if len(meta["predictors"]) == 1 and meta["intercept"]:
            x = np.array(cols[meta["predictors"][0]], dtype=np.float64)
            K = meta.get("polynomial_degree") or 1
            pc, t = timed(lambda x=x, y=y, K=K: np.polyfit(x, y, K))
            pf = record(pc[::-1], params)  # polyfit: highest power first -> B0..BK
            pf["seconds"] = t
            entry["polyfit"] = pf
        sets[name] = entry

    out = {
        "how_made": (
            "tools/record_numpy_nist.py, run as `" + COMMAND + "` "
            "(OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset). For each NIST StRD linear "
            "regression set, data lines (1-based inclusive range data_lines_in_file of "
            "tests/data/nist/<set>.dat) are parsed with Python float(); the design matrix is "
            "a column of ones (when intercept) followed by x, x**2, ..., x**K computed as "
            "float64 NumPy powers (Norris K=1, Pontius 2, Filip 10, Wampler1-5 5; NoInt1/NoInt2 "
            "a single x column, no intercept) or the six predictor columns for Longley. "
            "Coefficients from numpy.linalg.lstsq(A, y, rcond=None); for one-x sets with "
            "intercept also numpy.polyfit(x, y, K), reversed to B0..BK (null for NoInt1/NoInt2 "
            "and Longley). LRE per coefficient = -log10(|est-cert|/|cert|) evaluated exactly "
            "with fractions.Fraction (cert = Fraction(estimate_text) from certified.json, "
            "est = Fraction(float)), 99 if equal; min_lre = minimum over the set's "
            "coefficients. seconds = median of " + str(REPS) + " time.perf_counter timings of "
            "the lstsq call (prebuilt A) or the polyfit call alone."
        ),
        "numpy_version": np.__version__,
        "python_version": sys.version.split()[0],
        "platform": platform.platform(),
        "machine": platform.machine(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "sets": sets,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")

    print(f"numpy {np.__version__}  python {out['python_version']}")
    print(f"{'set':9s} {'lstsq LRE':>9s} {'polyfit LRE':>11s} {'lstsq s':>10s} {'polyfit s':>10s}")
    for name in ORDER:
        e = sets[name]
        pf = e["polyfit"]
        print(
            f"{name:9s} {e['lstsq']['min_lre']:9.2f} "
            f"{(format(pf['min_lre'], '.2f') if pf else 'null'):>11s} "
            f"{e['lstsq']['seconds']:10.2e} "
            f"{(format(pf['seconds'], '.2e') if pf else 'null'):>10s}"
        )


if __name__ == "__main__":
    main()
