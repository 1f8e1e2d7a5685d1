"""Partnerships: an employee invites their partner; either side sets sharing or ends it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Individual, Invitation, Partnership
from .auditing import audit
from .invitation_emails import emails_cancel, emails_queue
from .invitations import _ensure_no_account, _new_invitation, _resend

# --- partners ----------------------------------------------------------------------------


@transaction.atomic
def partner_invite(
    *, employee: Individual, email: str, first_name: str, last_name: str = ""
) -> Partnership:
    """An employee invites their partner, who gets an account of their own."""
    if not employee.is_employee:
        raise ValidationError("Only employees can invite a partner.")
    Individual.objects.select_for_update().get(pk=employee.pk)
    if Partnership.objects.open().filter(employee=employee).exists():
        raise ValidationError("You already have a partner on CareerSupport. End that first.")
    email = email.strip().lower()
    if email == employee.email.lower() or (employee.user_id and email == employee.user.email):
        raise ValidationError({"email": "Enter your partner's address, not your own."})
    if Individual.objects.for_employer(employee.employer).filter(email__iexact=email).exists():
        raise ValidationError({"email": "This address already belongs to someone here."})
    _ensure_no_account(email)
    partner = Individual(
        employer=employee.employer,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        kind=Individual.Kind.PARTNER,
        time_zone=employee.time_zone,
    )
    partner.full_clean()
    partner.save()
    partnership = Partnership.objects.create(
        employer=employee.employer, employee=employee, partner=partner
    )
    invitation = _new_invitation(individual=partner, actor=employee)
    emails_queue([invitation])
    audit(employer=employee.employer, actor=employee, verb="partner.invited", target=partnership)
    return partnership


@transaction.atomic
def partner_invitation_resend(*, employee: Individual) -> Invitation:
    """The employee sends their partner's invitation again (after a failed e-mail, say)."""
    invitation = (
        Invitation.objects.filter(
            individual__partnerships_as_partner__employee=employee,
            individual__partnerships_as_partner__status=Partnership.Status.INVITED,
        )
        .order_by("-created_at")
        .first()
    )
    if invitation is None:
        raise ValidationError("There is no invitation waiting for your partner.")
    return _resend(invitation=invitation, actor=employee)


@transaction.atomic
def partnership_end(*, partnership: Partnership, actor: Individual) -> Partnership:
    """Either side may end it. The partner keeps their own account and data."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if actor.pk not in (partnership.employee_id, partnership.partner_id):
        raise ValidationError("Only the two partners can end a partnership.")
    if partnership.status == Partnership.Status.ENDED:
        return partnership
    if partnership.status == Partnership.Status.INVITED:
        pending = Invitation.objects.filter(individual_id=partnership.partner_id).pending()
        emails_cancel(list(pending))
        pending.update(revoked_at=timezone.now())
    partnership.status = Partnership.Status.ENDED
    partnership.ended_at = timezone.now()
    partnership.employee_shares_goals = partnership.partner_shares_goals = False
    partnership.save(
        update_fields=["status", "ended_at", "employee_shares_goals", "partner_shares_goals"]
    )
    audit(employer=partnership.employer, actor=actor, verb="partner.ended", target=partnership)
    return partnership


@transaction.atomic
def partnership_set_sharing(
    *, partnership: Partnership, actor: Individual, shares_goals: bool
) -> Partnership:
    """Each side consents for itself to show its partner-shared goals to the other."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.status != Partnership.Status.ACTIVE:
        raise ValidationError("Sharing can be set once the partnership is active.")
    if actor.pk == partnership.employee_id:
        partnership.employee_shares_goals = shares_goals
    elif actor.pk == partnership.partner_id:
        partnership.partner_shares_goals = shares_goals
    else:
        raise ValidationError("Only the two partners can change sharing.")
    partnership.save(update_fields=["employee_shares_goals", "partner_shares_goals"])
    audit(
        employer=partnership.employer,
        actor=actor,
        verb="partner.sharing",
        target=partnership,
        shares_goals=shares_goals,
    )
    return partnership
