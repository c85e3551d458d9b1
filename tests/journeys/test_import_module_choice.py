"""The import page picks an existing module or creates a new one by its title, confirmed: a
typed slug can no longer create a module by accident."""
import io

import pytest
from sqlalchemy import select

from lms_bridge.catalog.forms import slug_from_title
from lms_bridge.catalog.models import Module
from lms_bridge.db import db
from tests.conftest import csrf_token, login

GOLF = "rustici-golf/RuntimeBasicCalls_SCORM20043rdEdition.zip"


@pytest.fixture
def coordinator(app, client, make_user):
    make_user("coordinator", email="coord@example.org")
    with app.app_context():
        db.session.add(Module(slug="hs-classification", title="HS classification"))
        db.session.commit()
    login(client, "coord@example.org")
    return client


def _post(client, package: bytes, **fields):
    data = {"csrf_token": csrf_token(client, "/catalog/import"),
            "package": (io.BytesIO(package), "golf.zip"), **fields}
    return client.post("/catalog/import", data=data, content_type="multipart/form-data")


def _slugs(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Module.slug)))


@pytest.mark.parametrize("title, slug", [
    ("Valuation: the basics", "valuation-the-basics"), ("  Règles d'origine ", "regles-d-origine"),
    ("HS 2022 — update", "hs-2022-update"), ("!!!", "")])
def test_the_address_comes_from_the_title(title, slug):
    assert slug_from_title(title) == slug


def test_the_page_lists_the_existing_modules_by_full_title(coordinator):
    page = coordinator.get("/catalog/import").get_data(as_text=True)
    assert '<option value="hs-classification">HS classification (hs-classification)</option>' in page
    assert 'id="url-module"' in page and 'id="module"' in page


@pytest.mark.corpus
def test_a_mistyped_slug_creates_nothing(app, coordinator, scorm_corpus):
    response = _post(coordinator, (scorm_corpus / GOLF).read_bytes(), module="hs-clasification")
    assert response.status_code == 400
    assert _slugs(app) == {"hs-classification"}


@pytest.mark.corpus
def test_a_new_module_needs_its_title_confirmed(app, coordinator, scorm_corpus):
    package = (scorm_corpus / GOLF).read_bytes()
    response = _post(coordinator, package, module="+new", new_title="Golf explained")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and _slugs(app) == {"hs-classification"}
    assert "address will be &#39;golf-explained&#39;" in page and 'value="Golf explained"' in page
    response = _post(coordinator, package, module="+new", new_title="Golf explained",
                     confirm_new="y")
    assert response.status_code == 302
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "golf-explained"))
        assert module.title == "Golf explained"


@pytest.mark.corpus
def test_a_new_title_whose_address_exists_is_refused(app, coordinator, scorm_corpus):
    response = _post(coordinator, (scorm_corpus / GOLF).read_bytes(), module="+new",
                     new_title="HS Classification", confirm_new="y")
    assert response.status_code == 400
    assert "pick it in the list" in response.get_data(as_text=True)
