"""Implementations for the oracle to judge: correct ones, and ones with one known mistake.

Written independently of linreg, the way people write them: a loop or a pairwise sum, in
float64 or in float32 (every operation rounded to float32 with struct, which is exactly
IEEE float32 arithmetic: a float64 result rounded to float32 is the float32 result, for
+ − × /).  ``make(kind, mistake=…)`` builds the candidate.
"""

from __future__ import annotations

import struct
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

MISTAKES = [
    "sign flipped",
    "convention mse",
    "convention sse",
    "convention half_mse",
    "N − 1",
    "no factor x",
    "outputs swapped",
    "intercept left out",
    "b never moves",
    "sequential update",
    "α on b only",
    "α on W only",
    "one step too many",
    "one step too few",
    "precision",
]
DESCENT_ONLY = {"b never moves", "sequential update", "α on b only", "α on W only"}
FIT_ONLY = {"one step too many", "one step too few"}
NOT_IN_LOSS = {"sign flipped", "no factor x", "outputs swapped"}


def applies(mistake: str, kind: str, convention: str) -> bool:
    """Whether a candidate of this kind can make this mistake, declared in this convention."""
    if mistake in FIT_ONLY:
        return kind == "fit"
    if mistake in DESCENT_ONLY:
        return kind in ("step", "fit")
    if mistake in NOT_IN_LOSS:
        return kind != "loss"
    if mistake.startswith("convention"):
        return mistake.split()[1] != convention
    if mistake == "N − 1":
        return convention != "sse"
    return True


