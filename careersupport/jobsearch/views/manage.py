"""HR's job leads and figures at /job-search/manage/: HR admins of the employer only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from careersupport.people.permissions import hr_required
from careersupport.utils import add_service_errors, csv_cell, csv_download, paginate

from .. import figures as figures_selectors
from .. import leads_selectors as selectors
from ..figures import MIN_GROUP, quarter_label
from ..leads_forms import HrLeadFilterForm, LeadCsvForm, LeadForm, OrganisationForm
from ..leads_permissions import get_lead_for_hr, get_organisation_for_hr
from ..services import leads as services


@hr_required
def manage_home(request):
    figures = figures_selectors.hr_figures(viewer=request.individual)
    return render(
        request, "jobsearch/manage_home.html", {"figures": figures, "min_group": MIN_GROUP}
    )


@hr_required
def manage_figures_csv(request):
    figures = figures_selectors.hr_figures(viewer=request.individual)
    response, writer = csv_download("job-search-figures.csv")
    writer.writerow(
        [
            "quarter invited",
            "partners invited",
            "active",
            "coached",
            "job accepted",
            "median days to a job",
        ]
    )
    for row in figures.partners:
        shown = [row.invited, row.active, row.coached, row.accepted] if row.shown else [""] * 4
        median = row.median_days if row.median_shown else ""
        writer.writerow([quarter_label(row.quarter), *shown, median])
    writer.writerow([])
    writer.writerow(["quarter posted", "leads posted", "saved", "applied to"])
    for lead_row in figures.leads:
        writer.writerow(
            [quarter_label(lead_row.quarter), lead_row.posted, lead_row.saved, lead_row.applied]
        )
    return response


@hr_required
def manage_leads(request):
    me = request.individual
    form = HrLeadFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    status = data.get("status") or "open"
    leads = selectors.leads_for_hr(viewer=me, status=status, q=data.get("q", ""))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "jobsearch/manage_leads.html",
        {
            "form": form,
            "page": paginate(request, leads),
            "query": query,
            "status": status,
            "today": selectors.viewer_today(me),
        },
    )


@hr_required
def manage_lead_create(request):
    me = request.individual
    form = LeadForm(request.POST or None, employer=me.employer)
    if request.method == "POST" and form.is_valid():
        try:
            lead = services.lead_create(employer=me.employer, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Posted “{lead.title}”; it is listed until its closing date."
            )
            return redirect("jobsearch:manage-leads")
    return render(
        request,
        "jobsearch/manage_lead_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@hr_required
def manage_lead_edit(request, pk: int):
    me = request.individual
    lead = get_lead_for_hr(me, pk)
    form = LeadForm(request.POST or None, employer=me.employer, lead=lead)
    if request.method == "POST" and form.is_valid():
        try:
            services.lead_update(lead=lead, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved your changes to “{lead.title}”.")
            return redirect("jobsearch:manage-leads")
    context = {
        "form": form,
        "lead": lead,
        "counts": selectors.lead_counts(lead),
        "today": selectors.viewer_today(me),
    }
    return render(
        request, "jobsearch/manage_lead_form.html", context, status=400 if form.errors else 200
    )


@hr_required
def manage_lead_close(request, pk: int):
    """GET asks first; POST closes the lead before its closing date."""
    lead = get_lead_for_hr(request.individual, pk)
    if request.method == "POST":
        try:
            services.lead_close(lead=lead, actor=request.individual)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Closed “{lead.title}”: it is no longer listed.")
        return redirect("jobsearch:manage-leads")
    return render(
        request,
        "jobsearch/manage_lead_close.html",
        {"lead": lead, "counts": selectors.lead_counts(lead)},
    )


@hr_required
def manage_lead_import(request):
    me = request.individual
    form = LeadCsvForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.leads_import_csv(
            employer=me.employer, actor=me, data=form.cleaned_data["file"].read()
        )
        if result.ok:
            messages.success(request, f"Posted {len(result.leads)} leads from the file.")
            return redirect("jobsearch:manage-leads")
    failed = bool(form.errors) or (result is not None and not result.ok)
    return render(
        request,
        "jobsearch/manage_lead_import.html",
        {
            "form": form,
            "result": result,
            "columns": services.CSV_COLUMNS,
            "organisations": selectors.organisations_of(me.employer_id),
        },
        status=400 if failed else 200,
    )


@hr_required
def manage_lead_template(request):
    """A CSV to fill in: the header and two example rows."""
    response, writer = csv_download("job-leads-template.csv")
    writer.writerow(services.CSV_COLUMNS)
    for row in services.csv_template_rows(selectors.viewer_today(request.individual)):
        writer.writerow([csv_cell(value) for value in row])
    return response


@hr_required
def manage_organisations(request):
    me = request.individual
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                employer=me.employer, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added {organisation.name}.")
            return redirect("jobsearch:manage-organisations")
    return render(
        request,
        "jobsearch/manage_organisations.html",
        {"form": form, "organisations": selectors.organisations_of(me.employer_id)},
        status=400 if form.errors else 200,
    )


@hr_required
def manage_organisation_edit(request, pk: int):
    organisation = get_organisation_for_hr(request.individual, pk)
    form = OrganisationForm(
        request.POST or None,
        initial={
            "name": organisation.name,
            "location": organisation.location,
            "website": organisation.website,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, actor=request.individual, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved {organisation.name}.")
            return redirect("jobsearch:manage-organisations")
    return render(
        request,
        "jobsearch/manage_organisation_form.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )
