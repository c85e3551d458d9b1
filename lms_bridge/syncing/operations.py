"""Configuring sync sources: create, change, map courses to modules, link people. Each commits.

Source URLs are admin-set and checked by the connectors' URL policy (a well-formed http or https
URL; a host resolving to a private, loopback or link-local address is refused unless the
source's ``allow_private`` flag is set). A CSV source has no URL (uploads only) or the path of a
report inside the import folder (:mod:`.report_files`). A mapping to a module slug with no local
module creates a remote-only :class:`~lms_bridge.catalog.models.Module`. Linking a remote person
applies the records that were waiting for them at once.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from sync.errors import CsvReportError, SourceUnavailable, UnsafeSourceURL
from sync.url_policy import check_source_url
from sync.records import SourceKind

from ..accounts.models import User
from ..accounts.operations import normalize_email, record_audit
from ..catalog.models import Module
from ..db import db
from ..errors import Conflict, InvalidInput, NotFound
from . import credentials
from .models import CourseMapping, MatchBy, PersonLink, SyncSource, UnmatchedPerson
from .report_files import report_file

NAME = re.compile(r"^[\w.!' -]{1,100}$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
MIN_SCHEDULE_MINUTES = 5
UNCHANGED = object()  # update_source: "leave the schedule as it is" (None means on demand)


def _invalid(field: str, problem: str) -> InvalidInput:
    return InvalidInput(_("%(field)s: %(problem)s", field=field, problem=problem),
                        [{"field": field, "problem": problem}])


def check_url(kind: SourceKind, url: str, allow_private: bool) -> str:
    """The URL if the policy accepts it; raises InvalidInput naming the problem."""
    if kind is SourceKind.CSV:  # empty: reports are uploaded; else a file in the import folder
        if not url.strip():
            return ""
        try:
            return str(report_file(url, current_app.config["SYNC_CSV_IMPORT_DIR"]))
        except CsvReportError as exc:
            raise _invalid("url", str(exc)) from None
    try:
        return check_source_url(url.strip(), allow_private=allow_private)
    except (UnsafeSourceURL, SourceUnavailable) as exc:
        raise _invalid("url", str(exc)) from None


def _check_schedule(minutes: int | None) -> int | None:
    if minutes is not None and minutes < MIN_SCHEDULE_MINUTES:
        raise _invalid("schedule_minutes", _("at least %(minutes)d minutes, or none",
                                             minutes=MIN_SCHEDULE_MINUTES))
    return minutes


def source_by_name(name: str) -> SyncSource:
    source = db.session.scalar(select(SyncSource).where(SyncSource.name == name))
    if source is None:
        raise NotFound(_("No sync source named '%(name)s'.", name=name))
    return source


def source_by_id(source_id: int) -> SyncSource:
    source = db.session.get(SyncSource, source_id)
    if source is None:
        raise NotFound(_("No sync source %(id)d.", id=source_id))
    return source


def create_source(actor: User | None, name: str, kind: SourceKind, url: str, *,
                  secret: str | None = None, username: str = "", allow_private: bool = False,
                  match_by: MatchBy = MatchBy.EMAIL, schedule_minutes: int | None = None,
                  options: dict[str, Any] | None = None,
                  mappings: Iterable[tuple[str, str]] = ()) -> SyncSource:
    """A new source with its course mappings; raises InvalidInput or Conflict."""
    name = name.strip()
    if not NAME.match(name):
        raise _invalid("name", _("1-100 letters, digits, spaces, dots, dashes, ! or '"))
    if db.session.scalar(select(SyncSource.id).where(SyncSource.name == name)):
        raise Conflict(_("A sync source named '%(name)s' exists already.", name=name),
                       [{"field": "name", "problem": _("This name is taken; choose another.")}])
    if kind is SourceKind.MOODLE and not secret:
        raise _invalid("token", _("a Moodle source needs a web service token"))
    source = SyncSource(name=name, kind=kind, url=check_url(kind, url, allow_private),
                        username=username, allow_private=allow_private, match_by=match_by,
                        schedule_minutes=_check_schedule(schedule_minutes), options=options or {},
                        secret_encrypted=credentials.seal(secret) if secret else "")
    db.session.add(source)
    db.session.flush()
    for remote_key, slug in mappings:
        _map(source, remote_key, slug)
    record_audit(actor, "sync.source_created", "sync_source", source.id,
                 f"Added {kind.value} source {name} ({source.url})")
    db.session.commit()
    return source


def update_source(actor: User | None, source: SyncSource, *, secret: str | None = None,
                  url: str | None = None, allow_private: bool | None = None,
                  schedule_minutes: int | None | object = UNCHANGED, enabled: bool | None = None,
                  match_by: MatchBy | None = None) -> SyncSource:
    """Change what is given; a new secret or URL clears "needs attention". Raises InvalidInput."""
    changed = []
    if allow_private is not None:
        source.allow_private, changed = allow_private, changed + ["allow_private"]
    if url is not None:
        source.url, changed = check_url(source.kind, url, source.allow_private), changed + ["url"]
    if secret:
        source.secret_encrypted, changed = credentials.seal(secret), changed + ["credential"]
    if schedule_minutes is not UNCHANGED:
        source.schedule_minutes = _check_schedule(schedule_minutes)  # type: ignore[arg-type]
        changed.append("schedule")
    if enabled is not None:
        source.enabled, changed = enabled, changed + ["enabled"]
    if match_by is not None:
        source.match_by, changed = match_by, changed + ["match_by"]
    if {"url", "credential"} & set(changed):
        source.needs_attention = False
    record_audit(actor, "sync.source_changed", "sync_source", source.id,
                 f"Changed {', '.join(changed) or 'nothing'} of source {source.name}")
    db.session.commit()
    return source


def _module_for(slug: str, title: str) -> Module:
    slug = slug.strip().lower()
    if not SLUG.match(slug):
        raise _invalid("module", _("'%(slug)s' is not a module slug (a-z, 0-9, dashes)",
                                   slug=slug))
    module = db.session.scalar(select(Module).where(Module.slug == slug))
    if module is None:  # a module that exists only remotely
        module = Module(slug=slug, title=title[:300] or slug,
                        description="Exists only on a remote LMS (created by a sync mapping).")
        db.session.add(module)
        db.session.flush()
    return module


def _map(source: SyncSource, remote_key: str, slug: str) -> CourseMapping:
    remote_key = remote_key.strip()
    if not remote_key or len(remote_key) > 500:
        raise _invalid("course", _("give the remote course, activity or IRI (up to 500 "
                                   "characters)"))
    module = _module_for(slug, f"{remote_key} ({source.name})")
    mapping = db.session.scalar(select(CourseMapping).where(
        CourseMapping.source_id == source.id, CourseMapping.remote_key == remote_key))
    if mapping is None:
        mapping = CourseMapping(source_id=source.id, remote_key=remote_key, module_id=module.id)
        source.mappings.append(mapping)
    mapping.module_id = module.id
    return mapping


def map_course(actor: User | None, source: SyncSource, remote_key: str, slug: str) -> CourseMapping:
    """Map a remote course / activity / IRI to a module (created remote-only if absent)."""
    mapping = _map(source, remote_key, slug)
    record_audit(actor, "sync.mapping_set", "sync_source", source.id,
                 f"{source.name}: {remote_key} -> {slug}")
    db.session.commit()
    return mapping


def delete_source(actor: User | None, source: SyncSource) -> None:
    record_audit(actor, "sync.source_deleted", "sync_source", source.id,
                 f"Deleted source {source.name}; its completions stay")
    db.session.delete(source)
    db.session.commit()


def link_person(actor: User | None, unmatched_id: int, email: str) -> PersonLink:
    """Link an unmatched remote person to a local one and apply their waiting records."""
    from .applying import apply_pending

    unmatched = db.session.get(UnmatchedPerson, unmatched_id)
    if unmatched is None:
        raise NotFound(_("No unmatched person %(id)d.", id=unmatched_id))
    user = db.session.scalar(select(User).where(User.email == normalize_email(email)))
    if user is None:
        raise _invalid("email", _("no local person has the e-mail '%(email)s'", email=email))
    link = PersonLink(source_id=unmatched.source_id, identity=unmatched.identity, user_id=user.id)
    db.session.add(link)
    applied = apply_pending(unmatched.source, unmatched, user.id)
    record_audit(actor, "sync.person_linked", "sync_source", unmatched.source_id,
                 f"{unmatched.source.name}: {unmatched.identity} is {user.email} "
                 f"({applied} waiting records applied)")
    db.session.delete(unmatched)
    db.session.commit()
    return link
