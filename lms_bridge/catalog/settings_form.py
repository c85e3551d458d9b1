"""Between the module settings form and ``ModuleSettings`` (both directions)."""
from __future__ import annotations

from scorm.source import CompletionRule

from .forms import ModuleSettingsForm
from .models import AttemptsCount, ForceNewAttempt, GradingMethod
from .settings import ModuleSettings


def settings_form(values: ModuleSettings) -> ModuleSettingsForm:
    """A form filled with the current values (formdata=None: a GET shows what is stored)."""
    return ModuleSettingsForm(formdata=None, data={
        **values.as_plain(),
        "min_score": values.min_score, "max_attempts": values.max_attempts})


def form_values(form: ModuleSettingsForm) -> ModuleSettings:
    """The validated form's values."""
    min_score = form.min_score.data
    return ModuleSettings(
        completion_rule=CompletionRule(form.completion_rule.data),
        min_score=None if min_score is None else float(min_score),
        max_attempts=form.max_attempts.data,
        force_new_attempt=ForceNewAttempt(form.force_new_attempt.data),
        lock_after_final=form.lock_after_final.data,
        grading_method=GradingMethod(form.grading_method.data),
        attempts_count=AttemptsCount(form.attempts_count.data),
        auto_continue=form.auto_continue.data)
