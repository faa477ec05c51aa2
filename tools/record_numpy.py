"""Record real NumPy's outputs as JSON test data for linreg.numpy_legacy.

NumPy is not a dependency of linreg or of its tests.  This script runs in a scratch
environment that has NumPy, from the repository root:

    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
    /tmp/npvenv/bin/python tools/record_numpy.py

and writes, into tests/data/numpy/:

    streams.json       np.random.seed(s) key words; runs of random_sample, uniform, normal
                       (with size, and single calls interleaved to exercise the cached
                       second Gaussian); whole permutations
    pairwise_sum.json  np.sum and np.mean of float64 prefixes of generated inputs
    arrays.json        np.float32(v), np.arange(..., dtype=float32), np.linspace
    tutorials.json     the three tutorial programs, run as they were written

Under NumPy 1.x it writes tutorials_numpy1.json only: NumPy 1's value-based casting keeps
the arange tutorial's predictions in float32 on every iteration, NumPy 2 on the first only.

Floats are JSON numbers written with Python's repr, which float() reads back exactly;
the few values named ``*_fsum_hex`` are float.hex strings of math.fsum.
tests/test_numpy_legacy.py reads these files; tests/live_numpy/ compares with NumPy itself.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shlex
import sys
from typing import Any, Callable, Dict, List

import numpy as np

SEEDS = [0, 1, 42, 43, 12345, 2**32 - 1]
PERMUTATION_SIZES = [1, 2, 3, 10, 400, 1000]

# The input generator of pairwise_sum.json, mirrored by the tests: Python's random.Random,
# using only random() and getrandbits(), whose outputs are fixed by the Mersenne Twister.
PAIRWISE_SEED = 20240601
PAIRWISE_LENGTH = 20000


def about(what: str) -> Dict[str, Any]:
    """Where a file came from: versions, machine, and the command that wrote it."""
    return {
        "what": what,
        "numpy_version": np.__version__,
        "python_version": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "machine": platform.machine(),
        "libc": " ".join(platform.libc_ver()),
        "command": shlex.join([sys.executable, *sys.argv]),
        "made_by": "tools/record_numpy.py",
        "float_encoding": "JSON numbers written with Python's repr (float() reads them back "
        "exactly); *_fsum_hex values are float.hex() strings of math.fsum",
    }


def floats(values: Any) -> List[float]:
    return [float(v) for v in values]


# -- streams.json -------------------------------------------------------------------------

INTERLEAVED_CALLS: List[Dict[str, Any]] = [
    {"call": "normal", "args": [0.0, 1.0], "size": None},
    {"call": "normal", "args": [0.0, 1.0], "size": 3},
    {"call": "random_sample", "args": [], "size": None},
    {"call": "normal", "args": [5.0, 2.0], "size": None},
    {"call": "uniform", "args": [-1.0, 1.0], "size": 2},
    {"call": "normal", "args": [5.0, 2.0], "size": None},
    {"call": "normal", "args": [-3.0, 0.5], "size": 4},
    {"call": "permutation", "args": [7], "size": None},
    {"call": "normal", "args": [0.0, 3.0], "size": None},
    {"call": "random_sample", "args": [], "size": 3},
    {"call": "normal", "args": [0.0, 3.0], "size": None},
    {"call": "normal", "args": [0.0, 3.0], "size": None},
    {"call": "normal", "args": [100.0, 25.0], "size": 5},
    {"call": "uniform", "args": [-10.0, 10.0], "size": None},
    {"call": "normal", "args": [0.0, 1.0], "size": 0},
    {"call": "normal", "args": [0.0, 1.0], "size": None},
    {"call": "permutation", "args": [3], "size": None},
    {"call": "normal", "args": [1e-3, 1e3], "size": 1},
    {"call": "normal", "args": [0.0, 1.0], "size": None},
    {"call": "normal", "args": [0.0, 1.0], "size": 2},
]


def call_numpy(rs: Any, call: Dict[str, Any]) -> Any:
    method: Callable[..., Any] = getattr(rs, call["call"])
    if call["call"] == "permutation":
        return [int(i) for i in method(*call["args"])]
    if call["size"] is None:
        return float(method(*call["args"]))
    return floats(method(*call["args"], size=call["size"]))


def record_streams() -> Dict[str, Any]:
    runs = []
    for seed in SEEDS:
        for call, args, size in [
            # 700 samples use 1400 32-bit words: the 624-word state is regenerated twice.
            ("random_sample", [], 700),
            ("uniform", [-10.0, 10.0], 400),
            ("normal", [0.0, 1.0], 701),  # odd: ends with a cached second value unused
            ("normal", [4000.0, 300.0], 400),
        ]:
            rs = np.random.RandomState(seed)
            values = floats(getattr(rs, call)(*args, size=size))
            runs.append({"seed": seed, "call": call, "args": args, "size": size, "values": values})
    interleaved = []
    for seed in SEEDS:
        rs = np.random.RandomState(seed)
        results = [dict(call, result=call_numpy(rs, call)) for call in INTERLEAVED_CALLS]
        interleaved.append({"seed": seed, "calls": results})
    permutations = []
    for seed in SEEDS:
        for n in PERMUTATION_SIZES:
            rs = np.random.RandomState(seed)
            permutations.append(
                {"seed": seed, "n": n, "result": [int(i) for i in rs.permutation(n)]}
            )
    keys = {}
    for seed in SEEDS:
        name, key, pos, has_gauss, cached = np.random.RandomState(seed).get_state()
        assert name == "MT19937" and pos == 624 and has_gauss == 0, (name, pos, has_gauss)
        keys[str(seed)] = [int(k) for k in key]
    # The global np.random.seed gives the same stream as a fresh RandomState (the tutorials
    # use the global one): check it here rather than assume it.
    np.random.seed(42)
    assert float(np.random.random()) == runs[SEEDS.index(42) * 4]["values"][0]
    return {
        "about": about(
            "NumPy's legacy RandomState streams. Each run and each permutation starts from a "
            "fresh np.random.RandomState(seed); 'interleaved' makes its calls in order on one "
            "state (size null: a single call returning a scalar)."
        ),
        "seeds": SEEDS,
        "key_after_seeding": keys,
        "runs": runs,
        "interleaved": interleaved,
        "permutations": permutations,
    }


# -- pairwise_sum.json --------------------------------------------------------------------


def pairwise_inputs() -> Dict[str, List[float]]:
    """The generated inputs; tests/test_numpy_legacy.py builds the same lists."""
    rng = random.Random(PAIRWISE_SEED)
    mixed = []
    for _ in range(PAIRWISE_LENGTH):
        u = rng.random()
        k = rng.getrandbits(6)
        mixed.append((2.0 * u - 1.0) * 2.0 ** (k - 32))
    unit = [rng.random() for _ in range(PAIRWISE_LENGTH)]
    offset = [1e6 * (1.0 + rng.random()) for _ in range(PAIRWISE_LENGTH)]
    return {"mixed": mixed, "unit": unit, "offset": offset}


def pairwise_lengths() -> List[int]:
    lengths = set(range(0, 301))
    for boundary in [256, 384, 512, 1024, 2048, 4096, 8192, 16384]:
        lengths.update([boundary - 1, boundary, boundary + 1])
    lengths.update([1000, 8193, 10000, 12345, 19999, PAIRWISE_LENGTH])
    rng = random.Random(PAIRWISE_SEED + 1)
    lengths.update(rng.randrange(301, PAIRWISE_LENGTH) for _ in range(60))
    return sorted(lengths)


def record_pairwise() -> Dict[str, Any]:
    inputs = pairwise_inputs()
    lengths = pairwise_lengths()
    sums: Dict[str, List[float]] = {}
    means: Dict[str, List[Any]] = {}
    for kind, values in inputs.items():
        array = np.array(values, dtype=np.float64)
        sums[kind] = [float(np.sum(array[:n])) for n in lengths]
        means[kind] = [float(np.mean(array[:n])) if n else None for n in lengths]
    return {
        "about": about(
            "np.sum(a[:n]) and np.mean(a[:n]) of contiguous float64 arrays a built from the "
            "inputs below (mean null for n = 0, where NumPy gives nan)."
        ),
        "inputs": {
            "seed": PAIRWISE_SEED,
            "length": PAIRWISE_LENGTH,
            "generator": "rng = random.Random(seed); mixed: for each value u = rng.random(), "
            "k = rng.getrandbits(6), value (2u - 1)*2**(k - 32); then unit: rng.random() "
            "each; then offset: 1e6*(1 + rng.random()) each",
        },
        "lengths": lengths,
        "sums": sums,
        "means": means,
        # A float64 sum starts from the identity +0.0, so a sum of -0.0s comes out +0.0.
        "negative_zeros": [
            {"n": n, "sum": repr(float(np.sum(np.full(n, -0.0))))} for n in [1, 7, 8, 9, 200]
        ],
    }


# -- arrays.json --------------------------------------------------------------------------


def float32_inputs() -> List[float]:
    special = [
        0.0,
        -0.0,
        0.1,
        -0.1,
        1.0 / 3.0,
        2.0 / 3.0,
        1e-3,
        4000.0,
        50.0 * 0.1,
        99.9,
        1.0 + 2.0**-24,  # halfway between float32s 1 and 1 + 2**-23: ties to even, 1
        1.0 + 3.0 * 2.0**-24,  # halfway: ties to even, 1 + 2**-22
        -(1.0 + 2.0**-24),
        16777217.0,
        16777219.0,
        2.0**-126,
        2.0**-149,
        2.0**-150,
        1.5 * 2.0**-149,
        1e-40,
        1e-46,
        3.4028234663852886e38,  # largest float32
        3.4028235e38,
        3.4028235677973362e38,  # above it, still rounding down to it
        -3.4028235677973362e38,
        math.inf,
        -math.inf,
    ]
    rng = random.Random(7)
    randoms = [(2.0 * rng.random() - 1.0) * 2.0 ** (rng.getrandbits(8) - 140) for _ in range(500)]
    return special + randoms


FLOAT32_OVERFLOW = [
    3.4028235677973366e38,
    -3.4028235677973366e38,
    1e39,
    -1e300,
    1.7976931348623157e308,
]
ARANGE_CASES = [
    [100.0, 0.1],
    [10.0, 0.3],
    [1.0, 0.01],
    [50.0, 0.7],
    [3.0, 1.0 / 3.0],
    [5e-324, 2.0],  # stop / step underflows to 0.0: NumPy still gives one point
    [-1.0, 0.5],  # negative length: empty
]
LINSPACE_CASES = [
    [0.0, 100.0, 400],
    [-1.0, 1.0, 7],
    [0.0, 1.0, 2],
    [0.0, 1.0, 1],
    [0.0, 1.0, 0],
    [1e-3, 2.5, 1000],
    [5.0, -3.0, 33],
]


def record_arrays() -> Dict[str, Any]:
    inputs = float32_inputs()
    with np.errstate(over="ignore"):
        overflowed = [float(np.float32(v)) for v in FLOAT32_OVERFLOW]
    return {
        "about": about(
            "float(np.float32(v)); np.arange(stop, step=step, dtype=np.float32); "
            "np.linspace(start, stop, num). Infinities are the strings 'inf' and '-inf'."
        ),
        "float32": {
            "inputs": [repr(v) for v in inputs],
            "results": [repr(float(np.float32(v))) for v in inputs],
        },
        "float32_overflow": {
            "inputs": [repr(v) for v in FLOAT32_OVERFLOW],
            "numpy_results": [repr(v) for v in overflowed],
        },
        "arange_float32": [
            {
                "stop": stop,
                "step": step,
                "values": floats(np.arange(stop, step=step, dtype=np.float32)),
            }
            for stop, step in ARANGE_CASES
        ],
        "linspace": [
            {
                "start": start,
                "stop": stop,
                "num": num,
                "values": floats(np.linspace(start, stop, num)),
            }
            for start, stop, num in LINSPACE_CASES
        ],
    }


# -- tutorials.json -----------------------------------------------------------------------


def fsum_hex(values: Any) -> str:
    return math.fsum(float(v) for v in values).hex()


def r2_score(y_true: Any, y_pred: Any) -> float:
    """The train/test tutorial's R²: 1 − Σ(y − ŷ)² / Σ(y − ȳ)², in NumPy."""
    ss_res = np.sum((y_true - y_pred) ** 2)
    ss_tot = np.sum((y_true - np.mean(y_true)) ** 2)
    return float(1 - (ss_res / ss_tot))


