"""Account writes: create, register, decide access, sign in, API tokens, audit."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, Iterable

from flask import current_app
from flask_babel import gettext as _, ngettext
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..db import db, utcnow
from ..errors import (Conflict, InvalidInput, NotFound, TokenRefused, TooManyRequests,
                      Unauthorized)
from .models import (AccessRequest, AccessStatus, Administration, ApiToken, AuditEvent,
                     LoginThrottle, Role, User, UserRole)
from .permissions import Action, require

MIN_PASSWORD_LENGTH = 10
TOKEN_PREFIX = "lmsb_"


def normalize_email(email: str) -> str:
    return email.strip().lower()


def record_audit(actor: User | None, action: str, target_type: str, target_id: Any,
                 summary: str, reason: str = "", **details: Any) -> AuditEvent:
    event = AuditEvent(actor_id=actor.id if actor else None, action=action,
                       target_type=target_type, target_id=str(target_id), summary=summary,
                       reason=reason, details=details)
    db.session.add(event)
    return event


def hash_password(password: str) -> str:
    # Tests set a cheap method; production keeps Werkzeug's default (scrypt).
    method = current_app.config.get("PASSWORD_HASH_METHOD")
    return generate_password_hash(password, method) if method else generate_password_hash(password)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(count)d characters.",
                             count=MIN_PASSWORD_LENGTH),
                           [{"field": "password", "problem": "too short"}])


def end_sessions(user: User) -> None:
    """Refuse every sign-in cookie of ``user`` saved so far, in any browser
    (``accounts.sessions``). Incremented in SQL, so concurrent calls each count."""
    user.session_version = User.session_version + 1


def sign_out(user: User) -> None:
    """Signing out ends the session everywhere: a saved copy of the cookie is refused too."""
    end_sessions(user)
    db.session.commit()


def set_password(user: User, password: str) -> None:
    """Give ``user`` a new password; every session signed in before ends. The caller commits."""
    _check_password(password)
    user.password_hash = hash_password(password)
    end_sessions(user)


def _administration(administration_id: int | None) -> Administration | None:
    if administration_id is None:
        return None
    administration = db.session.get(Administration, administration_id)
    if administration is None:
        raise InvalidInput(_("Unknown administration."),
                           [{"field": "administration", "problem": "not found"}])
    return administration


def create_user(email: str, display_name: str, password: str, roles: Iterable[Role], *,
                administration_id: int | None = None, language: str = "en",
                access_status: AccessStatus = AccessStatus.APPROVED) -> User:
    """Create an account; the caller commits. Raises Conflict on a duplicate e-mail."""
    email = normalize_email(email)
    roles = set(roles) or {Role.LEARNER}
    _check_password(password)
    _administration(administration_id)
    if Role.NATIONAL_COORDINATOR in roles and administration_id is None:
        raise InvalidInput(_("A national coordinator acts for exactly one administration."),
                           [{"field": "administration", "problem": "required"}])
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise Conflict(_("An account with the e-mail %(email)s already exists.", email=email),
                       [{"field": "email", "problem": "already registered"}])
    user = User(email=email, display_name=display_name.strip(),
                password_hash=hash_password(password), active=True,
                preferred_language=language, administration_id=administration_id,
                access_status=access_status,
                role_rows=[UserRole(role=role) for role in sorted(roles, key=lambda r: r.value)])
    db.session.add(user)
    db.session.flush()
    return user


def register(email: str, display_name: str, password: str, administration_id: int, *,
             job_title: str = "", message: str = "", language: str = "en") -> AccessRequest:
    """Self-registration: a pending learner account and an access request for its administration."""
    if _administration(administration_id) is None:
        raise InvalidInput(_("Choose your administration."),
                           [{"field": "administration", "problem": "required"}])
    user = create_user(email, display_name, password, {Role.LEARNER},
                       administration_id=administration_id, language=language,
                       access_status=AccessStatus.PENDING)
    request = AccessRequest(user_id=user.id, administration_id=administration_id,
                            job_title=job_title.strip(), message=message.strip())
    db.session.add(request)
    db.session.flush()
    record_audit(user, "access.requested", "access_request", request.id,
                 f"{user.display_name} <{user.email}> asked for access")
    db.session.commit()
    return request


def decide_access_request(actor: User, request_id: int, approve: bool, reason: str) -> AccessRequest:
    """Approve or reject a pending request; only its administration's coordinator or an admin."""
    request = db.session.get(AccessRequest, request_id)
    if request is None:
        raise NotFound(_("Access request %(id)s does not exist.", id=request_id))
    require(actor, Action.DECIDE_ACCESS_REQUEST, request)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Give a reason for the decision."),
                           [{"field": "reason", "problem": "required"}])
    if request.status is not AccessStatus.PENDING:
        raise Conflict(_("This request was already approved.")
                       if request.status is AccessStatus.APPROVED
                       else _("This request was already rejected."))
    status = AccessStatus.APPROVED if approve else AccessStatus.REJECTED
    request.status = request.user.access_status = status
    request.decided_at, request.decided_by_id, request.reason = utcnow(), actor.id, reason
    record_audit(actor, f"access.{status.value}", "access_request", request.id,
                 f"{status.value.capitalize()} access for {request.user.display_name} "
                 f"<{request.user.email}> ({request.administration.name})", reason)
    db.session.commit()
    return request


