"""Eligibility page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, FloatField, IntegerField, RadioField, SelectChoice,
                     SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.forms import LANGUAGES
from ..accounts.models import Region
from ..catalog.models import Module
from ..tracking.vocabulary import CompletionRule, SourceKind
from .models import Workshop, WorkshopKind, WorkshopPrerequisite
from .operations import PrerequisiteSpec, WorkshopSpec
from .scoring import Criterion
from .states import ApplicationStatus
from .labels import LABELS
from .vocabulary import PREREQUISITE_RULES, rule_explanation, rule_label


def _choices(members) -> list[SelectChoice]:
    return [SelectChoice(member.name, LABELS[member]) for member in members]


def _rule_choice(rule: CompletionRule) -> SelectChoice:
    return SelectChoice(rule.name, _l("%(rule)s: %(explanation)s",
                                      rule=rule_label(rule, _l),
                                      explanation=rule_explanation(rule, _l)))


class WorkshopForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    topic = StringField(_l("Topic"), validators=[Length(max=200)])
    kind = SelectField(_l("Kind"), choices=_choices(WorkshopKind))
    region = SelectField(_l("Region"), choices=_choices(Region))
    venue = StringField(_l("Venue"), validators=[Length(max=300)])
    host = StringField(_l("Hosting regional office or training centre"),
                       validators=[Length(max=300)])
    language = SelectField(_l("Language"), choices=LANGUAGES, default="en")
    capacity = IntegerField(_l("Capacity (places)"), validators=[DataRequired(), NumberRange(1, 10000)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    applications_open_on = DateField(_l("Applications open on"), validators=[DataRequired()])
    applications_close_on = DateField(_l("Applications close on (prerequisites due)"),
                                      validators=[DataRequired()])
    availability_commitment = TextAreaField(_l("Availability commitment asked of candidates"),
                                            validators=[Length(max=2000)])

    @staticmethod
    def data_of(workshop: Workshop) -> dict:
        """The form's values for an existing workshop (to edit it)."""
        values = {name: getattr(workshop, name) for name in (
            "title", "topic", "venue", "host", "language", "capacity", "availability_commitment")}
        return values | {"kind": workshop.kind.name, "region": workshop.region.name,
                         "starts_on": workshop.starts_at.date(),
                         "ends_on": workshop.ends_at.date(),
                         "applications_open_on": workshop.applications_open_at.date(),
                         "applications_close_on": workshop.applications_close_at.date()}

    def spec(self) -> WorkshopSpec:
        return WorkshopSpec(
            title=self.title.data.strip(), kind=WorkshopKind[self.kind.data],
            region=Region[self.region.data], capacity=self.capacity.data,
            starts_at=_utc(self.starts_on.data), ends_at=_utc(self.ends_on.data, time(23, 59)),
            applications_open_at=_utc(self.applications_open_on.data),
            applications_close_at=_utc(self.applications_close_on.data, time(23, 59)),
            topic=self.topic.data or "", venue=self.venue.data or "", host=self.host.data or "",
            language=self.language.data,
            availability_commitment=self.availability_commitment.data or "")


def _utc(day: date, at: time = time(0, 0)) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.utc)


