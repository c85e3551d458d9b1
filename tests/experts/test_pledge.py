from datetime import date

import pytest

from lms_bridge.experts.errors import PledgeExceeded
from lms_bridge.experts.pledge import Balance, check_mission_fits, default_period, working_days


@pytest.mark.parametrize("first, last, days", [
    (date(2026, 3, 2), date(2026, 3, 6), 5),     # Monday to Friday
    (date(2026, 3, 2), date(2026, 3, 8), 5),     # the weekend adds nothing
    (date(2026, 3, 7), date(2026, 3, 8), 0),     # a weekend
    (date(2026, 3, 2), date(2026, 3, 13), 10),
    (date(2026, 3, 6), date(2026, 3, 9), 2),     # Friday to Monday
    (date(2026, 3, 9), date(2026, 3, 6), 0),     # reversed
])
def test_working_days(first, last, days):
    assert working_days(first, last) == days


def test_default_period_is_three_years_from_the_day_after():
    assert default_period(date(2026, 1, 23), 3) == (date(2026, 1, 24), date(2029, 1, 23))
    assert default_period(date(2028, 2, 28), 1) == (date(2028, 2, 29), date(2029, 2, 27))


BALANCE = Balance(60, 20, 30, date(2026, 1, 24), date(2029, 1, 23))


def test_a_mission_that_fits_returns_its_days():
    assert check_mission_fits(BALANCE, date(2026, 3, 2), date(2026, 3, 6)) == 5


def test_exceeding_the_pledge_gives_the_numbers():
    assert check_mission_fits(BALANCE, date(2026, 3, 2), date(2026, 3, 13)) == 10  # exactly
    with pytest.raises(PledgeExceeded) as caught:
        check_mission_fits(BALANCE, date(2026, 3, 2), date(2026, 3, 16))
    assert caught.value.details[0]["left_days"] == 10
    assert caught.value.details[0]["needed_days"] == 11
    with pytest.raises(PledgeExceeded, match="needs 15 working days but only 10 are left"):
        check_mission_fits(BALANCE, date(2026, 3, 2), date(2026, 3, 20))


def test_a_mission_past_the_pledge_period_is_refused():
    with pytest.raises(PledgeExceeded, match="outside the expert's pledge period"):
        check_mission_fits(BALANCE, date(2029, 1, 20), date(2029, 1, 26))
