"""Reading x, y from CSV: headers, column choice, and errors that name file, row and column."""

from pathlib import Path
from typing import Dict

import pytest

from linreg.cli.csvdata import read_xy
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
