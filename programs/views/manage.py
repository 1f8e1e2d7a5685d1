"""The HR console: offerings, their rosters and the approval queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from careersupport.people.permissions import hr_required
from careersupport.utils import (
    add_service_errors,
    confirm_page,
    csv_cell,
    csv_download,
    message_service_error,
    paginate,
)

from .. import selectors
from ..confirmations import archive_confirmation
from ..forms import BulkDecisionForm, DeclineForm, HrFilterForm, OfferingForm
from ..models import Offering
from ..permissions import get_enrollment_for_hr, get_offering_for_user
from ..services import enrollment as enrollment_services
from ..services import offerings as offering_services


@hr_required
def offering_list(request):
    me = request.individual
    form = HrFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/manage/offering_list.html",
        {
            "form": form,
            "page": paginate(request, selectors.offerings_for_hr(viewer=me, **filters)),
            "query": query.urlencode(),
            "pending": selectors.pending_label(me),
        },
    )


def _save_offering(request, offering: Offering | None):
    me = request.individual
    form = OfferingForm(
        request.POST or None,
        instance=offering,
        employer=me.employer,
        initial=None if offering else {"format": "online"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if offering is None:
                offering = offering_services.offering_create(
                    actor=me,
                    departments=list(form.cleaned_data["departments"]),
                    **form.service_fields(),
                )
                messages.success(request, f"{offering.title} was saved as a draft.")
            else:
                offering = offering_services.offering_update(
                    offering=offering,
                    actor=me,
                    departments=list(form.cleaned_data["departments"]),
                    **form.service_fields(),
                )
                messages.success(request, f"{offering.title} was saved.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("programs:manage-offering", pk=offering.pk)
    return render(
        request,
        "programs/manage/offering_form.html",
        {"form": form, "offering": offering},
        status=400 if form.errors else 200,
    )


@hr_required
def offering_create(request):
    return _save_offering(request, None)


@hr_required
def offering_edit(request, pk: int):
    return _save_offering(request, get_offering_for_user(request.individual, pk, write=True))


ACTIONS = {
    "publish": (offering_services.offering_publish, "{} is published in the catalog."),
    "unpublish": (offering_services.offering_unpublish, "{} is back to draft and hidden."),
    "archive": (
        offering_services.offering_archive,
        "{} is archived. Restore it from this page if that was a mistake.",
    ),
    "restore": (
        offering_services.offering_restore,
        "{} is restored as a draft: publish it to reopen it.",
    ),
    "duplicate": (offering_services.offering_duplicate, "A draft copy of {} was made."),
}


# The actions that ask first: a GET shows what will happen, the POST acts.
CONFIRMATIONS = {"archive": archive_confirmation}


@require_http_methods(["GET", "POST"])
@hr_required
def offering_action(request, pk: int, action: str):
    me = request.individual
    offering = get_offering_for_user(me, pk, write=True)
    back = reverse("programs:manage-offering", args=[offering.pk])
    if request.method != "POST":
        if action not in CONFIRMATIONS:
            return redirect(back)
        return confirm_page(request, back=back, **CONFIRMATIONS[action](offering))
    service, text = ACTIONS[action]
    try:
        result = service(offering=offering, actor=me)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("programs:manage-offering", pk=offering.pk)
    messages.success(request, text.format(offering.title))
    return redirect("programs:manage-offering", pk=result.pk)


@hr_required
def offering_manage(request, pk: int):
    """One offering for HR: counts, and the names only when it is not confidential."""
    me = request.individual
    offering = get_offering_for_user(me, pk, write=True)
    context = {
        "offering": offering,
        "counts": selectors.status_counts(offering),
        "roster": paginate(request, selectors.roster(offering), per_page=50),
        "sessions": selectors.sessions_of(offering, me) if offering.is_event else None,
    }
    if offering.kind == Offering.Kind.POLICY:
        version = selectors.current_policy_version(offering)
        context["version"] = version
        context["acknowledgements"] = selectors.acknowledgements_of(version)
    if offering.kind == Offering.Kind.REENTRY:
        context["cohorts"] = selectors.cohorts_of(offering)
    return render(request, "programs/manage/offering_detail.html", context)


@hr_required
def roster_csv(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk, write=True)
    response, writer = csv_download(f"roster-{offering.pk}.csv")
    if offering.is_confidential:
        # Counts only, in the export as on the page.
        writer.writerow(["status", "count"])
        for status, count in selectors.status_counts(offering).items():
            writer.writerow([status, count])
        return response
    writer.writerow(
        ["name", "email", "department", "status", "waitlist_position", "enrolled_since", "outcome"]
    )
    for e in selectors.roster(offering):
        writer.writerow(
            [
                csv_cell(e.person.full_name),
                csv_cell(e.person.email),
                csv_cell(e.person.department.name if e.person.department else ""),
                e.get_status_display(),
                e.waitlist_position or "",
                f"{e.created_at:%Y-%m-%d}",
                e.get_outcome_display() if e.outcome else "",
            ]
        )
    return response


@hr_required
def queue(request):
    me = request.individual
    pending = selectors.approval_queue(me)
    if request.method == "POST" and request.POST.get("single"):
        return _decide_single(request, pending)
    form = BulkDecisionForm(request.POST or None, queryset=pending)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["enrollments"])
        approve = form.cleaned_data["decision"] == "approve"
        try:
            enrollment_services.enrollments_decide(
                enrollments=chosen, actor=me, approve=approve, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            verb = "approved" if approve else "declined"
            messages.success(
                request, f"{len(chosen)} request{'s' if len(chosen) != 1 else ''} {verb}."
            )
            return redirect("programs:manage-queue")
    return _queue_page(request, pending, form, status=400 if form.errors else 200)


def _queue_page(request, pending, form, *, row_errors=None, status=200):
    """The queue; after a refused submit with what was ticked and typed, and each problem
    beside its field (a row's reason, the selection, the bulk decision)."""
    data = request.POST if request.method == "POST" else None
    return render(
        request,
        "programs/manage/queue.html",
        {
            "form": form,
            "page": paginate(request, pending, per_page=25),
            "query": "",
            "data": data,
            # The table reads a row's problem by id; the summary names the person too.
            "row_errors": {e.pk: problem for e, problem in (row_errors or {}).items()},
            "row_problems": list((row_errors or {}).items()),
        },
        status=status,
    )


def _decide_single(request, pending):
    """A row's own Approve or Decline button in the queue: `single=approve:<id>`, with the
    row's reason in `reason-<id>`. A refused Decline comes back beside the row's reason."""
    me = request.individual
    decision, _, pk = request.POST["single"].partition(":")
    if decision not in ("approve", "decline") or not pk.isdigit():
        raise Http404
    enrollment = get_object_or_404(pending, pk=pk)
    try:
        if decision == "approve":
            enrollment_services.enrollment_approve(enrollment=enrollment, actor=me)
        else:
            enrollment_services.enrollment_decline(
                enrollment=enrollment, actor=me, reason=request.POST.get(f"reason-{pk}", "")
            )
    except ValidationError as error:
        if decision == "decline":
            form = BulkDecisionForm(queryset=pending)
            problem = " ".join(error.messages)
            return _queue_page(request, pending, form, row_errors={enrollment: problem}, status=400)
        messages.error(request, f"{enrollment.person.full_name}: {' '.join(error.messages)}")
    else:
        messages.success(request, f"{enrollment.person.full_name}: {decision}d.")
    return redirect("programs:manage-queue")


@require_POST
@hr_required
def enrollment_decide(request, pk: int, decision: str):
    me = request.individual
    enrollment = get_enrollment_for_hr(me, pk)
    try:
        if decision == "approve":
            enrollment_services.enrollment_approve(enrollment=enrollment, actor=me)
        elif decision == "complete":
            enrollment_services.enrollment_complete(enrollment=enrollment, actor=me)
        else:
            form = DeclineForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Give a reason: the person will read it.")
            enrollment_services.enrollment_decline(
                enrollment=enrollment, actor=me, reason=form.cleaned_data["reason"]
            )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"{enrollment.person.full_name}: {decision}d.")
    back = request.POST.get("next", "")
    # Only back into the console: never an open redirect.
    if not back.startswith("/programs/manage/"):
        back = reverse("programs:manage-queue")
    return redirect(back)
