"""The oracle judges NumPy implementations: correct ones pass in float64 and float32, each
mistake is named.  Collected only with LINREG_NUMPY_LIVE=1 (``tox -e numpy-live``)."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Tuple

import pytest

from linreg import oracle

np: Any = pytest.importorskip("numpy")

DIVISOR: Dict[str, Callable[[int], int]] = {
    "half_mse": lambda n: 2 * n,
    "mse": lambda n: n,
    "sse": lambda n: 1,
}


def numpy_candidate(
    kind: str, dtype: Any, convention: str = "half_mse", mistake: str = ""
) -> Callable[..., Any]:
    """A candidate in NumPy's idiom, computing in dtype, with at most one mistake."""

    def grad(x: Any, y: Any, w: Any, b: Any) -> Tuple[Any, Any]:
        r = w * x + (0 if mistake == "intercept left out" else b) - y
        if mistake == "sign flipped":
            r = -r
        d = dtype(DIVISOR[convention](len(x) - (mistake == "N − 1")))
        dw = 2 * np.sum(r * (1 if mistake == "no factor x" else x)) / d
        db = 2 * np.sum(r) / d
        return (db, dw) if mistake == "outputs swapped" else (dw, db)

    def arrays(xs: List[float], ys: List[float], *rest: float) -> Tuple[Any, ...]:
        return (np.asarray(xs, dtype=dtype), np.asarray(ys, dtype=dtype)) + tuple(
            dtype(v) for v in rest
        )

    def loss(xs: List[float], ys: List[float], w: float, b: float) -> float:
        x, y, w_, b_ = arrays(xs, ys, w, b)
        r = w_ * x + (0 if mistake == "intercept left out" else b_) - y
        return float(np.sum(r * r) / dtype(DIVISOR[convention](len(x) - (mistake == "N − 1"))))

    def gradient(xs: List[float], ys: List[float], w: float, b: float) -> Tuple[float, float]:
        dw, db = grad(*arrays(xs, ys, w, b))
        return float(dw), float(db)

    def step_from(x: Any, y: Any, w: Any, b: Any, a: Any) -> Tuple[Any, Any]:
        dw, db = grad(x, y, w, b)
        new_w = w - a * dw
        if mistake == "sequential update":
            _, db = grad(x, y, new_w, b)
        return new_w, b - a * db

    def step(xs: List[float], ys: List[float], w: float, b: float, a: float) -> Tuple[float, float]:
        new_w, new_b = step_from(*arrays(xs, ys, w, b, a))
        return float(new_w), float(new_b)

    def fit(
        xs: List[float], ys: List[float], w: float, b: float, a: float, k: int
    ) -> Tuple[float, float]:
        x, y, w_, b_, a_ = arrays(xs, ys, w, b, a)
        for _ in range(k + (mistake == "one step too many")):
            w_, b_ = step_from(x, y, w_, b_, a_)
        return float(w_), float(b_)

    kinds: Dict[str, Callable[..., Any]] = {
        "loss": loss, "gradient": gradient, "step": step, "fit": fit,
    }  # fmt: skip
    return kinds[kind]


@pytest.mark.parametrize("kind", ["loss", "gradient", "step", "fit"])
@pytest.mark.parametrize("precision", ["float64", "float32"])
def test_a_correct_numpy_candidate_passes(kind: str, precision: str) -> None:
    dtype = np.float64 if precision == "float64" else np.float32
    report = oracle.check(kind, numpy_candidate(kind, dtype), precision=precision, examples=80)
    assert report.passed, str(report)


@pytest.mark.parametrize(
    "kind, mistake",
    [
        ("loss", "N − 1"),
        ("loss", "intercept left out"),
        ("gradient", "sign flipped"),
        ("gradient", "no factor x"),
        ("gradient", "outputs swapped"),
        ("step", "sequential update"),
        ("fit", "one step too many"),
    ],
)
def test_a_numpy_candidate_with_a_mistake_fails_and_is_named(kind: str, mistake: str) -> None:
    report = oracle.check(kind, numpy_candidate(kind, np.float64, mistake=mistake), examples=60)
    assert not report.passed and report.diagnosis is not None, str(report)
    assert report.diagnosis.name == mistake, str(report)


def test_a_float32_numpy_candidate_declared_float64_is_named_for_its_precision() -> None:
    report = oracle.check("gradient", numpy_candidate("gradient", np.float32), examples=60)
    assert report.diagnosis is not None and report.diagnosis.name == "precision", str(report)


def test_numpy_scalars_are_accepted_where_numbers_are() -> None:
    import linreg

    xs = [np.float32(1.5), np.float64(2.0), np.int64(4)]
    assert linreg.least_squares(xs, [1.0, 2.0, 3.0]) == linreg.least_squares(
        [1.5, 2.0, 4.0], [1.0, 2.0, 3.0]
    )
