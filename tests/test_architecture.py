"""The house has one way through: each package imports only the ones before it.

ingest → normalizers → extractors → checker → outputs, with the store beside the
checker and the pipeline above them all, the web workspace above the pipeline; the
command line talks to the pipeline and the web workspace alone. A backward import or a cycle is how a stage starts doing another's job,
so this test reads every module's imports (including those inside functions)
and fails on either.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lower ranks come first in the flow; a package may import its own rank or lower ones.
RANKS = {
    "errors": 0, "config": 0, "cache": 0, "models": 0, "corpus": 0,
    "normalizers": 1, "ingest": 2, "extractors": 3,
    "checker": 4, "store": 4, "outputs": 5,
    "pipeline": 6, "eval": 7, "web": 7, "cli": 8,
}
# What a stage must never see, whatever the ranks say.
FORBIDDEN = {
    "checker": {"ingest", "outputs", "store", "pipeline", "cli"},
    "cli": set(RANKS) - {"pipeline", "web", "errors", "cli"},
    # the web workspace runs the stages through the pipeline, never a second way
    "web": {"ingest", "normalizers", "extractors", "eval", "cli"},
}


def package_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0].removesuffix(".py")


def imported_packages(path: Path) -> set[str]:
    """Top-level shenbao packages a module imports, relative or absolute, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT)
    depth = len(rel.parts) - 1  # how many folders below the package root
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel.parts[:-1])[: max(0, depth - node.level + 1)]
                target = base + (node.module.split(".") if node.module else [])
                if not target and node.names:
                    target = [node.names[0].name]
                found.add(target[0] if target else "")
            elif node.module and node.module.startswith("shenbao."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("shenbao."))
    return {p for p in found if p in RANKS}


def modules() -> list[Path]:
    return sorted(p for name in RANKS for p in ([ROOT / f"{name}.py"] + sorted((ROOT / name).rglob("*.py")))
                  if p.is_file())


GRAPH = {path: imported_packages(path) for path in modules()}


@pytest.mark.parametrize("path", list(GRAPH), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_one_way(path):
    own = package_of(path)
    backward = {p for p in GRAPH[path] if RANKS[p] > RANKS[own]}
    forbidden = GRAPH[path] & FORBIDDEN.get(own, set())
    assert not backward, f"{path.relative_to(ROOT)} imports later stages {sorted(backward)}"
    assert not forbidden, f"{path.relative_to(ROOT)} must not import {sorted(forbidden)}"


def test_no_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for path, targets in GRAPH.items():
        edges.setdefault(package_of(path), set()).update(t for t in targets if t != package_of(path))

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in edges.get(start, ()))

    cycles = sorted(p for p in edges if reaches(p, p, {p}))
    assert not cycles, f"packages that import themselves through others: {cycles}"


def test_the_walk_sees_imports():
    # the test itself can fail: the checker's evaluation does import its own package and models
    checker_screen = ROOT / "checker" / "screen.py"
    assert {"models", "checker"} <= GRAPH[checker_screen]
    assert "pipeline" in GRAPH[ROOT / "cli.py"]
