"""Run one script or a whole folder laid out like ADL's corpus (the zips plus
``_TestCases_properties/`` and ``_codebook/``), in the order packages sharing global
objectives need (FORMAT.md §12)."""
from __future__ import annotations

from pathlib import Path

from scorm.conformance.commands import read_codebook
from scorm.conformance.driver import RunResult, ScriptRun
from scorm.conformance.errors import ConformanceError
from scorm.conformance.learner import Learners
from scorm.conformance.package import load_package
from scorm.conformance.script import read_script_bytes

FIRST = ("API", "DMI", "DMB", "DDM")


def find_codebook(*near: Path) -> Path:
    """``_codebook/Commands.properties`` next to or above the given paths."""
    for path in near:
        for folder in (path.parent, path.parent.parent, path):
            candidate = folder / "_codebook" / "Commands.properties"
            if candidate.is_file():
                return candidate
    raise ConformanceError(f"no _codebook/Commands.properties near {', '.join(map(str, near))}")


def package_paths(title: str, folder: Path) -> list[Path]:
    """Script ``X`` drives ``LMSTestPackage_X.zip``; DDM drives DDMa and DDMb."""
    names = ["DDMa", "DDMb"] if title == "DDM" else [title]
    return [folder / f"LMSTestPackage_{name}.zip" for name in names]


def run_script(script_path: Path, package_files: list[Path], codebook: Path,
               learners: Learners | None = None) -> RunResult:
    """Run one script against its package(s). Raises ConformanceError for a missing file."""
    for path in (script_path, codebook, *package_files):
        if not path.is_file():
            raise ConformanceError(f"{path} does not exist")
    script = read_script_bytes(script_path.read_bytes())
    packages = {}
    for path in package_files:
        package = load_package(path)
        packages[package.name] = package
    learners = learners or Learners()
    run = ScriptRun(script, packages, read_codebook(codebook), learners.for_script(script.title))
    return run.run()


def scripts_in_order(folder: Path) -> list[Path]:
    """Every script with its package(s) present: API, DMI, DMB, DDM first, then by name."""
    scripts = sorted((folder / "_TestCases_properties").glob("*.properties"))
    usable = [s for s in scripts if all(p.is_file() for p in package_paths(s.stem, folder))]
    return sorted(usable, key=lambda s: (FIRST.index(s.stem) if s.stem in FIRST else len(FIRST),
                                         s.stem))


def run_all(folder: Path) -> list[RunResult]:
    """Run every scripted package of ``folder`` for one pair of learners, in order."""
    codebook = find_codebook(folder / "_TestCases_properties" / "x")
    learners = Learners()
    return [run_script(script, package_paths(script.stem, folder), codebook, learners)
            for script in scripts_in_order(folder)]
