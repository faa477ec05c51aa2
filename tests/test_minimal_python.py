"""linreg runs on Debian's python3-minimal, whose standard library lacks fractions, json, …

Two routes.  Everywhere: every import in the package is of a module python3-minimal has
(tests/data/python3-minimal-modules.txt), unless it is for type checking only or guarded by
``except ImportError``.  Where Debian's python3.11-minimal is installed: the CLI and the
library really run under tools/minimal-python.  On CI (CI set) that machine is expected,
so a minimal Python that cannot run fails these tests instead of skipping them.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tools" / "minimal-python"
MODULES = {
    line.strip()
    for line in (ROOT / "tests" / "data" / "python3-minimal-modules.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}


def imports(tree: ast.AST) -> Iterator[Tuple[str, List[ast.AST]]]:
    """Each absolute import's top-level module, with the chain of nodes enclosing it."""

    def walk(node: ast.AST, parents: List[ast.AST]) -> Iterator[Tuple[str, List[ast.AST]]]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], parents
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], parents
        for child in ast.iter_child_nodes(node):
            yield from walk(child, parents + [node])

    yield from walk(tree, [])


def excused(parents: Sequence[ast.AST]) -> bool:
    """Inside ``if TYPE_CHECKING:`` or a ``try`` that catches ImportError."""
    for node in parents:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            return True
        if isinstance(node, ast.Try) and any(
            handler.type is not None
            and any(name in ast.dump(handler.type) for name in ("ImportError", "ModuleNotFound"))
            for handler in node.handlers
        ):
            return True
    return False


def test_the_module_list_is_python3_minimals() -> None:
    """The list must hold what minimal has and lack what it lacks, or the check is void."""
    assert {"math", "random", "typing", "argparse", "csv", "struct", "operator"} <= MODULES
    assert not {"fractions", "json", "decimal", "statistics", "numbers", "xml"} & MODULES


@pytest.mark.parametrize(
    "path", sorted((ROOT / "linreg").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_every_import_is_in_python3_minimal_or_guarded(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    missing = [
        module
        for module, parents in imports(tree)
        if module != "linreg" and module not in MODULES and not excused(parents)
    ]
    assert not missing, "%s imports %s, which python3-minimal lacks" % (path, missing)


def minimal_python_problem() -> Optional[str]:
    """Why tools/minimal-python cannot run here, or None when it can."""
    try:
        probe = subprocess.run(
            [str(MINIMAL), "-c", "import math"], capture_output=True, text=True, timeout=120
        )
    except OSError as error:
        return str(error)
    return None if probe.returncode == 0 else probe.stderr.strip() or "exit %d" % probe.returncode


@pytest.fixture(scope="module")
def minimal() -> List[str]:
    problem = minimal_python_problem()
    if problem is not None:
        message = "tools/minimal-python cannot run: %s" % problem
        if os.environ.get("CI"):
            pytest.fail(
                message + " (CI expects Debian's python3.11-minimal; ./run-tests installs it)"
            )
        pytest.skip(message)
    return [str(MINIMAL)]


def run(python: Sequence[str], *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*python, *args], cwd=cwd, capture_output=True, text=True, timeout=300, encoding="utf-8"
    )


def test_minimal_python_really_lacks_fractions_and_json(minimal: List[str]) -> None:
    done = run(minimal, "-c", "import fractions")
    assert done.returncode != 0 and "fractions" in done.stderr, done.stderr
    done = run(minimal, "-c", "import json")
    assert done.returncode != 0 and "json" in done.stderr, done.stderr


LIBRARY = """
import linreg
xs, ys = [0.0, 1.0, 2.0, 3.0], [1.0, 3.2, 4.9, 7.1]
print(linreg.loss(xs, ys, 2.0, 1.0))
print(tuple(linreg.gradient(xs, ys, 2.0, 1.0)))
print(tuple(linreg.least_squares(xs, ys)))
print(linreg.stability(xs).max_learning_rate)
print(tuple(linreg.fit(xs, ys)[:4]))
print(tuple(linreg.train(xs, ys, 0.0, 0.0, learning_rate=0.1, iterations=50)[:3]))
"""


def test_the_library_gives_the_same_answers_under_python3_minimal(minimal: List[str]) -> None:
    full = run([sys.executable], "-c", LIBRARY)
    bare = run(minimal, "-c", LIBRARY)
    assert full.returncode == 0, full.stderr
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout == full.stdout, (bare.stdout, full.stdout)


def test_the_cli_runs_under_python3_minimal(minimal: List[str], tmp_path: Path) -> None:
    done = run(minimal, "-m", "linreg", "--iterations", "5000")
    assert done.returncode == 0, done.stderr
    assert "least squares (exact)" in done.stdout
    data = tmp_path / "line.csv"
    data.write_text("x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n", encoding="utf-8")
    fitted = run(minimal, "-m", "linreg", "fit", str(data))
    assert fitted.returncode == 0 and "converged after" in fitted.stdout, fitted.stderr


def test_the_oracle_checks_a_candidate_under_python3_minimal(minimal: List[str]) -> None:
    """Without fractions, json or Hypothesis: exact references in integer ratios, the
    built-in battery, and the diagnosis."""
    code = (
        "import sys; sys.path.insert(0, %r); import oracle_candidates as c; from linreg import"
        " oracle; r = oracle.check_gradient(c.make('gradient', mistake='sign flipped'),"
        " examples=20); print(r.search, r.passed, r.diagnosis.name)" % str(ROOT / "tests")
    )
    done = run(minimal, "-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "the built-in battery False sign flipped", done.stdout


def test_json_under_python3_minimal_says_json_is_missing(minimal: List[str]) -> None:
    done = run(minimal, "-m", "linreg", "--iterations", "10", "--json")
    assert done.returncode == 1 and "json" in done.stderr and "Traceback" not in done.stderr, (
        done.stderr
    )
