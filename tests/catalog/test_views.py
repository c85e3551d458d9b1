import html
import hashlib
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from lms_bridge.catalog.models import Module, PackageVersion, VersionState
from lms_bridge.catalog.operations import PackageRejected
from lms_bridge.catalog.uploads import validate_upload
from lms_bridge.db import db
from tests.catalog.hostile import HOSTILE, SCRIPT_TITLE, script_title_package, tree_of
from tests.catalog.packages import padded_package
from tests.conftest import csrf_token, login

GOLF = "rustici-golf/RuntimeBasicCalls_SCORM12.zip"


@pytest.fixture
def coordinator(client, make_user):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    return client


@pytest.fixture
def scratch(monkeypatch, tmp_path):
    """Every temporary folder of the request goes here, so that leftovers can be seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _upload(client, data: bytes, slug: str = "golf", name: str = "package.zip",
            title: str | None = None):
    """Upload into module ``slug``: picked in the list when it exists, else created by its
    ``title`` (default: the slug itself, whose address is the slug) and confirmed."""
    page = client.get("/catalog/import").get_data(as_text=True)
    choice = ({"module": slug} if f'<option value="{slug}">' in page else
              {"module": "+new", "new_title": title or slug, "confirm_new": "y"})
    token = csrf_token(client, "/catalog/import")
    return client.post("/catalog/import", data={
        "csrf_token": token, **choice, "package": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


def _counts(app):
    with app.app_context():
        return (db.session.scalar(select(func.count(Module.id))),
                db.session.scalar(select(func.count(PackageVersion.id))))


def test_upload_publish_retire_and_download(app, coordinator, scorm_corpus):
    data = (scorm_corpus / GOLF).read_bytes()
    response = _upload(coordinator, data, name="golf.zip")
    assert response.status_code == 302
    page = coordinator.get(response.headers["Location"]).get_data(as_text=True)
    assert "Imported golf.zip as golf version 1" in page
    assert "shared/launchpage.html" in page and "golf_sample_default_org" in page
    assert "No findings" in page and "Resources" in page
    version_url = response.headers["Location"]
    version_id = int(version_url.rsplit("/", 1)[-1])
    again = _upload(coordinator, data)
    assert "already imported as version 1" in coordinator.get(again.headers["Location"]).get_data(as_text=True)
    token = csrf_token(coordinator, version_url)
    assert coordinator.post(f"{version_url}/publish", data={"csrf_token": token}).status_code == 302
    listing = coordinator.get("/catalog").get_data(as_text=True)
    assert "v1</a> (published)" in listing
    original = coordinator.get(f"{version_url}/original.zip", buffered=True)
    assert original.data == data and original.mimetype == "application/zip"
    original.close()
    assert coordinator.post(f"{version_url}/retire", data={"csrf_token": token, "reason": "old"}).status_code == 302
    with app.app_context():
        assert db.session.get(PackageVersion, version_id).state is VersionState.RETIRED


def test_import_page_shows_the_refusal_as_a_table(app, coordinator, scorm_corpus):
    response = _upload(coordinator, (scorm_corpus / "moodle/badscorm.zip").read_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "archive.manifest_not_at_root" in page and "zip -r ../package.zip" in page
    response = _upload(coordinator, (scorm_corpus / "elearning-module-parser-fixtures/InvalidFileReferences_SCORM12.zip").read_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "<th scope=\"col\">How to fix</th>" in page
    assert "launch-file-missing" in page and "imsmanifest.xml:26" in page
    assert _counts(app) == (0, 0)


@pytest.mark.parametrize("name, data, code", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_uploads_are_refused_cleanly(app, coordinator, scratch, name, data, code):
    response = _upload(coordinator, data, slug="hostile")
    assert response.status_code == 422, response.get_data(as_text=True)[:500]
    assert code in response.get_data(as_text=True)
    assert _counts(app) == (0, 0)
    assert tree_of(Path(app.instance_path) / "store") == ["content", "originals"]
    assert tree_of(scratch) == []


def test_script_in_titles_is_escaped(app, coordinator):
    response = _upload(coordinator, script_title_package(), slug="markup",
                       title=f"{SCRIPT_TITLE} markup")
    assert response.status_code == 302
    for url in (response.headers["Location"], "/catalog",
                "/catalog/modules/script-alert-t-script-markup"):
        page = coordinator.get(url).get_data(as_text=True)
        assert SCRIPT_TITLE not in page and "&lt;script&gt;" in page


def test_missing_file_and_bad_slug(coordinator):
    token = csrf_token(coordinator, "/catalog/import")
    response = coordinator.post("/catalog/import", data={
        "csrf_token": token, "module": "+new", "new_title": "OK slug", "confirm_new": "y"})
    assert response.status_code == 400 and "Choose a SCORM package" in response.get_data(as_text=True)
    response = coordinator.post("/catalog/import", data={"csrf_token": token, "module": "Bad Slug"})
    assert response.status_code == 400


def test_upload_limit_is_separate_from_the_request_limit(app, coordinator, scorm_corpus):
    data = (scorm_corpus / GOLF).read_bytes()
    assert len(data) > 100_000
    app.config["MAX_UPLOAD_BYTES"] = 100_000
    assert _upload(coordinator, data).status_code == 413
    app.config["MAX_UPLOAD_BYTES"] = 512 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 1000  # the rest of the app keeps its own, small limit
    assert _upload(coordinator, data).status_code == 302
    token = csrf_token(coordinator, "/account/tokens")
    big = coordinator.post("/account/tokens", data={"csrf_token": token, "name": "x" * 2000})
    assert big.status_code == 413


def test_a_package_over_the_whole_archive_ratio_is_refused_on_the_page_and_by_validate(
        app, coordinator, tmp_path):
    data = padded_package(tmp_path / "padded.zip").read_bytes()
    response = _upload(coordinator, data, slug="padded")
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "archive.archive_ratio_bomb" in page
    assert "whole-archive ratio rule" in page and "MAX_PACKAGE_EXPANSION_RATIO" in page
    assert _counts(app) == (0, 0)
    with app.app_context():
        with pytest.raises(PackageRejected, match="whole-archive ratio rule"):
            validate_upload(FileStorage(io.BytesIO(data), "padded.zip"))


@pytest.mark.parametrize("scorm, flavour", [("1.2", "scorm12"), ("2004", "scorm2004")])
def test_build_download_for_a_national_lms(coordinator, scorm, flavour):
    response = coordinator.get(f"/catalog/modules/hs-classification/build.zip?scorm={scorm}&lang=fr",
                               buffered=True)
    assert response.status_code == 200
    assert f"hs-classification-1.0.0-fr-{flavour}.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
    response.close()
    assert coordinator.get("/catalog/modules/hs-classification/build.zip?lang=xx").status_code == 400
    assert coordinator.get("/catalog/modules/no-such-module/build.zip").status_code == 404


def test_learner_sees_no_catalog(client, make_user):
    make_user("learner", email="l@example.org")
    login(client, "l@example.org")
    assert client.get("/catalog").status_code == 403
    assert "Packages" not in client.get("/").get_data(as_text=True)


def test_an_upload_is_hashed_on_the_way_in_and_leaves_no_temporary_file(
        app, coordinator, scorm_corpus, scratch):
    data = (scorm_corpus / GOLF).read_bytes()
    response = _upload(coordinator, data)
    version_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    with app.app_context():
        assert db.session.get(PackageVersion, version_id).sha256 == hashlib.sha256(data).hexdigest()
    assert list(scratch.iterdir()) == []


def test_upload_names_its_edition_and_the_module_page_lists_the_editions(app, coordinator,
                                                                          scorm_corpus):
    data = (scorm_corpus / GOLF).read_bytes()
    first = _upload(coordinator, data, name="golf.zip")
    token = csrf_token(coordinator, "/catalog/import")
    second = coordinator.post("/catalog/import", content_type="multipart/form-data", data={
        "csrf_token": token, "module": "golf", "language": "fr",
        "package": (io.BytesIO(data + b"\0"), "golf-fr.zip")})
    assert second.status_code == 302
    assert "Imported golf-fr.zip as golf version 2, fr edition (draft)." in html.unescape(
        coordinator.get(second.headers["Location"]).get_data(as_text=True))
    for response in (first, second):
        version_url = response.headers["Location"]
        token = csrf_token(coordinator, version_url)
        coordinator.post(f"{version_url}/publish", data={"csrf_token": token})
    page = html.unescape(coordinator.get("/catalog/modules/golf").get_data(as_text=True))
    editions = page[page.index('id="editions"'):page.index("<h2>Versions")]
    assert "English</span> (<code>en</code>): published version 1" in editions
    assert "Français</span> (<code>fr</code>): published version 2" in editions
    assert "v1 (en), v2 (fr)" in html.unescape(coordinator.get("/catalog").get_data(as_text=True))


@pytest.mark.parametrize("typed", ["<script>alert(1)</script>", "french", "en-KEN"])
def test_a_hostile_edition_is_refused_on_the_form_keeping_what_was_typed(app, coordinator,
                                                                         scorm_corpus, typed):
    data = (scorm_corpus / GOLF).read_bytes()
    _upload(coordinator, data, name="golf.zip")
    token = csrf_token(coordinator, "/catalog/import")
    response = coordinator.post("/catalog/import", content_type="multipart/form-data", data={
        "csrf_token": token, "module": "golf", "language": typed,
        "package": (io.BytesIO(data + b"\0"), "golf-fr.zip")})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give a language such as en or fr, or a national variant such as en-KE" in page
    assert f'value="{html.escape(typed)}"' in page and "<script>alert" not in page
    assert '<option selected value="golf">' in page
    assert _counts(app) == (1, 1)
