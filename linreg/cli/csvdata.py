"""Reading x, y pairs from a CSV file, with errors that name the file, row and column.

The first row is a header when any of its chosen cells is not a number.  Columns
are chosen by header name or by 1-based position; by default x is the first
column and y the second.  Blank lines are skipped.  Every value must be a finite
number: a row with ``nan`` or ``inf`` is refused, not silently fitted.
"""

from __future__ import annotations

import csv
import math
from typing import List, NamedTuple, Optional, Sequence

from ..core.data import Dataset
from ..errors import DataError


class CsvData(NamedTuple):
    """The data read, and which columns they came from (for the report)."""

    data: Dataset
    x_column: str
    y_column: str
    header: bool


def _column_index(choice: str, header: Optional[Sequence[str]], path: str, width: int) -> int:
    names = [name.strip() for name in header] if header else []
    if choice.isdecimal() and choice.isascii():  # a number is a position, never a name
        if 1 <= int(choice) <= width:
            return int(choice) - 1
    elif choice in names:
        return names.index(choice)
    known = "columns %s" % ", ".join(repr(n) for n in names) if names else "%d columns" % width
    raise DataError(
        "%s: no column %r (the file has %s; give a name or a number from 1)" % (path, choice, known)
    )


def _number(text: str, path: str, row: int, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise DataError(
            "%s, row %d: %r in column %s is not a number" % (path, row, text, column)
        ) from None
    if not math.isfinite(value):
        raise DataError(
            "%s, row %d: %s in column %s is not a finite number" % (path, row, text.strip(), column)
        )
    return value


def read_xy(
    path: str, *, x_column: Optional[str] = None, y_column: Optional[str] = None
) -> CsvData:
    """The (x, y) pairs of a CSV file; DataError (naming file and row) for anything unreadable."""
    try:
        # utf-8-sig: a byte-order mark (spreadsheets write one) is not part of a header name.
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = [
                (i, row)
                for i, row in enumerate(csv.reader(handle), start=1)
                if any(c.strip() for c in row)
            ]
    except OSError as error:
        raise DataError("%s: cannot read the file (%s)" % (path, error.strerror or error)) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise DataError("%s: not a readable CSV text file (%s)" % (path, error)) from None
    if not rows:
        raise DataError("%s: the file has no data" % path)
    first = rows[0][1]
    width = len(first)
    names = [cell.strip() for cell in first]
    # Columns by name mean there is a header; otherwise the first row is a header when one
    # of the two chosen cells is not a number (other columns may hold text on every row).
    x_at = _column_index(x_column, names, path, width) if x_column else 0
    y_at = _column_index(y_column, names, path, width) if y_column else 1
    chosen = [first[i] for i in (x_at, y_at) if i < width]
    header = not all(_is_number(cell) for cell in chosen)
    if not header:
        names = []
    if max(x_at, y_at) >= width:
        hint = " (its values are separated by ';': linreg reads commas)" if ";" in first[0] else ""
        raise DataError(
            "%s: row %d has %d column%s; x and y need two%s"
            % (path, rows[0][0], width, "" if width == 1 else "s", hint)
        )
    x_name = names[x_at] if names else str(x_at + 1)
    y_name = names[y_at] if names else str(y_at + 1)
    xs: List[float] = []
    ys: List[float] = []
    for line, row in rows[1:] if header else rows:
        if len(row) <= max(x_at, y_at):
            raise DataError(
                "%s, row %d: %d value%s, but column %d is needed"
                % (path, line, len(row), "" if len(row) == 1 else "s", max(x_at, y_at) + 1)
            )
        xs.append(_number(row[x_at], path, line, repr(x_name)))
        ys.append(_number(row[y_at], path, line, repr(y_name)))
    return CsvData(Dataset(xs, ys), x_name, y_name, header)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
