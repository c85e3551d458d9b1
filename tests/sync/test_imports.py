"""``sync/`` is a pure library like ``scorm/``: no Flask, SQLAlchemy or ``lms_bridge`` (its jobs
and the scheduler live in the app), and no module-level cycle between its modules."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SYNC_DIR = Path(__file__).resolve().parents[2] / "sync"
FORBIDDEN = ("lms_bridge", "flask", "sqlalchemy")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


CONNECTOR_FILES = sorted(SYNC_DIR.glob("*.py"))


@pytest.mark.parametrize("path", CONNECTOR_FILES, ids=lambda p: p.name)
def test_connector_modules_import_no_app_code(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_walk_sees_the_connectors():
    assert {"moodle.py", "xapi.py", "csv.py", "http.py"} <= {p.name for p in CONNECTOR_FILES}


def test_no_module_of_sync_imports_one_that_imports_it():
    graph = {p.stem: {m.split(".", 1)[1] for m in imported_modules(p) if m.startswith("sync.")}
             for p in CONNECTOR_FILES}
    pairs = sorted((a, b) for a, deps in graph.items() for b in deps if a in graph.get(b, ()))
    assert pairs == []
