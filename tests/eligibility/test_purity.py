"""The pure eligibility modules import only the standard library, each other and tracking's
vocabulary (itself pure: the standard library and ``scorm``)."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import lms_bridge.eligibility

PACKAGE_DIR = Path(lms_bridge.eligibility.__file__).parent
TRACKING_VOCABULARY = PACKAGE_DIR.parent / "tracking" / "vocabulary.py"
PURE_MODULES = ("errors", "vocabulary", "inputs", "matching", "wording", "rules", "states",
                "scoring")


def imported_names(source: str) -> list[tuple[int, str]]:
    """(relative level, module name) for every import statement in ``source``."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append((node.level, node.module or ""))
    return names


def impurities(source: str) -> list[str]:
    """Imports that are neither standard library nor a sibling pure module."""
    bad = []
    for level, name in imported_names(source):
        top = name.split(".")[0]
        if level == 1 and top in PURE_MODULES:
            continue
        if level == 2 and name == "tracking.vocabulary":
            continue
        if level == 0 and top in sys.stdlib_module_names:
            continue
        bad.append("." * level + name)
    return bad


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_module_imports_nothing_else(module):
    assert impurities((PACKAGE_DIR / f"{module}.py").read_text(encoding="utf-8")) == []


def test_the_shared_completion_vocabulary_is_pure():
    bad = [name for level, name in imported_names(TRACKING_VOCABULARY.read_text(encoding="utf-8"))
           if level or name.split(".")[0] not in sys.stdlib_module_names | {"scorm"}]
    assert bad == []


@pytest.mark.parametrize("source, bad", [
    ("import flask", ["flask"]),
    ("from sqlalchemy.orm import Session", ["sqlalchemy.orm"]),
    ("from lms_bridge.db import db", ["lms_bridge.db"]),
    ("from .models import Workshop", [".models"]),
    ("from .. import errors", [".."]),
    ("from ..tracking.models import Completion", ["..tracking.models"]),
    ("from ..tracking.vocabulary import SourceKind", []),
    ("import datetime\nfrom .rules import Decision", []),
])
def test_impurity_check_catches_forbidden_imports(source, bad):
    assert impurities(source) == bad
