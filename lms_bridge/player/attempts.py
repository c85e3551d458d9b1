"""Which attempt a launch opens: maximum attempts, forced new attempts, locking after the last.

Rules (Moodle's, per module in the catalog's ``ModuleAttemptSettings``; a module without a row gets the
defaults: unlimited attempts, never force a new attempt):

- no attempt yet: attempt 1 on the published version of the learner's edition
  (``editions.edition_for``), or of the edition they picked;
- the last attempt is open: continue it, unless "force new attempt" is ``always``, or
  ``when_completed`` and it is completed, or the learner asked for a new one; then it is closed
  and a new one starts; an open attempt keeps its package version, so its edition (SCORM data
  cannot move between packages mid-attempt);
- the last attempt is closed: a new one starts;
- a new attempt past ``max_attempts`` is refused (409) when ``lock_after_final``; otherwise the
  learner reviews the last attempt.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..catalog.models import ForceNewAttempt, Module, ModuleAttemptSettings
from ..catalog.queries import published_version
from ..catalog.editions import edition_name
from ..catalog.settings import module_settings
from ..db import db, utcnow
from ..errors import Conflict
from .editions import edition_for
from .models import Attempt, AttemptState


def _other_edition(attempt: Attempt, edition: str | None) -> bool:
    return edition is not None and attempt.package_version.language != edition


def open_attempt_elsewhere(user: User, module: Module, edition: str | None) -> Attempt | None:
    """The learner's open attempt when it is in another edition than ``edition`` (taking
    ``edition`` would then close it: the launch asks first)."""
    attempts = attempts_of(user.id, module.id)
    last = attempts[-1] if attempts else None
    if last is not None and last.state is AttemptState.OPEN and _other_edition(last, edition):
        return last
    return None


def published_edition(module: Module, edition: str):
    """The published version of the module's ``edition``; raises Conflict when there is none."""
    version = published_version(module.id, edition)
    if version is None:
        raise Conflict(_("%(module)s has no published %(edition)s edition.", module=module.title,
                         edition=edition_name(edition)))
    return version


def _version_to_take(user: User, module: Module, edition: str | None):
    if edition is not None:
        return published_edition(module, edition)
    version = edition_for(user, module)
    if version is None:
        raise Conflict(_("%(module)s has no published version to launch.", module=module.title))
    return version


@dataclass(frozen=True)
class AttemptChoice:
    attempt: Attempt
    mode: str  # "normal", or "review" once attempts are exhausted and not locked


def attempts_of(user_id: int, module_id: int) -> list[Attempt]:
    return list(db.session.scalars(select(Attempt).where(
        Attempt.user_id == user_id, Attempt.module_id == module_id).order_by(Attempt.number)))


def attempts_left(settings: ModuleAttemptSettings, attempts: list[Attempt]) -> int | None:
    """How many new attempts the learner may still start (None: unlimited)."""
    if settings.max_attempts is None:
        return None
    return max(settings.max_attempts - len(attempts), 0)


def close_attempt(attempt: Attempt) -> None:
    if attempt.state is AttemptState.OPEN:
        attempt.state, attempt.ended_at = AttemptState.CLOSED, utcnow()


def _wants_new(settings: ModuleAttemptSettings, last: Attempt, asked: bool) -> bool:
    force = settings.force_new_attempt
    return asked or force is ForceNewAttempt.ALWAYS or (
        force is ForceNewAttempt.WHEN_COMPLETED and last.is_completed)


def choose_attempt(user: User, module: Module, *, new_attempt: bool = False,
                   edition: str | None = None) -> AttemptChoice:
    """The attempt a launch of ``module`` opens for ``user``; the caller commits. A new attempt
    takes ``edition`` when given (an open attempt in another edition is not continued), else
    the learner's edition.

    Raises Conflict when the module has no published version (of ``edition``) or every attempt
    is used and the module locks after the final one.
    """
    settings = module_settings(module.id)
    attempts = attempts_of(user.id, module.id)
    last = attempts[-1] if attempts else None
    if last is not None and last.state is AttemptState.OPEN and not _wants_new(
            settings, last, new_attempt or _other_edition(last, edition)):
        return AttemptChoice(last, "normal")
    if attempts_left(settings, attempts) == 0:
        if settings.lock_after_final or last is None:
            raise Conflict(_("You have used every attempt this module allows."))
        return AttemptChoice(last, "review")
    version = _version_to_take(user, module, edition)
    if last is not None:
        close_attempt(last)
    attempt = Attempt(user_id=user.id, module_id=module.id, package_version_id=version.id,
                      number=(last.number + 1) if last else 1, state=AttemptState.OPEN,
                      started_at=utcnow())
    db.session.add(attempt)
    db.session.flush()
    return AttemptChoice(attempt, "normal")