def least_squares(x: Any, y: Any) -> Dict[str, float]:
    slope, intercept = np.polyfit(np.asarray(x, dtype=np.float64), y, 1)
    return {
        "w": float(slope),
        "b": float(intercept),
        "r2": r2_score(y, slope * np.asarray(x, dtype=np.float64) + intercept),
    }


def type_name(value: Any) -> str:
    return f"{type(value).__module__}.{type(value).__qualname__}"


def _arange_print(
    prefix: str, epoch: int, W: Any, b: Any, loss: Any, dW: Any, db: Any
) -> Dict[str, Any]:
    """One line the arange tutorial printed: its values, and its own text kept verbatim."""
    return {
        "epoch": epoch,
        "W": float(W),
        "b": float(b),
        "loss": float(loss),
        "dW": float(dW),
        "db": float(db),
        "text": prefix
        + "{}, W:{}, b:{}, loss:{}, dW:{}, db:{}".format(  # noqa: UP032
            epoch, W, b, loss, dW, db
        ),
    }


def arange_tutorial() -> Dict[str, Any]:
    """The arange tutorial (seeds 000 and 002) with np.random.seed(0), plotting removed."""
    np.random.seed(0)
    X_data = np.arange(100, step=0.1, dtype=np.float32)
    y_base = 4000 + 50 * X_data  # kept apart only to record it: float32 in NumPy 1 and 2
    y_data = (4000 + 50 * X_data) + np.random.normal(0, 3, size=len(X_data)) * 100
    W = np.random.random()
    b = 0
    W_start = W
    step_size = 0.0005
    max_iteration = 50000
    first_iterations = []
    printed = []
    for epoch in range(max_iteration):
        W_before, b_before = W, b
        y_pred = X_data * W + b
        loss = 0.5 * np.mean((y_pred - y_data) ** 2)
        dW = np.mean((y_pred - y_data) * X_data)
        db = np.mean(y_pred - y_data)
        W -= step_size * dW
        b -= step_size * db
        if epoch < 5:
            residual = y_pred - y_data
            first_iterations.append(
                {
                    "epoch": epoch,
                    "type_of_W_before": type_name(W_before),
                    "type_of_b_before": type_name(b_before),
                    "y_pred_dtype": str(y_pred.dtype),
                    "y_pred_first": float(y_pred[0]),
                    "y_pred_last": float(y_pred[-1]),
                    "square_equals_r_times_r": bool(
                        np.array_equal(residual**2, residual * residual)
                    ),
                    "loss": float(loss),
                    "dW": float(dW),
                    "db": float(db),
                    "W": float(W),
                    "b": float(b),
                }
            )
        if epoch % (max_iteration / 10) == 0:
            printed.append(_arange_print("Epoch:", epoch, W, b, loss, dW, db))
    final = _arange_print("Training Stats: \nEpochs:", epoch, W, b, loss, dW, db)
    x64 = X_data.astype(np.float64)
    return {
        "program": "np.random.seed(0); X_data = np.arange(100, step=0.1, dtype=np.float32); "
        "y_data = (4000 + 50 * X_data) + np.random.normal(0, 3, size=len(X_data))*100; "
        "W = np.random.random(); b = 0; 50000 times: y_pred = X_data * W + b; "
        "loss = 0.5*np.mean((y_pred - y_data)**2); dW = np.mean((y_pred - y_data)*X_data); "
        "db = np.mean(y_pred - y_data); W -= step_size*dW; b -= step_size*db "
        "(step_size 0.0005); print when epoch % 5000.0 == 0, and a final line",
        "x": floats(X_data),
        "y_base_float32": floats(y_base),
        "y_base_dtype": str(y_base.dtype),
        "y": floats(y_data),
        "x_fsum_hex": fsum_hex(X_data),
        "y_fsum_hex": fsum_hex(y_data),
        "W_start": float(W_start),
        "W_start_type": type_name(W_start),
        "first_iterations": first_iterations,
        "printed": printed,
        "final": final,
        "r2_of_final_fit": r2_score(y_data, x64 * W + b),
        "least_squares": least_squares(X_data, y_data),
    }


