"""The player's writes from its pages and the runtime start call; each commits.

(Storing a runtime commit is ``runtime.operations``; navigating a sequenced attempt is
``sequencing.operations``.)
"""
from __future__ import annotations

from dataclasses import dataclass

from ..accounts.models import User
from ..catalog.models import Module
from ..db import db
from .attempts import AttemptChoice, choose_attempt
from .models import Attempt
from .sequencing.operations import prepare_launch
from .sessions import SessionStart, start_session
from .tokens import LaunchGrant


def launch_attempt(user: User, module: Module, *, new_attempt: bool = False,
                   edition: str | None = None) -> AttemptChoice:
    """The attempt a launch opens (``attempts.choose_attempt``), stored; commits."""
    choice = choose_attempt(user, module, new_attempt=new_attempt, edition=edition)
    db.session.commit()
    return choice


@dataclass(frozen=True)
class RuntimeStart:
    started: SessionStart
    is_sequenced_delivery: bool  # the SCO is the sequencer's current delivery


def start_runtime_session(attempt: Attempt, grant: LaunchGrant) -> RuntimeStart:
    """Start the granted SCO's session (the server side of Initialize); commits."""
    sequenced = grant.is_stored and prepare_launch(attempt, grant.item_identifier)
    started = start_session(attempt, grant.item_identifier, attempt.user, grant.mode)
    db.session.commit()
    return RuntimeStart(started, sequenced)
