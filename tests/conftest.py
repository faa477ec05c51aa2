"""Test settings shared by every test module.

Hypothesis runs with no deadline (the machine is shared, timings are noise), a bounded
number of examples (60; 20 in the tox matrix, profile "matrix"; derandomized on CI, random
elsewhere), and prints a reproduction blob on failure (``@reproduce_failure(...)``) as well
as the falsifying example.  Set LINREG_HYPOTHESIS_PROFILE=thorough for a longer search
(2000); tools/mutation-test sets "mutation" (derandomized, no example database).

Tests that compare against a live NumPy live in ``live_numpy/`` and are collected
only with LINREG_NUMPY_LIVE=1 (the tox environment ``numpy-live`` sets it):
NumPy is never a dependency of linreg or of its ordinary tests.
"""

import os
from typing import List

from hypothesis import HealthCheck, settings

# On CI (CI set, a fresh clone with no example database) the search is derandomized: the
# same examples every run, so a verdict depends on the code alone.  Elsewhere it is random,
# so runs on a working machine keep exploring (and remember what failed in .hypothesis/).
ON_CI = bool(os.environ.get("CI"))
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    print_blob=True,
    derandomize=ON_CI,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None, print_blob=True)
# The interpreter matrix (tox) runs every test on seven Pythons; the full search runs once,
# in ./run-tests, so there it searches less.
settings.register_profile(
    "matrix",
    max_examples=20,
    deadline=None,
    print_blob=True,
    derandomize=ON_CI,
    suppress_health_check=[HealthCheck.too_slow],
)
# tools/mutation-test: every mutant meets the same examples, and none is remembered.
settings.register_profile(
    "mutation",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("LINREG_HYPOTHESIS_PROFILE", "ci"))

collect_ignore: List[str] = [] if os.environ.get("LINREG_NUMPY_LIVE") == "1" else ["live_numpy"]