def _throttle_keys(email: str, client: str | None) -> list[str]:
    keys = [f"email:{email}"]
    if client:
        keys.append(f"client:{client}")
    return keys


def _check_not_locked(keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        row = db.session.get(LoginThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            wait = int((row.locked_until - now).total_seconds()) + 1
            raise TooManyRequests(ngettext(
                "Too many failed sign-ins. Try again in %(num)d minute.",
                "Too many failed sign-ins. Try again in %(num)d minutes.", max(1, wait // 60)),
                retry_after=wait)


def _count_failure(keys: list[str], max_failures: int, lockout: timedelta) -> None:
    now = utcnow()
    for key in keys:
        limit = max_failures if key.startswith("email:") else max_failures * 4
        row = db.session.get(LoginThrottle, key)
        if row is None or now - row.first_failure_at > lockout:
            if row is not None:
                db.session.delete(row)
                db.session.flush()
            row = LoginThrottle(key=key, failures=0, first_failure_at=now)
            db.session.add(row)
        row.failures += 1
        if row.failures >= limit:
            row.locked_until = now + lockout
    db.session.commit()


def authenticate(email: str, password: str, client: str | None, *, max_failures: int,
                 lockout_seconds: int) -> User:
    """Check a sign-in, with throttling per e-mail and per client address."""
    email = normalize_email(email)
    keys = _throttle_keys(email, client)
    _check_not_locked(keys)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None or not check_password_hash(user.password_hash, password):
        _count_failure(keys, max_failures, timedelta(seconds=lockout_seconds))
        raise Unauthorized(_("Wrong e-mail or password."))
    if user.access_status is AccessStatus.PENDING:
        raise Unauthorized(_("Your access request is waiting for your national coordinator's "
                             "approval."))
    if user.access_status is AccessStatus.REJECTED:
        raise Unauthorized(_("Your access request was not approved. Contact your national "
                             "coordinator."))
    if not user.active:
        raise Unauthorized(_("This account is deactivated."))
    row = db.session.get(LoginThrottle, keys[0])
    if row is not None:
        db.session.delete(row)
        db.session.commit()
    return user


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(user: User, name: str, days: int) -> tuple[str, ApiToken]:
    """A new personal token; the plain value is returned once and never stored."""
    require(user, Action.MANAGE_OWN_TOKENS)
    name = name.strip()
    if not name:
        raise InvalidInput(_("Name the token (for example, the script that uses it)."),
                           [{"field": "name", "problem": "required"}])
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=plain[:12], token_hash=_hash_token(plain),
                     expires_at=utcnow() + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    record_audit(user, "token.created", "api_token", token.id, f"Created API token '{name}'")
    db.session.commit()
    return plain, token


def revoke_api_token(user: User, token_id: int) -> ApiToken:
    require(user, Action.MANAGE_OWN_TOKENS)
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_("You have no API token %(id)s.", id=token_id))
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_audit(user, "token.revoked", "api_token", token.id,
                     f"Revoked API token '{token.name}'")
        db.session.commit()
    return token


def authenticate_token(header: str | None) -> User:
    """The user behind an ``Authorization: Bearer`` header, or Unauthorized saying why not."""
    if not header:
        raise TokenRefused("Send a personal API token as 'Authorization: Bearer <token>'.",
                           error="")
    scheme, _space, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise TokenRefused("The Authorization header must be 'Bearer <token>'.",
                           error="invalid_request")
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash_token(value.strip())))
    if token is None:
        raise TokenRefused("This API token is not known.")
    if token.revoked_at is not None:
        raise TokenRefused("This API token was revoked.")
    now = utcnow()
    if token.expires_at <= now:
        raise TokenRefused("This API token has expired.")
    if not token.user.can_sign_in:
        raise TokenRefused("The account behind this API token cannot sign in.")
    token.last_used_at = now
    db.session.commit()
    return token.user
