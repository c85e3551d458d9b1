"""The SCORM 1.2 auto-continue setting (Moodle's): the player page tells the adapter to open the
next SCO when one finishes; 2004 packages follow their sequencing instead."""
import pytest

from tests.player.runtime_client import Learner


@pytest.mark.parametrize("version, setting, expected", [
    ("1.2", True, True), ("1.2", False, False), ("2004", True, False)])
def test_the_play_page_asks_for_auto_continue_only_for_12(app, client, make_user, publish,
                                                         version, setting, expected):
    from lms_bridge.catalog.models import PackageVersion
    from lms_bridge.db import db
    from lms_bridge.catalog.settings import module_settings

    version_id = publish("auto", version, scos=("one", "two"))
    with app.app_context():
        settings = module_settings(db.session.get(PackageVersion, version_id).module_id)
        settings.auto_continue = setting
        db.session.add(settings)
        db.session.commit()
    make_user("learner", email="auto@example.org")
    url, _ = Learner(client, "auto@example.org").launch("auto")
    assert ('data-auto-continue="1"' in client.get(url).get_data(as_text=True)) is expected
