"""HR's pages: leave policies, the holiday calendar, kinds of financial support, employment
facts, and CSV exports (without reasons or descriptions)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careersupport.people.permissions import get_person_for_hr, hr_required
from careersupport.utils import add_service_errors, csv_cell, csv_download, paginate

from .. import selectors, services
from ..forms import (
    EmploymentForm,
    HolidayForm,
    HolidayImportForm,
    KindForm,
    PolicyForm,
    RequestFilterForm,
)
from ..models import Employment, PublicHoliday
from ..services.common import local_today


@hr_required
def manage(request):
    me = request.individual
    year = local_today(me).year
    return render(
        request,
        "requests/manage.html",
        {
            "policies": selectors.policies_for_hr(me),
            "kinds": selectors.kinds_for_hr(me),
            "holiday_count": selectors.holidays_for_hr(me, year).count(),
            "year": year,
        },
    )


@hr_required
def request_list(request):
    """Every request of the employer, decided or not, to open one and act on it (record a
    return, override a manager's flexible-work decision). Bad filters answer 400."""
    me = request.individual
    form = RequestFilterForm(request.GET or None, employer_id=me.employer_id)
    context: dict = {"form": form, "page": None, "rows": []}
    if request.GET and not form.is_valid():
        return render(request, "requests/hr_list.html", context, status=400)
    data = form.cleaned_data if request.GET else {}
    today = local_today(me)
    keys = selectors.requests_for_hr(
        me,
        today=today,
        kind=data.get("kind", ""),
        status=data.get("status", ""),
        q=data.get("q", ""),
        when=data.get("when", ""),
        person=data.get("person"),
    )
    page = paginate(request, keys)
    query = request.GET.copy()
    query.pop("page", None)
    context |= {"page": page, "rows": selectors.rows_for(page.object_list)}
    context |= {"query": query.urlencode(), "person": data.get("person"), "today": today}
    return render(request, "requests/hr_list.html", context)


def _save_policy(request, policy):
    me = request.individual
    form = PolicyForm(request.POST or None, instance=policy, employer_id=me.employer_id)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PolicyForm.Meta.fields}
        try:
            policy = services.policy_save(employer=me.employer, actor=me, policy=policy, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{policy.name} is saved.")
            return redirect("requests:manage")
    return render(
        request,
        "requests/policy_form.html",
        {"form": form, "policy": policy},
        status=400 if form.errors else 200,
    )


@hr_required
def policy_create(request):
    return _save_policy(request, None)


@hr_required
def policy_edit(request, pk: int):
    return _save_policy(
        request, get_object_or_404(selectors.policies_for_hr(request.individual), pk=pk)
    )


def _save_kind(request, kind):
    me = request.individual
    form = KindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in KindForm.Meta.fields}
        try:
            kind = services.kind_save(employer=me.employer, actor=me, kind=kind, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{kind.name} is saved.")
            return redirect("requests:manage")
    return render(
        request,
        "requests/kind_form.html",
        {"form": form, "kind": kind},
        status=400 if form.errors else 200,
    )


@hr_required
def kind_create(request):
    return _save_kind(request, None)


@hr_required
def kind_edit(request, pk: int):
    return _save_kind(request, get_object_or_404(selectors.kinds_for_hr(request.individual), pk=pk))


@hr_required
def holidays(request):
    me = request.individual
    year_text = request.GET.get("year", "")
    year = (
        int(year_text)
        if year_text.isdigit() and 2000 <= int(year_text) <= 2100
        else local_today(me).year
    )
    add_form = HolidayForm(request.POST if "add" in request.POST else None)
    import_form = HolidayImportForm(
        request.POST if "import" in request.POST else None, initial={"year": year}
    )
    if request.method == "POST":
        form = add_form if "add" in request.POST else import_form
        if form.is_valid():
            try:
                if form is add_form:
                    services.holiday_add(employer=me.employer, actor=me, **form.cleaned_data)
                    messages.success(request, "The holiday is added.")
                else:
                    added = services.holidays_import(
                        employer=me.employer, actor=me, **form.cleaned_data
                    )
                    messages.success(
                        request,
                        f"{len(added)} public holiday{'s' if len(added) != 1 else ''} added.",
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(f"{request.path}?year={form.cleaned_data.get('year', year)}")
    failed = add_form.errors or import_form.errors
    return render(
        request,
        "requests/holidays.html",
        {
            "holidays": selectors.holidays_for_hr(me, year),
            "year": year,
            "add_form": add_form,
            "import_form": import_form,
        },
        status=400 if failed else 200,
    )


@require_POST
@hr_required
def holiday_remove(request, pk: int):
    me = request.individual
    holiday = get_object_or_404(PublicHoliday.objects.for_employer(me.employer_id), pk=pk)
    services.holiday_remove(holiday=holiday, actor=me)
    messages.success(request, f"{holiday.name} is removed from the calendar.")
    return redirect(f"{reverse('requests:holidays')}?year={holiday.date.year}")


@hr_required
def employment_edit(request, pk: int):
    me = request.individual
    person = get_person_for_hr(me, pk)
    current = Employment.objects.filter(person=person).first()
    facts = services.person_facts(person)
    form = EmploymentForm(
        request.POST or None,
        initial={"start_date": facts.service_start, "employment_type": facts.employment_type},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.employment_set(person=person, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person.full_name}'s employment is saved.")
            return redirect(person)
    return render(
        request,
        "requests/employment_form.html",
        {"form": form, "person": person, "current": current},
        status=400 if form.errors else 200,
    )


@hr_required
def leave_csv(request, year: int):
    me = request.individual
    response, writer = csv_download(f"leave-{year}.csv")
    writer.writerow(
        [
            "name",
            "department",
            "policy",
            "first_day",
            "last_day",
            "working_days",
            "paid_days",
            "unpaid_days",
            "status",
            "returned_on",
        ]
    )
    if not 2000 <= year <= 2100:
        raise Http404("No such year.")
    for leave in selectors.leave_for_hr_csv(me, date(year, 1, 1), date(year, 12, 31)):
        writer.writerow(
            [
                csv_cell(leave.person.full_name),
                csv_cell(leave.person.department.name if leave.person.department_id else ""),
                csv_cell(leave.policy.name),
                leave.start_date,
                leave.end_date,
                leave.days,
                leave.paid_days,
                leave.unpaid_days,
                leave.get_status_display(),
                leave.returned_on or "",
            ]
        )
    return response


@hr_required
def financial_csv(request, year: int):
    me = request.individual
    response, writer = csv_download(f"financial-support-{year}.csv")
    writer.writerow(
        [
            "name",
            "department",
            "kind",
            "currency",
            "asked",
            "approved",
            "status",
            "asked_on",
            "decided_on",
        ]
    )
    for made in selectors.financial_for_hr_csv(me, year):
        writer.writerow(
            [
                csv_cell(made.person.full_name),
                csv_cell(made.person.department.name if made.person.department_id else ""),
                csv_cell(made.support.name),
                made.currency,
                made.amount,
                made.approved_amount or "",
                made.get_status_display(),
                f"{made.created_at:%Y-%m-%d}",
                f"{made.decided_at:%Y-%m-%d}" if made.decided_at else "",
            ]
        )
    return response
