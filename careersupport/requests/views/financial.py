"""Financial support: ask (with the budget left in view), read, cancel, decide, receipts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careersupport import uploads
from careersupport.people.permissions import employee_required, individual_required
from careersupport.utils import add_service_errors, confirm_page, message_service_error

from .. import selectors, services
from ..forms import FinancialForm, NoteForm, note_errors
from ..permissions import get_financial_for_user, get_receipt_for_user
from ..services.common import local_today


@employee_required
def financial_create(request):
    me = request.individual
    form = FinancialForm(request.POST or None, request.FILES or None, employer_id=me.employer_id)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("receipts")
        try:
            made = services.financial_request_create(person=me, actor=me, files=files, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your request was sent to HR.")
            return redirect(made)
    year = local_today(me).year
    budgets = [
        (kind, services.budget_for(support=kind, person=me, year=year))
        for kind in selectors.open_kinds(me)
    ]
    return render(
        request,
        "requests/financial_form.html",
        {"form": form, "budgets": budgets, "year": year},
        status=400 if form.errors else 200,
    )


@individual_required
def financial_detail(request, pk: int):
    made, access = get_financial_for_user(request.individual, pk)
    return _financial_page(request, made, access)


def _financial_page(request, made, access, *, decide_form=None, status=200):
    """The request's page; after a refused decision, with the form as typed and its
    problems beside the field and at the top (400)."""
    budget = None
    if made.is_open:
        budget = services.budget_for(
            support=made.support, person=made.person, year=made.budget_year
        )
    if decide_form is None and access.role == "hr" and made.is_open:
        decide_form = NoteForm(initial={"amount": made.amount})
    return render(
        request,
        "requests/financial_detail.html",
        {
            "made": made,
            "access": access,
            "budget": budget,
            "receipts": made.receipts.all(),
            "instalments": made.instalments.all(),
            "history": selectors.history_of(made),
            "decide_form": decide_form if access.role == "hr" and made.is_open else None,
        },
        status=status,
    )


@require_POST
@employee_required
def financial_decide(request, pk: int):
    me = request.individual
    made, access = get_financial_for_user(me, pk, decide=True)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.financial_approve(
                    request=made, actor=me, amount=data["amount"], note=data["note"]
                )
            else:
                services.financial_decline(request=made, actor=me, reason=data["note"])
        except ValidationError as error:
            if not made.is_open:  # decided or withdrawn meanwhile: no form to show it on
                message_service_error(request, error)
                return redirect(made)
            add_service_errors(form, note_errors(error))
        else:
            messages.success(request, f"{made.person.full_name}'s request: {data['decision']}d.")
            return redirect(made)
    return _financial_page(request, made, access, decide_form=form, status=400)


@individual_required
def financial_cancel(request, pk: int):
    made, _ = get_financial_for_user(request.individual, pk)
    if request.method == "POST":
        try:
            services.financial_cancel(request=made, actor=request.individual)
        except ValidationError as error:
            message_service_error(request, error)
        else:
            messages.success(request, "Your request is cancelled.")
        return redirect(made)
    return confirm_page(
        request,
        question="Cancel this request for financial support?",
        button="Cancel the request",
        back=made.get_absolute_url(),
        consequences=["HR no longer decides it; its history is kept."],
        undo="To ask again, make a new request.",
    )


@individual_required
def receipt_download(request, pk: int):
    receipt = get_receipt_for_user(request.individual, pk)
    return uploads.serve(
        receipt.stored_name, label=receipt.label, content_type=receipt.content_type
    )
