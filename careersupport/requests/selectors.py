"""Reads shaped for each page, scoped to the viewer by the rule of `permissions`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet, Value

from careersupport.people.models import Individual

from .models import (
    Decision,
    FinancialKind,
    FinancialRequest,
    FlexibleArrangement,
    LeavePolicy,
    LeaveRequest,
    PublicHoliday,
    Status,
)
from .services.digest import no_active_manager_q

# --- the requester ----------------------------------------------------------------------------


def my_leave(viewer: Individual) -> QuerySet[LeaveRequest]:
    return LeaveRequest.objects.filter(person=viewer).select_related("policy")


def my_arrangements(viewer: Individual) -> QuerySet[FlexibleArrangement]:
    return FlexibleArrangement.objects.filter(person=viewer).select_related("colleague")


def my_financial(viewer: Individual) -> QuerySet[FinancialRequest]:
    return FinancialRequest.objects.filter(person=viewer).select_related("support")


def job_shares_to_confirm(viewer: Individual) -> QuerySet[FlexibleArrangement]:
    return (
        FlexibleArrangement.objects.for_employer(viewer.employer_id)
        .filter(colleague=viewer, status=Status.WAITING_COLLEAGUE)
        .select_related("person")
    )


def current_arrangement(person: Individual) -> FlexibleArrangement | None:
    """The approved arrangement the person works under (approving one ends the one before)."""
    return (
        FlexibleArrangement.objects.filter(person=person, status=Status.APPROVED)
        .select_related("colleague")
        .order_by("start_date")
        .first()
    )


def open_policies(viewer: Individual) -> QuerySet[LeavePolicy]:
    return (
        LeavePolicy.objects.for_employer(viewer.employer_id)
        .filter(is_active=True)
        .select_related("offering")
    )


def open_kinds(viewer: Individual) -> QuerySet[FinancialKind]:
    return FinancialKind.objects.for_employer(viewer.employer_id).filter(is_active=True)


def history_of(request) -> QuerySet[Decision]:
    return request.decisions.select_related("actor").order_by("at", "id")


# --- the approver page ------------------------------------------------------------------------


def _waiting_sets(viewer: Individual):
    """The three querysets of what waits for this approver (rules 2 and 3)."""
    employer = viewer.employer_id
    none = LeaveRequest.objects.none()
    flexible = FlexibleArrangement.objects.for_employer(employer).filter(status=Status.PENDING)
    if viewer.is_hr_admin:
        leave = (
            LeaveRequest.objects.for_employer(employer)
            .filter(status=Status.PENDING)
            .exclude(person=viewer)
        )
        money = (
            FinancialRequest.objects.for_employer(employer)
            .filter(status=Status.PENDING)
            .exclude(person=viewer)
        )
        flexible = flexible.filter(no_active_manager_q(employer, or_manager=viewer.pk)).exclude(
            person=viewer
        )
    else:
        leave, money = none, FinancialRequest.objects.none()
        flexible = flexible.filter(person__manager=viewer)
    return leave, flexible, money


@dataclass
class WaitingPage:
    rows: list
    counts: dict[str, int]
    number: int
    pages: int
    total: int = field(init=False)

    def __post_init__(self):
        self.total = sum(self.counts.values())

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def waiting_for(viewer: Individual, *, page: int = 1, per_page: int = 25) -> WaitingPage:
    """Everything waiting for the viewer across the three kinds, oldest first: three counts,
    one query for the page's (kind, id) in order, one per kind for its rows."""
    leave, flexible, money = _waiting_sets(viewer)
    counts = {"leave": leave.count(), "flexible": flexible.count(), "financial": money.count()}
    total = sum(counts.values())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    parts = [
        qs.annotate(k=Value(name)).values_list("created_at", "id", "k")
        for name, qs in (("leave", leave), ("flexible", flexible), ("financial", money))
        if counts[name]
    ]
    start = (page - 1) * per_page
    keys = MergedKeys(parts, "created_at", descending=False)[start : start + per_page]
    return WaitingPage(rows=rows_for(keys), counts=counts, number=page, pages=pages)


Row = LeaveRequest | FlexibleArrangement | FinancialRequest


