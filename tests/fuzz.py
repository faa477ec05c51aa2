"""What the fuzz harness draws, and how it judges a call (used by test_fuzz_*.py).

Every argument is drawn either from the values linreg must accept or from *garbage* it
must refuse, and the draw remembers which.  A call must then either return a result whose
every number is finite and of the computation's type, or raise a LinregError whose message
names an argument at fault (a garbage one, when there is one); it must finish within
:data:`HANG_SECONDS`.  Anything else, a foreign exception above all, fails the test.
"""

from __future__ import annotations

import array
import importlib
import math
import re
import signal
import struct
import sys
from fractions import Fraction
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Set

import pytest
from hypothesis import event
from hypothesis import strategies as st

import linreg

numpy: Any
try:  # NumPy scalars are drawn too where NumPy is installed; it is never required.
    numpy = importlib.import_module("numpy")
except ImportError:  # pragma: no cover - depends on the environment
    numpy = None

EPS = sys.float_info.epsilon
#: A call that takes longer has hung: every valid input the harness draws is small.
HANG_SECONDS = 30


class Arg(NamedTuple):
    """One drawn argument: its value, whether linreg must refuse it, and (for a valid
    sequence, which may be a one-shot iterator) the list of its values."""

    value: Any
    garbage: bool
    listed: Optional[List[Any]] = None


class Slot(NamedTuple):
    """How to draw one argument: valid, or garbage (None where nothing is garbage)."""

    valid: st.SearchStrategy[Any]
    garbage: Optional[st.SearchStrategy[Any]]


def slot(valid: st.SearchStrategy[Any], garbage: Optional[st.SearchStrategy[Any]]) -> Slot:
    return Slot(
        valid.map(lambda v: Arg(v, False)),
        None if garbage is None else garbage.map(lambda v: Arg(v, True)),
    )


@st.composite
def calls(draw: st.DrawFn, /, **slots: Slot) -> Dict[str, Any]:
    """One draw per argument: all valid, one at fault, or several, in equal shares."""
    faulty = [name for name, s in slots.items() if s.garbage is not None]
    mode = draw(st.sampled_from(["valid", "one", "several"])) if faulty else "valid"
    bad: Set[str] = set()
    if mode == "one":
        bad = {draw(st.sampled_from(faulty))}
    elif mode == "several":
        bad = set(draw(st.lists(st.sampled_from(faulty), min_size=1, unique=True)))
    out: Dict[str, Any] = {}
    for name, s in slots.items():
        strategy = s.garbage if name in bad and s.garbage is not None else s.valid
        out[name] = draw(strategy)
    return out


# -- numbers ----------------------------------------------------------------------------------


def next_up(x: float) -> float:
    """The next float above x (math.nextafter is Python 3.9+)."""
    if x != x or x == math.inf:
        return x
    if x == 0.0:
        return 5e-324
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    bits += 1 if x > 0 else -1
    return float(struct.unpack("<d", struct.pack("<q", bits))[0])


whole_range = st.floats(allow_nan=False, allow_infinity=False)  # subnormals, ±0, extremes
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
small_fractions = st.fractions(min_value=-100, max_value=100, max_denominator=64)
huge_fractions = st.builds(Fraction, st.integers(-(10**80), 10**80), st.integers(1, 10**80))
ints = st.integers(-(10**6), 10**6) | st.integers(-(2**1030), 2**1030)

valid_float = st.one_of(moderate, whole_range, st.sampled_from([0.0, -0.0, 5e-324, 1e308]))
valid_fraction = small_fractions | huge_fractions
if numpy is not None:
    numpy_scalars = st.one_of(
        moderate.map(numpy.float64),
        st.floats(-1e6, 1e6, width=32).map(numpy.float32),
        st.integers(-(2**62), 2**62).map(numpy.int64),
        st.integers(0, 255).map(numpy.uint8),
    )
else:  # pragma: no cover
    numpy_scalars = st.nothing()
valid_number = st.one_of(valid_float, valid_fraction, ints, numpy_scalars)


