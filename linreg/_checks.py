"""The checks at linreg's door: every argument once, with a message that names it.

Each public function (:mod:`linreg.api`) passes its arguments through here before any
formula sees them, and gets them back in one number type:

* Numbers are int, float or ``fractions.Fraction``, finite.  Subclasses (``bool`` aside)
  and NumPy's scalars are converted exactly (numpy.float32 and numpy.int64 included);
  a value that cannot be converted exactly, such as numpy.longdouble, is refused.
* One number type per computation, as Python's arithmetic would have it: a float anywhere
  makes every value a float (Fractions are rounded once to the nearest float); otherwise a
  Fraction anywhere makes every value an exact Fraction; all ints compute as floats.
* Data are ordered collections (list, tuple, range, array, a generator): not a str, bytes,
  set or dict, whose items have no order or are not numbers.

Data faults raise DataError, other arguments ParameterError, and a value beyond the float
range FloatRangeError, each naming the argument (x[3], y[0], W, the learning rate, …).
"""

from __future__ import annotations

import math
import operator
import sys
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Iterable,
    List,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    cast,
)

from .careful.exact import Ratio
from .core.model import CONVENTIONS
from .errors import DataError, FloatRangeError, LinregError, ParameterError

if TYPE_CHECKING:
    from fractions import Fraction

T = TypeVar("T")
#: The most points linreg generates in one call (arange, linspace, uniform): a list of 10⁷
#: floats already takes 80 MB and seconds to fill.
MAX_POINTS = 10**7
#: The type of a computation: the Fraction class for an exact one, None for floats.
Exact = Optional[Type["Fraction"]]


def shown(value: object, limit: int = 60) -> str:
    """repr(value) for a message: shortened when long, and never failing on huge numbers.

    Python refuses to print an int of more than 4300 digits; a message must not fail.
    """
    try:
        # A number as Python prints it (2/5 for a Fraction), anything else as its repr.
        text = str(value) if type(value) in (int, float) or _is_fraction(value) else repr(value)
    except ValueError:
        return "a %s of about 10^%d" % (type(value).__name__, _magnitude(value))
    except Exception:  # a repr of the caller's own that fails must not hide the real fault
        return "a %s" % _kind(value)
    return text if len(text) <= limit else text[: limit - 5] + "…" + text[-4:]


def _is_fraction(value: object) -> bool:
    fraction = fraction_type()
    return fraction is not None and isinstance(value, fraction)


def _magnitude(value: object) -> int:
    try:
        num, den = getattr(value, "numerator", 0), getattr(value, "denominator", 1)
        return Ratio(num, den).log10()
    except Exception:  # not a number after all: the message still gets written
        return 0


def _kind(value: object) -> str:
    cls = type(value)
    return (
        cls.__qualname__
        if cls.__module__ == "builtins"
        else cls.__module__ + "." + cls.__qualname__
    )


def fraction_type() -> Exact:
    """The Fraction class, if anything has imported fractions (python3-minimal lacks it)."""
    module = sys.modules.get("fractions")
    return None if module is None else cast(Type["Fraction"], module.Fraction)


def number(value: object, name: str, error: Type[LinregError] = ParameterError) -> Any:
    """A finite real number as an int, float or Fraction; ``error`` naming it otherwise."""
    cls = type(value)
    if cls is float:
        if math.isfinite(cast(float, value)):
            return value
        raise error("%s must be finite, not %r" % (name, value))
    if cls is int:
        return value
    fraction = fraction_type()
    if fraction is not None and isinstance(value, fraction):
        return value if cls is fraction else _fraction_of(value, fraction, name, error)
    if isinstance(value, bool) or cls.__name__ == "bool_":
        raise error("%s must be a real number, not the truth value %r" % (name, value))
    # A subclass's value is read from the stored number, not through its own __float__ or
    # __int__, which could say anything (numpy.float64 is such a subclass).
    if isinstance(value, float):
        return number(float.__float__(value), name, error)
    if isinstance(value, int):
        return int.__add__(value, 0)  # int's own addition: PyPy lets int.__index__ be overridden
    if cls.__module__.split(".")[0] == "numpy":
        return _numpy_scalar(value, name, error)
    if isinstance(value, (str, bytes)) or value is None or cls.__module__ == "builtins":
        raise error("%s must be a real number, not %s" % (name, shown(value)))
    raise error(
        "%s must be a real number (int, float or Fraction), not a %s: convert it with"
        " float() or Fraction()" % (name, _kind(value))
    )


def _fraction_of(value: Any, fraction: Type[Fraction], name: str, error: Type[LinregError]) -> Any:
    try:
        return fraction(value.numerator, value.denominator)
    except (ArithmeticError, TypeError, ValueError):
        raise error(
            "%s is a %s whose numerator and denominator do not make a fraction"
            % (name, _kind(value))
        ) from None