def rows_for(keys) -> list[tuple[str, Row]]:
    """The requests of a page of (sort key, id, kind) keys, in their order: one query per
    kind on the page, with what a list row shows and without the confidential text (a leave
    or flexible-work reason, a financial description), which no list carries."""
    ids: dict[str, list[int]] = {"leave": [], "flexible": [], "financial": []}
    for _, pk, kind in keys:
        ids[kind].append(pk)
    related = ("person", "person__department", "decided_by")
    sets: dict[str, QuerySet] = {
        "leave": LeaveRequest.objects.select_related(*related, "policy").defer("reason"),
        "flexible": FlexibleArrangement.objects.select_related(
            *related, "person__manager", "colleague"
        ).defer("reason"),
        "financial": FinancialRequest.objects.select_related(*related, "support").defer(
            "description"
        ),
    }
    found: dict[tuple[str, int], Row] = {}
    for kind, pks in ids.items():
        if pks:
            found.update(((kind, r.pk), r) for r in sets[kind].filter(pk__in=pks))
    return [(kind, found[kind, pk]) for _, pk, kind in keys if (kind, pk) in found]


def waiting_count(viewer: Individual) -> int:
    return sum(qs.count() for qs in _waiting_sets(viewer))


# --- the team month view ---------------------------------------------------------------------


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def team_people(viewer: Individual) -> QuerySet[Individual]:
    return (
        Individual.objects.for_employer(viewer.employer_id)
        .employees()
        .active()
        .filter(manager=viewer)
        .order_by("last_name", "first_name", "id")
    )


def team_absences(people: list[Individual], first: date, last: date) -> dict[int, list]:
    """Approved leave of these people meeting the month: dates only (rule 3), one query."""
    rows = (
        LeaveRequest.objects.filter(
            person__in=[p.pk for p in people],
            status=Status.APPROVED,
            start_date__lte=last,
            end_date__gte=first,
        )
        .order_by("start_date")
        .values_list("person_id", "start_date", "end_date", "start_half", "end_half")
    )
    found: dict[int, list] = {}
    for person_id, start, end, start_half, end_half in rows:
        found.setdefault(person_id, []).append((start, end, start_half, end_half))
    return found


def team_arrangements(people: list[Individual]) -> dict[int, FlexibleArrangement]:
    rows = (
        FlexibleArrangement.objects.filter(
            person__in=[p.pk for p in people], status=Status.APPROVED
        )
        .select_related("colleague")
        .order_by("start_date")
    )
    return {a.person_id: a for a in rows}


def holidays_of(employer_id: int, first: date, last: date) -> dict[date, str]:
    return dict(
        PublicHoliday.objects.for_employer(employer_id)
        .filter(date__gte=first, date__lte=last)
        .values_list("date", "name")
    )


def team_leave_for_csv(viewer: Individual, first: date, last: date):
    return (
        LeaveRequest.objects.for_employer(viewer.employer_id)
        .filter(
            person__manager=viewer,
            status=Status.APPROVED,
            start_date__lte=last,
            end_date__gte=first,
        )
        .order_by("start_date", "person__last_name")
        .values_list(
            "person__first_name",
            "person__preferred_name",
            "person__last_name",
            "start_date",
            "end_date",
            "start_half",
            "end_half",
        )
    )


# --- HR ---------------------------------------------------------------------------------------


def policies_for_hr(viewer: Individual) -> QuerySet[LeavePolicy]:
    return LeavePolicy.objects.for_employer(viewer.employer_id).select_related("offering")


def kinds_for_hr(viewer: Individual) -> QuerySet[FinancialKind]:
    return FinancialKind.objects.for_employer(viewer.employer_id)


def holidays_for_hr(viewer: Individual, year: int) -> QuerySet[PublicHoliday]:
    return PublicHoliday.objects.for_employer(viewer.employer_id).filter(date__year=year)


def leave_for_hr_csv(viewer: Individual, first: date, last: date):
    """Every leave request meeting the dates, without a reason (reports never carry one)."""
    return (
        LeaveRequest.objects.for_employer(viewer.employer_id)
        .filter(start_date__lte=last, end_date__gte=first)
        .select_related("person", "person__department", "policy")
        .order_by("start_date", "id")
    )


