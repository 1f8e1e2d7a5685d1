"""What `programs` does when HR deactivates a person (`people.signals`; the contract is in
`careersupport/people/signals.py`): connected in `ProgramsConfig.ready`."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import Individual

from .models import Enrollment, ShadowBooking
from .services.enrollment import enrollments_end_for_leaver
from .services.events import registrations_end_for_leaver
from .services.kinds import hosting_end_for_leaver


def end_for_leaver(*, person: Individual, actor: Individual, **_) -> None:
    """Their enrollments withdrawn (seats passed on), bookings and hosting ended, and any
    registration for a session still to come cancelled."""
    enrollments_end_for_leaver(person=person, actor=actor)
    hosting_end_for_leaver(host=person, actor=actor)
    registrations_end_for_leaver(person=person, actor=actor)


def preview_for_leaver(*, person: Individual, **_) -> list[str]:
    """Counts for HR's confirmation page; confidential offerings (an EAP) are left out of
    them, so the page reveals nobody's participation."""
    lines = []
    named = Enrollment.objects.filter(
        person=person, status__in=Enrollment.ACTIVE, offering__is_confidential=False
    )
    n = named.count()
    if n:
        lines.append(
            f"Their {n} programme enrollment{'s' if n != 1 else ''} (or waitlist places) "
            f"{'are' if n != 1 else 'is'} withdrawn; a seat they held goes to the first on "
            "the waitlist."
        )
    if named.filter(is_lead=True).exists():
        lines.append("They stop leading their employee resource group.")
    hosting = ShadowBooking.objects.filter(
        Q(slot__host=person) | Q(participant=person),
        slot__starts_at__gt=timezone.now(),
        status__in=ShadowBooking.LIVE,
    ).count()
    if hosting:
        lines.append(
            f"{hosting} job-shadowing booking{'s' if hosting != 1 else ''} with them "
            f"{'are' if hosting != 1 else 'is'} cancelled, and the other side told."
        )
    return lines
