"""The leave arithmetic, as pure functions: no database."""

from __future__ import annotations

import ast
import inspect
import re
from datetime import date
from decimal import Decimal

from careersupport.requests import entitlement as e

NO_HOLIDAYS: frozenset[date] = frozenset()
YEAR = e.Rules(
    paid_weeks=Decimal(2),
    unpaid_weeks=Decimal(0),
    period=e.CALENDAR_YEAR,
    splittable=True,
    max_parts=10,
)
ROLLING = e.Rules(
    paid_weeks=Decimal(2),
    unpaid_weeks=Decimal(0),
    period=e.ROLLING_12_MONTHS,
    splittable=True,
    max_parts=10,
)
PER_EVENT = e.Rules(
    paid_weeks=Decimal(2),
    unpaid_weeks=Decimal(2),
    period=e.PER_EVENT,
    needs_event=True,
    event_kinds=("birth", "adoption", "foster"),
    splittable=True,
    max_parts=2,
)
FACTS = e.PersonFacts(
    service_start=date(2020, 1, 1), employment_type="permanent", is_caregiver=False
)


def span(a: str, b: str, **halves) -> e.Span:
    return e.Span(date.fromisoformat(a), date.fromisoformat(b), **halves)


def test_a_week_is_five_working_days():
    assert e.working_days(span("2026-03-02", "2026-03-08"), NO_HOLIDAYS) == 5


def test_weekends_count_nothing():
    assert e.working_days(span("2026-03-07", "2026-03-08"), NO_HOLIDAYS) == 0


def test_a_public_holiday_is_not_a_working_day():
    easter_monday = frozenset({date(2026, 4, 6)})
    assert e.working_days(span("2026-04-06", "2026-04-10"), easter_monday) == 4


def test_half_days_at_either_end_count_half():
    assert e.working_days(
        span("2026-03-02", "2026-03-06", start_half=True), NO_HOLIDAYS
    ) == Decimal("4.5")
    assert (
        e.working_days(
            span("2026-03-02", "2026-03-06", start_half=True, end_half=True), NO_HOLIDAYS
        )
        == 4
    )
    assert e.working_days(span("2026-03-02", "2026-03-02", end_half=True), NO_HOLIDAYS) == Decimal(
        "0.5"
    )


def test_a_half_day_on_a_holiday_counts_nothing():
    holiday = frozenset({date(2026, 3, 6)})
    assert e.working_days(span("2026-03-02", "2026-03-06", end_half=True), holiday) == 4


def test_one_single_day_cannot_be_both_halves():
    assert e.span_problem(span("2026-03-02", "2026-03-02", start_half=True, end_half=True))
    assert e.span_problem(span("2026-03-03", "2026-03-02"))


def test_half_days_on_the_same_date_do_not_overlap():
    morning = span("2026-03-02", "2026-03-04", end_half=True)
    afternoon = span("2026-03-04", "2026-03-06", start_half=True)
    assert not morning.overlaps(afternoon)
    assert morning.overlaps(span("2026-03-04", "2026-03-04"))


def test_months_of_service_count_whole_months_and_clamp_month_ends():
    assert e.months_between(date(2025, 1, 31), date(2025, 2, 27)) == 0
    assert e.months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert e.months_between(date(2025, 1, 31), date(2025, 3, 1)) == 1
    assert e.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert e.add_months(date(2026, 3, 15), -12) == date(2025, 3, 15)


def test_a_request_across_the_year_end_counts_in_each_year():
    booked = [e.Booked(span("2026-12-01", "2026-12-04"))]  # 4 days of 2026
    result = e.assess(YEAR, span("2026-12-28", "2027-01-08"), booked, NO_HOLIDAYS)
    assert [(p.label, p.this_request, p.left_after) for p in result.periods] == [
        ("in 2026", 4, 2),
        ("in 2027", 6, 4),
    ]
    assert result.ok


def test_a_request_beyond_the_year_entitlement_is_refused_with_the_figures():
    booked = [e.Booked(span("2026-06-01", "2026-06-05"))]
    result = e.assess(YEAR, span("2026-09-07", "2026-09-14"), booked, NO_HOLIDAYS)
    assert not result.ok
    assert (
        "needs 6 working days in 2026, but only 5 of the 10 working days are left"
        in result.problems[0]
    )


def test_last_years_leave_does_not_count_this_year():
    booked = [e.Booked(span("2025-12-01", "2025-12-12"))]
    assert e.assess(YEAR, span("2026-01-05", "2026-01-16"), booked, NO_HOLIDAYS).ok


def test_a_rolling_window_reaches_back_twelve_months():
    booked = [e.Booked(span("2025-06-02", "2025-06-06"))]  # five days
    assert not e.assess(ROLLING, span("2026-05-04", "2026-05-11"), booked, NO_HOLIDAYS).ok
    assert e.assess(ROLLING, span("2026-06-08", "2026-06-15"), booked, NO_HOLIDAYS).ok


def test_a_rolling_window_also_protects_leave_booked_later():
    later = [e.Booked(span("2026-09-07", "2026-09-11"))]  # five days, in the future
    result = e.assess(ROLLING, span("2026-03-02", "2026-03-09"), later, NO_HOLIDAYS)
    assert not result.ok
    assert "12 months to 11 Sep 2026" in result.problems[0]


