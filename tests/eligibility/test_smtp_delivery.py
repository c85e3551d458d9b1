"""Notifications by e-mail: delivered to a real SMTP conversation on loopback."""
import socket

from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.eligibility.models import Notification
from lms_bridge.eligibility.notifications import deliver_outbox, notify
from tests.smtp_loopback import configure_smtp as _configure
from tests.smtp_loopback import smtp_server  # noqa: F401 (a fixture)



def test_outbox_is_delivered_and_refusals_are_kept(app, make_user, smtp_server):
    ok = make_user("learner", email="ok@example.org")
    refused = make_user("learner", email="someone@refused.example")
    _configure(app, smtp_server.server_address[1])
    with app.app_context():
        notify(ok, "Your application", "You are eligible <b>now</b>.")
        notify(refused, "Your application", "Nominated.")
        db.session.commit()
        assert deliver_outbox() == 1
        rows = {n.user.email: n for n in db.session.scalars(select(Notification))}
        assert rows["ok@example.org"].sent_at is not None and rows["ok@example.org"].error == ""
        assert rows["someone@refused.example"].sent_at is None
        assert "refused" in rows["someone@refused.example"].error
        assert deliver_outbox() == 0, "a refused recipient stays refused on the next delivery"
    [message] = smtp_server.messages
    assert "To: ok@example.org" in message and "Subject: Your application" in message
    assert "You are eligible <b>now</b>." in message


def test_an_unreachable_server_keeps_everything_in_the_outbox(app, make_user):
    user = make_user("learner", email="ok@example.org")
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _configure(app, port)
    with app.app_context():
        notify(user, "Subject", "Body")
        db.session.commit()
        assert deliver_outbox() == 0
        message = db.session.scalars(select(Notification)).one()
        assert message.sent_at is None and message.error.startswith("SMTP:")
