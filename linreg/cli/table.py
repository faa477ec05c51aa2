"""Reading several x columns and a y column from a CSV file, as floats or exactly.

The rules are :mod:`linreg.cli.csvdata`'s, cell for cell (the same header rule, the same
number grammar, the same errors naming the file and row); this reader takes any number of
x columns, and with ``exact=True`` reads each number's decimal text as the exact rational
it spells (``0.1`` is 1/10, not the float nearest it), for ``fit --exact``.  It yields the
data in chunks, so a caller can reduce each chunk to sums and keep nothing else.
"""

from __future__ import annotations

import csv
from itertools import chain
from typing import IO, Any, Iterator, List, NamedTuple, Optional, Sequence, Tuple

from ..careful.exact import Ratio
from ..errors import DataError
from .csvdata import CHUNK, _blocks, _choose, _is_name, _is_number, _rows, _value, shown


class Table(NamedTuple):
    """Which columns hold the xs and y, and what the report calls them."""

    x_at: List[int]  # 0-based positions
    y_at: int
    x_names: List[str]
    y_name: str
    header: bool
    width: int


#: A chunk: the x columns (each a list) and y, floats or exact Ratios.
TableChunk = Tuple[List[List[Any]], List[Any]]


def exact_decimal(cell: str) -> Ratio:
    """The rational a plain decimal number spells (the cell already checked by the rules)."""
    text = cell.strip().lower()
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    sign = -1 if whole.startswith("-") else 1
    digits = int((whole.lstrip("+-") or "0") + fraction)
    power = (int(exponent) if exponent else 0) - len(fraction)
    return Ratio(sign * digits * 10 ** max(power, 0), 10 ** max(-power, 0))


def _table(
    path: str,
    line: int,
    first: List[str],
    x_choices: Sequence[Optional[str]],
    y_choice: Optional[str],
) -> Table:
    width = len(first)
    xs = [_choose(c, i, first, "--x", path) for i, c in enumerate(x_choices)]
    y = _choose(y_choice, len(xs), first, "--y", path)
    chosen = xs + [y]
    # A column chosen twice is the mistake to name, before the width it may also exceed
    # (--x 1,1 puts the default y in column 3).
    repeated = sorted({c for c in chosen if chosen.count(c) > 1})
    if repeated:
        raise DataError(
            "%s: column %d is chosen twice; each x and y must be a different column"
            % (path, repeated[0] + 1)
        )
    if max(chosen) >= width:
        raise DataError(
            "%s: row %d has %d column%s; the chosen x and y need %d"
            % (path, line, width, "" if width == 1 else "s", max(chosen) + 1)
        )
    cells = [first[i] for i in chosen]
    by_name = any(
        c is not None and not (c.isdecimal() and c.isascii()) for c in list(x_choices) + [y_choice]
    )
    if all(_is_name(cell) for cell in cells):
        return Table(xs, y, [first[i].strip() for i in xs], first[y].strip(), True, width)
    if by_name:
        raise DataError("%s, row %d: a column chosen by name needs a header row" % (path, line))
    if all(_is_number(cell) for cell in cells):
        return Table(xs, y, [str(i + 1) for i in xs], str(y + 1), False, width)
    bad = next(cell for cell in cells if not _is_number(cell))
    raise DataError(
        "%s, row %d is neither a header (names in the chosen columns) nor data (numbers):"
        " %s is neither" % (path, line, shown(bad))
    )


def read_table(
    path: str,
    handle: IO[bytes],
    *,
    x_columns: Sequence[Optional[str]],
    y_column: Optional[str],
    exact: bool,
) -> Tuple[Table, Iterator[TableChunk]]:
    """The columns chosen, and the values in chunks of up to CHUNK rows, read lazily."""
    plain = [False]
    reader = csv.reader(chain.from_iterable(_blocks(handle, path, plain)), strict=True)
    rows = _rows(reader, path)
    try:
        line, first = next(rows)
    except StopIteration:
        raise DataError("%s: the file has no data" % path) from None
    table = _table(path, line, first, x_columns, y_column)
    names = [repr(n) for n in table.x_names] + [repr(table.y_name)]
    positions = table.x_at + [table.y_at]

    def parsed(row: List[str], number: int) -> Optional[List[Any]]:
        if not any(cell.strip() for cell in row):
            return None
        if len(row) != table.width:
            raise DataError(
                "%s, row %d has %d value%s, but row %d has %d (a decimal comma, or a value"
                " with a comma that is not quoted?)"
                % (path, number, len(row), "" if len(row) == 1 else "s", line, table.width)
            )
        values: List[Any] = [
            _value(row[i], path, number, name) for i, name in zip(positions, names)
        ]
        if exact:
            values = [exact_decimal(row[i]) for i in positions]
        return values

    def chunks() -> Iterator[TableChunk]:
        gathered: List[List[Any]] = []
        try:
            source = chain(
                [] if table.header else [(line, first)], ((reader.line_num, r) for r in reader)
            )
            for number, row in source:
                values = parsed(row, number)
                if values is None:
                    continue
                gathered.append(values)
                if len(gathered) == CHUNK:
                    yield _split(gathered)
                    gathered = []
        except csv.Error as error:
            raise DataError(
                "%s, row %d: not readable as CSV (%s)" % (path, reader.line_num, error)
            ) from None
        if gathered:
            yield _split(gathered)

    return table, chunks()


def _split(rows: List[List[Any]]) -> TableChunk:
    columns = [list(c) for c in zip(*rows)]
    return columns[:-1], columns[-1]
