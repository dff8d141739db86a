"""The layers of docs/layout.md hold: the arithmetic and the shared modules import only downwards."""

from __future__ import annotations

import ast
import pathlib

import pytest

SRC = pathlib.Path(__file__).parents[2] / "src" / "licensing"
SHARED = {"licensing.errors", "licensing._checks", "licensing._cards", "licensing._spoofing", "licensing._format", "licensing._pickles"}


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: pathlib.Path) -> list[tuple[str, bool]]:
    """Every module of ours ``path`` imports, and whether the import sits inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend((alias.name, inside) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [f"{child.module}.{alias.name}" for alias in child.names]
                found.extend((name, inside) for name in [child.module, *names])
            visit(child, inside)

    visit(tree, in_function=False)
    return [(name, inside) for name, inside in found if name.startswith("licensing")]


def _modules(package: str) -> list[pathlib.Path]:
    folder = SRC / package if package else SRC
    return sorted(folder.glob("*.py")) if package else [SRC / f"{name.split('.')[-1]}.py" for name in SHARED]


def _known(name: str) -> str | None:
    # "licensing.pricing.money.Money" is the module licensing.pricing.money.
    parts = name.split(".")
    while parts:
        candidate = SRC.parent.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    return None


@pytest.mark.parametrize("path", _modules(""), ids=lambda path: path.name)
def test_the_shared_modules_import_nothing_of_ours_but_the_errors_and_each_other(path: pathlib.Path) -> None:
    for name, _ in _imports(path):
        module = _known(name)
        assert module in {*SHARED, "licensing"}, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", _modules("pricing"), ids=lambda path: path.name)
def test_pricing_imports_only_itself_and_the_shared_modules_at_module_level(path: pathlib.Path) -> None:
    for name, inside in _imports(path):
        module = _known(name)
        assert module is not None
        assert module in {*SHARED, "licensing"} or module.startswith("licensing.pricing"), f"{path.name}: {name}"
        assert not inside, f"{path.name} imports {name} inside a function"


def test_pricing_has_no_import_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for path in _modules("pricing"):
        me = _module_name(path)
        graph[me] = {
            module
            for name, _ in _imports(path)
            if (module := _known(name)) and module.startswith("licensing.pricing.") and module != me
        }
    done: set[str] = set()

    def walk(node: str, trail: tuple[str, ...]) -> None:
        assert node not in trail, " -> ".join((*trail, node))
        if node in done:
            return
        for nxt in graph.get(node, ()):
            walk(nxt, (*trail, node))
        done.add(node)

    for node in graph:
        walk(node, ())
