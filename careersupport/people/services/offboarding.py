"""People who leave: HR deactivates a person, and can reactivate them.

`person_deactivate` is one transaction: either everything below happens or nothing does.

1. The person is marked deactivated (`deactivated_at`) and their login made inactive, so
   sign-in is refused at once and a session already open is signed out on its next request
   (`IndividualMiddleware` and Django's `ModelBackend` both refuse them).
2. Their active direct reports move to the manager HR picks (`successor`), who may not be
   the person or anyone below them; without reports no successor is needed.
3. An open partnership ends (sharing stops both ways); the partner's account and data are
   the partner's own and stay as they are. An invitation not yet accepted is withdrawn.
4. `people.signals.person_deactivated` is sent, and each app ends what it keeps about the
   person (the contract is in `careersupport/people/signals.py`): programs withdraws their
   enrollments (seats freed, the waitlist promoted), registrations and bookings;
   notifications cancels their pending reminders; requests closes what is still waiting;
   coaching cancels their engagements (as coachee or coach; a coach's profile is paused)
   and mentorship closes their pairs and pending requests (a mentor's profile is paused).
   History is kept everywhere.
5. An audit row names who did it, the successor and how many reports moved.

`person_reactivate` allows sign-in again and sends `person_reactivated`; what ended stays
ended (the person enrolls again; HR sets their reporting line).

`deactivation_consequences` is what the confirmation page lists: this module's own steps
and each app's answer to `people.signals.deactivation_preview`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import hierarchy
from ..models import Individual, Invitation, Partnership
from ..permissions import require_hr
from ..signals import deactivation_preview, person_deactivated, person_reactivated
from .auditing import audit
from .invitation_emails import emails_cancel
from .partners import close_partnership


def _check_successor(person: Individual, successor: Individual | None, reports: int) -> None:
    if successor is None:
        if reports:
            raise ValidationError(
                {
                    "successor": f"Choose who takes over {person.full_name}'s {reports} "
                    f"direct report{'s' if reports != 1 else ''}."
                }
            )
        return
    if (
        successor.pk == person.pk
        or successor.employer_id != person.employer_id
        or not successor.is_employee
        or successor.deactivated_at is not None
    ):
        raise ValidationError({"successor": "Choose an active employee other than this person."})
    if hierarchy.is_above(person.pk, successor.pk):
        raise ValidationError(
            {
                "successor": f"{successor.full_name} reports to {person.full_name}: choose "
                "someone outside their reporting line."
            }
        )


def deactivation_consequences(person: Individual) -> list[str]:
    """What deactivating the person will do, in sentences for HR's confirmation page."""
    lines = [
        f"{person.full_name} can no longer sign in; a session already open ends on its next page."
    ]
    reports = person.reports.active().count()
    if reports:
        lines.append(
            f"Their {reports} direct report{'s' if reports != 1 else ''} move"
            f"{'s' if reports == 1 else ''} to the manager you choose below."
        )
    partnership = Partnership.objects.open().filter(employee=person).select_related("partner")
    for open_one in partnership:
        lines.append(
            f"The partnership with {open_one.partner.full_name} ends and nothing is shared any "
            "more; their account and data stay theirs."
        )
    for _receiver, answer in deactivation_preview.send(sender=Individual, person=person):
        lines.extend(answer or [])
    lines.append("Their history (requests, programmes, goals, audit trail) is kept.")
    return lines


@transaction.atomic
def person_deactivate(
    *, person: Individual, actor: Individual, successor: Individual | None = None
) -> Individual:
    """Deactivate a leaver (see the module docstring for every step)."""
    require_hr(actor, person.employer_id)
    person = (
        Individual.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    )
    if person.pk == actor.pk:
        raise ValidationError("You cannot deactivate yourself: ask another HR admin.")
    if person.deactivated_at is not None:
        raise ValidationError(f"{person.full_name} is already deactivated.")
    if person.is_partner:
        raise ValidationError(
            "A partner's account is their own: it is not deactivated by HR. Deactivating "
            "the employee ends the partnership."
        )
    reports = list(person.reports.active().select_for_update())
    _check_successor(person, successor, len(reports))
    now = timezone.now()
    person.deactivated_at = now
    person.save(update_fields=["deactivated_at"])
    if person.user_id and person.user.is_active:
        person.user.is_active = False
        person.user.save(update_fields=["is_active"])
    for report in reports:
        report.manager = successor
        report.save(update_fields=["manager"])
        audit(
            employer=person.employer,
            actor=actor,
            verb="person.reporting_line",
            target=report,
            before={"manager": person.pk},
            after={"manager": successor.pk if successor else None},
        )
    for partnership in Partnership.objects.open().filter(employee=person):
        close_partnership(partnership=partnership, actor=actor)
    pending = Invitation.objects.filter(individual=person).pending()
    emails_cancel(list(pending))
    pending.update(revoked_at=now)
    person_deactivated.send(sender=Individual, person=person, actor=actor, successor=successor)
    audit(
        employer=person.employer,
        actor=actor,
        verb="person.deactivated",
        target=person,
        successor=successor.pk if successor else None,
        reports_moved=len(reports),
    )
    return person


@transaction.atomic
def person_reactivate(*, person: Individual, actor: Individual) -> Individual:
    """Allow sign-in again. What deactivation ended stays ended."""
    require_hr(actor, person.employer_id)
    person = (
        Individual.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    )
    if person.deactivated_at is None:
        raise ValidationError(f"{person.full_name} is active.")
    person.deactivated_at = None
    person.save(update_fields=["deactivated_at"])
    if person.user_id and not person.user.is_active:
        person.user.is_active = True
        person.user.save(update_fields=["is_active"])
    person_reactivated.send(sender=Individual, person=person, actor=actor)
    audit(employer=person.employer, actor=actor, verb="person.reactivated", target=person)
    return person
