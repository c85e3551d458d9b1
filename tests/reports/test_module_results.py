"""The module results report: figures from a world built through the runtime, filters, pages,
CSV, and who sees whom."""
import csv
import io

from tests.conftest import login
from tests.reports.world import FORMULA_NAME, SCRIPT_NAME, SLUG


def _page(client, email, url):
    assert login(client, email).status_code == 302
    return client.get(url)


def _csv(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_coordinator_sees_every_learner_with_their_figures(app, client, world):
    rows = {row["email"]: row for row in _csv(_page(client, "coord@example.org",
                                                    f"/reports/modules/{SLUG}/results.csv"))}
    assert set(rows) == {"kim@example.org", "lee@example.org", "bo@example.org"}
    kim = rows["kim@example.org"]
    # the module's default "which attempt counts" is the highest grade
    assert (kim["attempts"], kim["status"], kim["score (%)"], kim["administration"]) == (
        "2", "passed", "90.0", "Korea, Republic of")
    assert (rows["bo@example.org"]["status"], rows["bo@example.org"]["score (%)"]) == ("failed", "20.0")
    assert rows["lee@example.org"]["package versions"] == "1"
    assert float(kim["time spent (minutes)"]) == 1.0  # two sessions of PT30S


def test_the_page_escapes_script_in_names(client, world):
    page = _page(client, "coord@example.org", f"/reports/modules/{SLUG}").get_data(as_text=True)
    assert SCRIPT_NAME not in page and "&lt;script&gt;" in page
    assert "3 learner(s)" in page


def test_formula_cells_are_neutralised_in_the_csv(client, world):
    rows = _csv(_page(client, "coord@example.org", f"/reports/modules/{SLUG}/results.csv"))
    names = {row["email"]: row["learner"] for row in rows}
    assert names["bo@example.org"] == "'" + FORMULA_NAME


def test_filters_by_status_administration_and_date(app, client, world, administrations):
    login(client, "coord@example.org")
    base = f"/reports/modules/{SLUG}/results.csv"
    failed = _csv(client.get(base, query_string={"status": "failed"}))
    assert [row["email"] for row in failed] == ["bo@example.org"]
    korea = _csv(client.get(base, query_string={"administration": administrations["KR"]}))
    assert {row["email"] for row in korea} == {"kim@example.org", "lee@example.org"}
    assert _csv(client.get(base, query_string={"until": "2000-01-01"})) == []
    assert len(_csv(client.get(base, query_string={"since": "2000-01-01"}))) == 3
    bad = client.get(base, query_string={"since": "yesterday"})
    assert bad.status_code == 400 and "since" in bad.get_data(as_text=True)


def test_pages_of_fifty(app, client, world, monkeypatch):
    from lms_bridge.reports import queries

    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    login(client, "coord@example.org")
    first = client.get(f"/reports/modules/{SLUG}").get_data(as_text=True)
    second = client.get(f"/reports/modules/{SLUG}?page=2").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    # by name: "<script>… Kim" and "=HYPERLINK…" sort before "Lee"
    assert "HYPERLINK" in first and ">Lee<" not in first
    assert ">Lee<" in second and "HYPERLINK" not in second


def test_a_national_coordinator_sees_only_their_own_administration(client, world, administrations):
    page = _page(client, "nc-kr@example.org", f"/reports/modules/{SLUG}").get_data(as_text=True)
    assert "Lee" in page and "HYPERLINK" not in page
    rows = _csv(client.get(f"/reports/modules/{SLUG}/results.csv"))
    assert {row["email"] for row in rows} == {"kim@example.org", "lee@example.org"}
    other = client.get(f"/reports/modules/{SLUG}/results.csv",
                       query_string={"administration": administrations["FR"]})
    assert other.status_code == 403 and "bo@example.org" not in other.get_data(as_text=True)
    assert client.get(f"/reports/modules/{SLUG}/questions",
                      query_string={"administration": administrations["FR"]}).status_code == 403


def test_a_learner_may_not_see_the_report(client, world):
    assert _page(client, "lee@example.org", f"/reports/modules/{SLUG}").status_code == 403


def test_the_report_and_its_csv_show_the_edition_each_learner_took(app, client, world, make_user,
                                                                   tmp_path):
    import html

    from lms_bridge.accounts.models import User
    from lms_bridge.catalog.operations import import_package, publish_version
    from lms_bridge.db import db
    from tests.player.conftest import tiny_package
    from tests.player.runtime_client import Learner
    from tests.reports.world import take_attempt

    french = tiny_package(tmp_path / "fr.zip", "2004", ("un",), 0.6)
    zoe = make_user("learner", country="FR", email="zoe@example.org", name="Zoé")
    with app.app_context():
        publish_version(None, import_package(french, SLUG, None, original_filename="fr.zip",
                                             language="fr").version.id)
        db.session.get(User, zoe).preferred_language = "fr"
        db.session.commit()
    take_attempt(Learner(app.test_client(), "zoe@example.org"), [("q1", "a", "correct")], "0.8")
    rows = {row["email"]: row for row in _csv(_page(client, "coord@example.org",
                                                    f"/reports/modules/{SLUG}/results.csv"))}
    assert rows["zoe@example.org"]["editions"] == "fr"
    assert rows["kim@example.org"]["editions"] == "en"
    page = html.unescape(client.get(f"/reports/modules/{SLUG}").get_data(as_text=True))
    assert '<span lang="fr">Français</span>' in page and '<span lang="en">English</span>' in page