def _numpy_scalar(value: Any, name: str, error: Type[LinregError]) -> Any:
    # NumPy's integers have __index__.  Its floats have as_integer_ratio, and convert to a
    # float exactly, except a longdouble whose value needs more bits than a double has.
    # An array is not a number, though it has both: a 0-d one holds one, a scalar.
    shape = getattr(value, "shape", ())
    if shape:
        raise error("%s must be a number, not a NumPy array of shape %s" % (name, tuple(shape)))
    if type(value).__name__ == "ndarray":  # 0-d: it holds one scalar
        return number(value[()], name, error)
    if hasattr(value, "__index__"):
        return operator.index(value)
    ratio = getattr(value, "as_integer_ratio", None)
    if ratio is not None:
        as_float = float(value)
        if not math.isfinite(as_float):
            raise error(
                "%s must be finite and within the float range, not %s" % (name, shown(value))
            )
        if as_float.as_integer_ratio() == ratio():
            return as_float
    raise error(
        "%s must be a real number that a float holds exactly, not a %s: convert it with"
        " float() or Fraction()" % (name, _kind(value))
    )


def items(values: object, name: str, error: Type[LinregError] = DataError) -> List[Any]:
    """The items of an ordered collection, as a list; DataError for anything else."""
    if isinstance(values, (str, bytes, bytearray, memoryview)):
        raise error("%s must be a sequence of numbers, not a %s" % (name, _kind(values)))
    if isinstance(values, (set, frozenset)):
        raise error(
            "%s must be a sequence of numbers, not a %s: a set has no order, so its values"
            " could not be paired" % (name, _kind(values))
        )
    if hasattr(values, "keys"):
        raise error(
            "%s must be a sequence of numbers, not a %s (a mapping)" % (name, _kind(values))
        )
    try:
        iterator = iter(cast(Iterable[Any], values))
    except TypeError:
        raise error(
            "%s must be a sequence of numbers (a list or tuple), not %s" % (name, shown(values))
        ) from None
    try:
        return list(iterator)
    except LinregError:
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception as fault:  # the caller's own iterator or generator failed
        raise error(
            "%s could not be read: going through it raised %s: %s"
            % (name, type(fault).__name__, shown(str(fault)))
        ) from None


class Floats(List[float]):
    """A list already checked to hold finite floats only, so no later step checks again."""


def numbers(values: object, name: str, item: str) -> List[Any]:
    """Every item a finite real number, named item[i] when it is not."""
    listed = items(values, name)
    if _all_finite_floats(listed):
        return Floats(listed)
    return [number(v, "%s[%d]" % (item, i), DataError) for i, v in enumerate(listed)]


def _all_finite_floats(values: List[Any]) -> bool:
    # The common case at C speed: every item exactly a float, and their sum finite (a NaN
    # or an infinity makes it NaN or infinite).  Anything else, a sum of finite floats
    # that overflows included, goes through the item-by-item checks.
    return bool(values) and set(map(type, values)) == {float} and math.isfinite(sum(values))


def exact_type(*groups: Iterable[object]) -> Exact:
    """The Fraction class if some value is a Fraction and none is a float; else None."""
    fraction = fraction_type()
    if fraction is None:
        return None
    found = False
    for group in groups:
        for value in group:
            if type(value) is float:
                return None
            found = found or isinstance(value, fraction)
    return fraction if found else None


def converted(values: List[Any], exact: Exact, name: str) -> List[Any]:
    """Every value in the computation's type: float, or the exact Fraction class."""
    if exact is not None:
        return [v if type(v) is exact else exact(v) for v in values]
    if isinstance(values, Floats):
        return values
    return [as_float(v, "%s[%d]" % (name, i)) for i, v in enumerate(values)]


def as_float(value: Any, name: str) -> float:
    """The nearest float to an int or Fraction; FloatRangeError if it is beyond the range."""
    try:
        return float(value)
    except OverflowError:
        raise FloatRangeError(
            "%s is about 10^%d, too large for a float: compute with Fraction values throughout"
            " (a float anywhere makes the computation float)" % (name, _magnitude(value)),
            quantity=name,
        ) from None


def prepared(
    xs: object,
    ys: object,
    scalars: Sequence[Tuple[str, object]] = (),
    *,
    min_points: int = 1,
) -> Tuple[List[Any], List[Any], List[Any], Exact]:
    """xs, ys and the numbers that join them in the formulas, checked, in one type (and it)."""
    x_values, y_values = numbers(xs, "xs", "x"), numbers(ys, "ys", "y")
    if len(x_values) != len(y_values):
        raise DataError(
            "xs has %d values and ys has %d: x and y must have the same number of data points"
            % (len(x_values), len(y_values))
        )
    enough(len(x_values), min_points)
    others = [number(value, name) for name, value in scalars]
    exact = exact_type(x_values, y_values, others)
    return (
        converted(x_values, exact, "x"),
        converted(y_values, exact, "y"),
        _converted_scalars(others, scalars, exact),
        exact,
    )


