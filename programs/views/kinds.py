"""Kind-specific pages and actions: policies, ERGs, job shadowing, re-entry cohorts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careersupport.people.permissions import employee_required, hr_required, individual_required
from careersupport.utils import add_service_errors, message_service_error

from .. import selectors
from ..forms import CohortForm, PhaseForm, PlacementForm, PolicyVersionForm, SlotForm
from ..models import Milestone, Offering
from ..permissions import (
    get_booking_for_host,
    get_cohort_for_hr,
    get_enrollment_for_hr,
    get_offering_for_user,
    get_slot_for_user,
)
from ..services import kinds as kind_services

# --- policies ----------------------------------------------------------------------------


@hr_required
def policy_version_create(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk, write=True)
    current = selectors.current_policy_version(offering)
    form = PolicyVersionForm(
        request.POST or None, initial={"text": current.text if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = kind_services.policy_publish_version(
                offering=offering, actor=me, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} is now the current text.")
            return redirect("programs:manage-offering", pk=offering.pk)
    return render(request, "programs/manage/policy_form.html", {"form": form, "offering": offering})


@require_POST
@individual_required
def policy_acknowledge(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk)
    version = selectors.current_policy_version(offering)
    try:
        if version is None or str(version.number) != request.POST.get("version"):
            raise ValidationError("The policy changed while you read it: read the new version.")
        kind_services.policy_acknowledge(version=version, person=me, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"You acknowledged version {version.number}.")
    return redirect(offering)


# --- ERGs --------------------------------------------------------------------------------


@require_POST
@hr_required
def erg_lead(request, pk: int):
    me = request.individual
    enrollment = get_enrollment_for_hr(me, pk)
    try:
        kind_services.erg_set_lead(
            enrollment=enrollment, actor=me, is_lead=request.POST.get("lead") == "1"
        )
    except ValidationError as error:
        message_service_error(request, error)
    return redirect("programs:manage-offering", pk=enrollment.offering_id)


# --- job shadowing -----------------------------------------------------------------------


@require_POST
@employee_required
def slot_create(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk)
    form = SlotForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        kind_services.slot_create(offering=offering, host=me, **form.cleaned_data)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Your slot is offered; you confirm each booking.")
    return redirect(offering)


@require_POST
@individual_required
def slot_book(request, pk: int):
    me = request.individual
    slot = get_slot_for_user(me, pk)
    try:
        kind_services.slot_book(slot=slot, participant=me)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Booked; {slot.host.full_name} will confirm.")
    return redirect(slot.offering)


@require_POST
@individual_required
def booking_decide(request, pk: int, decision: str):
    me = request.individual
    booking = get_booking_for_host(me, pk)
    try:
        kind_services.booking_decide(booking=booking, actor=me, confirm=decision == "confirm")
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Booking {decision}ed.")
    return redirect("programs:mine")


@require_POST
@individual_required
def booking_cancel(request, pk: int):
    me = request.individual
    booking = get_object_or_404(selectors.my_bookings(me), pk=pk)
    try:
        kind_services.booking_cancel(booking=booking, actor=me)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Your booking was cancelled.")
    return redirect("programs:mine")


# --- re-entry cohorts --------------------------------------------------------------------


@hr_required
def cohort_create(request, pk: int):
    me = request.individual
    offering = get_offering_for_user(me, pk, write=True)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind_services.cohort_create(offering=offering, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The cohort was created; add its phases.")
            return redirect("programs:manage-offering", pk=offering.pk)
    return render(
        request,
        "programs/manage/simple_form.html",
        {"form": form, "offering": offering, "heading": f"New cohort of {offering.title}"},
    )


@hr_required
def phase_create(request, pk: int):
    me = request.individual
    cohort = get_cohort_for_hr(me, pk)
    form = PhaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kind_services.phase_create(
                cohort=cohort, actor=me, milestones=data.pop("milestones").splitlines(), **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The phase was added.")
            return redirect("programs:manage-offering", pk=cohort.offering_id)
    return render(
        request,
        "programs/manage/simple_form.html",
        {"form": form, "offering": cohort.offering, "heading": f"New phase of {cohort.name}"},
    )


@hr_required
def participant_path(request, pk: int):
    """HR places a returner in a cohort, ticks milestones and records the outcome."""
    me = request.individual
    enrollment = get_enrollment_for_hr(me, pk)
    offering = enrollment.offering
    if offering.kind != Offering.Kind.REENTRY:
        return redirect("programs:manage-offering", pk=offering.pk)
    form = PlacementForm(
        request.POST or None,
        offering=offering,
        initial={"cohort": enrollment.cohort, "outcome": enrollment.outcome},
    )
    if request.method == "POST" and form.is_valid():
        try:
            kind_services.participant_path_update(
                enrollment=enrollment, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{enrollment.person.full_name}'s path was saved.")
            return redirect("programs:manage-participant", pk=enrollment.pk)
    return render(
        request,
        "programs/manage/participant.html",
        {
            "form": form,
            "enrollment": enrollment,
            "offering": offering,
            "path": selectors.reentry_path(enrollment),
        },
    )


@require_POST
@hr_required
def milestone_toggle(request, pk: int, milestone_pk: int):
    me = request.individual
    enrollment = get_enrollment_for_hr(me, pk)
    milestone = get_object_or_404(
        Milestone.objects.select_related("phase"),
        pk=milestone_pk,
        phase__cohort__offering=enrollment.offering,
    )
    try:
        kind_services.milestone_record(
            enrollment=enrollment,
            milestone=milestone,
            actor=me,
            done=request.POST.get("done") == "1",
        )
    except ValidationError as error:
        message_service_error(request, error)
    return redirect("programs:manage-participant", pk=enrollment.pk)