class Unprintable:
    """An object whose repr fails: a message must not."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


garbage_value = st.one_of(
    st.text(max_size=4),
    st.binary(max_size=4),
    st.booleans(),
    st.builds(complex, st.floats(-10, 10), st.floats(0.5, 10)),
    st.decimals(min_value=-10, max_value=10, places=2),
    st.sampled_from([math.nan, math.inf, -math.inf]),
    st.builds(object),
    st.just(print),
    st.lists(moderate, max_size=2),
    st.just(Unprintable()),
)
garbage_number = st.one_of(st.none(), garbage_value)
if numpy is not None:
    garbage_number = garbage_number | st.sampled_from(
        [numpy.float64("nan"), numpy.float32("inf"), numpy.bool_(True), numpy.complex128(1j)]
    )


def number(
    valid: st.SearchStrategy[Any] = valid_number,
    garbage: st.SearchStrategy[Any] = garbage_number,
) -> Slot:
    return slot(valid, garbage)


def valid_only(values: st.SearchStrategy[Any]) -> Slot:
    return slot(values, None)


# -- sequences --------------------------------------------------------------------------------


def ulp_spread(base: float, steps: List[int]) -> List[float]:
    """Values within a few ulps of base: x's spread at the edge of what floats resolve."""
    out = []
    for k in steps:
        x = base
        for _ in range(k):
            x = next_up(x)
        out.append(x)
    return out


def value_lists(size: st.SearchStrategy[int]) -> st.SearchStrategy[List[Any]]:
    """Lists of valid numbers: one kind per list, or mixed, or within ulps of one value."""

    def lists(kind: st.SearchStrategy[Any]) -> st.SearchStrategy[List[Any]]:
        return size.flatmap(lambda n: st.lists(kind, min_size=n, max_size=n))

    spread = st.builds(
        ulp_spread,
        st.one_of(moderate, whole_range).filter(lambda v: abs(v) < 1e300),
        st.lists(st.integers(0, 3), min_size=1, max_size=8),
    )
    return st.one_of(
        lists(moderate),
        lists(whole_range),
        lists(small_fractions),
        lists(valid_fraction),
        lists(ints),
        lists(valid_number),
        spread,
    )


def containers(values: List[Any]) -> st.SearchStrategy[Any]:
    """The same values in any ordered container linreg accepts."""
    options = [st.just(values), st.just(tuple(values)), st.just(iter(values))]
    options.append(st.just(v for v in values))
    if all(type(v) is float for v in values):
        options.append(st.just(array.array("d", values)))
    if numpy is not None and all(type(v) is float for v in values):
        options.append(st.just(numpy.array(values, dtype=numpy.float64)))
    return st.one_of(*options)


garbage_sequence = st.one_of(
    st.none(),
    moderate,
    st.text(max_size=4),
    st.binary(min_size=1, max_size=4),
    st.sets(moderate, min_size=2, max_size=4),
    st.frozensets(moderate, min_size=2, max_size=4),
    st.dictionaries(moderate, moderate, min_size=1, max_size=3),
    st.lists(st.lists(moderate, min_size=1, max_size=2), min_size=1, max_size=3),
    st.lists(garbage_number, min_size=1, max_size=3).flatmap(
        lambda bad: st.lists(moderate, max_size=3).map(lambda good: good + bad)
    ),
)


SIZES = st.integers(0, 8)


def sequence(size: st.SearchStrategy[int] = SIZES) -> Slot:
    return Slot(
        value_lists(size).flatmap(
            lambda values: containers(values).map(lambda c: Arg(c, False, values))
        ),
        garbage_sequence.map(lambda v: Arg(v, True)),
    )


def paired(size: st.SearchStrategy[int] = SIZES) -> Slot:
    """xs and ys: of one length when valid; garbage in either, or lengths that differ."""
    valid = sequence(size).valid
    garbage = garbage_sequence.map(lambda v: Arg(v, True))
    same = size.flatmap(lambda n: st.tuples(sequence(st.just(n)).valid, sequence(st.just(n)).valid))
    faulty = st.one_of(
        st.tuples(garbage, valid),
        st.tuples(valid, garbage),
        st.tuples(valid, valid),  # lengths that may differ: the data's own fault
    )
    return Slot(same, faulty)


# -- other arguments --------------------------------------------------------------------------


def choice(valid: Sequence[Any], garbage: st.SearchStrategy[Any]) -> Slot:
    return slot(st.sampled_from(list(valid)), garbage)