def test_per_event_leave_counts_each_event_apart():
    first = ("birth", date(2026, 1, 10))
    second = ("adoption", date(2026, 5, 1))
    booked = [e.Booked(span("2026-01-12", "2026-02-06"), event=first)]  # 20 days: all of it
    assert not e.assess(
        PER_EVENT, span("2026-03-02", "2026-03-06"), booked, NO_HOLIDAYS, event=first
    ).ok
    assert e.assess(
        PER_EVENT, span("2026-05-04", "2026-05-29"), booked, NO_HOLIDAYS, event=second
    ).ok


def test_splits_are_limited_to_the_parts_allowed():
    event = ("birth", date(2026, 1, 10))
    booked = [
        e.Booked(span("2026-01-12", "2026-01-16"), event=event),
        e.Booked(span("2026-02-02", "2026-02-06"), event=event),
    ]
    result = e.assess(PER_EVENT, span("2026-03-02", "2026-03-06"), booked, NO_HOLIDAYS, event=event)
    assert "at most 2 parts" in " ".join(result.problems)
    single = e.Rules(paid_weeks=Decimal(4), unpaid_weeks=Decimal(0), period=e.CALENDAR_YEAR)
    assert "one block" in " ".join(
        e.assess(single, span("2026-03-02", "2026-03-06"), booked[:1], NO_HOLIDAYS).problems
    )


def test_paid_days_are_used_first_then_unpaid():
    event = ("birth", date(2026, 1, 10))
    booked = [e.Booked(span("2026-01-12", "2026-01-21"), event=event)]  # 8 of 10 paid days
    result = e.assess(PER_EVENT, span("2026-02-02", "2026-02-06"), booked, NO_HOLIDAYS, event=event)
    assert (result.paid_days, result.unpaid_days) == (2, 3)


def test_waiting_requests_count_against_the_entitlement_too():
    booked = [e.Booked(span("2026-06-01", "2026-06-12"), approved=False)]
    result = e.assess(YEAR, span("2026-09-07", "2026-09-07"), booked, NO_HOLIDAYS)
    assert result.periods[0].waiting == 10
    assert not result.ok


def test_eligibility_by_months_of_service_names_the_date_one_qualifies():
    rules = e.Rules(
        paid_weeks=Decimal(1), unpaid_weeks=Decimal(0), period=e.CALENDAR_YEAR, min_service_months=6
    )
    new = e.PersonFacts(
        service_start=date(2026, 3, 15), employment_type="permanent", is_caregiver=False
    )
    problems = e.eligibility_problems(rules, new, starts_on=date(2026, 9, 1))
    assert "you qualify from 15 September 2026" in problems[0]
    assert e.eligibility_problems(rules, new, starts_on=date(2026, 9, 15)) == []


def test_eligibility_by_employment_type_and_caregiver_status():
    rules = e.Rules(
        paid_weeks=Decimal(1),
        unpaid_weeks=Decimal(0),
        period=e.CALENDAR_YEAR,
        employment_types=("permanent",),
        requires_caregiver=True,
    )
    temp = e.PersonFacts(
        service_start=date(2020, 1, 1), employment_type="temporary", is_caregiver=False
    )
    assert len(e.eligibility_problems(rules, temp, starts_on=date(2026, 1, 5))) == 2
    carer = e.PersonFacts(
        service_start=date(2020, 1, 1), employment_type="permanent", is_caregiver=True
    )
    assert e.eligibility_problems(rules, carer, starts_on=date(2026, 1, 5)) == []


def test_parental_leave_needs_a_birth_adoption_or_placement():
    assert e.eligibility_problems(PER_EVENT, FACTS, starts_on=date(2026, 1, 5))
    assert e.eligibility_problems(
        PER_EVENT,
        FACTS,
        starts_on=date(2026, 1, 5),
        event_kind="death",
        event_date=date(2026, 1, 1),
    )
    for kind in ("birth", "adoption", "foster"):
        assert (
            e.eligibility_problems(
                PER_EVENT,
                FACTS,
                starts_on=date(2026, 1, 5),
                event_kind=kind,
                event_date=date(2026, 1, 1),
            )
            == []
        )


def code_words(module) -> list[str]:
    """Every name, attribute, argument and string of the module's code (not its docstrings)."""
    tree = ast.parse(inspect.getsource(module))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.append(node.id)
        elif isinstance(node, ast.Attribute):
            found.append(node.attr)
        elif isinstance(node, ast.arg | ast.keyword) and node.arg:
            found.append(node.arg)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            found.append(node.value)
    return found


def test_no_eligibility_rule_reads_gender():
    from careersupport.people.models import Individual
    from careersupport.requests import models
    from careersupport.requests.services import leave

    words = re.compile(r"gender|\bsex\b|mother|father|maternity|paternity|female|male\b", re.I)
    for module in (e, leave):
        assert not [name for name in code_words(module) if words.search(name)], module.__name__
    assert {f.name for f in e.PersonFacts.__dataclass_fields__.values()} == {
        "service_start",
        "employment_type",
        "is_caregiver",
    }
    fields = [
        f.name
        for m in (Individual, models.LeavePolicy, models.Employment)
        for f in m._meta.get_fields()
    ]
    assert not [f for f in fields if words.search(f)]