def uniform_tutorial() -> Dict[str, Any]:
    """The uniform tutorial (seed 001), rebuilt from its stated facts (its gists are lost)."""
    np.random.seed(42)
    n_data = 10000
    X = np.random.uniform(-10, 10, n_data)
    noise = np.random.normal(0, 3, n_data)
    w_true, b_true = 7.6, -3.3
    y = w_true * X + b_true + noise
    w, b = -1, 0
    learning_rate = 1e-6
    printed = []
    for epoch in range(1, 501):
        grad_w = -2 * np.sum(X * (y - w * X - b))
        grad_b = -2 * np.sum(y - w * X - b)
        w = w - learning_rate * grad_w
        b = b - learning_rate * grad_b
        if epoch % 50 == 0:
            error = np.sum((y - (w * X + b)) ** 2)
            printed.append(
                {
                    "epoch": epoch,
                    "sum_of_squares": float(error),
                    "w": float(w),
                    "b": float(b),
                    "text": str(round(float(error))),
                }
            )
    line = f"y = {w:.2f} x {'-' if b < 0 else '+'} {abs(b):.2f}"
    stride = 50
    return {
        "program": "np.random.seed(42); X = np.random.uniform(-10, 10, 10000); "
        "noise = np.random.normal(0, 3, 10000); y = 7.6 * X + -3.3 + noise; w, b = -1, 0; "
        "for epoch 1..500: grad_w = -2*np.sum(X*(y - w*X - b)); grad_b = -2*np.sum(y - w*X - b); "
        "w = w - 1e-6*grad_w; b = b - 1e-6*grad_b; every 50th epoch print "
        "round(np.sum((y - (w*X + b))**2)); then the line. Rebuilt from the post's stated "
        "facts: its code (gists) is lost, so this order of operations is a reconstruction.",
        "n": n_data,
        "x_first_20": floats(X[:20]),
        "x_last_20": floats(X[-20:]),
        "y_first_20": floats(y[:20]),
        "y_last_20": floats(y[-20:]),
        "sample_stride": stride,
        "x_every_stride": floats(X[::stride]),
        "y_every_stride": floats(y[::stride]),
        "x_fsum_hex": fsum_hex(X),
        "y_fsum_hex": fsum_hex(y),
        "x_squared_fsum_hex": fsum_hex(X * X),
        "y_squared_fsum_hex": fsum_hex(y * y),
        "printed": printed,
        "final": {"w": float(w), "b": float(b)},
        "line": line,
        "least_squares": least_squares(X, y),
    }


