"""Every archive of the third-party SCORM corpus against its expected validation outcome.

``corpus_expectations.json`` was written from ``index.json``'s facts and a reading of each broken
package (its ``why``), not from this validator's output. Entries with ``scope: archive`` are not
SCORM packages with a root manifest (AICC, cmi5, zip-slip, tar, manifest in a subfolder): the
archive helper refuses them; here they must only be recognised as such without crashing.
"""
import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from scorm.validate import FindingCode, Severity, report_to_dict, validate_package

EXPECTATIONS = json.loads(
    (Path(__file__).with_name("corpus_expectations.json")).read_text(encoding="utf-8"))


def _validate_root_manifest(path: Path):
    """The report for a zip with a root imsmanifest.xml; None for anything else."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        return None
    with archive:
        names = archive.namelist()
        if "imsmanifest.xml" not in names:
            return None
        return validate_package(archive.read("imsmanifest.xml"), names, archive.read)


@pytest.mark.corpus
def test_the_table_covers_the_whole_corpus(scorm_corpus):
    index = json.loads((scorm_corpus / "index.json").read_text(encoding="utf-8"))
    assert sorted(entry["file"] for entry in index) == sorted(EXPECTATIONS)


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_corpus_package(scorm_corpus, name):
    expected = EXPECTATIONS[name]
    report = _validate_root_manifest(scorm_corpus / name)
    if expected["scope"] == "archive":
        assert report is None, "a root manifest was found in an archive-scope entry"
        return
    codes = Counter(f.code.value for f in report.findings)
    assert codes == Counter(expected["findings"]), [str(f) for f in report.findings]
    assert report.is_importable is expected["importable"]
    version = report.manifest.version.value if report.manifest else None
    assert version == expected["version"]
    if report.manifest:
        assert report.manifest.version_inferred is expected["version_inferred"]
    _check_details(report, expected)
    json.dumps(report_to_dict(report))


def _check_details(report, expected) -> None:
    if "missing_files" in expected:
        missing = [f for f in report.findings if f.code is FindingCode.DECLARED_FILE_MISSING]
        assert [f.subject for f in missing] == expected["missing_files"]
        assert all(f.severity is Severity.WARNING and f.location.line for f in missing)
    if "sco_items" in expected:
        assert sum(1 for item in report.launchable if item.is_sco) == expected["sco_items"]
    if "organization" in expected:
        assert report.organization.identifier == expected["organization"]
    if "first_launch_url" in expected:
        assert report.launchable[0].launch_url == expected["first_launch_url"]