class PrerequisiteForm(FlaskForm):
    label = StringField(_l("Name of the prerequisite"), validators=[DataRequired(), Length(max=300)])
    modules = SelectMultipleField(_l("Modules (any one of those ticked will do)"),
                                  widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput(),
                                  validators=[DataRequired(message=_l("Tick at least one module."))])
    rule = RadioField(_l("What the candidate must have done"), default=CompletionRule.PASSED.name,
                      choices=[_rule_choice(r) for r in PREREQUISITE_RULES])
    min_score = FloatField(_l("Minimum score (%)"), validators=[Optional(), NumberRange(0, 100)])
    recency_days = IntegerField(_l("Completed within this many days before the start"),
                                validators=[Optional(), NumberRange(1, 3650)])
    source_kinds = SelectMultipleField(_l("Only these kinds of source count (none ticked: all)"),
                                       choices=_choices(SourceKind),
                                       widget=ListWidget(prefix_label=False),
                                       option_widget=CheckboxInput())
    source_labels = StringField(_l("…or only these sources, by name (comma-separated)"),
                                validators=[Length(max=500)])

    def with_modules(self, modules: list[Module]) -> "PrerequisiteForm":
        self.modules.choices = [SelectChoice(m.slug, m.title) for m in modules]
        return self

    @staticmethod
    def data_of(row: WorkshopPrerequisite) -> dict:
        """The form's values for an existing prerequisite (to edit it)."""
        kinds = {kind.value: kind.name for kind in SourceKind}
        sources = row.allowed_sources or []
        return {"label": row.label, "modules": [m.slug for m in row.modules],
                "rule": row.rule.name, "min_score": row.min_score,
                "recency_days": row.recency_days,
                "source_kinds": [kinds[s] for s in sources if s in kinds],
                "source_labels": ", ".join(s for s in sources if s not in kinds)}

    def spec(self) -> PrerequisiteSpec:
        labels = [s.strip() for s in (self.source_labels.data or "").split(",") if s.strip()]
        sources = tuple(SourceKind[k].value for k in self.source_kinds.data) + tuple(labels)
        return PrerequisiteSpec(
            label=self.label.data, module_slugs=tuple(self.modules.data),
            rule=CompletionRule[self.rule.data], min_score=self.min_score.data,
            recency_days=self.recency_days.data, allowed_sources=sources or None)


class ApplicationFormBase(FlaskForm):
    motivation = TextAreaField(_l("Why you apply"), validators=[Length(max=5000)])
    availability = BooleanField(_l("I commit to be available as stated"))
    good_health = RadioField(_l("I am in good health"), choices=[SelectChoice("yes", _l("Yes")),
                                                             SelectChoice("no", _l("No"))],
                             validators=[Optional()])
    save = SubmitField(_l("Save the draft"))
    submit = SubmitField(_l("Submit the application"))


# The only answers the good-health self-declaration stores (no field for details exists).
GOOD_HEALTH_ANSWERS = {"yes": True, "no": False}

RATINGS = [SelectChoice(str(n), label) for n, label in
           enumerate([_l("0 — none"), _l("1 — basic"), _l("2 — working"), _l("3 — strong"),
                      _l("4 — expert")])]


def application_form_class() -> type[ApplicationFormBase]:
    """The form with one rating and one note per vocational criterion."""
    fields = {}
    for criterion in Criterion:
        fields[f"rating_{criterion.name}"] = SelectField(
            _l("%(criterion)s: your level", criterion=LABELS[criterion]), choices=RATINGS,
            default="0")
        fields[f"note_{criterion.name}"] = TextAreaField(
            _l("%(criterion)s: details", criterion=LABELS[criterion]),
            validators=[Length(max=2000)])
    return type("ApplicationForm", (ApplicationFormBase,), fields)


class NominationForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("nominate", _l("Nominate")),
                                               SelectChoice("decline", _l("Do not nominate"))],
                          validators=[DataRequired(message=_l("Choose nominate or do not nominate."))])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(message=_l("Give a reason.")),
                                                 Length(max=2000)])


class SelectionForm(FlaskForm):
    decision = SelectField(_l("Selection"), choices=[
        SelectChoice(status.name, LABELS[status]) for status in (
            ApplicationStatus.SELECTED, ApplicationStatus.WAITLISTED,
            ApplicationStatus.NOT_SELECTED)])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(message=_l("Give a reason.")),
                                                 Length(max=2000)])


class RemoveForm(FlaskForm):
    """A remove button: only the CSRF token."""


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("Why you withdraw (optional)"), validators=[Length(max=2000)])
    withdraw = SubmitField(_l("Withdraw my application"))