def prepared_x(
    xs: object, scalars: Sequence[Tuple[str, object]] = (), *, min_points: int = 1
) -> Tuple[List[Any], List[Any], Exact]:
    """As :func:`prepared`, for a function of x alone."""
    x_values = numbers(xs, "xs", "x")
    enough(len(x_values), min_points, "xs holds")
    others = [number(value, name) for name, value in scalars]
    exact = exact_type(x_values, others)
    return converted(x_values, exact, "x"), _converted_scalars(others, scalars, exact), exact


def _converted_scalars(
    values: List[Any], named: Sequence[Tuple[str, object]], exact: Exact
) -> List[Any]:
    if exact is not None:
        return [exact(v) for v in values]
    floats = [as_float(v, name) for v, (name, _) in zip(values, named)]
    for v, as_a_float, (name, _) in zip(values, floats, named):
        if as_a_float == 0 and v != 0:
            # A learning rate of 10⁻⁵⁰⁰ would become 0: no step at all, silently.
            raise FloatRangeError(
                "%s is about 10^%d, too small for a float: it would round to 0; compute"
                " with Fraction values throughout (a float anywhere makes the computation"
                " float)" % (name, _magnitude(v)),
                quantity=name,
            )
    return floats


def enough(n: int, min_points: int, holder: str = "xs and ys hold") -> None:
    if n < min_points:
        raise DataError(
            "%s %d data point%s: at least %d needed"
            % (holder, n, "" if n == 1 else "s", min_points)
        )


def positive(value: object, name: str) -> None:
    """A number greater than 0 (checked as a number first)."""
    if not number(value, name) > 0:
        raise ParameterError("%s must be greater than 0, not %s" % (name, shown(value)))


def non_negative(value: object, name: str) -> Any:
    checked = number(value, name)
    if checked < 0:
        raise ParameterError("%s must be ≥ 0, not %s" % (name, shown(value)))
    return checked


def count(
    value: object,
    name: str,
    *,
    minimum: int = 0,
    maximum: Optional[int] = None,
    error: Type[LinregError] = ParameterError,
) -> int:
    """A whole number in [minimum, maximum]: an int, or a NumPy integer; never a bool."""
    whole = _whole(value)
    if whole is None or whole < minimum:
        what = "a non-negative integer" if minimum == 0 else "an integer ≥ %d" % minimum
        raise error("%s must be %s, not %s" % (name, what, shown(value)))
    if maximum is not None and whole > maximum:
        raise error("%s must be at most %d, not %s" % (name, maximum, shown(value)))
    return whole


def _whole(value: object) -> Optional[int]:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return None
    if isinstance(value, int):
        return int.__add__(value, 0)  # the stored value, whatever a subclass's __int__ says
    if type(value).__module__.split(".")[0] == "numpy" and not getattr(value, "shape", ()):
        if type(value).__name__ == "ndarray":
            value = cast(Any, value)[()]  # a 0-d array holds one scalar
        if hasattr(value, "__index__"):
            try:
                return operator.index(value)
            except TypeError:
                return None
    return None


def seed(
    value: object, *, maximum: Optional[int] = None, error: Type[LinregError] = ParameterError
) -> int:
    """A seed: a whole number ≥ 0 (random.Random would quietly use |seed| for a negative one)."""
    whole = _whole(value)
    if whole is None or whole < 0 or (maximum is not None and whole > maximum):
        limits = "≥ 0" if maximum is None else "in [0, %d]" % maximum
        raise error("seed must be a whole number %s, not %s" % (limits, shown(value)))
    return whole


def convention(value: object) -> str:
    """One of the loss conventions 'half_mse', 'mse', 'sse'."""
    if isinstance(value, str) and value in CONVENTIONS:
        return value
    raise ParameterError(
        "unknown loss convention %s: choose one of %s" % (shown(value), ", ".join(CONVENTIONS))
    )


def flag(value: object, name: str) -> bool:
    """True or False, and nothing that merely looks like one."""
    if value is True or value is False:
        return value
    raise ParameterError("%s must be True or False, not %s" % (name, shown(value)))


def callable_or_none(value: Optional[T], name: str) -> Optional[T]:
    if value is not None and not callable(value):
        raise ParameterError("%s must be a function or None, not %s" % (name, shown(value)))
    return value


def computed(what: str, compute: Callable[[], T]) -> T:
    """compute(), with float overflow inside it reported as FloatRangeError naming ``what``.

    The formulas let a float overflow to inf (or fsum raise); every number in the result is
    then checked, so nothing infinite or NaN is ever returned.
    """
    try:
        result = compute()
    except LinregError:
        raise
    except (OverflowError, ValueError, ZeroDivisionError):
        raise FloatRangeError(_OVERFLOW % what, quantity=what) from None
    if not all_finite(result):
        raise FloatRangeError(_OVERFLOW % what, quantity=what)
    return result


_OVERFLOW = "%s overflowed the float range; rescale the data or use Fraction values"


def all_finite(value: object) -> bool:
    """No float anywhere in value (a number, or tuples and lists of them) is inf or NaN."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, (tuple, list)):
        return all(all_finite(v) for v in value)
    return True
