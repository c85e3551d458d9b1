"""A module's completion rule and attempt/grading settings as one value, checked in one place.

The completion rule and minimum score live on ``Module``; the attempt and grading settings in
``player_module_settings`` (``ModuleAttemptSettings``; a module without a row has the defaults).
The page form and the API both build a ``ModuleSettings`` and hand it to
``operations.configure_module``, so both refuse the same things with the same field details.

Decisions: a minimum score is optional for the rules that involve passing (a SCO may report
passed/failed itself) and refused for ``Completed`` and ``NotApplicable``, where it could never
change the outcome. Auto-continue is stored whatever the package's SCORM version, but only
SCORM 1.2 launches use it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from flask_babel import gettext as _

from scorm.source import CompletionRule

from ..db import db
from ..errors import InvalidInput
from .labels import catalog_label
from .models import AttemptsCount, ForceNewAttempt, GradingMethod, Module, ModuleAttemptSettings

MAX_ATTEMPTS = 1000
"""The most attempts a module may allow (a column holds far more, but no course needs more;
beyond 2**63 the database refused the value with a 500)."""


@dataclass(frozen=True)
class ModuleSettings:
    completion_rule: CompletionRule
    min_score: float | None  # percent; None: no minimum
    max_attempts: int | None  # None: unlimited
    force_new_attempt: ForceNewAttempt
    lock_after_final: bool
    grading_method: GradingMethod
    attempts_count: AttemptsCount
    auto_continue: bool

    def as_plain(self) -> dict[str, Any]:
        """JSON-friendly values (enums as their stored values), for audit details."""
        return {name: getattr(value, "value", value) for name, value in asdict(self).items()}


def module_settings(module_id: int) -> ModuleAttemptSettings:
    """The module's attempt settings (defaults when it has none stored); what the player reads."""
    settings = db.session.get(ModuleAttemptSettings, module_id)
    if settings is None:
        settings = ModuleAttemptSettings(
            module_id=module_id, max_attempts=None, force_new_attempt=ForceNewAttempt.NEVER,
            lock_after_final=True, grading_method=GradingMethod.HIGHEST,
            attempts_count=AttemptsCount.HIGHEST, auto_continue=False)
    return settings


def settings_of(module: Module) -> ModuleSettings:
    """The module's current settings (attempt defaults when none are stored)."""
    stored = module_settings(module.id)
    return ModuleSettings(
        completion_rule=module.completion_rule, min_score=module.min_score,
        max_attempts=stored.max_attempts, force_new_attempt=stored.force_new_attempt,
        lock_after_final=stored.lock_after_final, grading_method=stored.grading_method,
        attempts_count=stored.attempts_count, auto_continue=stored.auto_continue)


def settings_problems(values: ModuleSettings) -> list[dict[str, str]]:
    """Field details ({field, problem}) of everything wrong with ``values``; empty when fine."""
    problems = []
    if values.max_attempts is not None and (
            isinstance(values.max_attempts, bool)
            or not 1 <= values.max_attempts <= MAX_ATTEMPTS):
        problems.append({"field": "max_attempts", "problem": _(
            "must be a whole number from 1 to %(most)d, or empty for unlimited",
            most=MAX_ATTEMPTS)})
    if values.min_score is not None:
        if not 0 <= values.min_score <= 100:
            problems.append({"field": "min_score",
                             "problem": _("must be a percentage from 0 to 100, or empty")})
        elif not values.completion_rule.needs_passing:
            problems.append({"field": "min_score", "problem": _(
                "only applies to rules that involve passing; with %(rule)s leave it empty",
                rule=catalog_label(values.completion_rule))})
    return problems


def check_settings(values: ModuleSettings) -> None:
    """Raise InvalidInput (with field details) unless ``values`` can be saved."""
    problems = settings_problems(values)
    if problems:
        raise InvalidInput(_("Some settings are invalid: %(problems)s.", problems="; ".join(
            f"{p['field']} {p['problem']}" for p in problems)), problems)
