"""Flexible work: ask, the colleague's confirmation, the decision, the review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careersupport.people.permissions import employee_required, individual_required
from careersupport.utils import add_service_errors, confirm_page, message_service_error

from .. import selectors, services
from ..forms import FlexibleForm, NoteForm, ReviewForm, note_errors
from ..permissions import get_arrangement_for_user


@employee_required
def flexible_create(request):
    me = request.individual
    form = FlexibleForm(request.POST or None, person=me)
    if request.method == "POST" and form.is_valid():
        try:
            arrangement = services.arrangement_request(
                person=me, actor=me, reason=form.cleaned_data["reason"], **form.terms()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            who = (
                "your colleague to confirm"
                if arrangement.status == "waiting_colleague"
                else "a decision"
            )
            messages.success(request, f"Your request is sent; it waits for {who}.")
            return redirect(arrangement)
    return render(
        request, "requests/flexible_form.html", {"form": form}, status=400 if form.errors else 200
    )


@individual_required
def flexible_detail(request, pk: int):
    arrangement, access = get_arrangement_for_user(request.individual, pk)
    return _flexible_page(request, arrangement, access)


def _flexible_page(request, arrangement, access, *, decide_form=None, status=200):
    """The arrangement's page; after a refused decision, with the form as typed and its
    problem beside the note and at the top (400)."""
    may_decide = services.may_decide(request.individual, arrangement)
    open_to_me = may_decide and arrangement.status == "pending"
    return render(
        request,
        "requests/flexible_detail.html",
        {
            "arrangement": arrangement,
            "access": access,
            "history": selectors.history_of(arrangement),
            "may_decide": may_decide,
            "decide_form": (decide_form or NoteForm()) if open_to_me else None,
            "manager": services.manager_of(arrangement.person),
        },
        status=status,
    )


@require_POST
@individual_required
def flexible_decide(request, pk: int):
    me = request.individual
    arrangement, access = get_arrangement_for_user(me, pk, decide=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.arrangement_approve(arrangement=arrangement, actor=me, note=note)
            else:
                services.arrangement_decline(arrangement=arrangement, actor=me, reason=note)
        except ValidationError as error:
            if arrangement.status != "pending":  # decided meanwhile: no form to show it on
                message_service_error(request, error)
                return redirect(arrangement)
            add_service_errors(form, note_errors(error))
        else:
            messages.success(
                request,
                f"{arrangement.person.full_name}'s request: {form.cleaned_data['decision']}d.",
            )
            return redirect(arrangement)
    return _flexible_page(request, arrangement, access, decide_form=form, status=400)


@require_POST
@individual_required
def flexible_answer(request, pk: int):
    me = request.individual
    arrangement, access = get_arrangement_for_user(me, pk)
    if access.role != "colleague":
        raise PermissionDenied("Only the named colleague confirms a job share.")
    accept = request.POST.get("answer") == "confirm"
    try:
        services.arrangement_colleague_answer(
            arrangement=arrangement, actor=me, accept=accept, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Thank you: your answer is recorded.")
    return redirect(arrangement)


@employee_required
def flexible_withdraw(request, pk: int):
    arrangement, access = get_arrangement_for_user(request.individual, pk)
    if not access.is_requester:
        raise PermissionDenied("Only the person who asked withdraws a request.")
    if request.method == "POST":
        try:
            services.arrangement_withdraw(arrangement=arrangement, actor=request.individual)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Your request is withdrawn.")
        return redirect(arrangement)
    return confirm_page(
        request,
        question="Withdraw this flexible-work request?",
        button="Withdraw the request",
        back=arrangement.get_absolute_url(),
        consequences=["Nobody decides it any more; its history is kept."],
        undo="To ask again, make a new request.",
    )


@individual_required
def flexible_review(request, pk: int):
    me = request.individual
    arrangement, _ = get_arrangement_for_user(me, pk, decide=True)
    form = ReviewForm(request.POST or None, arrangement=arrangement)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.arrangement_review(
                arrangement=arrangement,
                actor=me,
                outcome=data["outcome"],
                note=data["note"],
                ends_on=data.get("ends_on"),
                **form.changes(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review is recorded and the person is told.")
            return redirect(arrangement)
    return render(
        request,
        "requests/flexible_review.html",
        {"form": form, "arrangement": arrangement},
        status=400 if form.errors else 200,
    )
