"""The catalog, an offering's page, enroll / withdraw and "My programs"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careersupport.people.permissions import individual_required
from careersupport.utils import message_service_error, paginate

from .. import selectors
from ..forms import CatalogFilterForm, SlotForm
from ..models import Enrollment, Offering
from ..permissions import get_offering_for_user
from ..services import enrollment as enrollment_services


@individual_required
def catalog(request):
    me = request.individual
    form = CatalogFilterForm(request.GET or None)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    # What is still to come by default; past programs stay one filter away.
    filters["starts_after"] = filters.get("starts_after") or timezone.localdate()
    offerings = selectors.catalog_for(viewer=me, **{k: v for k, v in filters.items() if v})
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "programs/offering_list.html",
        {
            "form": form,
            "page": paginate(request, offerings, per_page=20),
            "query": query.urlencode(),
        },
    )


@individual_required
def offering_detail(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk)
    enrollment = Enrollment.objects.filter(offering=offering, person=me).first()
    context: dict[str, Any] = {"offering": offering, "enrollment": enrollment}
    if offering.is_event:
        context["sessions"] = selectors.sessions_of(offering, me)
    if (
        offering.kind == Offering.Kind.ERG
        and enrollment
        and enrollment.status == Enrollment.Status.ENROLLED
    ):
        # The member list is for members only.
        context["members"] = selectors.erg_members(offering)
    if offering.kind == Offering.Kind.POLICY:
        version = selectors.current_policy_version(offering)
        context["version"] = version
        context["acknowledged"] = selectors.has_acknowledged(me, version)
    if offering.kind == Offering.Kind.JOB_SHADOWING:
        context["slots"] = selectors.shadow_slots_for(offering, me)
        context["slot_form"] = SlotForm() if me.is_employee else None
    if offering.kind == Offering.Kind.REENTRY and enrollment and enrollment.cohort_id:
        context["path"] = selectors.reentry_path(enrollment)
    seats: Any = selectors.with_seat_counts(Offering.objects.filter(pk=offering.pk)).get()
    context["seats_taken"] = seats.seats_taken
    context["waitlisted"] = seats.waitlisted_count
    return render(request, "programs/offering_detail.html", context)


@require_POST
@individual_required
def enroll(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk)
    try:
        enrollment = enrollment_services.enrollment_create(offering=offering, person=me, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        text = {
            "enrolled": f"You are enrolled in {offering.title}.",
            "requested": "Your request was sent to HR for approval.",
            "waitlisted": f"It is full: you are number {enrollment.waitlist_position} on the waitlist.",
        }[enrollment.status]
        messages.success(request, text)
    return redirect(offering)


@require_POST
@individual_required
def withdraw(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk)
    enrollment = Enrollment.objects.filter(offering=offering, person=me).first()
    try:
        if enrollment is None:
            raise ValidationError("There is nothing to withdraw from.")
        enrollment_services.enrollment_withdraw(enrollment=enrollment, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"You have withdrawn from {offering.title}.")
    return redirect(offering)


@individual_required
def my_programs(request):
    me = request.individual
    return render(
        request,
        "programs/my_programs.html",
        {
            "enrollments": selectors.my_enrollments(me),
            "sessions": selectors.my_sessions(me)[:20],
            "bookings": selectors.my_bookings(me),
            "hosting": selectors.bookings_for_host(me) if me.is_employee else [],
        },
    )