def count(low: int, high: int, *, optional: bool = False) -> Slot:
    valid: st.SearchStrategy[Any] = st.integers(low, high)
    if numpy is not None:
        valid = valid | st.integers(low, high).map(numpy.int64)
    if optional:
        valid = st.one_of(valid, st.none())
    garbage = st.one_of(
        st.integers(max_value=low - 1),
        st.floats(allow_nan=True),
        st.booleans(),
        st.text(max_size=3),
        st.builds(object),
    )
    if not optional:
        garbage = garbage | st.none()
    return slot(valid, garbage)


flag = choice([True, False], st.one_of(st.none(), st.integers(0, 1), st.text(max_size=3)))
convention = choice(
    ["half_mse", "mse", "sse"], st.one_of(st.text(max_size=8), st.none(), st.integers())
)


def rate(high: float = 1e3, *, optional: bool = False) -> Slot:
    valid: st.SearchStrategy[Any] = st.one_of(
        st.floats(min_value=1e-9, max_value=min(1e-3, high), exclude_max=True),
        st.floats(min_value=1e-9, max_value=high, exclude_max=True),
        st.fractions(
            min_value=Fraction(1, 10**6), max_value=Fraction(high), max_denominator=10**6
        ).filter(lambda f: f < high),
    )
    if optional:
        valid = st.one_of(valid, st.none())
    garbage = st.one_of(
        garbage_value if optional else garbage_number,
        st.floats(max_value=0.0, allow_nan=False),
    )
    return slot(valid, garbage)


def seed_or_rng() -> Slot:
    """A seed or a random.Random, as a dict of the one argument given (or of both)."""
    import random

    valid = st.one_of(
        st.integers(0, 2**70).map(lambda s: {"seed": Arg(s, False)}),
        st.integers(0, 100).map(lambda s: {"rng": Arg(random.Random(s), False)}),
    )
    garbage = st.one_of(
        st.one_of(st.integers(max_value=-1), st.floats(), st.text(max_size=2)).map(
            lambda s: {"seed": Arg(s, True)}
        ),
        st.just({"rng": Arg("not a generator", True)}),
        st.integers(0, 9).map(lambda s: {"seed": Arg(s, True), "rng": Arg(random.Random(s), True)}),
        st.just({"seed": Arg(None, True), "rng": Arg(None, True)}),
    )
    return Slot(valid, garbage)


# -- judging a call ---------------------------------------------------------------------------

#: How a message names each argument.
NAMES: Dict[str, str] = {
    "xs": r"\bxs?\b|\bx\[\d+\]|data point",
    "ys": r"\bys?\b|\by\[\d+\]|data point",
    "w": r"\bW\b",
    "b": r"\bb\b",
    "learning_rate": r"learning rate",
    "iterations": r"\biterations\b",
    "tolerance": r"tolerance",
    "convention": r"convention",
    "intercept": r"\bintercept\b",
    "centered": r"\bcentered\b",
    "checkpoint_every": r"checkpoint_every",
    "checkpoints": r"checkpoints",
    "summation": r"summation",
    "max_iterations": r"max_iterations",
    "start": r"\bstart\b",
    "stop": r"\bstop\b",
    "step": r"\bstep\b",
    "num": r"\bnum\b",
    "n": r"\bn\b",
    "low": r"\blow\b",
    "high": r"\bhigh\b",
    "sigma": r"\bsigma\b",
    "seed": r"\bseed\b",
    "rng": r"\brng\b",
    "train_size": r"\btrain_size\b",
}


class Outcome(NamedTuple):
    result: Any  # what the call returned, or None
    error: Optional[linreg.LinregError]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def call(function: Callable[..., Any], args: Dict[str, Arg], reproduce: str) -> Outcome:
    """Call function(**values), and fail on anything but a result or a LinregError."""
    values = {name: arg.value for name, arg in args.items()}
    garbage = sorted(name for name, arg in args.items() if arg.garbage)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        result = function(**values)
    except linreg.LinregError as error:
        check_message(error, garbage, sorted(args), reproduce, data_suspect(args))
        event("refused: %s" % type(error).__name__)
        return Outcome(None, error)
    except Hang:
        pytest.fail("hang: %s ran over %d s\n%s" % (function.__name__, HANG_SECONDS, reproduce))
    except Exception as error:  # the harness's whole point: nothing foreign escapes
        pytest.fail("foreign exception %s: %s\n%s" % (type(error).__name__, error, reproduce))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not garbage, "garbage %s accepted without complaint\n%s" % (garbage, reproduce)
    event("returned")
    return Outcome(result, None)


