from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careersupport.utils import add_service_errors, message_service_error, paginate

from . import selectors, services
from .adapters import SESSION_KEY
from .forms import (
    CsvImportForm,
    DepartmentForm,
    DirectoryFilterForm,
    EmployeeInviteForm,
    PartnerInviteForm,
    ProfileForm,
    ReportingLineForm,
    SharingForm,
)
from .models import Individual, Invitation
from .permissions import (
    get_invitation_for_hr,
    get_open_partnership,
    get_person_for_hr,
    hr_required,
    individual_required,
)


@hr_required
def directory(request):
    me = request.individual
    form = DirectoryFilterForm(
        request.GET or None, employer=me.employer, managers=selectors.managers_of(me.employer)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.directory_for_hr(
        viewer=me,
        q=filters.get("q", ""),
        department=filters.get("department"),
        kind=filters.get("kind", ""),
        manager=filters.get("manager"),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/person_list.html",
        {"form": form, "page": paginate(request, people), "query": query.urlencode()},
    )


@hr_required
def person_detail(request, pk: int):
    person = get_person_for_hr(request.individual, pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "reports": selectors.person_reports(person),
            "invitation": person.invitations.order_by("-created_at").first(),
        },
    )


@hr_required
def person_edit(request, pk: int):
    person = get_person_for_hr(request.individual, pk)
    if not person.is_employee:
        raise Http404("Only employees have a reporting line.")
    initial = {
        "job_title": person.job_title,
        "department": person.department,
        "manager": person.manager,
        "is_hr_admin": person.is_hr_admin,
    }
    form = ReportingLineForm(request.POST or None, initial=initial, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.reporting_line_update(
                individual=person, actor=request.individual, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved {person}'s reporting line.")
            return redirect(person)
    return render(request, "people/person_edit.html", {"person": person, "form": form})


@hr_required
def department_list(request):
    me = request.individual
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(
                employer=me.employer, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Added the department {department}.")
            return redirect("people:department-list")
    departments = selectors.departments_with_headcount(me.employer)
    return render(
        request, "people/department_list.html", {"form": form, "departments": departments}
    )


@hr_required
def invitation_list(request):
    state = request.GET.get("state")
    state = state if state in ("all", "failed") else "pending"
    invitations = selectors.invitations_for_hr(viewer=request.individual, state=state)
    return render(
        request,
        "people/invitation_list.html",
        {
            "page": paginate(request, invitations),
            "state": state,
            "query": f"state={state}",
            "failed": selectors.failed_invitation_emails(request.individual.employer),
        },
    )


@hr_required
def invitation_create(request):
    me = request.individual
    form = EmployeeInviteForm(
        request.POST or None, employer=me.employer, initial={"time_zone": me.time_zone}
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.employee_invite(
                employer=me.employer, actor=me, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Invited {invitation.email}: the e-mail is on its way.")
            return redirect("people:invitation-list")
    return render(request, "people/invitation_form.html", {"form": form})


@hr_required
def invitation_import(request):
    me = request.individual
    form = CsvImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = services.employees_import_csv(
                employer=me.employer, actor=me, data=form.cleaned_data["file"].read()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        if result is not None and result.ok:
            messages.success(
                request,
                f"Imported {len(result.invitations)} people; their invitation e-mails are on "
                "their way.",
            )
            return redirect("people:invitation-list")
    status = 400 if result is not None and not result.ok else 200
    return render(
        request,
        "people/invitation_import.html",
        {"form": form, "result": result, "columns": services.CSV_COLUMNS},
        status=status,
    )


@require_POST
@hr_required
def invitation_resend(request, pk: int):
    invitation = get_invitation_for_hr(request.individual, pk)
    try:
        services.invitation_resend(invitation=invitation, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"The invitation to {invitation.email} is on its way again.")
    return redirect("people:invitation-list")


@require_POST
@hr_required
def invitation_revoke(request, pk: int):
    invitation = get_invitation_for_hr(request.individual, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"Revoked the invitation for {invitation.email}.")
    return redirect("people:invitation-list")


def invitation_accept(request, key: str):
    """Public: a valid link leads to sign-up with the address fixed; a bad one explains why."""
    invitation = Invitation.objects.select_related("employer", "individual").filter(key=key).first()
    state = invitation.state if invitation else "invalid"
    if state != Invitation.State.PENDING:
        return render(
            request,
            "people/invitation_invalid.html",
            {"state": state, "invitation": invitation},
            status=404 if state == "invalid" else 410,
        )
    if request.user.is_authenticated:
        return render(
            request,
            "people/invitation_invalid.html",
            {"state": "signed-in", "invitation": invitation},
            status=409,
        )
    from allauth.account.adapter import get_adapter

    request.session[SESSION_KEY] = invitation.key
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect(reverse("account_signup"))


@individual_required
def profile(request):
    me = request.individual
    form = ProfileForm(request.POST or None, instance=Individual.objects.get(pk=me.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.profile_update(individual=me, actor=me, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your profile is saved.")
            return redirect("people:profile")
    return render(request, "people/profile_edit.html", {"form": form})


@individual_required
def partner(request):
    me = request.individual
    if not (me.is_employee or me.is_partner):
        raise Http404
    partnership = get_open_partnership(me)
    invite_form = (
        PartnerInviteForm(request.POST or None) if me.is_employee and not partnership else None
    )
    if request.method == "POST" and invite_form is not None and invite_form.is_valid():
        try:
            partnership = services.partner_invite(employee=me, **invite_form.cleaned_data)
        except ValidationError as error:
            add_service_errors(invite_form, error)
        else:
            messages.success(
                request, f"Invited {partnership.partner.email}: the e-mail is on its way."
            )
            return redirect("people:partner")
    sharing_form = None
    if partnership is not None:
        sharing_form = SharingForm(initial={"shares_goals": partnership.shares_goals_from(me)})
    return render(
        request,
        "people/partner.html",
        {
            "partnership": partnership,
            "invitation": selectors.partner_invitation(partnership) if me.is_employee else None,
            "other": partnership.other_side(me) if partnership else None,
            "invite_form": invite_form,
            "sharing_form": sharing_form,
        },
    )


@require_POST
@individual_required
def partner_resend(request):
    if not request.individual.is_employee:
        raise Http404
    try:
        invitation = services.partner_invitation_resend(employee=request.individual)
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, f"The invitation to {invitation.email} is on its way again.")
    return redirect("people:partner")


@require_POST
@individual_required
def partner_end(request):
    partnership = get_open_partnership(request.individual)
    if partnership is None:
        raise Http404
    services.partnership_end(partnership=partnership, actor=request.individual)
    messages.success(request, "The partnership has ended. Each of you keeps your own account.")
    return redirect("people:partner")


@require_POST
@individual_required
def partner_sharing(request):
    partnership = get_open_partnership(request.individual)
    if partnership is None:
        raise Http404
    form = SharingForm(request.POST)
    form.is_valid()
    try:
        services.partnership_set_sharing(
            partnership=partnership,
            actor=request.individual,
            shares_goals=form.cleaned_data.get("shares_goals", False),
        )
    except ValidationError as error:
        message_service_error(request, error)
    else:
        messages.success(request, "Your sharing choice is saved.")
    return redirect("people:partner")
