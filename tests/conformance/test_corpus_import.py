"""The whole third-party corpus through the real import path (``import_package``).

Importable packages (per ``corpus_expectations.json``) become a version row with their files in
the content store; every other one raises PackageRejected with its expected code (an archive
code for ``scope: archive`` entries, the validator's error codes otherwise) and leaves nothing:
no row, no file in the store, nothing anywhere else (the zip-slip archives included).
"""
import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lms_bridge.catalog.models import PackageVersion
from lms_bridge.catalog.operations import PackageRejected, import_package
from lms_bridge.catalog.store import content_store
from lms_bridge.db import db

EXPECTATIONS = json.loads(
    (Path(__file__).with_name("corpus_expectations.json")).read_text(encoding="utf-8"))
# What the archive layer says about each entry that is not a SCORM zip with a root manifest.
ARCHIVE_CODES = {
    "elearning-module-parser-fixtures/aicc_not_scorm.zip": "archive.not_scorm_aicc",
    "elearning-module-parser-fixtures/cmi5_not_scorm.zip": "archive.not_scorm_cmi5",
    "moodle/badscorm.zip": "archive.manifest_not_at_root",
    "moodle/invalid.zip": "archive.no_manifest",
    "moodle/validaicc.zip": "archive.not_scorm_aicc",
    "snyk-zip-slip/zip-slip-win.tar": "archive.not_zip",
    "snyk-zip-slip/zip-slip.tar": "archive.not_zip",
    "snyk-zip-slip/zip-slip-win.zip": "archive.traversal",
    "snyk-zip-slip/zip-slip.zip": "archive.traversal",
}


def _slug(name: str) -> str:
    return "c-" + "".join(ch if ch.isalnum() else "-" for ch in name.lower())[-90:].strip("-")


def _outcome(path: Path, name: str):
    try:
        result = import_package(path, _slug(name), None, original_filename=path.name)
    except PackageRejected as exc:
        return None, exc
    return result.version, None


@pytest.mark.corpus
def test_every_corpus_package_through_the_import(app, scorm_corpus, monkeypatch, tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    assert set(ARCHIVE_CODES) == {n for n, e in EXPECTATIONS.items() if e["scope"] == "archive"}
    problems, imported = [], 0
    with app.app_context():
        store = content_store()
        for name, expected in sorted(EXPECTATIONS.items()):
            version, refusal = _outcome(scorm_corpus / name, name)
            problems += _check(name, expected, version, refusal, store)
            imported += version is not None
        assert problems == []
        assert db.session.scalar(select(func.count(PackageVersion.id))) == imported
        stored = {p.name for p in (store.root / "content").iterdir()}
        assert stored == {str(v) for v in db.session.scalars(select(PackageVersion.id))}
    assert list(scratch.iterdir()) == []
    assert not list(tmp_path.rglob("evil.txt"))


def _check(name, expected, version, refusal, store) -> list[str]:
    if expected["scope"] == "archive":
        codes = [d["code"] for d in refusal.details] if refusal else []
        return [] if codes == [ARCHIVE_CODES[name]] else [f"{name}: {codes or 'imported'}"]
    if expected["importable"]:
        if version is None:
            return [f"{name}: refused: {refusal.details}"]
        launch = version.report["launchable_items"][0]["launch_url"].split("?")[0]
        warned = Counter(f["code"] for f in version.report["findings"])
        ok = (version.scorm_version == expected["version"] and warned == Counter(expected["findings"])
              and store.resolve(version.id, launch).is_file())
        if "missing_files" in expected and ok:  # the ADL packages: only common/LMSTest.jar
            missing = [f["message"] for f in version.report["findings"]]
            ok = all(any(m in text for m in expected["missing_files"]) for text in missing)
        return [] if ok else [f"{name}: imported as {version.scorm_version}, {warned}, {launch}"]
    if refusal is None:
        return [f"{name}: imported but expected refused"]
    errors = Counter(d["code"] for d in refusal.details if d["severity"] == "error")
    wanted = Counter(expected["findings"])
    return [] if errors and all(code in wanted for code in errors) else [f"{name}: {errors}"]
