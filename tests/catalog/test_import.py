import shutil
import zipfile

import pytest
from sqlalchemy import func, select

from lms_bridge.catalog.models import Module, PackageVersion, VersionState
from lms_bridge.catalog.operations import (PackageRejected, import_package, publish_version,
                                           retire_version)
from lms_bridge.catalog.queries import published_version
from lms_bridge.catalog.store import content_store
from lms_bridge.db import db
from lms_bridge.errors import Conflict, InvalidInput
from tests.catalog.packages import padded_package

GOLF = "rustici-golf/RuntimeBasicCalls_SCORM12.zip"


def _counts():
    return (db.session.scalar(select(func.count(Module.id))),
            db.session.scalar(select(func.count(PackageVersion.id))))


def test_import_publish_and_reimport(app, scorm_corpus):
    with app.app_context():
        result = import_package(scorm_corpus / GOLF, "golf-basics", None,
                                original_filename="RuntimeBasicCalls_SCORM12.zip")
        version = result.version
        assert result.created and version.number == 1 and version.state is VersionState.DRAFT
        assert version.scorm_version == "1.2"
        assert version.report["launchable_items"][0]["launch_url"] == "shared/launchpage.html"
        store = content_store()
        assert (store.package_dir(version.id) / "imsmanifest.xml").is_file()
        assert store.original_path(version.id).read_bytes() == (scorm_corpus / GOLF).read_bytes()
        again = import_package(scorm_corpus / GOLF, "golf-basics", None, original_filename="x.zip")
        assert not again.created and again.version.id == version.id
        assert _counts() == (1, 1)
        assert published_version(version.module_id) is None
        publish_version(None, version.id)
        assert published_version(version.module_id).id == version.id
        with pytest.raises(Conflict):
            publish_version(None, version.id)


def test_publishing_a_new_version_retires_the_old_one(app, scorm_corpus, tmp_path):
    with app.app_context():
        first = import_package(scorm_corpus / GOLF, "golf", None, original_filename="a.zip").version
        publish_version(None, first.id)
        changed = tmp_path / "changed.zip"
        with zipfile.ZipFile(scorm_corpus / GOLF) as src, zipfile.ZipFile(changed, "w") as dst:
            for info in src.infolist():
                dst.writestr(info, src.read(info.filename))
            dst.writestr("extra/readme.txt", "second edition")
        second = import_package(changed, "golf", None, original_filename="b.zip").version
        assert second.number == 2
        publish_version(None, second.id)
        db.session.refresh(first)
        assert first.state is VersionState.RETIRED and published_version(first.module_id).id == second.id
        retire_version(None, second.id, "withdrawn")
        assert published_version(first.module_id) is None


@pytest.mark.parametrize("archive, code", [
    ("snyk-zip-slip/zip-slip.zip", "archive.traversal"),
    ("moodle/badscorm.zip", "archive.manifest_not_at_root"),
    ("moodle/validaicc.zip", "archive.not_scorm_aicc"),
])
def test_unusable_archives_are_refused_and_nothing_is_left(app, scorm_corpus, archive, code):
    with app.app_context():
        with pytest.raises(PackageRejected) as info:
            import_package(scorm_corpus / archive, "bad", None, original_filename="bad.zip")
        assert info.value.details[0]["code"] == code
        assert _counts() == (0, 0)
        store = content_store()
        assert list((store.root / "content").iterdir()) == []
        assert list((store.root / "originals").iterdir()) == []


def test_invalid_manifest_is_refused_with_findings(app, tmp_path):
    package = tmp_path / "broken.zip"
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("imsmanifest.xml", '<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">'
                   '<organizations default="o"><organization identifier="o"><title>T</title>'
                   '<item identifier="i" identifierref="missing"><title>&lt;script&gt;</title></item>'
                   '</organization></organizations><resources/></manifest>')
    with app.app_context():
        with pytest.raises(PackageRejected) as info:
            import_package(package, "broken", None, original_filename="broken.zip")
        assert "item-resource-missing" in [f["code"] for f in info.value.details]
        assert _counts() == (0, 0)
        assert list((content_store().root / "content").iterdir()) == []


def test_bad_slug(app, scorm_corpus):
    with app.app_context(), pytest.raises(InvalidInput, match="not a module slug"):
        import_package(scorm_corpus / GOLF, "Bad Slug!", None, original_filename="x.zip")


def test_store_refuses_paths_outside_a_package(app, scorm_corpus):
    from lms_bridge.errors import NotFound

    with app.app_context():
        version = import_package(scorm_corpus / GOLF, "golf", None, original_filename="x.zip").version
        store = content_store()
        assert store.resolve(version.id, "shared/launchpage.html").is_file()
        for bad in ("../../secret_key", "/etc/passwd", "shared/../../originals/1.zip", "shared"):
            with pytest.raises(NotFound):
                store.resolve(version.id, bad)


@pytest.mark.parametrize("move_original", [False, True])
def test_the_original_is_moved_only_when_handed_over(app, scorm_corpus, tmp_path, move_original):
    upload = tmp_path / "upload.zip"
    shutil.copyfile(scorm_corpus / GOLF, upload)
    with app.app_context():
        version = import_package(upload, "golf", None, original_filename="golf.zip",
                                 move_original=move_original).version
        kept = content_store().original_path(version.id)
        assert kept.read_bytes() == (scorm_corpus / GOLF).read_bytes()
        assert upload.exists() is not move_original


def test_a_digest_computed_by_the_caller_is_used(app, scorm_corpus):
    with app.app_context():
        version = import_package(scorm_corpus / GOLF, "golf", None, original_filename="x.zip",
                                 sha256="ab" * 32).version
        assert version.sha256 == "ab" * 32



def _import_refusal(package):
    with pytest.raises(PackageRejected) as caught:
        import_package(package, "padded", None, original_filename="padded.zip")
    detail, = caught.value.details
    return detail["code"], detail["message"]


@pytest.mark.parametrize("settings, code, said", [
    ({}, "archive.archive_ratio_bomb",
     ["whole-archive ratio rule", "the limit is 100 times", "LMS_BRIDGE_MAX_PACKAGE_EXPANSION_RATIO"]),
    ({"MAX_PACKAGE_UNPACKED_BYTES": 1_000_000, "MAX_PACKAGE_EXPANSION_RATIO": 1000},
     "archive.too_large",
     ["total unpacked size rule", "the limit is 1,000,000 bytes",
      "LMS_BRIDGE_MAX_PACKAGE_UNPACKED_BYTES"]),
])
def test_whole_archive_limits_come_from_the_settings(app, tmp_path, settings, code, said):
    package = padded_package(tmp_path / "padded.zip")
    app.config.update(settings)
    with app.app_context():
        refused_code, message = _import_refusal(package)
        assert refused_code == code and all(words in message for words in said), message
        assert _counts() == (0, 0)
        app.config["MAX_PACKAGE_EXPANSION_RATIO"] = 1000
        app.config["MAX_PACKAGE_UNPACKED_BYTES"] = 4_000_000
        assert import_package(package, "padded", None, original_filename="padded.zip").created
