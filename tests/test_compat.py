"""The names removed from the public API in 0.2.0 still answer, with a DeprecationWarning."""

from fractions import Fraction
from typing import Any, Callable

import pytest

import linreg

XS, YS = [Fraction(-3), Fraction(-1), Fraction(1), Fraction(3)], [Fraction(1)] * 4


@pytest.mark.parametrize(
    "name, call, expected",
    [
        ("half_mse", lambda f: f(XS, YS, Fraction(0), Fraction(0)), Fraction(1, 2)),
        ("mse", lambda f: f(XS, YS, Fraction(0), Fraction(0)), Fraction(1)),
        ("sse", lambda f: f(XS, YS, Fraction(0), Fraction(0)), Fraction(4)),
        ("hessian", lambda f: tuple(f(XS)), (Fraction(5), Fraction(0), Fraction(1))),
        ("stable_learning_rate", lambda f: f(XS), 2 / 5),
        ("is_stable_learning_rate", lambda f: f(XS, Fraction(2, 5)), False),
        ("contraction_factor", lambda f: f(XS, Fraction(1, 5)), 0.8),
        ("iterations_to_reach", lambda f: f(0.5, 1.0, 0.25), 2),
    ],
)
def test_a_removed_name_warns_and_still_gives_its_old_answer(
    name: str, call: Callable[[Any], object], expected: object
) -> None:
    """Expected values by hand: symmetric x make H = diag(mean(x²), 1) = diag(5, 1)."""
    with pytest.warns(DeprecationWarning, match=name):
        function = getattr(linreg, name)
    got = call(function)
    assert got == pytest.approx(expected) if isinstance(expected, float) else got == expected, (
        got,
        expected,
    )


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: linreg.iterations_to_reach(0.5, 1.0, 0.0), "target > 0"),
        (lambda: linreg.iterations_to_reach(1.5, 1.0, 0.1), "does not converge"),
        (lambda: linreg.contraction_factor([0.0, 1.0], 0), "greater than 0"),
    ],
)
def test_removed_names_still_check_their_arguments(
    call: Callable[[], object], message: str
) -> None:
    with pytest.warns(DeprecationWarning), pytest.raises(linreg.ParameterError, match=message):
        call()


def test_result_types_live_in_linreg_types() -> None:
    from linreg import types

    for name in types.__all__:
        assert getattr(linreg, name) is getattr(types, name), name
    assert linreg.types.Fit._fields[:4] == ("w", "b", "iterations", "converged")


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        linreg.no_such_name  # noqa: B018
