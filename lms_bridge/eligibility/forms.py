"""Eligibility page forms (Flask-WTF: every one carries a CSRF token)."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

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
from .vocabulary import PREREQUISITE_RULES, rule_explanation, rule_label


def _choices(members) -> list[SelectChoice]:
    return [SelectChoice(member.name, member.value) for member in members]


class WorkshopForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    topic = StringField("Topic", validators=[Length(max=200)])
    kind = SelectField("Kind", choices=_choices(WorkshopKind))
    region = SelectField("Region", choices=_choices(Region))
    venue = StringField("Venue", validators=[Length(max=300)])
    host = StringField("Hosting regional office or training centre",
                       validators=[Length(max=300)])
    language = SelectField("Language", choices=LANGUAGES, default="en")
    capacity = IntegerField("Capacity (places)", validators=[DataRequired(), NumberRange(1, 10000)])
    starts_on = DateField("First day", validators=[DataRequired()])
    ends_on = DateField("Last day", validators=[DataRequired()])
    applications_open_on = DateField("Applications open on", validators=[DataRequired()])
    applications_close_on = DateField("Applications close on (prerequisites due)",
                                      validators=[DataRequired()])
    availability_commitment = TextAreaField("Availability commitment asked of candidates",
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
    label = StringField("Name of the prerequisite", validators=[DataRequired(), Length(max=300)])
    modules = SelectMultipleField("Modules (any one of those ticked will do)",
                                  widget=ListWidget(prefix_label=False),
                                  option_widget=CheckboxInput(),
                                  validators=[DataRequired(message="Tick at least one module.")])
    rule = RadioField("What the candidate must have done", default=CompletionRule.PASSED.name,
                      choices=[SelectChoice(r.name, f"{rule_label(r)}: {rule_explanation(r)}")
                               for r in PREREQUISITE_RULES])
    min_score = FloatField("Minimum score (%)", validators=[Optional(), NumberRange(0, 100)])
    recency_days = IntegerField("Completed within this many days before the start",
                                validators=[Optional(), NumberRange(1, 3650)])
    source_kinds = SelectMultipleField("Only these kinds of source count (none ticked: all)",
                                       choices=_choices(SourceKind),
                                       widget=ListWidget(prefix_label=False),
                                       option_widget=CheckboxInput())
    source_labels = StringField("…or only these sources, by name (comma-separated)",
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
    motivation = TextAreaField("Why you apply", validators=[Length(max=5000)])
    availability = BooleanField("I commit to be available as stated")
    good_health = RadioField("I am in good health", choices=[SelectChoice("yes", "Yes"),
                                                             SelectChoice("no", "No")],
                             validators=[Optional()])
    save = SubmitField("Save the draft")
    submit = SubmitField("Submit the application")


# The only answers the good-health self-declaration stores (no field for details exists).
GOOD_HEALTH_ANSWERS = {"yes": True, "no": False}

RATINGS = [SelectChoice(str(n), label) for n, label in
           enumerate(["0 — none", "1 — basic", "2 — working", "3 — strong", "4 — expert"])]


def application_form_class() -> type[ApplicationFormBase]:
    """The form with one rating and one note per vocational criterion."""
    fields = {}
    for criterion in Criterion:
        label = criterion.value[0].upper() + criterion.value[1:]
        fields[f"rating_{criterion.name}"] = SelectField(f"{label}: your level", choices=RATINGS,
                                                         default="0")
        fields[f"note_{criterion.name}"] = TextAreaField(f"{label}: details",
                                                         validators=[Length(max=2000)])
    return type("ApplicationForm", (ApplicationFormBase,), fields)


class NominationForm(FlaskForm):
    decision = RadioField("Decision", choices=[SelectChoice("nominate", "Nominate"),
                                               SelectChoice("decline", "Do not nominate")],
                          validators=[DataRequired(message="Choose nominate or do not nominate.")])
    reason = TextAreaField("Reason", validators=[DataRequired(message="Give a reason."),
                                                 Length(max=2000)])


class SelectionForm(FlaskForm):
    decision = SelectField("Selection", choices=[SelectChoice("SELECTED", "selected"),
                                                 SelectChoice("WAITLISTED", "waitlisted"),
                                                 SelectChoice("NOT_SELECTED", "not selected")])
    reason = TextAreaField("Reason", validators=[DataRequired(message="Give a reason."),
                                                 Length(max=2000)])


class RemoveForm(FlaskForm):
    """A remove button: only the CSRF token."""


class WithdrawForm(FlaskForm):
    reason = TextAreaField("Why you withdraw (optional)", validators=[Length(max=2000)])
    withdraw = SubmitField("Withdraw my application")
