"""The three tutorials linreg grew from: their facts, their data, and their NumPy runs.

records.py       one record per tutorial: data, loss, learning rate, iterations, seed
presets.py       each tutorial on linreg's own seeded data (``python -m linreg``)
numpy_legacy.py  NumPy's legacy random streams, float32 ranges and pairwise sums,
                 bit for bit, in pure Python
replay.py        each tutorial as it ran in NumPy (``python -m linreg --numpy-data``)
"""
