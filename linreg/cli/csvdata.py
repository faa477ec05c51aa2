"""Reading x, y pairs from a CSV file, strictly, with errors that name the file and row.

The rules, each one a refusal rather than a guess:

* The text is UTF-8 (a byte-order mark is allowed); lines end in \\n, \\r\\n or \\r.  Values
  are separated by commas and may be quoted ("1.5").  Blank lines are skipped.
* Columns are chosen by 1-based position or by header name; by default x is column 1 and
  y column 2.  A name must appear in the header exactly once, and x and y must differ.
* The first row is a header when its chosen cells are names, and data when they are
  numbers; a row that is neither (``1,2x``, or ``nan,1``) is refused.  A name does not
  look like a number: it does not start with a digit, a sign or a point.
* A line is at most MAX_LINE bytes (1 MiB) long.
* Every row has as many values as the first (a decimal comma or a stray delimiter would
  otherwise shift the columns).
* A chosen cell is a plain decimal number, with optional spaces around it:
  ``-12``, ``3.5``, ``.5``, ``6.02e23``.  Not ``1_0`` or ``0x10`` (which Python's float()
  would take), not ``nan`` or ``inf``, not beyond the float range, and not a non-zero
  value so small that it would be read as 0.

Other columns may hold anything.  The file is read in one pass, in chunks of rows
(:func:`read_chunks`), so a caller can keep as little of it as it needs.
"""

from __future__ import annotations

import csv
import io
import math
import re
from itertools import chain
from typing import IO, Any, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from ..core.data import Dataset
from ..errors import DataError

#: A plain decimal number, with optional spaces or tabs around it.
NUMBER = re.compile(r"[ \t]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t]*\Z")
#: Bytes read at a time: the file is never held in memory whole.
BLOCK = 1 << 18
#: The longest line read: a line is refused once this many bytes of it are read without its
#: end, so a file with no line breaks (/dev/zero, a binary file) fails fast, in bounded memory.
MAX_LINE = 1 << 20


class Columns(NamedTuple):
    """Which columns hold x and y, and what the report calls them."""

    x_at: int  # 0-based positions
    y_at: int
    x_name: str
    y_name: str
    header: bool
    width: int  # values in every row


class CsvData(NamedTuple):
    """The data read, and which columns they came from (for the report)."""

    data: Dataset
    x_column: str
    y_column: str
    header: bool


def shown(text: str, limit: int = 40) -> str:
    """A cell for a message: quoted, and cut short if long (a message is one short line)."""
    return repr(text) if len(text) <= limit else repr(text[: limit - 10] + "…" + text[-6:])


def _blocks(handle: IO[bytes], path: str, plain: List[bool]) -> Iterator[List[str]]:
    """The file's lines, a block at a time, decoded; a decoding error names its line.

    ``plain[0]`` tells, while a block's lines are being read, whether that block is pure
    ASCII without "_": then no cell in it needs the checks for what float() would accept
    and the rules refuse (one scan of the block instead of two per cell).
    """
    line_base, pending, first = 0, b"", True
    while True:
        block = handle.read(BLOCK)
        data = pending + block
        # A block ends after its last line break; the rest waits for the next block (a \r
        # at the very end waits too: it may be the first half of a \r\n).
        cut = (
            max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1 if block else len(data)
        )
        piece, pending = data[:cut], data[cut:]
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError as error:
            before = _split_lines(piece[: error.start].decode("utf-8"))
            row = (
                line_base
                + len(before)
                + (0 if before and not before[-1].endswith(("\n", "\r")) else 1)
            )
            raise DataError(
                "%s, row %d: not UTF-8 text (byte 0x%02x); save the file as UTF-8"
                % (path, row, piece[error.start])
            ) from None
        if first:
            text, first = text[1:] if text.startswith("\ufeff") else text, False
        lines = _split_lines(text)
        line_base += len(lines)
        plain[0] = text.isascii() and "_" not in text
        yield lines
        if not block:
            return
        if len(pending) > MAX_LINE:  # after the lines before it, whose faults come first
            raise DataError(
                "%s, row %d: a line longer than %d bytes (%d MiB); not a CSV file of numbers?"
                % (path, line_base + 1, MAX_LINE, MAX_LINE >> 20)
            )


