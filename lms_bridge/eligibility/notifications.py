"""Telling people about their applications: an outbox always, e-mail when SMTP is configured.

Messages are written in the recipient's language (``notify_person``: the subject and body are
lazy strings, rendered with the recipient's preferred language forced), and stored so: the
outbox page and the e-mail show them as written. ``notify`` only adds a row inside the
caller's transaction, so a failing mail server can never undo a decision. ``deliver_outbox`` sends what is unsent once the decision is committed;
failure policy: a message that cannot be sent keeps its error and is retried on the next call
(the outbox page shows both). Without ``SMTP_HOST`` nothing is sent and the outbox page is where
administrators read the messages.
"""
from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select

from ..accounts.models import Role, User, UserRole
from ..db import db, utcnow
from ..i18n import DEFAULT_LANGUAGE, base_language
from .models import Application, Notification

log = logging.getLogger(__name__)


def notify(user_id: int, subject: str, body: str,
           application: Application | None = None) -> Notification:
    """Queue one message (the caller commits)."""
    message = Notification(user_id=user_id, subject=subject[:300], body=body,
                           application_id=application.id if application else None,
                           created_at=utcnow())
    db.session.add(message)
    return message


def notify_person(user: User, subject: object, body: object,
                  application: Application | None = None) -> Notification:
    """Queue one message written in ``user``'s preferred language (the caller commits).

    ``subject`` and ``body`` are lazy strings (``lazy_gettext``): they are rendered here, with
    the recipient's language forced, not in the language of whoever caused the message.
    """
    with force_locale(language_of(user)):
        return notify(user.id, str(subject), str(body), application)


def language_of(user: User) -> str:
    """The language ``user`` reads messages in (English when the preference is not ours)."""
    return base_language(user.preferred_language) or DEFAULT_LANGUAGE


def in_english(text: object) -> str:
    """A lazy string as the stored records keep it: in English, the source language."""
    with force_locale(DEFAULT_LANGUAGE):
        return str(text)


def national_coordinators_of(administration_id: int) -> list[int]:
    """Ids of the national coordinators acting for one administration."""
    return list(db.session.scalars(select(User.id).join(UserRole).where(
        User.administration_id == administration_id,
        UserRole.role == Role.NATIONAL_COORDINATOR, User.active.is_(True))))


def is_smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def deliver_outbox(limit: int = 100) -> int:
    """Send unsent messages by SMTP when configured; returns how many were sent."""
    if not is_smtp_configured():
        return 0
    pending = list(db.session.scalars(select(Notification).where(
        Notification.sent_at.is_(None)).order_by(Notification.id).limit(limit)))
    if not pending:
        return 0
    sent = 0
    try:
        with _smtp() as smtp:
            for message in pending:
                sent += _send_one(smtp, message)
    except (OSError, smtplib.SMTPException) as exc:
        # Retry policy: every unsent message stays in the outbox for the next delivery.
        log.warning("SMTP delivery failed: %s", exc)
        for message in pending:
            if message.sent_at is None:
                message.error = f"SMTP: {exc}"[:500]
    db.session.commit()
    return sent


def _smtp() -> smtplib.SMTP:
    config = current_app.config
    smtp = smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10)
    if config["SMTP_STARTTLS"]:
        smtp.starttls()
    if config.get("SMTP_USERNAME"):
        smtp.login(config["SMTP_USERNAME"], config.get("SMTP_PASSWORD") or "")
    return smtp


def _send_one(smtp: smtplib.SMTP, message: Notification) -> int:
    mail = EmailMessage()
    mail["From"] = current_app.config["SMTP_FROM"]
    mail["To"] = message.user.email
    mail["Subject"] = message.subject
    mail.set_content(message.body)
    try:
        smtp.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        message.error = f"refused: {exc}"[:500]
        return 0
    message.sent_at, message.error = utcnow(), ""
    return 1
