"""SVG by hand: python3-minimal has no xml or html module, so the text is built here.

Everything printed goes through :func:`escape`; numbers are written with at most two
decimals of a pixel, which keeps files small.  An :class:`Axes` maps data to pixels
(linear or log10) and chooses readable ticks: 1, 2 or 5 times a power of ten.
"""

from __future__ import annotations

import math
from typing import Dict, List, NamedTuple, Sequence, Tuple

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"))


def escape(text: str) -> str:
    """Text safe inside an element or an attribute."""
    for raw, safe in _ESCAPES:
        text = text.replace(raw, safe)
    # Control characters other than tab and newline are not allowed in XML at all.
    return "".join(c if c >= " " or c in "\t\n" else "?" for c in text)


def number(value: float) -> str:
    """A pixel coordinate: two decimals at most, no trailing zeros."""
    text = "%.2f" % value
    return text.rstrip("0").rstrip(".") if "." in text else text


def label(value: float) -> str:
    """A tick label: short, without float noise (0.30000000000000004 → 0.3)."""
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e6:
        text = "%.6g" % value
    else:
        mantissa, exponent = ("%.3e" % value).split("e")
        text = "%s×%s" % (mantissa.rstrip("0").rstrip("."), power_of_ten(int(exponent)))
    return text.replace("-", "−", 1) if text.startswith("-") else text  # a minus sign


