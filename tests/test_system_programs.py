"""Every program outside the virtualenv that the tests or benchmarks run is installed by the
project itself: listed, with its Debian package, in tests/tools/programs.tsv, which
tests/tools/system_deps.sh installs. A program the suite starts that is missing from that table
would pass on a machine where someone installed it by hand and fail on a fresh one.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "tools" / "programs.tsv"

# How a program is named where the Python tests and benchmarks start or look for one.
PYTHON_PATTERNS = [
    re.compile(r"""shutil\.which\(\s*["']([\w.+-]+)["']"""),
    re.compile(r"""(?:run|Popen|check_output|check_call|call)\(\s*\[\s*["']([\w.+-]+)["']"""),
    re.compile(r"""Path\(\s*["']/usr/s?bin/([\w.+-]+)["']"""),
    re.compile(r"""executable_path\s*=\s*["']/usr/s?bin/([\w.+-]+)["']"""),
]
# ... and in the shell scripts of tests/tools and .ci.
SHELL_PATTERNS = [
    re.compile(r"""\$bin/([\w.+-]+)"""),
    re.compile(r"""\b(runuser)\b"""),
    re.compile(r"""/usr/s?bin/([\w.+-]+)"""),
]
# Always there on a Debian machine with Python (the image's own tools, not installed by us).
BASE_SYSTEM = {"bash", "env", "sh", "apt-get", "sudo", "id", "python3", "make", "git"}


def table() -> dict[str, tuple[str, str]]:
    rows = {}
    for number, line in enumerate(TABLE.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == 3, f"{TABLE.name}:{number}: want program<TAB>package<TAB>where, got {line!r}"
        rows[fields[0]] = (fields[1], fields[2])
    return rows


def programs_the_suite_runs() -> dict[str, str]:
    """Each program named by the tests, benchmarks and CI scripts, with one place naming it."""
    found: dict[str, str] = {}
    sources = [(p, PYTHON_PATTERNS) for folder in ("tests", "bench") for p in (ROOT / folder).rglob("*.py")]
    sources += [(p, SHELL_PATTERNS) for p in [*(ROOT / "tests" / "tools").glob("*.sh"), ROOT / ".ci" / "run"]]
    for path, patterns in sources:
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern in patterns:
                for name in pattern.findall(line):
                    found.setdefault(name, f"{path.relative_to(ROOT)}:{number}")
    return found


def test_the_scanner_sees_the_programs_we_know_of():
    seen = programs_the_suite_runs()
    assert {"wrk", "chromium", "initdb", "pg_ctl", "psql", "runuser"} <= set(seen)


def test_every_program_the_suite_runs_is_installed_by_the_project():
    listed = table()
    unlisted = {name: where for name, where in programs_the_suite_runs().items()
                if name not in listed and name not in BASE_SYSTEM}
    assert not unlisted, (
        "the suite runs programs that tests/tools/programs.tsv does not list (add each with its "
        "Debian package, e.g. `apt-cache search NAME`): "
        + ", ".join(f"{name} ({where})" for name, where in sorted(unlisted.items())))


def test_system_deps_installs_from_the_table():
    script = (ROOT / "tests" / "tools" / "system_deps.sh").read_text()
    assert "programs.tsv" in script


def test_programs_from_pypi_are_in_the_test_extra():
    setup = (ROOT / "setup.cfg").read_text()
    for program, (package, _where) in table().items():
        if package.startswith("pypi:"):
            assert re.search(rf"^\s+{re.escape(package[5:])}\b", setup, re.M), (
                f"{program}: setup.cfg does not install {package[5:]}")


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only CI must have every program")
def test_under_ci_every_listed_program_is_present():
    absent = []
    for program, (package, where) in table().items():
        if where == "VENV":
            present = Path(sys.executable).with_name(program).exists()
        else:
            present = shutil.which(program) if where == "PATH" else glob.glob(where)
        if not present:
            absent.append(f"{program} (Debian package {package})")
    assert not absent, "missing under CI: " + ", ".join(absent)