def _split_lines(text: str) -> List[str]:
    # At \n, \r\n and \r only, as csv does (str.splitlines would also split at \x0b, \u2028
    # and others, which may sit inside a cell), each line keeping its ending.
    return io.StringIO(text, newline="").readlines()


def _is_number(cell: str) -> bool:
    return NUMBER.match(cell) is not None


def _is_name(cell: str) -> bool:
    text = cell.strip()
    if not text or text[0] in "0123456789+-.":
        return False
    try:
        float(text)  # nan, inf and infinity are values, not names
    except ValueError:
        return True
    return False


def _choose(choice: Optional[str], default: int, names: Sequence[str], flag: str, path: str) -> int:
    if choice is None:
        return default
    if not choice.strip():
        raise DataError("%s needs a column name or a number from 1, not %r" % (flag, choice))
    if choice.isdecimal() and choice.isascii():  # a number is a position, never a name
        if 1 <= int(choice) <= len(names):
            return int(choice) - 1
        raise DataError(
            "%s: no column %s (the file has %d column%s)"
            % (path, choice, len(names), "" if len(names) == 1 else "s")
        )
    found = [i for i, name in enumerate(names) if name.strip() == choice]
    if len(found) > 1:
        raise DataError(
            "%s: the header names %d columns %r (columns %s); choose one by number"
            % (path, len(found), choice, ", ".join(str(i + 1) for i in found))
        )
    if not found:
        known = ", ".join(shown(n.strip(), 20) for n in names)
        raise DataError(
            "%s: no column %r (the first row has %s; give a name or a number from 1)"
            % (path, choice, known)
        )
    return found[0]


def _columns(
    path: str, line: int, first: List[str], x_choice: Optional[str], y_choice: Optional[str]
) -> Columns:
    width = len(first)
    x_at = _choose(x_choice, 0, first, "--x", path)
    y_at = _choose(y_choice, 1, first, "--y", path)
    if x_at == y_at:  # the mistake to name first, before a width it may also exceed
        raise DataError("%s: x and y are both column %d; choose two columns" % (path, x_at + 1))
    if max(x_at, y_at) >= width:
        hint = ""
        for delimiter, name in ((";", "';'"), ("\t", "tabs")):
            if delimiter in first[0]:
                hint = " (its values are separated by %s: linreg reads commas)" % name
        raise DataError(
            "%s: row %d has %d column%s; x and y need two%s"
            % (path, line, width, "" if width == 1 else "s", hint)
        )
    chosen = [first[x_at], first[y_at]]
    by_name = any(
        c is not None and not (c.isdecimal() and c.isascii()) for c in (x_choice, y_choice)
    )
    if all(_is_name(cell) for cell in chosen):
        return Columns(x_at, y_at, first[x_at].strip(), first[y_at].strip(), True, width)
    if by_name:
        raise DataError("%s, row %d: a column chosen by name needs a header row" % (path, line))
    if all(_is_number(cell) for cell in chosen):
        return Columns(x_at, y_at, str(x_at + 1), str(y_at + 1), False, width)
    bad = next(cell for cell in chosen if not _is_number(cell))
    raise DataError(
        "%s, row %d is neither a header (names in columns %d and %d) nor data (numbers):"
        " %s is neither" % (path, line, x_at + 1, y_at + 1, shown(bad))
    )


def _value(cell: str, path: str, line: int, column: str) -> float:
    if not _is_number(cell):
        text = cell.strip()
        if _is_finite_word(text):
            raise DataError(
                "%s, row %d: %s in column %s is not a finite number" % (path, line, text, column)
            )
        raise DataError(
            "%s, row %d: %s in column %s is not a number" % (path, line, shown(cell), column)
        )
    value = float(cell)
    if not math.isfinite(value):
        raise DataError(
            "%s, row %d: %s in column %s is beyond the float range"
            % (path, line, shown(cell.strip()), column)
        )
    if value == 0 and any(digit in cell for digit in "123456789"):
        raise DataError(
            "%s, row %d: %s in column %s is too small for a float (it would be read as 0)"
            % (path, line, shown(cell.strip()), column)
        )
    return value


