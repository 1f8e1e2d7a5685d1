"""Leave arithmetic as pure functions: working days, periods, entitlement, eligibility.

Nothing here touches the database; `services` loads the facts (the person's other leave,
the employer's holidays) and asks. Quantities are `Decimal` days, in halves.

- A working day is Monday to Friday, less the employer's public holidays.
- A request is a `Span` of dates whose first day may start at midday (`start_half`) and
  whose last day may end at midday (`end_half`); a half day on a holiday or a weekend
  counts nothing.
- A policy grants `(paid_weeks + unpaid_weeks) * 5` working days per period, paid first:
  per event (a birth, adoption or placement, a death, ...), per calendar year, or per
  rolling 12 months (no 12-month window may hold more than the entitlement).
- A request that crosses a period boundary (a year end) counts in each period for the
  working days it has there.
- Eligibility asks for months of service, an employment type, caregiver status and, where
  the policy needs one, an event of an allowed kind. No rule reads anything else about the
  person: there is no gender anywhere, and a parental leave is open to every parent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

DAYS_PER_WEEK = 5
HALF = Decimal("0.5")
ONE = Decimal("1")
ZERO = Decimal("0")

PER_EVENT = "per_event"
CALENDAR_YEAR = "calendar_year"
ROLLING_12_MONTHS = "rolling_12_months"


@dataclass(frozen=True)
class Span:
    """Dates of leave, both inclusive; the first may begin at midday, the last end at midday."""

    start: date
    end: date
    start_half: bool = False
    end_half: bool = False

    def slots(self) -> tuple[int, int]:
        """Half-day slots [first, last+1): two a day, so half days overlap exactly."""
        first = self.start.toordinal() * 2 + (1 if self.start_half else 0)
        last = self.end.toordinal() * 2 + (1 if self.end_half else 2)
        return first, last

    def overlaps(self, other: Span) -> bool:
        a, b = self.slots()
        c, d = other.slots()
        return a < d and c < b


def is_working_day(day: date, holidays: frozenset[date] | set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def span_problem(span: Span) -> str | None:
    """What is wrong with the dates themselves, if anything."""
    if span.end < span.start:
        return "The last day is before the first day."
    if span.start == span.end and span.start_half and span.end_half:
        return "For a single half day, tick either “starts at midday” or “ends at midday”."
    return None


def working_days(
    span: Span,
    holidays: frozenset[date] | set[date],
    *,
    window: tuple[date, date] | None = None,
) -> Decimal:
    """Working days of the span (inside `window`, both ends inclusive, when given)."""
    start, end = span.start, span.end
    if window is not None:
        start, end = max(start, window[0]), min(end, window[1])
    if end < start:
        return ZERO
    total = ZERO
    day = start
    while day <= end:
        if is_working_day(day, holidays):
            share = ONE
            if day == span.start and span.start_half:
                share -= HALF
            if day == span.end and span.end_half:
                share -= HALF
            total += share
        day += timedelta(days=1)
    return total


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier if negative), clamped to the month's end."""
    month_index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def months_between(start: date, on: date) -> int:
    """Whole months from `start` to `on` (0 when `on` is before `start`)."""
    if on < start:
        return 0
    months = (on.year - start.year) * 12 + (on.month - start.month)
    if add_months(start, months) > on:
        months -= 1
    return max(months, 0)


def calendar_year(day: date) -> tuple[date, date]:
    return date(day.year, 1, 1), date(day.year, 12, 31)


def rolling_window_ending(day: date) -> tuple[date, date]:
    """The 12 months that end on `day`."""
    return add_months(day, -12) + timedelta(days=1), day


@dataclass(frozen=True)
class Rules:
    """What a leave policy grants and asks: a plain copy of the policy's fields."""

    paid_weeks: Decimal
    unpaid_weeks: Decimal
    period: str
    min_service_months: int = 0
    employment_types: tuple[str, ...] = ()  # empty: every type
    requires_caregiver: bool = False
    needs_event: bool = False
    event_kinds: tuple[str, ...] = ()  # empty: any kind of event
    splittable: bool = False
    max_parts: int = 1
    notice_days: int = 0

    @property
    def entitled_days(self) -> Decimal:
        return (self.paid_weeks + self.unpaid_weeks) * DAYS_PER_WEEK

    @property
    def paid_days(self) -> Decimal:
        return self.paid_weeks * DAYS_PER_WEEK

    @property
    def parts_allowed(self) -> int:
        return max(self.max_parts, 1) if self.splittable else 1


@dataclass(frozen=True)
class PersonFacts:
    """What eligibility may know about a person, and nothing more."""

    service_start: date
    employment_type: str
    is_caregiver: bool


@dataclass(frozen=True)
class Booked:
    """Leave already asked for under the same policy (waiting or approved)."""

    span: Span
    event: tuple[str, date] | None = None
    approved: bool = True


def eligibility_problems(
    rules: Rules,
    person: PersonFacts,
    *,
    starts_on: date,
    event_kind: str = "",
    event_date: date | None = None,
    event_labels: dict[str, str] | None = None,
) -> list[str]:
    """Why the person may not take leave under these rules from `starts_on` ([] if they may)."""
    problems = []
    served = months_between(person.service_start, starts_on)
    if served < rules.min_service_months:
        eligible_from = add_months(person.service_start, rules.min_service_months)
        problems.append(
            f"This policy needs {rules.min_service_months} months of service; you will have "
            f"{served} by the first day of leave (you qualify from {eligible_from:%d %B %Y})."
        )
    if rules.employment_types and person.employment_type not in rules.employment_types:
        problems.append("This policy is not open to your type of employment.")
    if rules.requires_caregiver and not person.is_caregiver:
        problems.append(
            "This policy is for parents and caregivers: say so on your profile if you are one."
        )
    if rules.needs_event:
        labels = event_labels or {}
        if not event_kind or event_date is None:
            problems.append("Say what the leave is for and its date (for example a birth).")
        elif rules.event_kinds and event_kind not in rules.event_kinds:
            allowed = ", ".join(labels.get(k, k).lower() for k in rules.event_kinds)
            problems.append(f"This policy is for: {allowed}.")
    return problems