def f32(value: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", value))[0])


def f64(value: float) -> float:
    return float(value)


def make(
    kind: str,
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    order: str = "sequential",
    mistake: Optional[str] = None,
) -> Callable[..., Any]:
    """A candidate for ``kind``, correct or with one mistake."""
    if mistake == "precision":  # float32 arithmetic, to be declared float64
        precision = "float32"
    if mistake and mistake.startswith("convention"):
        convention = mistake.split()[1]
    rnd = f32 if precision == "float32" else f64

    def add_up(values: Sequence[float]) -> float:
        if order == "pairwise":
            return _pairwise(list(values), rnd)
        total = 0.0
        for v in values:
            total = rnd(total + v)
        return total

    def divisor(n: int) -> float:
        m = n - 1 if mistake == "N − 1" and n > 1 else n
        return {"half_mse": 2.0 * m, "mse": float(m), "sse": 1.0}[convention]

    def residuals(xs: Sequence[float], ys: Sequence[float], w: float, b: float) -> List[float]:
        height = 0.0 if mistake == "intercept left out" else b
        out = [rnd(rnd(rnd(w * x) + height) - y) for x, y in zip(xs, ys)]
        return [-r for r in out] if mistake == "sign flipped" else out

    def inputs(xs: Sequence[float], ys: Sequence[float], *rest: float) -> Tuple[Any, ...]:
        return ([rnd(x) for x in xs], [rnd(y) for y in ys]) + tuple(rnd(v) for v in rest)

    def loss(xs: Sequence[float], ys: Sequence[float], w: float, b: float) -> float:
        xs, ys, w, b = inputs(xs, ys, w, b)
        r = residuals(xs, ys, w, b)
        return rnd(add_up([rnd(v * v) for v in r]) / divisor(len(xs)))

    def grad(xs: Sequence[float], ys: Sequence[float], w: float, b: float) -> Tuple[float, float]:
        r = residuals(xs, ys, w, b)
        terms = [rnd(v * x) for v, x in zip(r, xs)] if mistake != "no factor x" else r
        d = divisor(len(xs))
        dw, db = rnd(rnd(2.0 * add_up(terms)) / d), rnd(rnd(2.0 * add_up(r)) / d)
        return (db, dw) if mistake == "outputs swapped" else (dw, db)

    def gradient(
        xs: Sequence[float], ys: Sequence[float], w: float, b: float
    ) -> Tuple[float, float]:
        xs, ys, w, b = inputs(xs, ys, w, b)
        return grad(xs, ys, w, b)

    def one_step(
        xs: Sequence[float], ys: Sequence[float], w: float, b: float, a: float
    ) -> Tuple[float, float]:
        dw, db = grad(xs, ys, w, b)
        new_w = rnd(w - (dw if mistake == "α on b only" else rnd(a * dw)))
        if mistake == "sequential update":
            _, db = grad(xs, ys, new_w, b)
        new_b = (
            b
            if mistake == "b never moves"
            else rnd(b - (db if mistake == "α on W only" else rnd(a * db)))
        )
        return new_w, new_b

    def step(
        xs: Sequence[float], ys: Sequence[float], w: float, b: float, a: float
    ) -> Tuple[float, float]:
        xs, ys, w, b, a = inputs(xs, ys, w, b, a)
        return one_step(xs, ys, w, b, a)

    def fit(
        xs: Sequence[float], ys: Sequence[float], w: float, b: float, a: float, iterations: int
    ) -> Tuple[float, float]:
        xs, ys, w, b, a = inputs(xs, ys, w, b, a)
        extra = {"one step too many": 1, "one step too few": -1}.get(mistake or "", 0)
        for _ in range(max(0, iterations + extra)):
            w, b = one_step(xs, ys, w, b, a)
        return w, b

    kinds: Dict[str, Callable[..., Any]] = {
        "loss": loss, "gradient": gradient, "step": step, "fit": fit,
    }  # fmt: skip
    return kinds[kind]


def _pairwise(values: List[float], rnd: Callable[[float], float]) -> float:
    """A tree reduction: halves summed separately, as NumPy's or a GPU's."""
    if len(values) <= 2:
        return rnd(sum(values)) if values else 0.0
    half = len(values) // 2
    return rnd(_pairwise(values[:half], rnd) + _pairwise(values[half:], rnd))


# -- the tutorials' own ways, transliterated from ../shared/seeds into plain Python ----------


def arange_loss(xs: List[float], ys: List[float], w: float, b: float) -> float:
    """L = 0.5*np.mean((y_pred - y_data)**2)."""
    return 0.5 * (sum((w * x + b - y) ** 2 for x, y in zip(xs, ys)) / len(xs))


def arange_gradient(xs: List[float], ys: List[float], w: float, b: float) -> Tuple[float, float]:
    """dW = np.mean((y_pred - y_data)*X_data); db = np.mean(y_pred - y_data)."""
    r = [w * x + b - y for x, y in zip(xs, ys)]
    return sum(v * x for v, x in zip(r, xs)) / len(xs), sum(r) / len(xs)


def uniform_loss(xs: List[float], ys: List[float], w: float, b: float) -> float:
    """e = Σ(y − (w·x + b))², the post's sum of squares."""
    return sum((y - (w * x + b)) ** 2 for x, y in zip(xs, ys))


def uniform_gradient(xs: List[float], ys: List[float], w: float, b: float) -> Tuple[float, float]:
    """∂e/∂w = −2·Σx·(y − ŷ), ∂e/∂b = −2·Σ(y − ŷ) (tutorials.md)."""
    e = [y - (w * x + b) for x, y in zip(xs, ys)]
    return -2 * sum(x * v for x, v in zip(xs, e)), -2 * sum(e)


def train_test_loss(xs: List[float], ys: List[float], w: float, b: float) -> float:
    """MSE = (1/m)·Σ(yᵢ − h(xᵢ))², the loss the post reports."""
    return sum((y - (w * x + b)) ** 2 for x, y in zip(xs, ys)) / len(xs)


def train_test_gradient(
    xs: List[float], ys: List[float], w: float, b: float
) -> Tuple[float, float]:
    """np.mean(error * X), np.mean(error): the post drops MSE's factor 2."""
    error = [w * x + b - y for x, y in zip(xs, ys)]
    return sum(e * x for e, x in zip(error, xs)) / len(xs), sum(error) / len(xs)