def data_suspect(args: Dict[str, Arg]) -> bool:
    """Valid-looking data that some function may rightly refuse: lengths that differ, fewer
    than two points, or x or y constant (so the data, too, may be the fault)."""
    if "rows" in args:  # d features: few rows, or a design that may be singular
        rows = args["rows"].listed
        return rows is not None
    columns = [args[name].listed for name in ("xs", "ys") if name in args]
    if not columns or any(c is None for c in columns):
        return False
    listed = [c for c in columns if c is not None]
    lengths = {len(c) for c in listed}
    return (
        len(lengths) > 1 or min(lengths) < 2 or any(len(set(as_fractions(c))) < 2 for c in listed)
    )


def check_message(
    error: linreg.LinregError,
    garbage: List[str],
    names: List[str],
    reproduce: str,
    suspect: bool = False,
) -> None:
    message = str(error)
    assert "\n" not in message and len(message) < 400, "not one short line: %r\n%s" % (
        message,
        reproduce,
    )
    data_named = (
        re.search(NAMES["xs"], message)
        or re.search(NAMES["ys"], message)
        or ("rows" in NAMES and re.search(NAMES["rows"], message))
    )
    if garbage and not (suspect and isinstance(error, linreg.DataError) and data_named):
        assert not isinstance(error, linreg.FloatRangeError), (message, reproduce)
        assert any(re.search(NAMES[g], message) for g in garbage), (
            "the message names none of the faulty %s: %r\n%s" % (garbage, message, reproduce)
        )
    elif not isinstance(error, linreg.FloatRangeError):
        assert any(re.search(NAMES[n], message) for n in names), (
            "the message names no argument: %r\n%s" % (message, reproduce)
        )
    else:
        assert "float" in message, (message, reproduce)


def describe(function: Callable[..., Any], args: Dict[str, Arg]) -> str:
    """A line that reproduces the call (values shown as Python would build them)."""
    shown = []
    for name, arg in args.items():
        value = arg.value
        if isinstance(value, Iterator):
            value = "<iterator>"
        try:
            text = repr(value)
        except Exception:
            text = "<unprintable %s>" % type(value).__name__
        shown.append("%s=%s" % (name, text[:300]))
    return "reproduce: linreg.%s(%s)" % (function.__name__, ", ".join(shown))


# -- the type and finiteness of results -------------------------------------------------------


def exact_kind(values: Sequence[Any]) -> Optional[type]:
    """The computation's type by linreg's documented rule: a float anywhere makes it float;
    otherwise a Fraction anywhere makes it exact; all ints compute as floats."""
    flat: List[Any] = []
    for v in values:
        flat.extend(v if isinstance(v, list) else [v])
    if any(isinstance(v, float) or _numpy_float(v) for v in flat):
        return float
    if any(isinstance(v, Fraction) for v in flat):
        return Fraction
    return float


def _numpy_float(value: Any) -> bool:
    return numpy is not None and isinstance(value, numpy.floating)


def numbers_in(result: Any) -> Iterator[Any]:
    if isinstance(result, (tuple, list)):
        for item in result:
            yield from numbers_in(item)
    elif isinstance(result, (int, float, Fraction)) and not isinstance(result, bool):
        yield result


def check_numbers(result: Any, kind: Optional[type], reproduce: str) -> None:
    """Every number finite, and of the computation's type (ints are fine as counts)."""
    for value in numbers_in(result):
        if isinstance(value, float):
            assert math.isfinite(value), ("non-finite %r in the result" % value, reproduce)
        if kind is Fraction:
            assert not isinstance(value, float), ("a float in an exact result", reproduce)
        elif kind is float:
            assert not isinstance(value, Fraction), ("a Fraction in a float result", reproduce)
    if isinstance(result, tuple) and hasattr(result, "_fields"):
        repr(result)  # never fails, however long its Fractions


def as_fractions(values: Sequence[Any]) -> List[Fraction]:
    """Exact values; a NumPy scalar through its exact float or int."""
    return [Fraction(float(v)) if _numpy_float(v) else Fraction(int(v)) if _numpy_int(v)
            else Fraction(v) for v in values]  # fmt: skip


def _numpy_int(value: Any) -> bool:
    return numpy is not None and isinstance(value, numpy.integer)
