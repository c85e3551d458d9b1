"""An SMTP server on loopback for the tests that deliver mail (the outbox)."""
import socketserver
import threading

import pytest


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
    """An SMTP server on loopback; what it accepted is in ``server.messages``."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Mailbox)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def configure_smtp(app, port):
    """Point the app's mail at the loopback server."""
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                      SMTP_FROM="lms-bridge@example.org")
