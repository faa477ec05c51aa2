"""Write docs/api.md, the reference of every public name, from the code itself.

    python tools/api_reference.py          rewrite docs/api.md
    python tools/api_reference.py --check  exit 1 if docs/api.md is stale

Each entry is the name's signature, as written in the source, and its docstring; a named
tuple lists its fields with the comment beside each.  tests/test_docs.py fails when a public
name has no docstring, a public function's docstring does not say what it raises, or the
page differs from what this script writes.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from pathlib import Path
from typing import Any, Callable, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "api.md"

HEADER = """\
# API reference

Every public name of linreg, with its signature and docstring. This page is written by
`python tools/api_reference.py` from the code; a test fails when it is stale, so it says
what the code does.

Conventions used throughout:

- `Num` is the number type of one call: all `float`, or all `fractions.Fraction` for exact
  results through the same code (`int` converts to the call's type). `Real` is either.
- Options are keyword-only (after `*`).
- Every error is a `LinregError`, which is a `ValueError`; the message names the argument at
  fault. No function returns NaN or infinity.
- Loss conventions (`convention=`): `"half_mse"` (d = 2N, the default), `"mse"` (d = N),
  `"sse"` (d = 1), for L = (1/d)·Σrᵢ² (see [conventions.md](conventions.md)).
"""

SECTIONS: List[Tuple[str, str, str]] = [
    ("linreg", "__all__", "The functions and exceptions of `import linreg`."),
    (
        "linreg.features",
        "__all__",
        "Several features and polynomials: ŷ = w·x + b with x in Rᵈ ([features.md](features.md)).",
    ),
    ("linreg.types", "__all__", "The named tuples the functions return, for annotations."),
    (
        "linreg.oracle",
        "__all__",
        "Checks of other implementations against linreg's exact reference"
        " ([oracle.md](oracle.md)).",
    ),
]


def signature(obj: Callable[..., Any]) -> str:
    """The signature as written in the source: annotations unquoted, defaults as repr."""
    sig = inspect.signature(obj)
    parts, star = [], False
    for p in sig.parameters.values():
        if p.kind is p.KEYWORD_ONLY and not star:
            parts.append("*")
            star = True
        stars = "*" if p.kind is p.VAR_POSITIONAL else "**" if p.kind is p.VAR_KEYWORD else ""
        text = stars + p.name
        if p.annotation is not p.empty:
            text += ": %s" % annotation(p.annotation)
        if p.default is not p.empty:
            text += " = %r" % (p.default,) if p.annotation is not p.empty else "=%r" % (p.default,)
        parts.append(text)
    result = "(%s)" % ", ".join(parts)
    if sig.return_annotation is not sig.empty:
        result += " -> %s" % annotation(sig.return_annotation)
    return result


def annotation(value: object) -> str:
    """An annotation as source text, whether the module postponed it (a string) or not."""
    if isinstance(value, str):
        return value
    if isinstance(value, type) and value.__module__ != "typing":
        return value.__name__
    return str(value).replace("typing.", "")


def markdown(doc: str) -> str:
    """A docstring's reST roles as Markdown code: :func:`x` and ``x`` become `x`."""
    doc = re.sub(r":(?:func|mod|class|meth|data|attr):`~?([^`]+)`", r"`\1`", doc)
    return doc.replace("``", "`")


def fields(cls: type) -> List[str]:
    """`name: type` and its comment, for each field of a named tuple, from the source."""
    source = inspect.getsource(cls)
    rows = []
    for name in cls._fields:  # type: ignore[attr-defined]
        match = re.search(r"^\s+%s: ([^=#\n]+?)\s*(?:=\s*([^#\n]+?))?\s*(?:#\s*(.*))?$" % name,
                          source, re.M)  # fmt: skip
        if match is None:
            raise SystemExit("%s.%s: field not found in the source" % (cls.__name__, name))
        kind, default, comment = match.groups()
        row = "- `%s: %s`" % (name, kind.strip())
        if default:
            row = row[:-1] + " = %s`" % default.strip()
        if comment:
            row += ": " + comment.strip()
        rows.append(row)
    return rows


def entry(module: str, name: str) -> List[str]:
    obj = getattr(importlib.import_module(module), name)
    lines = ["### `%s.%s`" % (module, name), ""]
    doc = markdown(inspect.getdoc(obj) or "")
    if isinstance(obj, type) and issubclass(obj, tuple) and hasattr(obj, "_fields"):
        lines += ["named tuple", ""]
        if doc:
            lines += [doc, ""]
        lines += fields(obj) + [""]
        for attr, value in sorted(vars(obj).items()):
            if not attr.startswith("_") and callable(value) and not attr.startswith("count"):
                method = getattr(obj, attr)
                words = markdown(inspect.getdoc(method) or "")
                lines += ["- `%s%s`: %s" % (attr, signature(method), words)]
        if lines[-1] != "":
            lines.append("")
    elif isinstance(obj, type):
        bases = ", ".join(b.__name__ for b in obj.__bases__)
        lines += ["class `%s(%s)`" % (name, bases), "", doc or "", ""]
    elif callable(obj):
        lines += ["```python", "%s%s" % (name, signature(obj)), "```", "", doc or "", ""]
    else:
        lines += ["```python", "%s = %r" % (name, obj), "```", ""]
    return lines


def render() -> str:
    out = [HEADER]
    for module, listing, words in SECTIONS:
        out += ["## `%s`" % module, "", words, ""]
        names = getattr(importlib.import_module(module), listing)
        for name in names:
            out += entry(module, name)
    text = "\n".join(out).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def main(argv: List[str]) -> int:
    text = render()
    if argv[1:] == ["--check"]:
        if PAGE.read_text(encoding="utf-8") != text:
            print("docs/api.md is stale: run python tools/api_reference.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main(sys.argv))
