"""The stubs of the native module name exactly what it defines, and every public name has docs."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import precis
import precis.rouge
from precis import _native

STUB = Path(precis.__file__).with_name("_native.pyi")


def stub_names() -> dict[str, set[str]]:
    """Top-level names of the stub, and the members each stub class declares."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)} | {
                n.target.id
                for n in node.body
                if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            }
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = set()
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = set()
    return names


def test_stub_matches_module() -> None:
    stubs = stub_names()
    module = {n for n in dir(_native) if not n.startswith("__") or n == "__version__"}
    assert set(stubs) - {"__all__", "_Document"} == module
    for name, members in stubs.items():
        obj = getattr(_native, name)
        if inspect.isclass(obj) and not issubclass(obj, BaseException):
            public = {m for m in vars(obj) if not m.startswith("_")}
            declared = {m for m in members if not m.startswith("_")}
            assert declared == public, name


def test_public_names_have_docstrings() -> None:
    for module in (precis, precis.rouge):
        assert module.__doc__
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj) and not isinstance(obj, type(precis.Documents)):
                assert inspect.getdoc(obj), f"{module.__name__}.{name} has no docstring"
    for cls in (precis.Summary, precis.Sentence):
        for name, member in vars(cls).items():
            if not name.startswith("_"):
                assert inspect.getdoc(member), f"{cls.__name__}.{name} has no docstring"
