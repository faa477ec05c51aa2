"""The words of a check's report: what was checked, the failing input, and why it fails."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, List, Sequence

from ..careful.exact import Ratio
from ..errors import LinregError

if TYPE_CHECKING:
    from .check import Report

DIGITS = {"float64": 53, "float32": 24}


def ulp(value: float, precision: str) -> float:
    """The spacing of the precision's numbers at value (its smallest spacing at 0)."""
    digits = DIGITS[precision]
    smallest = 2.0**-1074 if precision == "float64" else 2.0**-149
    if value == 0 or not math.isfinite(value):
        return smallest
    return max(smallest, 2.0 ** (math.frexp(abs(value))[1] - digits))


def number(value: float) -> str:
    return "%.17g" % value


def describe(report: Report) -> str:
    """The report as a reader sees it."""
    head = "linreg oracle · %s candidate · %s convention · %s: %s" % (
        report.kind, report.convention, report.precision,
        "PASSED" if report.passed else "FAILED",
    )  # fmt: skip
    lines = [head, "  %d inputs checked (%s)" % (report.checked, report.search)]
    failure = report.failure
    if failure is None:
        return "\n".join(lines)
    case = failure.case
    lines.append(
        "  the input it was given when it stopped:"
        if failure.fault == "stopped"
        else "  the smallest input found that shows it:"
    )
    lines.append("    xs = [%s]" % ", ".join(number(v) for v in case.xs))
    lines.append("    ys = [%s]" % ", ".join(number(v) for v in case.ys))
    inputs = "    W = %s, b = %s" % (number(case.w), number(case.b))
    if report.kind in ("step", "fit"):
        inputs += ", learning_rate = %s" % number(case.learning_rate)
    if report.kind == "fit":
        inputs += ", iterations = %d" % case.iterations
    lines.append(inputs)
    if failure.problem != "outside the bound":
        lines.append("  the candidate %s" % failure.problem)
    else:
        if failure.step is not None:
            lines.append(
                "  iteration %d is the first that departs%s:"
                % (failure.step, "" if failure.step == 0 else
                   " (checked as one exact step from the candidate's own iteration %d)"
                   % (failure.step - 1))
            )  # fmt: skip
        names = ("L",) if report.kind == "loss" else (
            ("∂L/∂W", "∂L/∂b") if report.kind == "gradient" else ("W", "b")
        )  # fmt: skip
        lines += _comparison(
            names, failure.expected, failure.actual, failure.bounds, report.precision
        )
    if report.diagnosis is not None:
        lines.append("  diagnosis: " + report.diagnosis.text)
        if report.diagnosis.fix:
            lines.append("  fix: " + report.diagnosis.fix)
    return "\n".join(lines)


def _comparison(
    names: Sequence[str],
    expected: Sequence[Ratio],
    actual: Sequence[float],
    bounds: Sequence[float],
    precision: str,
) -> List[str]:
    lines = []
    for name, want, got, bound in zip(names, expected, actual, bounds):
        want_float = _float(want)
        error = abs(Ratio.of(got) - want)
        ulps = error / Ratio.of(ulp(want_float, precision))
        lines.append(
            "    %-6s expected %-24s got %-24s error %.3g = %s ulps (allowed %.3g)"
            % (name, number(want_float), number(got), _float(error),
               "%.3g" % _float(ulps) if ulps.log10() < 300 else "10^%d" % ulps.log10(), bound)
        )  # fmt: skip
    return lines


def _float(value: Ratio) -> float:
    # A report must be written whatever the numbers: beyond the float range is shown as inf.
    try:
        return float(value)
    except LinregError:
        return math.inf if value.num > 0 else -math.inf