def train_test_tutorial() -> Dict[str, Any]:
    """The train/test tutorial (seed 003), seed 43, without pandas and plotting."""
    np.random.seed(43)
    X = np.linspace(0, 100, 400)
    y = 3.5 * X + 10 + np.random.normal(0, 25, size=X.shape)
    N = len(X)
    train_size = int(N * 0.8)
    indices = np.random.permutation(N)
    train_idx, test_idx = indices[:train_size], indices[train_size:]
    X_train, y_train = X[train_idx], y[train_idx]
    X_test, y_test = X[test_idx], y[test_idx]

    def model(X: Any, w_1: Any, w_2: Any) -> Any:
        return w_1 * X + w_2

    a = 5e-4
    n_iters = 100000
    w_1: Any = 0
    w_2: Any = 0
    checkpoints = []
    for i in range(1, n_iters + 1):
        predictions = model(X_train, w_1, w_2)
        error = predictions - y_train
        w_1 = w_1 - a * np.mean(error * X_train)
        w_2 = w_2 - a * np.mean(error)
        if i in (1, 2, 3, 10, 100, 1000) or i % 10000 == 0:
            checkpoints.append({"iteration": i, "w_1": float(w_1), "w_2": float(w_2)})
    r2 = r2_score(y_test, model(X_test, w_1, w_2))
    return {
        "program": "np.random.seed(43); X = np.linspace(0, 100, 400); "
        "y = 3.5 * X + 10 + np.random.normal(0, 25, size=X.shape); "
        "indices = np.random.permutation(400); train = indices[:320], test = indices[320:]; "
        "w_1 = w_2 = 0; 100000 times: error = (w_1 * X_train + w_2) - y_train; "
        "w_1 = w_1 - 5e-4*np.mean(error * X_train); w_2 = w_2 - 5e-4*np.mean(error); "
        "R² on test by 1 - np.sum((y - p)**2)/np.sum((y - np.mean(y))**2)",
        "x": floats(X),
        "y": floats(y),
        "permutation": [int(i) for i in indices],
        "train_size": train_size,
        "checkpoints": checkpoints,
        "final": {"w_1": float(w_1), "w_2": float(w_2), "test_r2": r2},
        "printed": [f"R² on Test Data = {r2:.2f}", f"Final Model: w_1={w_1:.2f}, w_2={w_2:.2f}"],
        "least_squares_on_train": least_squares(X_train, y_train),
    }


