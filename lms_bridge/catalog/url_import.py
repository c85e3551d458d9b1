"""Importing a package from a URL (as Moodle allows), and re-checking it for new bytes.

Policy: the URL's host must be on the admin's allowlist (``LMS_BRIDGE_IMPORT_URL_HOSTS``); the
scheme, credentials and resolved addresses are checked by ``sync.http.check_source_url``
(private and loopback addresses refused unless ``LMS_BRIDGE_IMPORT_URL_ALLOW_PRIVATE``).
Redirects are followed by hand, at most three, and only on the same host, each hop checked
again. The body is streamed into a temporary file and refused past ``MAX_UPLOAD_BYTES``. The
whole fetch (connections, redirects, headers and body) must end within
``IMPORT_URL_DEADLINE_SECONDS`` (:mod:`.download_deadline`), however slowly the server answers.

Failure policy of :func:`recheck_url_imports`: a source that cannot be fetched or whose new bytes
are refused is skipped (its ``last_error`` says why, the next run tries again); nothing already
imported changes. New bytes become a new *draft* version: a coordinator publishes it.
"""
from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

import requests
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from sync.errors import SyncError
from sync.http import REDIRECT_STATUSES, check_source_url

from ..accounts.models import User
from ..access_log import printable
from ..accounts.permissions import Action, require
from ..db import db, utcnow
from ..errors import LmsBridgeError
from .download_deadline import Deadline, deadline_session
from .models import UrlImport
from .operations import ImportResult, check_slug, import_package

log = logging.getLogger(__name__)

MAX_REDIRECTS = 3
CONNECT_TIMEOUT, READ_TIMEOUT = 5.0, 60.0  # per socket operation; the deadline bounds the sum
CHUNK = 1 << 20


class UrlImportRefused(LmsBridgeError):
    """The URL may not be fetched, or what it answers is not an acceptable download."""

    status, code = 422, "url_import_refused"


@dataclass(frozen=True)
class FetchPolicy:
    allowed_hosts: tuple[str, ...]
    allow_private: bool
    max_bytes: int
    deadline_seconds: float

    @classmethod
    def from_config(cls) -> FetchPolicy:
        config = current_app.config
        return cls(tuple(config["IMPORT_URL_HOSTS"]), config["IMPORT_URL_ALLOW_PRIVATE"],
                   config["MAX_UPLOAD_BYTES"], config["IMPORT_URL_DEADLINE_SECONDS"])


