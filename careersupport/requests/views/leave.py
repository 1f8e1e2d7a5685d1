"""My requests, and leave: ask (with the entitlement in view), read, cancel, decide."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careersupport.people.permissions import employee_required, individual_required
from careersupport.utils import add_service_errors, confirm_page, message_service_error

from .. import selectors, services
from ..forms import LeaveForm, NoteForm, ReturnForm, note_errors
from ..permissions import get_leave_for_user
from ..services.common import local_today


@employee_required
def my_requests(request):
    me = request.individual
    return render(
        request,
        "requests/request_list.html",
        {
            "leave": selectors.my_leave(me)[:50],
            "arrangements": selectors.my_arrangements(me)[:20],
            "financial": selectors.my_financial(me)[:50],
            "current": selectors.current_arrangement(me),
            "to_confirm": selectors.job_shares_to_confirm(me),
            "policies": selectors.open_policies(me),
        },
    )


@employee_required
def leave_create(request):
    me = request.individual
    policies = selectors.open_policies(me)
    pk = request.GET.get("policy", "")
    if not pk.isdigit():
        return render(request, "requests/leave_policies.html", {"policies": policies})
    policy = get_object_or_404(policies, pk=pk)
    form = LeaveForm(request.POST or None, policy=policy)
    assessment = None
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        assessment = services.leave_assess(person=me, policy=policy, **data)
        if "check" not in request.POST:
            try:
                leave = services.leave_request_create(
                    person=me, actor=me, policy=policy, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Your leave request was sent to HR.")
                return redirect(leave)
    context = {
        "form": form,
        "policy": policy,
        "figures": services.leave_figures(person=me, policy=policy),
        "assessment": assessment,
        "today": local_today(me),
    }
    return render(request, "requests/leave_form.html", context, status=400 if form.errors else 200)


@individual_required
def leave_detail(request, pk: int):
    leave, access = get_leave_for_user(request.individual, pk)
    return _leave_page(request, leave, access)


def _leave_page(request, leave, access, *, decide_form=None, return_form=None, status=200):
    """The leave's page; after a refused decision or return, with that form as typed and
    its problems beside the field and at the top (400)."""
    hr = access.role == "hr"
    return render(
        request,
        "requests/leave_detail.html",
        {
            "leave": leave,
            "access": access,
            "history": selectors.history_of(leave),
            "decide_form": (decide_form or NoteForm()) if hr and leave.is_open else None,
            "return_form": (return_form or ReturnForm())
            if hr and leave.status == "approved"
            else None,
            "can_cancel": access.is_requester
            and leave.status in ("pending", "approved")
            and leave.start_date > local_today(request.individual),
        },
        status=status,
    )


@individual_required
def leave_cancel(request, pk: int):
    leave, access = get_leave_for_user(request.individual, pk)
    if request.method == "POST":
        try:
            services.leave_cancel(leave=leave, actor=request.individual)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Your leave request is cancelled.")
        return redirect(leave)
    return confirm_page(
        request,
        question="Cancel this leave request?",
        button="Cancel the request",
        back=leave.get_absolute_url(),
        consequences=[
            "The days no longer count against your entitlement.",
            "If it was approved, your manager is told you will not be away after all.",
        ],
        undo="To take the leave after all, ask again (it is checked against the rules anew).",
    )


@require_POST
@employee_required
def leave_decide(request, pk: int):
    me = request.individual
    leave, access = get_leave_for_user(me, pk, decide=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.leave_approve(leave=leave, actor=me, note=note)
            else:
                services.leave_decline(leave=leave, actor=me, reason=note)
        except ValidationError as error:
            if not leave.is_open:  # decided or withdrawn meanwhile: no form to show it on
                message_service_error(request, error)
                return redirect(leave)
            add_service_errors(form, note_errors(error))
        else:
            messages.success(
                request, f"{leave.person.full_name}'s leave: {form.cleaned_data['decision']}d."
            )
            return redirect(leave)
    return _leave_page(request, leave, access, decide_form=form, status=400)


@require_POST
@employee_required
def leave_return(request, pk: int):
    me = request.individual
    leave, access = get_leave_for_user(me, pk, decide=True)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.leave_record_return(leave=leave, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The return to work is recorded.")
            return redirect(leave)
    return _leave_page(request, leave, access, return_form=form, status=400)