_SUPERSCRIPTS = {ord(d): s for d, s in zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")}


def power_of_ten(exponent: int) -> str:
    """7 → 10⁷."""
    return "10" + str(exponent).translate(_SUPERSCRIPTS)


def log_label(exponent: float) -> str:
    """The label of the tick at 10^exponent on a log axis: 0.001 to 5000 written out,
    beyond that 10⁴, 2×10⁴, … (the exponent is given, so 10⁻³²³ has a label too)."""
    power = math.floor(exponent + 1e-9)
    mantissa = round(10 ** (exponent - power), 6)
    if -3 <= power < 4:
        return label(mantissa * 10.0**power)
    if mantissa == 1:
        return power_of_ten(power)
    return "%s×%s" % (label(mantissa), power_of_ten(power))


class Box(NamedTuple):
    """A plot area in pixels."""

    left: float
    top: float
    width: float
    height: float


class Axes(NamedTuple):
    """A data window mapped onto a box; y grows upwards, as in a plot."""

    box: Box
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    log_y: bool = False  # then y_min and y_max are log10 of the window's ends
    log_x: bool = False  # x ≥ 0 drawn at log10(1 + x), so that 0 has a place

    def px(self, x: float) -> float:
        low, high, value = self.x_min, self.x_max, x
        if self.log_x:
            low, high, value = math.log10(1 + low), math.log10(1 + high), math.log10(1 + x)
        return self.box.left + (value - low) / (high - low) * self.box.width

    def py(self, y: float) -> float:
        """The pixel row of the value y (on a log axis, of log10 y; y ≤ 0 sits below)."""
        if self.log_y:
            return self.row(math.log10(y) if y > 0 else self.y_min - 1)
        return self.row(y)

    def row(self, u: float) -> float:
        """The pixel row of u in the axis's own units (log10 y on a log axis)."""
        return self.box.top + (self.y_max - u) / (self.y_max - self.y_min) * self.box.height


def nice_ticks(low: float, high: float, count: int = 6) -> List[float]:
    """Round values from low to high, about ``count`` of them (at least two where the floats
    between low and high allow): steps of 1, 2 or 5 × 10ᵏ."""
    span = high - low
    if not span > 0 or not math.isfinite(span):
        return [low]
    raw = span / max(1, count - 1)
    k = math.floor(math.log10(raw))
    # Each step as (m, e), m·10ᵉ: the ticks are the multiples n·m·10ᵉ, computed from exact
    # integers and rounded once, so none strays outside [low, high] by a rounding error.
    steps = [(1, k + 1), (5, k), (2, k), (1, k), (5, k - 1), (2, k - 1), (1, k - 1)]
    larger = [(m, e) for m, e in steps if _grid(m, e, 1) >= raw]
    smaller = [(m, e) for m, e in steps if _grid(m, e, 1) < raw]
    ticks: List[float] = []
    for m, e in larger[::-1] + smaller:
        first, last = _index(low, m, e, up=True), _index(high, m, e, up=False)
        # Distinct floats: where the step is below the floats' spacing, multiples coincide.
        ticks = sorted({_grid(m, e, n) for n in range(first, last + 1)})
        if len(ticks) >= 2:
            break
    return ticks or [low]


def _grid(m: int, e: int, n: int) -> float:
    """n·m·10ᵉ, correctly rounded (integer arithmetic, one rounding)."""
    return float(n * m * 10**e) if e >= 0 else (n * m) / 10**-e


def _index(value: float, m: int, e: int, *, up: bool) -> int:
    """⌈value / (m·10ᵉ)⌉ (up) or ⌊value / (m·10ᵉ)⌋, exactly."""
    p, q = value.as_integer_ratio()
    num, den = (p * 10**-e, q * m) if e < 0 else (p, q * m * 10**e)
    return -(-num // den) if up else num // den


def log_ticks(low: float, high: float) -> List[float]:
    """Ticks of a log axis from 10^low to 10^high, as exponents: the powers of ten, and
    2 and 5 times them as well where there are fewer than three."""
    decades = range(math.floor(low), math.ceil(high) + 1)
    ticks = [float(k) for k in decades if low <= k <= high]
    if len(ticks) < 3:
        steps = (0.0, math.log10(2), math.log10(5))
        ticks = sorted(k + m for k in decades for m in steps if low <= k + m <= high)
    return ticks  # 1, 2 and 5 are never 0.4 decades apart: a window that wide has one


def count_ticks(high: float) -> List[float]:
    """0 and the powers of ten up to high, for a log10(1 + k) axis of counts."""
    return [0.0] + [10.0**k for k in range(0, int(math.log10(high)) + 1) if 10.0**k <= high]


def count_label(value: float) -> str:
    """0, 1, 10, 100, 1000, then 10⁴, 10⁵, …"""
    return label(value) if value < 1e4 else power_of_ten(round(math.log10(value)))


def padded(low: float, high: float, share: float = 0.05) -> Tuple[float, float]:
    """A window around [low, high] with a margin, never empty."""
    if not high > low:
        spread = abs(low) * 0.1 or 1.0
        return low - spread, high + spread
    margin = (high - low) * share
    return low - margin, high + margin


class Drawing:
    """An SVG document built as a list of lines."""

    def __init__(self, width: int, height: int, title: str) -> None:
        self.width, self.height = width, height
        self.parts: List[str] = [
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
            ' font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">'
            % (width, height, width, height),
            "<title>%s</title>" % escape(title),
            '<rect width="100%" height="100%" fill="white"/>',
        ]

    def add(self, element: str) -> None:
        self.parts.append(element)

    def text(self, x: float, y: float, content: str, *, anchor: str = "start", size: int = 12,
             weight: str = "normal", fill: str = "#222", rotate: bool = False) -> None:  # fmt: skip
        turn = ' transform="rotate(-90 %s %s)"' % (number(x), number(y)) if rotate else ""
        self.add(
            '<text x="%s" y="%s" text-anchor="%s" font-size="%d" font-weight="%s" fill="%s"%s>'
            "%s</text>" % (number(x), number(y), anchor, size, weight, fill, turn, escape(content))
        )

    def polyline(self, points: Sequence[Tuple[float, float]], **style: str) -> str:
        coords = " ".join("%s,%s" % (number(x), number(y)) for x, y in points)
        return '<polyline points="%s" fill="none"%s/>' % (coords, _style(style))

    def finish(self) -> str:
        return "\n".join(self.parts + ["</svg>"]) + "\n"


def _style(style: Dict[str, str]) -> str:
    return "".join(' %s="%s"' % (key.replace("_", "-"), escape(v)) for key, v in style.items())
