"""Who may see or change what in `people`. Views call these; templates never decide access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Employer, Individual, Invitation, Partnership


def individual_required(view: Callable) -> Callable:
    """Signed in and a person at an employer (a bare admin login is not)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.individual is None:
            raise PermissionDenied("This account is not attached to an employer.")
        return view(request, *args, **kwargs)

    return wrapper


def _role_required(check: Callable[[Individual], bool], message: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @individual_required
        def wrapper(request, *args, **kwargs):
            if not check(request.individual):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


hr_required = _role_required(lambda me: me.is_hr_admin, "Only HR admins may open this page.")
employee_required = _role_required(lambda me: me.is_employee, "Only employees may open this page.")
manager_required = _role_required(lambda me: me.is_manager, "Only managers may open this page.")


def require_hr(actor: Individual | None, employer: Employer | int | None) -> None:
    """Refuse (403) a service call by anyone but an active HR admin of that employer.

    Every service that takes an `actor` and does HR's work calls this first, so the rule
    holds for a management command or a task as much as for a view. `tests/test_hr_services.py`
    calls each such service as the wrong actor."""
    employer_id = employer.pk if isinstance(employer, Employer) else employer
    if (
        actor is None
        or employer_id is None
        or not actor.is_hr_admin
        or actor.employer_id != employer_id
        or actor.deactivated_at is not None
    ):
        raise PermissionDenied("Only HR admins of this employer may do this.")


def get_person_for_hr(viewer: Individual, pk: int) -> Individual:
    """A person of the viewer's employer; 404 for anyone else's, 403 if the viewer is not HR."""
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        Individual.objects.for_employer(viewer.employer).select_related(
            "department", "manager", "user"
        ),
        pk=pk,
    )


def get_invitation_for_hr(viewer: Individual, pk: int) -> Invitation:
    if not viewer.is_hr_admin:
        raise PermissionDenied
    return get_object_or_404(
        Invitation.objects.for_employer(viewer.employer).filter(individual__kind="employee"), pk=pk
    )


def get_open_partnership(viewer: Individual) -> Partnership | None:
    """The viewer's invited or active partnership, from whichever side they stand on."""
    side = "employee" if viewer.is_employee else "partner"
    return (
        Partnership.objects.open()
        .filter(**{side: viewer})
        .select_related("employee", "partner")
        .first()
    )