def record_tutorials() -> Dict[str, Any]:
    return {
        "about": about(
            "The three tutorials' programs run in NumPy as written (plotting and pandas "
            "removed; the uniform tutorial's code is rebuilt from its stated facts)."
        ),
        "arange": arange_tutorial(),
        "uniform": uniform_tutorial(),
        "train_test": train_test_tutorial(),
    }


# -- writing ------------------------------------------------------------------------------


def dumps(value: Any, indent: int = 0) -> str:
    """JSON with one key per line, but each list of numbers or strings on a single line."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad} {json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return (
            "[\n" + ",\n".join(pad + " " + dumps(v, indent + 1) for v in value) + "\n" + pad + "]"
        )
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write(directory: str, name: str, data: Dict[str, Any]) -> None:
    path = os.path.join(directory, name)
    text = dumps(data) + "\n"
    assert json.loads(text) == data, f"{name} does not read back as written"
    with open(path, "w", encoding="utf-8") as file:
        file.write(text)
    print(f"wrote {path} ({len(text.encode('utf-8')) // 1024} KiB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        default=os.path.join("tests", "data", "numpy"),
        help="directory for the JSON files (default: tests/data/numpy)",
    )
    directory = parser.parse_args().out
    os.makedirs(directory, exist_ok=True)
    if int(np.__version__.split(".")[0]) < 2:
        write(directory, "tutorials_numpy1.json", record_tutorials())
        return
    write(directory, "streams.json", record_streams())
    write(directory, "pairwise_sum.json", record_pairwise())
    write(directory, "arrays.json", record_arrays())
    write(directory, "tutorials.json", record_tutorials())


if __name__ == "__main__":
    main()
