"""Module sources (lms_bridge/catalog/sources): download, upload as a language edition or a
national variant, every kind of refusal (nothing kept), what changed."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from sqlalchemy import func, select

from werkzeug.datastructures import FileStorage

from lms_bridge.accounts.models import User
from lms_bridge.catalog.models import Module, PackageVersion
from lms_bridge.catalog.store import content_store
from lms_bridge.catalog.sources import operations
from lms_bridge.catalog.sources.models import SourceUpload
from lms_bridge.db import db
from lms_bridge.errors import Forbidden
from scorm.builder import build_package
from tests.catalog.source_uploads import BROKEN, GOOD, SLUG, with_edition, zip_of
from tests.conftest import csrf_token, login
from tests.scorm.module_source_fixture import LESSON_EN_2, write_fixture_module


@pytest.fixture
def module(app, tmp_path):
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    write_fixture_module(tmp_path / "packages")
    with app.app_context():
        db.session.add(Module(slug=SLUG, title="Tiny module"))
        db.session.commit()
    return SLUG


@pytest.fixture
def coordinator(client, make_user, module):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    return client


def _upload(client, data: bytes, language="es", country="", based_on="shipped"):
    url = f"/catalog/modules/{SLUG}/sources"
    return client.post(url, data={
        "csrf_token": csrf_token(client, url), "language": language, "country": country,
        "based_on": based_on, "source": (io.BytesIO(data), "source.zip")},
        content_type="multipart/form-data")


def _kept(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SourceUpload))


def _store_leftovers(app) -> list[str]:
    folder = app.instance_path + "/store/sources"
    import os
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_the_shipped_source_downloads_as_a_reproducible_zip(coordinator):
    first = coordinator.get(f"/catalog/modules/{SLUG}/source.zip")
    assert first.status_code == 200 and first.mimetype == "application/zip"
    assert first.data == coordinator.get(f"/catalog/modules/{SLUG}/source.zip").data
    names = zipfile.ZipFile(io.BytesIO(first.data)).namelist()
    assert f"{SLUG}/module.yaml" in names and f"{SLUG}/en/assessment.yaml" in names


def test_a_language_edition_is_kept_downloadable_and_rebuildable(app, coordinator, tmp_path):
    data = zip_of(with_edition("es", lesson_note="\nA long line <script>alert(1)</script>\n"))
    answer = _upload(coordinator, data)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = coordinator.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Kept the es source of tiny-module." in page and "Language edition" in page
    assert "es/lessons/01-reading-the-tariff.md" in page and "module.yaml" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    # the page says which lesson loses what when built
    assert "Markup removed when the module is built" in page
    assert "<code>es/lessons/01-reading-the-tariff.md</code>: &lt;script&gt;" in page
    with app.app_context():
        row = db.session.scalar(select(SourceUpload))
        upload_id, digest = row.id, row.sha256
    again = coordinator.get(f"/catalog/sources/{upload_id}/source.zip")
    assert hashlib.sha256(again.data).hexdigest() == digest  # byte for byte as kept
    # the same upload builds the same package, byte for byte
    (tmp_path / "a").mkdir()
    with zipfile.ZipFile(io.BytesIO(again.data)) as archive:
        archive.extractall(tmp_path / "a")
    builds = [build_package(tmp_path / "a" / SLUG, "2004", "es", tmp_path / f"out{n}")
              for n in (1, 2)]
    assert builds[0].read_bytes() == builds[1].read_bytes()
    # the same files again keep nothing new
    assert _upload(coordinator, data).status_code == 302 and _kept(app) == 1


def test_a_national_variant_names_its_country(app, coordinator):
    answer = _upload(coordinator, zip_of(with_edition("en-KE")), language="en", country="KE")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    page = coordinator.get(answer.headers["Location"]).get_data(as_text=True)
    assert "National variant (KE)" in page and "en-KE/lessons/01-reading-the-tariff.md" in page
    with app.app_context():
        assert db.session.scalar(select(SourceUpload.edition)) == "en-KE"


def test_a_variant_for_a_country_without_administration_is_refused(app, coordinator):
    answer = _upload(coordinator, zip_of(with_edition("en-ZZ")), language="en", country="ZZ")
    assert answer.status_code == 400 and _kept(app) == 0


@pytest.mark.parametrize("name, data, shown", BROKEN, ids=[row[0] for row in BROKEN])
def test_each_broken_upload_is_refused_with_its_place_and_nothing_kept(app, coordinator, name,
                                                                       data, shown):
    answer = _upload(coordinator, data)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    for text in shown:
        assert text in page, (name, text)
    assert _kept(app) == 0 and _store_leftovers(app) == []


def test_too_many_files_are_refused(app, coordinator, monkeypatch):
    monkeypatch.setattr(operations, "SOURCE_MAX_FILES", 5)
    answer = _upload(coordinator, zip_of(GOOD))
    assert answer.status_code == 422 and "archive.too_many_entries" in answer.get_data(as_text=True)
    assert _kept(app) == 0


def test_a_missing_file_is_asked_for(app, coordinator):
    url = f"/catalog/modules/{SLUG}/sources"
    answer = coordinator.post(url, data={"csrf_token": csrf_token(coordinator, url),
                                         "language": "es", "country": "",
                                         "based_on": "shipped"})
    assert answer.status_code == 400
    assert "Choose the module&#39;s source (.zip) to upload." in answer.get_data(as_text=True)


def test_an_upload_made_from_an_upload_is_compared_with_it(app, coordinator):
    _upload(coordinator, zip_of(with_edition("es")))
    with app.app_context():
        first = db.session.scalar(select(SourceUpload.id))
    edited = with_edition("es")
    edited["es/lessons/02-interpretative-rules.md"] = "# Las reglas\n\nAplique la RGI 1.\n"
    answer = _upload(coordinator, zip_of(edited), based_on=str(first))
    page = coordinator.get(answer.headers["Location"]).get_data(as_text=True)
    assert "1 file differs." in page and "Aplique la RGI 1." in page
    assert f"Upload {first} (es)" in page


def test_the_api_uploads_lists_compares_and_downloads(app, client, make_user, module, token_for):
    headers = {"Authorization": f"Bearer {token_for(make_user('coordinator'))}"}
    shipped = client.get(f"/api/v1/modules/{SLUG}/source", headers=headers)
    assert shipped.status_code == 200 and shipped.mimetype == "application/zip"
    refused = client.post(f"/api/v1/modules/{SLUG}/sources", headers=headers, data={
        "edition": "es", "source": (io.BytesIO(BROKEN[2][1]), "s.zip")})
    assert refused.status_code == 422
    assert refused.json["error"]["details"][0]["file"] == "es/assessment.yaml"
    assert refused.json["error"]["details"][0]["line"] == 6
    answer = client.post(f"/api/v1/modules/{SLUG}/sources", headers=headers, data={
        "edition": "en-KE", "source": (io.BytesIO(zip_of(with_edition("en-KE"))), "s.zip")})
    assert answer.status_code == 201, answer.json
    upload_id = answer.json["id"]
    assert [row["id"] for row in client.get(f"/api/v1/modules/{SLUG}/sources",
                                            headers=headers).json] == [upload_id]
    detail = client.get(f"/api/v1/sources/{upload_id}", headers=headers).json
    kinds = {change["name"]: change["kind"] for change in detail["changes"]}
    assert kinds["module.yaml"] == "changed" and kinds["en-KE/assessment.yaml"] == "added"
    again = client.get(f"/api/v1/sources/{upload_id}/source", headers=headers)
    assert hashlib.sha256(again.data).hexdigest() == detail["sha256"]


def test_a_national_variant_of_a_language_folder_is_published_as_its_edition(app, coordinator):
    edited = dict(GOOD)
    edited["en/lessons/02-interpretative-rules.md"] = LESSON_EN_2 + "\nIn Kenya, see KRA rulings.\n"
    answer = _upload(coordinator, zip_of(edited), language="en", country="KE")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    source_page = answer.headers["Location"]
    page = coordinator.get(source_page).get_data(as_text=True)
    assert "In Kenya, see KRA rulings." in page and "National variant (KE)" in page
    url = f"{source_page}/publish"
    published = coordinator.post(url, data={"csrf_token": csrf_token(coordinator, source_page)})
    assert published.status_code == 302, published.get_data(as_text=True)
    version_page = coordinator.get(published.headers["Location"]).get_data(as_text=True)
    assert "Published the en-KE edition of tiny-module as version" in version_page
    with app.app_context():
        upload = db.session.scalar(select(SourceUpload))
        version = upload.published_version
        assert version.language == "en-KE" and version.state.value == "published"
        first_sha = version.sha256
        store = content_store().original_path(version.id)
        with zipfile.ZipFile(store) as archive:
            lesson = archive.read("02-interpretative-rules.html").decode()
        assert "In Kenya, see KRA rulings." in lesson
    # publishing the same upload again builds the same bytes: nothing new is imported
    again = coordinator.post(url, data={"csrf_token": csrf_token(coordinator, source_page)})
    assert again.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PackageVersion).where(
            PackageVersion.sha256 == first_sha)) == 1


def test_a_national_coordinator_uploads_their_own_countrys_variant_only(app, client, make_user,
                                                                        module):
    make_user("national_coordinator", country="KE", email="nc.ke@example.org")
    login(client, "nc.ke@example.org")
    page = client.get(f"/catalog/modules/{SLUG}/sources").get_data(as_text=True)
    assert '<option value="KE">' in page and '<option value="FR">' not in page
    assert "None: a language edition" not in page
    assert client.get("/catalog/sources").status_code == 200
    answer = _upload(client, zip_of(with_edition("en-KE")), language="en", country="KE")
    assert answer.status_code == 302, answer.get_data(as_text=True)
    upload_page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "National variant (KE)" in upload_page and "Build and publish" not in upload_page
    # another country's variant, or a language edition, is refused (the form offers neither)
    assert _upload(client, zip_of(with_edition("en-FR")), language="en",
                   country="FR").status_code == 400
    with app.app_context():
        nc = db.session.scalar(select(User).where(User.email == "nc.ke@example.org"))
        mod = db.session.scalar(select(Module).where(Module.slug == SLUG))
        for edition in ("en-FR", "es"):
            with pytest.raises(Forbidden):
                operations.upload_source(nc, mod, FileStorage(io.BytesIO(zip_of(GOOD)), "s.zip"),
                                         edition, None)
    # publishing stays with training coordinators
    upload_id = answer.headers["Location"].rsplit("/", 1)[-1]
    url = f"/catalog/sources/{upload_id}/publish"
    assert client.post(url, data={"csrf_token": csrf_token(client, answer.headers["Location"])}
                       ).status_code == 403
    assert _kept(app) == 1
