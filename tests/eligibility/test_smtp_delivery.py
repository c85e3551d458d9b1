"""Notifications by e-mail: delivered to a real SMTP conversation on loopback."""
import socket
import socketserver
import threading

import pytest
from sqlalchemy import select

from lms_bridge.db import db
from lms_bridge.eligibility.models import Notification
from lms_bridge.eligibility.notifications import deliver_outbox, notify


class _Mailbox(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) to accept mail; rejects recipients at refused.example."""

    def handle(self):
        self._say("220 test ESMTP")
        while line := self.rfile.readline().decode():
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 test")
            elif verb == "MAIL":
                self._say("250 ok")
            elif verb == "RCPT":
                self._say("550 no such user" if "refused.example" in line else "250 ok")
            elif verb == "DATA":
                self._say("354 go ahead")
                lines = []
                while (body := self.rfile.readline().decode()) != ".\r\n":
                    lines.append(body)
                self.server.messages.append("".join(lines))
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")

    def _say(self, text):
        self.wfile.write(f"{text}\r\n".encode())


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Mailbox)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _configure(app, port):
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                      SMTP_FROM="lms-bridge@example.org")


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
