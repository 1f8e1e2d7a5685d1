"""Job leads for the people who may use the tracker: browse, filter, read, save to my tracker."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from careersupport.utils import message_service_error, paginate

from .. import leads_selectors as selectors
from ..leads_forms import LeadFilterForm
from ..leads_permissions import get_lead_for_viewer, tracker_required
from ..models import LeadSave
from ..services.leads import lead_save

PER_PAGE = 20


def application_url(application_id: int) -> str:
    """The saved application's page in the tracker (its own branch names it)."""
    try:
        return reverse("jobsearch:application", args=[application_id])
    except NoReverseMatch:  # the tracker's pages are not mounted in this build
        return reverse("jobsearch:lead-list")


@tracker_required
def lead_list(request):
    me = request.individual
    form = LeadFilterForm(request.GET or None, employer=me.employer)
    filters = form.filters()
    leads = selectors.leads_for_viewer(viewer=me, filters=filters)
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "jobsearch/leads_list.html",
        {
            "form": form,
            "filters": filters,
            "page": paginate(request, leads, PER_PAGE),
            "query": query,
        },
    )


@tracker_required
def lead_detail(request, pk: int):
    me = request.individual
    lead = get_lead_for_viewer(me, pk)
    save = selectors.viewer_save(viewer=me, lead=lead)
    return render(request, "jobsearch/leads_detail.html", {"lead": lead, "save": save})


@require_POST
@tracker_required
def lead_save_view(request, pk: int):
    lead = get_lead_for_viewer(request.individual, pk)
    try:
        lead_save(lead=lead, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Saved “{lead.title}” to your tracker, as interested.")
    return redirect(_back(request))


def _back(request) -> str:
    """Back to the page the person saved from (the list with its filters, or the lead)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts=None) and target.startswith("/"):
        return target
    return reverse("jobsearch:lead-list")


@tracker_required
def lead_in_tracker(request, pk: int):
    """ "Saved · open in tracker": the viewer's own application saved from this lead."""
    application_id = (
        LeadSave.objects.for_employer(request.individual.employer_id)
        .filter(lead_id=pk, person=request.individual, application__isnull=False)
        .values_list("application_id", flat=True)
        .first()
    )
    if application_id is None:
        raise Http404("You have not saved this lead.")
    return redirect(application_url(application_id))
