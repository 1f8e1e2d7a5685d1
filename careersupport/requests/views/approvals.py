"""The approver page (everything waiting for me, oldest first, bulk approve where safe) and
the manager's team month view."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from careersupport.people.permissions import individual_required, manager_required
from careersupport.utils import csv_cell, csv_download, paginate

from .. import selectors, services
from ..services.common import local_today


def _require_approver(me) -> None:
    if not (me.is_hr_admin or me.is_manager):
        raise PermissionDenied("Only managers and HR admins decide requests.")


@individual_required
def decide(request):
    me = request.individual
    _require_approver(me)
    if request.method == "POST":
        return _bulk_approve(request)
    page = request.GET.get("page", "1")
    waiting = selectors.waiting_for(me, page=int(page) if page.isdigit() else 1)
    return render(request, "requests/decide.html", {"waiting": waiting})


def _bulk_approve(request):
    """Leave (HR) and flexible work (manager or HR) are approved in bulk; money is decided
    one request at a time, with the budget in view. Each is approved on its own, so one that
    can no longer be approved is reported and the others stand."""
    me = request.individual
    leave_set, flexible_set, _ = selectors._waiting_sets(me)
    picked = request.POST.getlist("pick")
    leave_ids = [p.split(":")[1] for p in picked if p.startswith("leave:") and p[6:].isdigit()]
    flex_ids = [p.split(":")[1] for p in picked if p.startswith("flexible:") and p[9:].isdigit()]
    if not leave_ids and not flex_ids:
        messages.error(request, "Tick the requests to approve first.")
        return redirect("requests:decide")
    approved, refused = services.leaves_approve(
        leaves=list(leave_set.filter(pk__in=leave_ids)), actor=me
    )
    for arrangement in flexible_set.filter(pk__in=flex_ids).select_related("person"):
        try:
            approved.append(services.arrangement_approve(arrangement=arrangement, actor=me))
        except ValidationError as error:
            refused.append((arrangement, " ".join(error.messages)))
    if approved:
        messages.success(
            request, f"{len(approved)} request{'s' if len(approved) != 1 else ''} approved."
        )
    for item, message in refused:
        messages.error(request, f"{item.person.full_name}: {message}")
    return redirect("requests:decide")


def _month(request, me, text: str | None = None) -> date:
    text = request.GET.get("month", "") if text is None else text
    try:
        return date.fromisoformat(f"{text}-01")
    except ValueError:
        return local_today(me).replace(day=1)


@manager_required
def team(request):
    me = request.individual
    first, last = selectors.month_bounds(_month(request, me))
    page = paginate(request, selectors.team_people(me), per_page=25)
    people = list(page.object_list)
    absences = selectors.team_absences(people, first, last)
    holidays = selectors.holidays_of(me.employer_id, first, last)
    return render(
        request,
        "requests/team.html",
        {
            "first": first,
            "previous": (first.replace(day=1) - date.resolution).replace(day=1),
            "next": last + date.resolution,
            "last": last,
            "holiday_map": holidays,
            "people": people,
            "page": page,
            "query": f"month={first:%Y-%m}",
            "absences": absences,
            "holidays": sorted(holidays.items()),
            "arrangements": selectors.team_arrangements(people),
        },
    )


@manager_required
def team_csv(request, month: str):
    """The month's approved leave of the team: names, dates and "leave", nothing more."""
    me = request.individual
    first, last = selectors.month_bounds(_month(request, me, month))
    response, writer = csv_download(f"team-leave-{first:%Y-%m}.csv")
    writer.writerow(
        [
            "name",
            "first_day",
            "last_day",
            "first_day_from_midday",
            "last_day_until_midday",
            "absence",
        ]
    )
    for (
        first_name,
        preferred,
        last_name,
        start,
        end,
        start_half,
        end_half,
    ) in selectors.team_leave_for_csv(me, first, last):
        name = f"{preferred or first_name} {last_name}".strip()
        writer.writerow(
            [
                csv_cell(name),
                start,
                end,
                "yes" if start_half else "",
                "yes" if end_half else "",
                "leave",
            ]
        )
    return response
