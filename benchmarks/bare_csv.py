"""The baseline for reading a CSV file: csv.reader, float() on the first two columns."""

import csv
import sys

with open(sys.argv[1], newline="") as handle:
    rows = csv.reader(handle)
    next(rows)
    for row in rows:
        x, y = float(row[0]), float(row[1])
