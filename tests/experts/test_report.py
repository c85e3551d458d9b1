"""The programme report: figures, scope, trend by half-year, validation counted, and the CLI."""
import csv
import io
import json
from datetime import date, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from sqlalchemy import select

from lms_bridge.accounts.models import Region, User
from lms_bridge.cli import cli
from lms_bridge.db import db
from lms_bridge.errors import Forbidden
from lms_bridge.experts import operations
from lms_bridge.experts.models import AccreditationEvent
from lms_bridge.experts.report import Scope, half_year_of, previous_half_year, programme_report
from lms_bridge.experts.vocabulary import Field
from tests.experts import world
from tests.experts.world import user

WIDE = (date(2020, 1, 1), date(2030, 12, 31))


@pytest.fixture
def ids(app, make_user, administrations):
    return world.everything(app, make_user, administrations)


@pytest.mark.parametrize("day, half", [
    (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 6, 30), (date(2026, 1, 1), date(2026, 6, 30))),
    (date(2026, 7, 1), (date(2026, 7, 1), date(2026, 12, 31))),
])
def test_half_years(day, half):
    assert half_year_of(day) == half
    assert previous_half_year(date(2026, 1, 5)) == (date(2025, 7, 1), date(2025, 12, 31))


def test_validated_training_counts_once_validated_by_the_own_nc(app, ids, make_user):
    other_nc = make_user("national_coordinator", country="KE")
    with app.app_context():
        assert programme_report(*WIDE).totals["trained_at_home"] == 0
        with pytest.raises(Forbidden):
            operations.validate_training(user(other_nc), ids["record_id"], True)
        nc = db.session.scalar(select(User).where(User.email == "world-nc@example.org"))
        operations.validate_training(nc, ids["record_id"], True)
        report = programme_report(*WIDE)
        assert report.totals["trained_at_home"] == 30 and report.totals["women_trained"] == 12
        assert report.totals["sessions"] == 1


def test_scope_and_trend(app, ids):
    with app.app_context():
        event = db.session.query(AccreditationEvent).one()
        event.at = datetime(2025, 3, 4, tzinfo=timezone.utc)
        db.session.commit()
        spring = programme_report(date(2025, 1, 1), date(2025, 6, 30))
        assert spring.totals["pre_accredited"] == 1
        assert [p.label for p in spring.periods] == ["Jul–Dec 2023", "Jan–Jun 2024",
                                                     "Jul–Dec 2024", "Jan–Jun 2025"]
        assert spring.periods[-1].figures["pre_accredited"] == 1
        clipped = programme_report(date(2025, 3, 5), date(2025, 6, 30))
        assert clipped.totals["pre_accredited"] == 0  # the day before is outside the period
        europe = programme_report(*WIDE, Scope(region=Region.EUROPE))
        assert europe.totals["pre_accredited"] == 0 and europe.totals["missions_held"] == 0
        asia = programme_report(*WIDE, Scope(region=Region.ASIA_PACIFIC,
                                             field=Field.HS_CLASSIFICATION))
        assert asia.totals["missions_held"] == 1 and asia.totals["days_given"] == 5
        assert asia.pledged_days == 60 and asia.pledge_used_days == 5
        assert programme_report(*WIDE, Scope(field=Field.RISK_MANAGEMENT)).totals["days_given"] == 0


def test_the_ten_year_trend_has_one_row_per_half_year(app, ids):
    with app.app_context():
        report = programme_report(date(2021, 1, 1), date(2030, 12, 31))
        assert len(report.periods) == 20
        assert sum(p.figures["missions_held"] for p in report.periods) == 1


def _invoke(app, *args):
    return CliRunner().invoke(cli, list(args), obj=ScriptInfo(create_app=lambda: app))


def test_cli_report_and_list(app, ids):
    today = date.today()
    result = _invoke(app, "report", "programme", "--from", "2020-01-01", "--to",
                     str(today + timedelta(days=400)), "--region", "Asia/Pacific",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["totals"]["missions_held"] == 1 and data["scope"] == "Asia/Pacific"
    result = _invoke(app, "report", "programme", "--from", "2020-01-01", "--to", "2030-01-01")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][0] == "period" and rows[1][0] == "whole period"
    listed = _invoke(app, "experts", "list", "--field", "HS classification", "--format", "json")
    assert json.loads(listed.output)[0]["name"] == "Hye-jin Choi"
    assert "Hye-jin Choi" in _invoke(app, "experts", "list").output
    bad = _invoke(app, "experts", "list", "--field", "astrology")
    assert bad.exit_code == 2 and "is not one of" in bad.output
    bad = _invoke(app, "report", "programme", "--from", "2026-02-30")
    assert bad.exit_code == 2
