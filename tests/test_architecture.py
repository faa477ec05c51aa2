"""The layout is the architecture: imports only go down the layers the README's map shows.

0  linreg.core, linreg.errors         the teaching core knows nothing of the rest
1  linreg.careful                     the careful path builds on the core
2  linreg.api, _checks, types, _compat  the boundary
3  linreg.tutorials                   the tutorials' wing
4  linreg.cli, linreg.__main__        the command line
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import List, Tuple

import pytest

import linreg

PACKAGE = Path(__file__).resolve().parent.parent / "linreg"

LAYERS = [
    ("linreg.core", 0),
    ("linreg.errors", 0),
    ("linreg.careful", 1),
    ("linreg.api", 2),
    ("linreg._checks", 2),
    ("linreg.types", 2),
    ("linreg._compat", 2),
    ("linreg.features", 2),
    ("linreg.tutorials", 3),
    ("linreg.oracle", 3),
    ("linreg.plot", 3),
    ("linreg.cli", 4),
    ("linreg.__main__", 4),
]


def layer(module: str) -> int:
    for prefix, level in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            return level
    raise AssertionError("%s belongs to no layer: add it to LAYERS and the README map" % module)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def linreg_imports(path: Path) -> List[Tuple[str, int]]:
    """Every linreg module this file imports (relative imports resolved), with its line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] + [target + "." + a.name for a in node.names]
            found += [(t, node.lineno) for t in targets if _is_module(t)]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("linreg")]
    return [(t, line) for t, line in found if t.startswith("linreg") and t != "linreg"]


def _is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_only_go_down(path: Path) -> None:
    here = module_name(path)
    upward = [
        "%s (line %d, layer %d)" % (target, line, layer(target))
        for target, line in linreg_imports(path)
        if layer(target) > layer(here)
    ]
    assert not upward, "%s (layer %d) imports upward: %s" % (here, layer(here), upward)


def test_the_teaching_core_imports_only_itself_and_the_standard_library() -> None:
    for path in (PACKAGE / "core").glob("*.py"):
        outside = [t for t, _ in linreg_imports(path) if not t.startswith("linreg.core")]
        assert not outside, (path.name, outside)


def test_no_public_name_shadows_a_module() -> None:
    """`import linreg.X` must never collide with a function linreg.X."""
    modules = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir()
    }
    assert not set(linreg.__all__) & modules, set(linreg.__all__) & modules


def test_the_public_api_is_small_and_every_name_resolves() -> None:
    assert 15 <= len(linreg.__all__) <= 20, len(linreg.__all__)
    for name in linreg.__all__:
        assert getattr(linreg, name) is not None, name
