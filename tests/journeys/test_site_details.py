"""The favicon is served and linked; the demo's records cite sync sources that exist."""
from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.demo import load_demo
from lms_bridge.syncing.models import SyncSource
from lms_bridge.tracking.models import Completion
from tests.conftest import login


def test_the_favicon_is_served_and_linked_from_every_page(client, make_user):
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
        assert icon.get_data(as_text=True).startswith("<svg")
    make_user("learner", country="KR", email="kr@example.org")
    for page in ("/login", "/my/applications"):
        if page != "/login":
            login(client, "kr@example.org")
        assert 'rel="icon" href="/static/favicon.svg"' in client.get(page).get_data(as_text=True)


def test_every_source_a_demo_record_cites_is_on_the_sync_page(app):
    with app.app_context():
        load_demo()
        load_demo()  # idempotent: no second source of each
        sources = {s.source_key: s for s in db.session.scalars(select(SyncSource))}
        cited = set(db.session.execute(select(Completion.source_key, Completion.source_label)
                                       .where(Completion.source_key != "local")))
        assert cited and len(sources) == 3
        for key, label in cited:
            assert key in sources and sources[key].name == label and not sources[key].enabled
