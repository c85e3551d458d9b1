import io

import pytest

from tests.catalog.hostile import HOSTILE
from tests.catalog.packages import write_package

GOLF = "rustici-golf/RuntimeBasicCalls_SCORM12.zip"


@pytest.fixture
def api(client, make_user, token_for):
    headers = {"Authorization": f"Bearer {token_for(make_user('coordinator'))}"}

    def call(method, url, **kwargs):
        response = client.open(url, method=method, headers=headers, buffered=True, **kwargs)
        response.close()
        return response
    return call


def _upload(api, slug, data, name="p.zip"):
    return api("POST", f"/api/v1/modules/{slug}/versions",
               data={"package": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_import_publish_retire_download(api, scorm_corpus):
    data = (scorm_corpus / GOLF).read_bytes()
    created = _upload(api, "golf", data, "golf.zip")
    assert created.status_code == 201, created.json
    version = created.json
    assert version["number"] == 1 and version["state"] == "draft"
    assert version["report"]["launchable_items"][0]["launch_url"] == "shared/launchpage.html"
    same = _upload(api, "golf", data)
    assert same.status_code == 200 and same.json["id"] == version["id"]
    assert api("POST", f"/api/v1/versions/{version['id']}/publish").json["state"] == "published"
    assert api("POST", f"/api/v1/versions/{version['id']}/publish").status_code == 409
    modules = api("GET", "/api/v1/modules").json
    assert [m["slug"] for m in modules] == ["golf"]
    detail = api("GET", "/api/v1/modules/golf").json
    assert [v["state"] for v in detail["versions"]] == ["published"]
    assert api("GET", f"/api/v1/versions/{version['id']}").json["report"]["importable"] is True
    original = api("GET", f"/api/v1/versions/{version['id']}/original")
    assert original.data == data
    retired = api("POST", f"/api/v1/versions/{version['id']}/retire", json={"reason": "replaced"})
    assert retired.json["state"] == "retired"


@pytest.mark.parametrize("name, data, code", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_refusals_are_422_with_the_code(app, api, name, data, code):
    response = _upload(api, "hostile", data)
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "package_rejected"
    assert code in [d["code"] for d in error["details"]]
    assert api("GET", "/api/v1/modules").json == []


def test_validate_without_importing(api, scorm_corpus, tmp_path):
    data = (scorm_corpus / "adl-cts-2004-4th/LMSTestPackage_API.zip").read_bytes()
    report = api("POST", "/api/v1/validate", data={"package": (io.BytesIO(data), "p.zip")},
                 content_type="multipart/form-data")
    assert report.status_code == 200 and report.json["importable"] is True
    assert [f["code"] for f in report.json["findings"]] == ["declared-file-missing"]
    bad = api("POST", "/api/v1/validate", data={"package": (io.BytesIO(b"nope"), "p.zip")},
              content_type="multipart/form-data")
    assert bad.status_code == 422 and bad.json["error"]["details"][0]["code"] == "archive.not_zip"
    assert api("GET", "/api/v1/modules").json == []


def test_missing_file_is_400_and_unknown_things_404(api):
    assert api("POST", "/api/v1/modules/x-y/versions").status_code == 400
    assert _upload(api, "x-y", b"").json["error"]["details"][0]["code"] == "archive.not_zip"
    assert api("GET", "/api/v1/modules/nothing").status_code == 404
    assert api("GET", "/api/v1/versions/999").status_code == 404


def test_url_import_refused_for_a_host_not_on_the_list(api):
    response = api("POST", "/api/v1/modules/remote/url-imports", json={"url": "https://evil.example/p.zip"})
    assert response.status_code == 422 and response.json["error"]["code"] == "url_import_refused"


def test_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {"/api/v1/modules", "/api/v1/modules/{slug}/versions", "/api/v1/validate",
            "/api/v1/versions/{version_id}/publish"} <= set(paths)


def test_import_names_its_edition_and_publishing_keeps_the_other_editions(api, scorm_corpus):
    data = (scorm_corpus / GOLF).read_bytes()
    english = _upload(api, "golf", data, "golf.zip").json
    assert english["language"] == "en"  # neither the form nor the manifest says: the module's
    french = api("POST", "/api/v1/modules/golf/versions", content_type="multipart/form-data",
                 data={"package": (io.BytesIO(data + b"\0"), "golf-fr.zip"), "language": "FR"})
    assert french.status_code == 201, french.json
    assert french.json["language"] == "fr"
    for version in (english, french.json):
        assert api("POST", f"/api/v1/versions/{version['id']}/publish").status_code == 200
    detail = api("GET", "/api/v1/modules/golf").json
    assert {(v["language"], v["state"]) for v in detail["versions"]} == {
        ("en", "published"), ("fr", "published")}
    assert detail["published_editions"] == {"en": english["id"], "fr": french.json["id"]}
    refused = api("POST", "/api/v1/modules/golf/versions", content_type="multipart/form-data",
                  data={"package": (io.BytesIO(data), "x.zip"), "language": "fr;drop"})
    assert refused.status_code == 400
    assert refused.json["error"]["details"][0]["field"] == "language"
