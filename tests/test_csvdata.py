"""Reading x, y from CSV: headers, column choice, and errors that name file, row and column."""

import io
from pathlib import Path
from typing import Any, Dict

import pytest

from linreg.cli.csvdata import BLOCK, MAX_LINE, read_chunks, read_xy
from linreg.errors import DataError


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_header_is_detected_and_columns_named(tmp_path: Path) -> None:
    read = read_xy(write(tmp_path, "x,y\n1,2\n3,4.5\n"))
    assert (list(read.data.xs), list(read.data.ys), read.header) == ([1.0, 3.0], [2.0, 4.5], True)
    assert (read.x_column, read.y_column) == ("x", "y")


def test_no_header_and_blank_lines_are_fine(tmp_path: Path) -> None:
    read = read_xy(write(tmp_path, "1,2\n\n3,4\n"))
    assert (list(read.data.xs), list(read.data.ys), read.header) == ([1.0, 3.0], [2.0, 4.0], False)


def test_columns_chosen_by_name_or_number(tmp_path: Path) -> None:
    path = write(tmp_path, "id,height,weight\n1,1.5,60\n2,1.8,80\n")
    by_name = read_xy(path, x_column="height", y_column="weight")
    by_number = read_xy(path, x_column="2", y_column="3")
    assert list(by_name.data.xs) == list(by_number.data.xs) == [1.5, 1.8]
    assert list(by_name.data.ys) == [60.0, 80.0]


@pytest.mark.parametrize(
    "text, options, message",
    [
        ("x,y\n1,2\n2,abc\n", {}, r"data.csv, row 3: 'abc' in column 'y' is not a number"),
        ("x,y\n1,2\nnan,3\n", {}, r"data.csv, row 3: nan in column 'x' is not a finite number"),
        ("x,y\n1,2\n2,inf\n", {}, r"row 3: inf in column 'y' is not a finite number"),
        ("x,y\n1,2\n3\n", {}, r"row 3 has 1 value, but row 1 has 2"),
        ("x\n1\n2\n", {}, r"has 1 column; x and y need two"),
        ("", {}, r"no data"),
        ("a,b\n1,2\n", {"x_column": "c"}, r"no column 'c'"),
    ],
)
def test_bad_files_name_the_file_row_and_column(
    tmp_path: Path, text: str, options: Dict[str, str], message: str
) -> None:
    with pytest.raises(DataError, match=message):
        read_xy(write(tmp_path, text), **options)


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read the file"):
        read_xy(str(tmp_path / "absent.csv"))


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfx,y\n1,2\n2,3\n")
    read = read_xy(str(path), x_column="x", y_column="y")
    assert (read.x_column, list(read.data.xs)) == ("x", [1.0, 2.0])


def test_only_the_chosen_columns_decide_whether_there_is_a_header(tmp_path: Path) -> None:
    read = read_xy(write(tmp_path, "1,3,a\n2,5,b\n3,7,c\n"))
    assert read.header is False and list(read.data.xs) == [1.0, 2.0, 3.0]


def test_a_number_names_a_position_even_when_a_header_cell_reads_the_same(tmp_path: Path) -> None:
    read = read_xy(write(tmp_path, "1,2,3\n10,20,30\n"), x_column="3", y_column="1")
    assert list(read.data.xs) == [3.0, 30.0] and list(read.data.ys) == [1.0, 10.0]


def test_a_semicolon_file_gets_a_hint(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="separated by ';'"):
        read_xy(write(tmp_path, "x;y\n1;2\n"))


def test_a_line_longer_than_the_limit_is_refused_naming_its_row(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"x,y\n1,2\n" + b"7" * (MAX_LINE + BLOCK) + b",1\n")
    with pytest.raises(DataError, match=r"long.csv, row 3: a line longer than %d" % MAX_LINE):
        read_xy(str(path))


def test_a_line_within_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    notes = 6  # csv's own limit is on a field (131072 characters), not a line
    cells = [b"a" * (MAX_LINE // (notes + 2))] * notes
    header = b",".join([b"x", b"y"] + [b"n%d" % i for i in range(notes)])
    path.write_bytes(header + b"\n1,2," + b",".join(cells) + b"\n3,5" + b",b" * notes + b"\n")
    assert list(read_xy(str(path)).data.ys) == [2.0, 5.0]


class Endless(io.RawIOBase):
    """A file that never ends and has no line breaks (/dev/zero), counting what is read."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        size = len(buffer)
        buffer[:] = b"\0" * size
        self.read_bytes += size
        return size


def test_endless_input_is_refused_after_a_bounded_read() -> None:
    endless = Endless()
    with pytest.raises(DataError, match=r"endless, row 1: a line longer than"):
        _, chunks = read_chunks("endless", io.BufferedReader(endless))
        list(chunks)
    assert endless.read_bytes <= MAX_LINE + 3 * BLOCK, endless.read_bytes


def test_x_and_y_in_one_column_is_named_before_the_width(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="x and y are both column 1"):
        read_xy(write(tmp_path, "x\n1\n2\n"), y_column="1")
