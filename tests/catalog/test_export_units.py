"""Choosing the kind of build on every export surface: `package build --units`, the export page
and its build.zip download. Single-unit is the default everywhere; per-lesson is chosen explicitly.
LMS Bridge's own publish keeps the per-lesson build (its player sequences SCOs)."""
import io
import zipfile

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from lms_bridge.catalog.builds import PROJECT_ROOT
from lms_bridge.cli import cli
from tests.conftest import login

PACKAGES = PROJECT_ROOT / "packages"


@pytest.fixture
def coordinator(client, make_user):
    make_user("coordinator", email="c@example.org")
    login(client, "c@example.org")
    return client


def _names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


@pytest.mark.parametrize("options, name, page", [
    ((), "hs-classification-1.0.0-fr-scorm12.zip", "index.html"),
    (("--units", "single"), "hs-classification-1.0.0-fr-scorm12.zip", "index.html"),
    (("--units", "per-lesson"), "hs-classification-1.0.0-fr-scorm12-per-lesson.zip",
     "assessment.html"),
])
def test_package_build_units_option(app, tmp_path, options, name, page):
    result = CliRunner().invoke(cli, ["package", "build", str(PACKAGES / "hs-classification"),
                                      "--scorm", "1.2", "--lang", "fr", "-o", str(tmp_path),
                                      *options], obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(name)
    assert page in _names((tmp_path / name).read_bytes())


def test_package_build_refuses_an_unknown_unit_choice(app, tmp_path):
    result = CliRunner().invoke(cli, ["package", "build", str(PACKAGES / "hs-classification"),
                                      "--scorm", "2004", "--units", "chapters", "-o", str(tmp_path / "dist")],
                                obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 2 and "chapters" in result.output
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("query, name, page", [
    ("", "customs-valuation-1.0.0-en-scorm2004.zip", "index.html"),
    ("&units=single", "customs-valuation-1.0.0-en-scorm2004.zip", "index.html"),
    ("&units=per-lesson", "customs-valuation-1.0.0-en-scorm2004-per-lesson.zip",
     "01-the-wto-valuation-agreement.html"),
])
def test_build_download_takes_the_unit_choice(coordinator, query, name, page):
    response = coordinator.get(f"/catalog/modules/customs-valuation/build.zip?scorm=2004{query}",
                               buffered=True)
    assert response.status_code == 200
    assert name in response.headers["Content-Disposition"]
    assert page in _names(response.data)
    response.close()


def test_build_download_refuses_an_unknown_unit_choice(coordinator):
    response = coordinator.get("/catalog/modules/customs-valuation/build.zip?units=chapters")
    assert response.status_code == 400
    assert "single-unit or per-lesson" in response.get_data(as_text=True)


@pytest.mark.parametrize("slug, advice, not_said", [
    ("customs-valuation", ["This module is graded", 'require the status "Passed"'],
     ["This module is not graded", 'require the status "Completed"']),
    ("blended-prerequisites", ['grade type to "None"', 'require the status "Completed"'],
     ["This module is graded", 'require the status "Passed"']),
])
def test_export_page_recommends_the_single_unit_build_and_the_moodle_settings(
        app, coordinator, slug, advice, not_said):
    from lms_bridge.catalog.builds import publish_source

    with app.app_context():
        publish_source(PACKAGES / slug, None)
    page = coordinator.get(f"/catalog/modules/{slug}").get_data(as_text=True)
    export = page[page.index('id="export"'):]
    assert '<option selected value="single">' in export
    assert "single-unit</strong> build (the default, recommended)" in export
    assert "Display package</em> \"Current window\"" in export
    assert "Require all SCOs to return completion status</em>" in export
    assert "Auto-continue" in export
    assert all(said in export for said in advice), advice
    assert not any(said in export for said in not_said), not_said
    assert "unless the LMS only knows 1.2" not in export


def test_own_publish_keeps_one_sco_per_lesson(app):
    from lms_bridge.catalog.builds import publish_source
    from lms_bridge.player.package import package_layout

    with app.app_context():
        version = publish_source(PACKAGES / "customs-valuation", None).version
        items = [sco.identifier for sco in package_layout(version).scos]
    assert items[0] == "item-01-the-wto-valuation-agreement" and items[-1] == "item-assessment"


@pytest.fixture
def api(client, make_user, token_for):
    headers = {"Authorization": f"Bearer {token_for(make_user('coordinator'))}"}

    def get(url):
        return client.get(url, headers=headers, buffered=True)
    return get


@pytest.mark.parametrize("query, name, page", [
    ("", "hs-classification-1.0.0-en-scorm2004.zip", "index.html"),
    ("?scorm=1.2&lang=fr&units=single", "hs-classification-1.0.0-fr-scorm12.zip", "index.html"),
    ("?units=per-lesson", "hs-classification-1.0.0-en-scorm2004-per-lesson.zip",
     "assessment.html"),
])
def test_api_build_takes_the_unit_choice(api, query, name, page):
    response = api(f"/api/v1/modules/hs-classification/build{query}")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert name in response.headers["Content-Disposition"]
    assert page in _names(response.data)
    response.close()


@pytest.mark.parametrize("url, status, said", [
    ("/api/v1/modules/hs-classification/build?units=chapters", 400, "units"),
    ("/api/v1/modules/hs-classification/build?lang=de", 400, "no 'de' edition"),
    ("/api/v1/modules/no-such-module/build", 404, "no source in packages/"),
])
def test_api_build_refusals_name_the_problem(api, url, status, said):
    response = api(url)
    assert response.status_code == status
    assert said in response.get_data(as_text=True)
