"""linreg as a test oracle: checks that say why another implementation is wrong.

Point a check at your own loss, gradient, step or training loop (NumPy, PyTorch, C through
the live mode, …).  It runs your function on inputs it chooses, compares every answer with
the exact answer on the very floats it passed (integer ratios, so even python3-minimal
can), allows exactly the rounding error your precision permits, and on failure reports the
smallest failing input, expected against actual, and a diagnosis in words.

>>> from linreg import oracle
>>> def my_loss(xs, ys, w, b):                 # half the mean squared error
...     return sum((w * x + b - y) ** 2 for x, y in zip(xs, ys)) / (2 * len(xs))
>>> oracle.check_loss(my_loss, examples=20).passed
True
>>> def summed_loss(xs, ys, w, b):             # the sum of squares, declared as half_mse
...     return sum((w * x + b - y) ** 2 for x, y in zip(xs, ys))
>>> report = oracle.check_loss(summed_loss, examples=20)
>>> report.passed, report.diagnosis.name
(False, 'convention sse')

Candidates: ``loss(xs, ys, w, b) -> L``; ``gradient(xs, ys, w, b) -> (∂L/∂W, ∂L/∂b)``;
``step(xs, ys, w, b, learning_rate) -> (w, b)``; ``fit(xs, ys, w, b, learning_rate,
iterations) -> (w, b)``, plain descent for that many simultaneous updates.  xs and ys are
lists of floats.  Keywords: ``convention`` ('half_mse', 'mse' or 'sse'), ``precision``
('float64' or 'float32'), ``examples``, ``seed``.  ``assert_*`` raise AssertionError with
the report, for pytest.  docs/oracle.md has the derivation of the tolerances.

For d-feature code, ``check_feature_loss``, ``check_feature_gradient`` and
``check_feature_step`` take ``candidate(rows, ys, w, b)``, rows a list of lists and w a list
(:mod:`linreg.oracle.features`).
"""

from __future__ import annotations

from typing import Any, Callable, List, Optional

from .. import _checks
from ..core.model import CONVENTIONS
from ..errors import ParameterError
from .check import KINDS, CandidateError, Failure, Report, check
from .features import (
    FeatureCase,
    FeatureReport,
    check_feature_gradient,
    check_feature_loss,
    check_feature_step,
    check_features,
)
from .reference import Case

__all__ = [
    "Case",
    "CandidateError",
    "Failure",
    "Report",
    "assert_fit",
    "assert_gradient",
    "assert_loss",
    "assert_step",
    "check_feature_gradient",
    "check_feature_loss",
    "check_feature_step",
    "check_features",
    "FeatureCase",
    "FeatureReport",
    "check_fit",
    "check_gradient",
    "check_loss",
    "check",
    "check_step",
    "conventions",
]

Candidate = Callable[..., Any]
#: The options of every check, besides the candidate (explicit keyword-only parameters, so
#: a misspelt one is Python's own TypeError naming it).
OPTIONS = ("convention", "precision", "examples", "seed", "use_hypothesis")


def check_loss(
    candidate: Candidate,
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
    use_hypothesis: Optional[bool] = None,
) -> Report:
    """Check ``candidate(xs, ys, w, b) -> L``; options and errors as :func:`check`."""
    return check("loss", candidate, convention=convention, precision=precision,
                 examples=examples, seed=seed, use_hypothesis=use_hypothesis)  # fmt: skip


def check_gradient(
    candidate: Candidate,
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
    use_hypothesis: Optional[bool] = None,
) -> Report:
    """Check ``candidate(xs, ys, w, b) -> (∂L/∂W, ∂L/∂b)``; options and errors as
    :func:`check`."""
    return check("gradient", candidate, convention=convention, precision=precision,
                 examples=examples, seed=seed, use_hypothesis=use_hypothesis)  # fmt: skip


def check_step(
    candidate: Candidate,
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
    use_hypothesis: Optional[bool] = None,
) -> Report:
    """Check ``candidate(xs, ys, w, b, learning_rate) -> (w, b)``: one simultaneous update;
    options and errors as :func:`check`."""
    return check("step", candidate, convention=convention, precision=precision,
                 examples=examples, seed=seed, use_hypothesis=use_hypothesis)  # fmt: skip


def check_fit(
    candidate: Candidate,
    *,
    convention: str = "half_mse",
    precision: str = "float64",
    examples: int = 200,
    seed: int = 0,
    use_hypothesis: Optional[bool] = None,
) -> Report:
    """Check ``candidate(xs, ys, w, b, learning_rate, iterations) -> (w, b)``; options and
    errors as :func:`check`."""
    return check("fit", candidate, convention=convention, precision=precision,
                 examples=examples, seed=seed, use_hypothesis=use_hypothesis)  # fmt: skip


def conventions(kind: str, candidate: Candidate, **options: Any) -> List[str]:
    """The loss conventions under which the candidate passes: the one it follows, if any.

    An implementation whose arithmetic is right follows exactly one; none means its
    arithmetic is wrong in every convention.  Options (precision, examples, seed,
    use_hypothesis) and errors as :func:`check`; ParameterError for convention, which
    this function tries in turn, or for an unknown option.
    """
    if "convention" in options:
        raise ParameterError(
            "conventions() tries every convention in turn: do not pass convention=%s"
            " (check_%s(candidate, convention=...) checks one)"
            % (_checks.shown(options["convention"]), kind if kind in KINDS else "loss")
        )
    unknown = sorted(name for name in options if name not in OPTIONS)
    if unknown:
        raise ParameterError(
            "conventions() has no option %s: its options are %s"
            % (", ".join(unknown), ", ".join(OPTIONS[1:]))
        )
    return [c for c in CONVENTIONS if check(kind, candidate, convention=c, **options).passed]


def _asserting(kind: str) -> Callable[..., None]:
    def assert_kind(
        candidate: Candidate,
        *,
        convention: str = "half_mse",
        precision: str = "float64",
        examples: int = 200,
        seed: int = 0,
        use_hypothesis: Optional[bool] = None,
    ) -> None:
        report = check(kind, candidate, convention=convention, precision=precision,
                       examples=examples, seed=seed, use_hypothesis=use_hypothesis)  # fmt: skip
        if not report.passed:
            raise AssertionError(str(report))

    assert_kind.__name__ = "assert_" + kind
    assert_kind.__qualname__ = "assert_" + kind
    assert_kind.__doc__ = (
        "Raise AssertionError, with the report as its message, unless check_%s passes;"
        " options and other errors as check." % kind
    )
    return assert_kind


assert_loss = _asserting("loss")
assert_gradient = _asserting("gradient")
assert_step = _asserting("step")
assert_fit = _asserting("fit")