def financial_for_hr_csv(viewer: Individual, year: int):
    return (
        FinancialRequest.objects.for_employer(viewer.employer_id)
        .filter(budget_year=year)
        .select_related("person", "person__department", "support")
        .order_by("created_at", "id")
    )


def _name_q(q: str) -> Q:
    """Every word of `q` in the person's names or e-mail."""
    found = Q()
    for word in q.split():
        found &= (
            Q(person__first_name__icontains=word)
            | Q(person__preferred_name__icontains=word)
            | Q(person__last_name__icontains=word)
            | Q(person__email__icontains=word)
        )
    return found


def _leave_when(leave: QuerySet[LeaveRequest], when: str, today: date):
    """Leave by its dates, and the (field, descending) it is best read in."""
    if when == "upcoming":
        return leave.filter(start_date__gt=today), ("start_date", False)
    if when == "current":
        # Approved, today within its dates, and not back at work early.
        on_leave = leave.filter(status=Status.APPROVED, start_date__lte=today, end_date__gte=today)
        back = Q(returned_on__isnull=False, returned_on__lte=today)
        return on_leave.exclude(back), ("end_date", False)
    if when == "past":
        return leave.filter(end_date__lt=today), ("end_date", True)
    if when == "unreturned":
        ended = leave.filter(status=Status.APPROVED, end_date__lt=today, returned_on__isnull=True)
        return ended, ("end_date", True)
    return leave, ("created_at", True)


def requests_for_hr(
    viewer: Individual,
    *,
    today: date,
    kind: str = "",
    status: str = "",
    q: str = "",
    when: str = "",
    person: Individual | None = None,
):
    """Every request of the viewer's employer (rule 2), decided or not, as (sort key, id,
    kind) keys for `rows_for`: newest first; with `when`, leave only, in the order of its
    dates (to come: soonest first; now: back soonest first; ended: latest first)."""
    employer = viewer.employer_id
    sets: dict[str, QuerySet] = {
        "leave": LeaveRequest.objects.for_employer(employer),
        "flexible": FlexibleArrangement.objects.for_employer(employer),
        "financial": FinancialRequest.objects.for_employer(employer),
    }
    if when:
        kind = "leave"
    sets["leave"], sort = _leave_when(sets["leave"], when, today)
    parts = []
    for name, qs in sets.items():
        if kind and name != kind:
            continue
        if status:
            qs = qs.filter(status=status)
        if q:
            qs = qs.filter(_name_q(q))
        if person is not None:
            qs = qs.filter(person=person)
        parts.append(qs.annotate(k=Value(name)).values_list(sort[0], "id", "k"))
    return MergedKeys(parts, *sort)


class MergedKeys:
    """The (sort key, id, kind) keys of several tables in one order, for a `Paginator`.

    PostgreSQL does not merge a UNION ALL's ordered index scans (it sorts every row: 450,000
    at the benchmark's size), so each table gives only its first `stop` keys in order, by its
    own index, and the page is cut from their union. The count stops at `CAP`: past it the
    pages are still there, and the total reads "more than"."""

    CAP = 10_000

    def __init__(self, parts: list[QuerySet], field: str, descending: bool):
        self.order = (f"-{field}", "-id") if descending else (field, "id")
        # A part that is none() would make Django's union drop out to one sliced part.
        self.parts = [qs.order_by(*self.order) for qs in parts if not qs.query.is_empty()]
        self.capped = False

    def count(self) -> int:
        total = 0
        for qs in self.parts:
            total += qs.order_by()[: self.CAP + 1 - total].count()
            if total > self.CAP:
                self.capped = True
                return self.CAP
        return total

    def __getitem__(self, page: slice) -> list:
        start, stop = page.start or 0, page.stop
        if not self.parts or stop <= start:
            return []
        if len(self.parts) == 1:
            return list(self.parts[0][start:stop])
        heads = [qs[:stop] for qs in self.parts]
        return list(heads[0].union(*heads[1:], all=True).order_by(*self.order)[start:stop])

    def __len__(self) -> int:
        return self.count()