@dataclass
class Period:
    """One period the request counts in, and the figures of it."""

    label: str
    entitled: Decimal
    used: Decimal  # approved
    waiting: Decimal  # asked for, not decided
    this_request: Decimal
    parts: int  # requests already in the period

    @property
    def left_now(self) -> Decimal:
        return self.entitled - self.used - self.waiting

    @property
    def left_after(self) -> Decimal:
        return self.left_now - self.this_request


@dataclass
class Assessment:
    """What a request would use and leave, and why it may not be made."""

    days: Decimal
    paid_days: Decimal
    unpaid_days: Decimal
    periods: list[Period] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _fmt(days: Decimal) -> str:
    text = f"{days.normalize():f}"
    return f"{text} working day{'' if days == 1 else 's'}"


def assess(
    rules: Rules,
    span: Span,
    booked: Iterable[Booked],
    holidays: frozenset[date] | set[date],
    *,
    event: tuple[str, date] | None = None,
) -> Assessment:
    """The request's working days, paid and unpaid, and for each period it counts in the
    entitlement used, waiting and left, with the problems that refuse it (beyond the
    entitlement, too many parts, overlapping leave)."""
    booked = list(booked)
    days = working_days(span, holidays)
    result = Assessment(days=days, paid_days=ZERO, unpaid_days=ZERO)
    if days <= 0:
        result.problems.append("These dates hold no working day (weekends and public holidays).")
    for other in booked:
        if other.span.overlaps(span):
            result.problems.append(
                f"You already asked for leave from {other.span.start:%d %b %Y} to "
                f"{other.span.end:%d %b %Y}: requests cannot overlap."
            )
            break
    for label, window, members in _periods(rules, span, booked, event):
        used = sum(
            (working_days(b.span, holidays, window=window) for b in members if b.approved), ZERO
        )
        waiting = sum(
            (working_days(b.span, holidays, window=window) for b in members if not b.approved),
            ZERO,
        )
        this = working_days(span, holidays, window=window)
        parts = sum(1 for b in members if working_days(b.span, holidays, window=window) > 0)
        period = Period(label, rules.entitled_days, used, waiting, this, parts)
        result.periods.append(period)
        if this > 0 and period.left_after < 0:
            result.problems.append(
                f"This request needs {_fmt(this)} {label}, but only "
                f"{max(period.left_now, ZERO).normalize():f} of the {_fmt(rules.entitled_days)} "
                "are left."
            )
        if this > 0 and parts + 1 > rules.parts_allowed:
            result.problems.append(
                "This policy's leave is taken in one block."
                if rules.parts_allowed == 1
                else f"This policy's leave may be split into at most {rules.parts_allowed} parts "
                f"{label}; {parts} are already booked."
            )
    # Paid first: the paid days left in the (first) period pay for this request first.
    first = result.periods[0] if result.periods else None
    paid_left = rules.paid_days - (first.used + first.waiting) if first else rules.paid_days
    result.paid_days = min(days, max(paid_left, ZERO))
    result.unpaid_days = days - result.paid_days
    return result


def _periods(rules: Rules, span: Span, booked: list[Booked], event):
    """(label, window, the booked leave that counts in it) for each period of the request."""
    if rules.period == PER_EVENT:
        members = [b for b in booked if event is not None and b.event == event]
        label = "for this event"
        yield label, None, members
        return
    if rules.period == CALENDAR_YEAR:
        year = span.start.year
        while year <= span.end.year:
            window = (date(year, 1, 1), date(year, 12, 31))
            yield f"in {year}", window, booked
            year += 1
        return
    if rules.period == ROLLING_12_MONTHS:
        # Every 12-month window that holds this request must stay within the entitlement:
        # the one ending on its last day, and those ending on later leave within 12 months.
        ends = {span.end}
        horizon = add_months(span.start, 12)
        ends.update(b.span.end for b in booked if span.end < b.span.end < horizon)
        for end in sorted(ends):
            window = rolling_window_ending(end)
            yield f"in the 12 months to {end:%d %b %Y}", window, booked
        return
    raise ValueError(f"Unknown period {rules.period!r}")


def current_figures(
    rules: Rules,
    today: date,
    booked: Iterable[Booked],
    holidays: frozenset[date] | set[date],
) -> Period | None:
    """The entitlement used and left in today's period, shown before a request is made
    (None for a per-event policy: each event has its own)."""
    booked = list(booked)
    if rules.period == CALENDAR_YEAR:
        window, label = calendar_year(today), f"in {today.year}"
    elif rules.period == ROLLING_12_MONTHS:
        window, label = rolling_window_ending(today), "in the last 12 months"
    else:
        return None
    used = sum((working_days(b.span, holidays, window=window) for b in booked if b.approved), ZERO)
    waiting = sum(
        (working_days(b.span, holidays, window=window) for b in booked if not b.approved), ZERO
    )
    parts = sum(1 for b in booked if working_days(b.span, holidays, window=window) > 0)
    return Period(label, rules.entitled_days, used, waiting, ZERO, parts)
