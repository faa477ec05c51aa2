"""The docs cannot drift from the code: the pictures they show and the API reference are
regenerated here and compared, and every public name must be documented.

(The examples in the docs run as doctests: pytest collects docs/*.md and README.md.)
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import io
import re
from pathlib import Path
from types import ModuleType
from typing import List

import pytest

import linreg
from linreg.cli import main

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "docs" / "pictures"
#: Each picture in the docs and the command that draws it.
DRAWN = {
    "arange.svg": ["--preset", "arange"],
    "uniform.svg": ["--preset", "uniform"],
    "train-test.svg": ["--preset", "train-test"],
}
PUBLIC = [("linreg", linreg.__all__)] + [
    (name, importlib.import_module(name).__all__)
    for name in ("linreg.features", "linreg.types", "linreg.oracle")
]


def api_reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "api_reference", ROOT / "tools" / "api_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", sorted(DRAWN))
def test_each_picture_in_the_docs_is_what_the_code_draws_today(name: str, tmp_path: Path) -> None:
    fresh = tmp_path / name
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(DRAWN[name] + ["--plot", str(fresh)]) == 0
    committed = (PICTURES / name).read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "docs/pictures/%s is stale: run python -m linreg %s --plot docs/pictures/%s"
        % (name, " ".join(DRAWN[name]), name)
    )


def test_every_picture_is_shown_and_every_shown_picture_exists() -> None:
    shown = set()
    for page in (ROOT / "docs").glob("*.md"):
        shown |= set(re.findall(r"\]\(pictures/([^)]+)\)", page.read_text(encoding="utf-8")))
    on_disk = {p.name for p in PICTURES.glob("*.svg")}
    assert shown == on_disk == set(DRAWN), (shown, on_disk)


def test_api_reference_page_is_current() -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert page == api_reference().render(), (
        "docs/api.md is stale: run python tools/api_reference.py"
    )


@pytest.mark.parametrize("module, name", [(m, n) for m, names in PUBLIC for n in names])
def test_every_public_name_is_documented(module: str, name: str) -> None:
    obj = getattr(importlib.import_module(module), name)
    if isinstance(obj, tuple) and not isinstance(obj, type):  # CONVENTIONS: a constant
        return
    doc = inspect.getdoc(obj) or ""
    assert len(doc) > 20, "%s.%s has no docstring worth the name: %r" % (module, name, doc)
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert "### `%s.%s`" % (module, name) in page


def public_functions() -> List[str]:
    return [
        "%s.%s" % (m, n)
        for m, names in PUBLIC
        for n in names
        if inspect.isfunction(getattr(importlib.import_module(m), n))
    ]


@pytest.mark.parametrize("qualified", public_functions())
def test_every_public_function_says_what_it_raises(qualified: str) -> None:
    module, name = qualified.rsplit(".", 1)
    doc = inspect.getdoc(getattr(importlib.import_module(module), name)) or ""
    assert re.search(r"\bRaises?\b|errors as", doc), "%s does not say what it raises:\n%s" % (
        qualified,
        doc,
    )


def lines_of(name: str) -> int:
    return len((ROOT / "linreg" / "core" / name).read_text(encoding="utf-8").splitlines())


def test_the_readers_path_in_the_readme_counts_the_lines_the_files_have() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    path = " ".join(readme[readme.index("A reader's path") :].split("\n\n")[0].split())
    counts = dict(re.findall(r"`core/(\w+\.py)` \([^)]*?(\d+) lines\)", path))
    counts["__init__.py"] = re.search(r"reading order, (\d+) lines", path).group(1)  # type: ignore[union-attr]
    for name, count in counts.items():
        assert lines_of(name) == int(count), (name, lines_of(name), count)
    descent = (ROOT / "linreg" / "core" / "descent.py").read_text(encoding="utf-8").splitlines()
    update = int(re.search(r"update rule is line (\d+)", path).group(1))  # type: ignore[union-attr]
    assert "w - learning_rate * g.dw" in descent[update - 1], descent[update - 1]
    first, last = map(int, re.search(r"loop lines (\d+)–(\d+)", path).groups())  # type: ignore[union-attr]
    assert descent[first - 1].startswith("def train(") and last == len(descent), (first, last)
    one_feature = ["__init__.py", "numbers.py", "data.py", "model.py", "gradient.py", "descent.py"]
    total = int(re.search(r"in one sitting \((\d+) lines\)", readme).group(1))  # type: ignore[union-attr]
    assert total == sum(lines_of(n) for n in one_feature), total