def _is_finite_word(text: str) -> bool:
    return text.lower().lstrip("+-") in ("nan", "inf", "infinity")


#: Rows a chunk holds: 2 × 16 384 floats, about 1 MB, however long the file.
CHUNK = 1 << 14
Chunk = Tuple[List[float], List[float]]


def read_chunks(
    path: str, handle: IO[bytes], *, x_column: Optional[str] = None, y_column: Optional[str] = None
) -> Tuple[Columns, Iterator[Chunk]]:
    """The columns chosen, and the (x, y) values in chunks of up to CHUNK rows, read lazily.

    Each row takes the fast path (float() on both cells, and a glance for what float()
    accepts but the rules refuse: _, non-ASCII digits, nan, inf, underflow to 0); anything
    else goes through the full checks, which raise with the row and column.
    """
    plain = [False]
    reader = csv.reader(chain.from_iterable(_blocks(handle, path, plain)), strict=True)
    rows = _rows(reader, path)
    try:
        line, first = next(rows)
    except StopIteration:
        raise DataError("%s: the file has no data" % path) from None
    columns = _columns(path, line, first, x_column, y_column)
    x_at, y_at, width = columns.x_at, columns.y_at, columns.width
    names = repr(columns.x_name), repr(columns.y_name)

    def checked(row: List[str], number: int) -> Optional[Tuple[float, float]]:
        if not any(cell.strip() for cell in row):
            return None  # a blank line
        if len(row) != width:
            raise DataError(
                "%s, row %d has %d value%s, but row %d has %d (a decimal comma, or a value"
                " with a comma that is not quoted?)"
                % (path, number, len(row), "" if len(row) == 1 else "s", line, width)
            )
        return (
            _value(row[x_at], path, number, names[0]),
            _value(row[y_at], path, number, names[1]),
        )

    def chunks() -> Iterator[Chunk]:
        xs: List[float] = []
        ys: List[float] = []
        if not columns.header:
            pair = checked(first, line)
            assert pair is not None
            xs.append(pair[0])
            ys.append(pair[1])
        try:
            for row in reader:
                if len(row) == width:
                    cx, cy = row[x_at], row[y_at]
                    try:
                        x, y = float(cx), float(cy)
                    except ValueError:
                        x = y = math.nan
                    # x − x is NaN for ±inf and NaN; 0 may be an underflow; float() takes
                    # 1_0 and non-ASCII digits, which the rules refuse.
                    if not (x - x or y - y or not x or not y) and (
                        plain[0] or not ("_" in cx or "_" in cy or not (cx + cy).isascii())
                    ):
                        xs.append(x)
                        ys.append(y)
                        if len(xs) == CHUNK:
                            yield xs, ys
                            xs, ys = [], []
                        continue
                pair = checked(row, reader.line_num)
                if pair is not None:
                    xs.append(pair[0])
                    ys.append(pair[1])
        except csv.Error as error:
            raise DataError(
                "%s, row %d: not readable as CSV (%s)" % (path, reader.line_num, error)
            ) from None
        if xs:
            yield xs, ys

    return columns, chunks()


def _rows(reader: Any, path: str) -> Iterator[Tuple[int, List[str]]]:
    """(row number, cells) of the rows up to the first that is not blank."""
    line = 0
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DataError("%s, row %d: not readable as CSV (%s)" % (path, start, error)) from None
        line = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row
            return


def read_xy(
    path: str, *, x_column: Optional[str] = None, y_column: Optional[str] = None
) -> CsvData:
    """The (x, y) pairs of a CSV file; DataError (naming file and row) for anything unreadable."""
    xs: List[float] = []
    ys: List[float] = []
    try:
        with open(path, "rb") as handle:
            columns, chunks = read_chunks(path, handle, x_column=x_column, y_column=y_column)
            for chunk_x, chunk_y in chunks:
                xs.extend(chunk_x)
                ys.extend(chunk_y)
    except OSError as error:
        raise DataError("%s: cannot read the file (%s)" % (path, error.strerror or error)) from None
    if not xs:
        raise DataError("%s: the file has a header but no data rows" % path)
    return CsvData(Dataset(xs, ys), columns.x_name, columns.y_name, columns.header)
