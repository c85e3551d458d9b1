import json

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import func, select

from lms_bridge.catalog.builds import PROJECT_ROOT
from lms_bridge.catalog.models import Module, PackageVersion, VersionState
from lms_bridge.cli import cli
from lms_bridge.db import db
from scorm.source import load_module_source
from tests.catalog.packages import manifest_12, write_package

GOLF = "rustici-golf/RuntimeBasicCalls_SCORM12.zip"
PACKAGES = PROJECT_ROOT / "packages"


@pytest.fixture
def invoke(app):
    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], obj=ScriptInfo(create_app=lambda: app))
    return run


def _tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize("archive, exit_code, expected", [
    (GOLF, 0, "importable"),
    ("adl-cts-2004-4th/LMSTestPackage_API.zip", 0, "warning declared-file-missing"),
    ("elearning-module-parser-fixtures/InvalidFileReferences_SCORM12.zip", 1,
     "imsmanifest.xml:26: error launch-file-missing"),
    ("moodle/badscorm.zip", 2, "zip -r ../package.zip"),
    ("moodle/validaicc.zip", 2, "error archive.not_scorm_aicc"),
    ("elearning-module-parser-fixtures/cmi5_not_scorm.zip", 2, "archive.not_scorm_cmi5"),
    ("snyk-zip-slip/zip-slip.zip", 2, "error archive.traversal"),
])
def test_validate_exit_codes_and_lines(invoke, scorm_corpus, tmp_path, archive, exit_code, expected):
    before = _tree(tmp_path)
    result = invoke("validate", scorm_corpus / archive)
    assert result.exit_code == exit_code, result.output
    assert expected in result.output
    assert _tree(tmp_path) == before


def test_validate_shows_hints(invoke, scorm_corpus):
    result = invoke("validate", scorm_corpus / "elearning-module-parser-fixtures/InvalidFileReferences_SCORM12.zip")
    assert "    hint: Add the file to the package" in result.output


def test_validate_json_lists_launchable_items_in_order(invoke, scorm_corpus):
    result = invoke("validate", "--json", scorm_corpus / "adl-cts-2004-4th/LMSTestPackage_API.zip")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["version"] == "2004 4th Edition"
    assert report["organization"] and report["importable"] is True
    assert [i["scorm_type"] for i in report["launchable_items"]].count("sco") == 2
    assert all(i["launch_url"] for i in report["launchable_items"])
    assert [f["code"] for f in report["findings"]] == ["declared-file-missing"]


def test_validate_json_for_an_unusable_archive(invoke, scorm_corpus):
    result = invoke("validate", "--json", scorm_corpus / "moodle/badscorm.zip")
    data = json.loads(result.output)
    assert result.exit_code == 2
    assert data["archive_error"]["code"] == "archive.manifest_not_at_root"


def test_validate_extracts_nothing(invoke, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    package = write_package(work / "p.zip")
    monkeypatch.chdir(work)
    result = invoke("validate", package)
    assert result.exit_code == 0, result.output
    assert _tree(work) == ["p.zip"]


def test_import_and_publish(app, invoke, scorm_corpus):
    result = invoke("import", scorm_corpus / GOLF, "--module", "golf", "--publish")
    assert result.exit_code == 0, result.output
    assert "imported as golf v1" in result.output and "published" in result.output
    again = invoke("import", scorm_corpus / GOLF, "--module", "golf")
    assert "identical" in again.output and again.exit_code == 0


def test_import_refused_prints_findings(app, invoke, tmp_path):
    package = write_package(tmp_path / "bad.zip", manifest_12(href="missing.html"), files={})
    result = invoke("import", package, "--module", "bad")
    assert result.exit_code == 1
    assert "error launch-file-missing" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Module.id))) == 0


def test_package_build_both_versions(invoke, tmp_path):
    for version, flavour in (("1.2", "scorm12"), ("2004", "scorm2004")):
        result = invoke("package", "build", PACKAGES / "hs-classification", "--scorm", version,
                        "--lang", "fr", "-o", tmp_path)
        assert result.exit_code == 0, result.output
        assert result.output.strip().endswith(f"hs-classification-1.0.0-fr-{flavour}.zip")


def test_package_build_reports_source_errors_with_file_and_line(invoke, tmp_path):
    source = tmp_path / "broken"
    source.mkdir()
    (source / "module.yaml").write_text("slug: broken\nversion: one\n")
    result = invoke("package", "build", source, "--scorm", "2004", "-o", tmp_path / "dist")
    assert result.exit_code == 1
    assert f"{source / 'module.yaml'}:" in result.output
    assert not (tmp_path / "dist").exists()


def test_package_publish_sets_module_fields_and_is_idempotent(app, invoke):
    result = invoke("package", "publish", PACKAGES / "customs-valuation")
    assert result.exit_code == 0, result.output
    again = invoke("package", "publish", PACKAGES / "customs-valuation").output
    assert "customs-valuation v1 (en edition): unchanged (identical build).\n" in again
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "customs-valuation"))
        assert module.title.startswith("Customs valuation") and module.topic == "Customs valuation"
        assert module.min_score == 70 and module.completion_rule.value == "CompletedAndPassed"
        versions = db.session.scalars(select(PackageVersion).where(
            PackageVersion.language == "en")).all()
        assert [(v.number, v.state) for v in versions] == [(1, VersionState.PUBLISHED)]
        assert versions[0].scorm_version.startswith("2004")


def test_demo_load_publishes_every_edition_of_the_three_modules_once(app, invoke):
    assert invoke("demo", "load").exit_code == 0
    assert invoke("demo", "load").exit_code == 0
    expected = sorted((slug, language, VersionState.PUBLISHED) for slug in
                      ("blended-prerequisites", "customs-valuation", "hs-classification")
                      for language in load_module_source(PACKAGES / slug).languages)
    assert ("hs-classification", "fr", VersionState.PUBLISHED) in expected
    with app.app_context():
        rows = db.session.execute(select(Module.slug, PackageVersion.language,
                                         PackageVersion.state).join(PackageVersion)).all()
        assert sorted(rows) == expected


def test_package_publish_one_language_as_a_national_variant(app, invoke):
    assert invoke("package", "publish", PACKAGES / "hs-classification").exit_code == 0
    result = invoke("package", "publish", PACKAGES / "hs-classification", "--lang", "en",
                    "--edition", "en-KE")
    # the same bytes as the English edition: refused rather than relabelled
    assert result.exit_code != 0 and "already imported as version 1, the en edition" in result.output
    result = invoke("package", "publish", PACKAGES / "hs-classification", "--lang", "fr",
                    "--edition", "<b>")
    assert result.exit_code != 0 and "is not an edition code" in result.output
    with app.app_context():
        rows = db.session.execute(select(PackageVersion.number, PackageVersion.language,
                                         PackageVersion.state).order_by(PackageVersion.number)).all()
        languages = load_module_source(PACKAGES / "hs-classification").languages
        assert rows == [(n, code, VersionState.PUBLISHED) for n, code in enumerate(languages, 1)]
