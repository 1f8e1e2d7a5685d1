"""Thin views: parse, authorize through `permissions`, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from careersupport.people.permissions import individual_required
from careersupport.utils import add_service_errors, message_service_error

from . import selectors, services
from .forms import FinancialPlanForm, SharingForm, WithdrawForm
from .permissions import get_active_partnership, get_household_for_user


@individual_required
def household_settings(request):
    me = request.individual
    partnership = get_active_partnership(me)
    household = selectors.household_of(partnership)
    other = partnership.other_side(me)
    initial = {}
    if household is not None:
        initial = {
            "shows_jobsearch": household.shows_jobsearch(me),
            "shows_programmes": household.shows_programmes(me),
        }
    context = {
        "partnership": partnership,
        "household": household,
        "other": other,
        "is_open": household is not None and household.is_open,
        "mine_in": household is not None and household.opted_in(me),
        "theirs_in": household is not None and household.opted_in(other),
        "shares_goals": partnership.shares_goals_from(me),
        "form": SharingForm(initial=initial),
    }
    return render(request, "household/household_settings.html", context)


@require_POST
@individual_required
def household_sharing(request):
    partnership = get_active_partnership(request.individual)
    form = SharingForm(request.POST)
    form.is_valid()  # two checkboxes: every input is valid
    services.household_set_sharing(
        partnership=partnership, actor=request.individual, **form.cleaned_data
    )
    messages.success(request, "Your choice of what to show is saved.")
    return redirect("household:settings")


@require_POST
@individual_required
def household_open(request):
    partnership = get_active_partnership(request.individual)
    try:
        household = services.household_open(partnership=partnership, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
        return redirect("household:settings")
    if household.is_open:
        messages.success(request, "Your household page is open to both of you.")
        return redirect(household)
    other = partnership.other_side(request.individual)
    messages.success(
        request, f"Turned on. The page opens once {other.display_name} turns it on too."
    )
    return redirect("household:settings")


@individual_required
def household_withdraw(request):
    partnership = get_active_partnership(request.individual)
    # A lone checkbox left unticked posts nothing: bind on the method, not on the data.
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.household_withdraw(
            partnership=partnership, actor=request.individual, **form.cleaned_data
        )
        messages.success(request, "The household page is closed for both of you.")
        return redirect("household:settings")
    context = {"form": form, "other": partnership.other_side(request.individual)}
    return render(request, "household/household_withdraw.html", context)


# The page and the plan are private: never kept by a browser or a proxy, so that after a
# withdrawal "back" cannot show them again.
@never_cache
@individual_required
def household_page(request, pk: int):
    me = request.individual
    household = get_household_for_user(me, pk)
    if not household.is_open:
        return render(request, "household/household_closed.html", {"household": household})
    plan = selectors.plan_of(household)
    context = {
        "household": household,
        "columns": selectors.page_columns(household=household, viewer=me),
        "plan": plan,
        "runway": selectors.plan_runway(plan),
        "what_ifs": selectors.what_ifs(household=household, plan=plan),
        "eap": selectors.financial_counselling(me),
    }
    return render(request, "household/household_page.html", context)


@never_cache
@individual_required
def plan_edit(request, pk: int):
    me = request.individual
    household = get_household_for_user(me, pk)
    if not household.is_open:
        return render(request, "household/household_closed.html", {"household": household})
    plan = selectors.plan_of(household)
    initial = {f: getattr(plan, f) for f in FinancialPlanForm.base_fields} if plan else {}
    form = FinancialPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.financial_plan_save(household=household, actor=me, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your financial plan is saved.")
            return redirect(household)
    status = 400 if form.errors else 200
    context = {"form": form, "household": household, "plan": plan}
    return render(request, "household/plan_form.html", context, status=status)
