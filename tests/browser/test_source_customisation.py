"""A coordinator on a phone (390 px) downloads a module's source, uploads a Spanish edition with a
very long line, reads what changed without scrolling sideways, and publishes it."""
import io
import zipfile

import pytest
from playwright.sync_api import expect

from lms_bridge.catalog.models import Module
from lms_bridge.db import db
from tests.browser.test_access_journey import _sign_in
from tests.catalog.source_uploads import SLUG, with_edition, zip_of
from tests.conftest import PASSWORD
from tests.scorm.module_source_fixture import write_fixture_module

pytestmark = [pytest.mark.browser]
LONG_LINE = "Aplique-la-RGI-1-" * 40  # one unbroken word far wider than a phone


def _page_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_a_spanish_edition_is_uploaded_compared_and_published_on_a_phone(
        app, live_server, page, make_user, tmp_path):
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    write_fixture_module(tmp_path / "packages")
    with app.app_context():
        db.session.add(Module(slug=SLUG, title="Tiny module"))
        db.session.commit()
    make_user("coordinator", email="coord@example.org")
    page.set_viewport_size({"width": 390, "height": 800})
    _sign_in(page, live_server, "coord@example.org", PASSWORD)
    page.goto(f"{live_server}/catalog/modules/{SLUG}")
    page.get_by_role("link", name="Sources and uploads of this module").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the shipped source (.zip)").click()
    names = zipfile.ZipFile(download.value.path()).namelist()
    assert f"{SLUG}/module.yaml" in names

    upload = tmp_path / "es.zip"
    upload.write_bytes(zip_of(with_edition("es", lesson_note=f"\n{LONG_LINE}\n")))
    page.get_by_label("Module source (.zip)").set_input_files(str(upload))
    page.get_by_label("Language code (e.g. es, fr, en)").fill("es")
    page.get_by_role("button", name="Upload and check").click()
    page.wait_for_url("**/catalog/sources/*")
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.locator(".diff-added", has_text="Aplique-la-RGI-1-").first).to_be_visible()
    scroll_width, width = _page_width(page)
    assert scroll_width <= width, "the diff page scrolls sideways at 390 px"

    page.get_by_role("button", name="Build and publish the es edition").click()
    page.wait_for_url("**/catalog/versions/*")
    assert "Published the es edition of tiny-module" in page.get_by_role("status").inner_text()


def test_a_broken_upload_lists_each_problem_with_its_place(app, live_server, page, make_user,
                                                           tmp_path):
    app.config["PACKAGES_DIR"] = str(tmp_path / "packages")
    write_fixture_module(tmp_path / "packages")
    with app.app_context():
        db.session.add(Module(slug=SLUG, title="Tiny module"))
        db.session.commit()
    make_user("coordinator", email="coord@example.org")
    page.set_viewport_size({"width": 390, "height": 800})
    _sign_in(page, live_server, "coord@example.org", PASSWORD)
    page.goto(f"{live_server}/catalog/modules/{SLUG}/sources")
    files = with_edition("es")
    files["es/assessment.yaml"] = files["es/assessment.yaml"].replace("single_choice", "yes_no")
    upload = tmp_path / "broken.zip"
    upload.write_bytes(zip_of(files))
    page.get_by_label("Module source (.zip)").set_input_files(str(upload))
    page.get_by_label("Language code (e.g. es, fr, en)").fill("es")
    page.get_by_role("button", name="Upload and check").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("es/assessment.yaml:6")
    expect(alert).to_contain_text("unknown type 'yes_no'")
    scroll_width, width = _page_width(page)
    assert scroll_width <= width
