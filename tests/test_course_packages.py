"""The modules shipped in packages/ build, in both SCORM versions, every language and both kinds
(single-unit and per-lesson), into packages that pass validation with no finding at all, that a
safe extraction accepts, and that the same sources rebuild byte for byte."""
import zipfile
from pathlib import Path

import pytest

from scorm.archive import extract_package
from scorm.builder import build_package
from scorm.source import load_module_source
from scorm.validate import validate_package
from tests.conftest import PROJECT_ROOT

MODULES = sorted(p.parent for p in (PROJECT_ROOT / "packages").glob("*/module.yaml"))
BUILDS = [(m, v, lang) for m in MODULES for v in ("1.2", "2004")
          for lang in load_module_source(m).languages]
UNITS = ["single", "per-lesson"]


def test_the_three_pre_workshop_modules_are_there():
    assert {m.name for m in MODULES} >= {"hs-classification", "customs-valuation",
                                         "blended-prerequisites"}
    assert any(len(load_module_source(m).languages) > 1 for m in MODULES), "one module in French"


@pytest.mark.parametrize("units", UNITS)
@pytest.mark.parametrize("module, version, language", BUILDS,
                         ids=[f"{m.name}-{v}-{lang}" for m, v, lang in BUILDS])
def test_built_package_validates_without_findings(tmp_path, module, version, language, units):
    path = build_package(module, version, language=language, output_dir=tmp_path, units=units)
    with zipfile.ZipFile(path) as archive:
        report = validate_package(archive.read("imsmanifest.xml"), archive.namelist(), archive.read)
    assert report.is_importable
    assert [str(f.message) for f in report.findings] == []
    extracted = extract_package(path, tmp_path / "extracted")
    assert (extracted.root / "imsmanifest.xml").is_file()


@pytest.mark.parametrize("units", UNITS)
@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("module", MODULES, ids=[m.name for m in MODULES])
def test_builds_are_byte_identical(tmp_path, module, version, units):
    first = build_package(module, version, output_dir=tmp_path / "a", units=units).read_bytes()
    second = build_package(module, version, output_dir=tmp_path / "b", units=units).read_bytes()
    assert first == second


def test_the_guide_recommends_the_single_unit_build_and_the_moodle_settings():
    guide = (PROJECT_ROOT / "packages" / "README.md").read_text(encoding="utf-8")
    assert "Use 2004 unless the LMS only knows 1.2" not in guide
    assert "`--units single` (the default, recommended)" in guide
    moodle = guide[guide.index("## Using the packages in Moodle"):]
    for setting in ("Display package: Current window", "grade type to **None**",
                    "Require all SCOs to return completion status", "Auto-continue"):
        assert setting in moodle, setting