def url_problem(url: str) -> str | None:
    """What makes ``url`` unusable as a package URL (scheme, host, port), or None."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. "http://[::1/x.zip"
        return _("its host is neither a name nor a well-formed [IPv6] address")
    if parts.scheme not in ("http", "https"):
        return _("its scheme must be http or https")
    if not parts.hostname:
        return _("it has no host")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        return _("its port must be a number from 1 to 65535")
    return None


def _well_formed(url: str) -> SplitResult:
    problem = url_problem(url)
    if problem is not None:
        raise UrlImportRefused(_("The package URL %(url)s cannot be used: %(problem)s.",
                                 url=repr(url), problem=problem),
                               [{"field": "url", "problem": problem}])
    return urlsplit(url)


def _checked(url: str, policy: FetchPolicy, first_host: str | None = None) -> str:
    host = (_well_formed(url).hostname or "").lower()
    if first_host is not None and host != first_host:
        raise UrlImportRefused(_("%(url)s redirects to another host (%(host)s); refused.",
                                 url=url, host=host))
    if host not in policy.allowed_hosts:
        allowed = ", ".join(policy.allowed_hosts) or _(
            "none (an admin sets LMS_BRIDGE_IMPORT_URL_HOSTS)")
        raise UrlImportRefused(_("Packages may not be imported from %(host)s; allowed hosts: "
                                 "%(allowed)s.", host=host or repr(url), allowed=allowed),
                               [{"field": "url", "problem": "host not allowed"}])
    try:
        return check_source_url(url, allow_private=policy.allow_private)
    except SyncError as exc:
        raise UrlImportRefused(f"{url}: {exc}", [{"field": "url", "problem": str(exc)}]) from None


def _redirect_target(url: str, location: str) -> str:
    try:
        return urljoin(url, location)
    except ValueError:
        raise UrlImportRefused(_("%(url)s redirects to %(location)s, which is not a usable URL.",
                                 url=url, location=repr(location)),
                               [{"field": "url", "problem": "redirects to an unusable URL"}]
                               ) from None


def _open(session: requests.Session, url: str, policy: FetchPolicy,
          deadline: Deadline) -> requests.Response:
    url = _checked(url, policy)
    first_host = urlsplit(url).hostname.lower()
    for _attempt in range(MAX_REDIRECTS + 1):
        if deadline.expired:
            raise _too_slow(url, deadline)
        timeout = (min(CONNECT_TIMEOUT, deadline.remaining()),
                   min(READ_TIMEOUT, deadline.remaining()))
        try:
            response = session.get(url, stream=True, allow_redirects=False, timeout=timeout)
        except requests.RequestException as exc:
            if deadline.expired:
                raise _too_slow(url, deadline) from None
            raise UrlImportRefused(_("%(url)s cannot be fetched: %(problem)s", url=url,
                                     problem=str(exc))) from None
        if response.status_code not in REDIRECT_STATUSES:
            return response
        response.close()
        location = _redirect_target(url, response.headers.get("Location", ""))
        url = _checked(location, policy, first_host)
    raise UrlImportRefused(_("%(url)s: more than %(count)d redirects; refused.", url=url,
                             count=MAX_REDIRECTS))


def fetch_package(url: str, target: Path, policy: FetchPolicy) -> None:
    """Download ``url`` into ``target`` under ``policy``; raises UrlImportRefused."""
    with Deadline(policy.deadline_seconds) as deadline, deadline_session(deadline) as session:
        response = _open(session, url, policy, deadline)
        with response:
            if response.status_code != 200:
                raise UrlImportRefused(_("%(url)s answered HTTP %(status)d.", url=response.url,
                                         status=response.status_code))
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > policy.max_bytes:
                raise _too_large(url, policy)
            _save_body(response, target, url, policy, deadline)


def _save_body(response: requests.Response, target: Path, url: str, policy: FetchPolicy,
               deadline: Deadline) -> None:
    received = 0
    try:
        with target.open("wb") as fh:
            for chunk in response.iter_content(CHUNK):
                received += len(chunk)
                if received > policy.max_bytes:
                    raise _too_large(url, policy)
                fh.write(chunk)
    except requests.RequestException as exc:
        if not deadline.expired:
            raise UrlImportRefused(_("%(url)s: the download broke off: %(problem)s", url=url,
                                     problem=str(exc))) from None
    # Past the deadline the sockets were shut down: a body without a length just ends early.
    if deadline.expired:
        raise _too_slow(url, deadline)


def _too_slow(url: str, deadline: Deadline) -> UrlImportRefused:
    return UrlImportRefused(
        _("%(url)s did not finish downloading within the %(seconds)s-second limit for a URL "
          "import (LMS_BRIDGE_IMPORT_URL_DEADLINE_SECONDS); nothing was imported.", url=url,
          seconds=f"{deadline.seconds:g}"),
        [{"field": "url", "problem": "download deadline exceeded"}])


def _too_large(url: str, policy: FetchPolicy) -> UrlImportRefused:
    return UrlImportRefused(_("%(url)s is larger than the %(limit)d-byte package limit.",
                              url=url, limit=policy.max_bytes),
                            [{"field": "url", "problem": "too large"}])


def _file_name(url: str) -> str:
    return unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "package.zip"


def _fetch_and_import(url: str, slug: str, actor: User | None,
                      title: str = "") -> ImportResult:
    with tempfile.TemporaryDirectory(prefix="lms-bridge-url-") as folder:
        target = Path(folder) / "package.zip"
        fetch_package(url, target, FetchPolicy.from_config())
        return import_package(target, slug, actor, original_filename=_file_name(url), title=title,
                              move_original=True)


def import_from_url(url: str, slug: str, actor: User | None, *,
                    recheck: bool = True, title: str = "") -> ImportResult:
    """Fetch and import ``url`` as module ``slug``; remember the URL for re-checks. ``title``:
    a new module's title (default: the package's).

    Raises UrlImportRefused, PackageRejected, InvalidInput.
    """
    if actor is not None:
        require(actor, Action.IMPORT_PACKAGE)
    check_slug(slug)
    result = _fetch_and_import(url, slug, actor, title)
    module_id = result.version.module_id
    source = db.session.scalar(select(UrlImport).where(UrlImport.module_id == module_id))
    if source is None:
        source = UrlImport(module_id=module_id, created_by_id=actor.id if actor else None)
        db.session.add(source)
    source.url, source.recheck = url, recheck
    source.last_checked_at, source.last_sha256, source.last_error = (
        utcnow(), result.version.sha256, "")
    db.session.commit()
    return result


@dataclass(frozen=True)
class RecheckOutcome:
    slug: str
    url: str
    new_version: int | None  # the version number imported now, if the bytes changed
    error: str = ""


def recheck_url_imports() -> list[RecheckOutcome]:
    """Fetch every re-checked URL again; changed bytes become a new draft version."""
    outcomes = []
    for source_id in db.session.scalars(select(UrlImport.id).where(UrlImport.recheck)).all():
        outcomes.append(_recheck_one(db.session.get(UrlImport, source_id)))
    return outcomes


def _recheck_one(source: UrlImport) -> RecheckOutcome:
    slug, url, source_id = source.module.slug, source.url, source.id
    try:
        result = _fetch_and_import(url, slug, None)
    except LmsBridgeError as exc:  # skipped; the next run tries again
        # The stored URL and the error (which quotes the remote answer) are remote text.
        log.warning("re-check of %s (%s) failed: %s", slug, printable(url), printable(exc.message))
        return _record_failure(source_id, slug, url, exc.message)
    except Exception:  # a defect of ours: logged in full, and the other sources still run
        log.exception("re-check of %s (%s) failed unexpectedly", slug, printable(url))
        db.session.rollback()
        return _record_failure(source_id, slug, url, "unexpected error (see the server log)")
    source = db.session.get(UrlImport, source_id)
    source.last_checked_at, source.last_sha256, source.last_error = (
        utcnow(), result.version.sha256, "")
    db.session.commit()
    return RecheckOutcome(slug, url, result.version.number if result.created else None)


def _record_failure(source_id: int, slug: str, url: str, error: str) -> RecheckOutcome:
    source = db.session.get(UrlImport, source_id)
    source.last_checked_at, source.last_error = utcnow(), error[:2000]
    db.session.commit()
    return RecheckOutcome(slug, url, None, error)
