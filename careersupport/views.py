from __future__ import annotations

from django.shortcuts import redirect, render

from careersupport.people.models import Individual, Invitation
from careersupport.people.permissions import get_open_partnership
from careersupport.people.selectors import failed_invitation_emails


def home(request):
    """Role-aware home: what needs the signed-in person's attention today."""
    if not request.user.is_authenticated:
        return redirect("account_login")
    me = request.individual
    if me is None:
        return render(request, "home_no_employer.html", status=403)
    context = {
        "partnership": get_open_partnership(me) if not me.is_hr_admin or me.is_employee else None
    }
    if me.is_manager:
        context["direct_reports"] = list(
            me.reports.filter(deactivated_at__isnull=True).order_by("last_name", "first_name")[:10]
        )
    if me.is_hr_admin:
        people = Individual.objects.for_employer(me.employer)
        context["hr"] = {
            "employees": people.employees().active().count(),
            "partners": people.filter(kind=Individual.Kind.PARTNER).count(),
            "pending_invitations": Invitation.objects.for_employer(me.employer)
            .filter(individual__kind=Individual.Kind.EMPLOYEE)
            .pending()
            .count(),
            "failed_invitations": failed_invitation_emails(me.employer),
        }
    return render(request, "home.html", context)
