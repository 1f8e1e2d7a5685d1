"""Every write of the household app. Each locks the partnership's row first, so the two
partners clicking at once are served one after the other, and checks that the actor is one
of its two sides and that it is active."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Individual, Partnership
from careersupport.people.services.auditing import audit

from . import reminders
from .models import FinancialPlan, Household

CENT = Decimal("0.01")


def _lock(*, partnership: Partnership, actor: Individual) -> Household:
    partnership = (
        Partnership.objects.select_for_update()
        .select_related("employee", "partner")
        .get(pk=partnership.pk)
    )
    if actor.pk not in (partnership.employee_id, partnership.partner_id):
        raise ValidationError("Only the two partners can change their household page.")
    if partnership.status != Partnership.Status.ACTIVE:
        raise ValidationError("The household page needs an active partnership.")
    household, _ = Household.objects.get_or_create(
        partnership=partnership, defaults={"employer_id": partnership.employer_id}
    )
    household.partnership = partnership
    return household


def _tell(*, recipient: Individual, kind: str, key: str, title: str, body: str, url: str) -> None:
    # News only: who did what to the page, never what is on it.
    reminder_schedule(
        recipient=recipient,
        kind=kind,
        key=key,
        due_at=timezone.now(),
        title=title,
        body=body,
        url=url,
    )


@transaction.atomic
def household_open(*, partnership: Partnership, actor: Individual) -> Household:
    """The actor opts in. The page opens once both sides have; the other side is told."""
    household = _lock(partnership=partnership, actor=actor)
    side = household.side_of(actor)
    if getattr(household, f"{side}_opted_in"):
        return household
    setattr(household, f"{side}_opted_in", True)
    other = household.partnership.other_side(actor)
    other_side = household.side_of(other)
    settings_url = reverse("household:settings")
    if household.employee_opted_in and household.partner_opted_in:
        # The other side asked first: their request is answered, the page opens.
        reminder_cancel(key=reminders.asked_key(household.pk, household.openings, other_side))
        household.openings += 1
        household.opened_at = timezone.now()
        household.closed_at = None
        _tell(
            recipient=other,
            kind=reminders.OPENED,
            key=reminders.opened_key(household.pk, household.openings),
            title=f"Your household page with {actor.full_name} is open",
            body="You both turned it on. Either of you can close it at any time.",
            url=household.get_absolute_url(),
        )
        verb = "household.opened"
    else:
        _tell(
            recipient=other,
            kind=reminders.ASKED,
            key=reminders.asked_key(household.pk, household.openings, side),
            title=f"{actor.full_name} opened a household page to you",
            body="Nothing is shared on it until you turn it on too.",
            url=settings_url,
        )
        verb = "household.opted_in"
    household.save()
    audit(employer=household.partnership.employer, actor=actor, verb=verb, target=household)
    return household


@transaction.atomic
def household_withdraw(
    *, partnership: Partnership, actor: Individual, delete_plan: bool = False
) -> Household:
    """The actor withdraws: the page closes at once for both, and opening it again takes
    both sides' consent again. The financial plan is kept, hidden, unless `delete_plan`."""
    household = _lock(partnership=partnership, actor=actor)
    side = household.side_of(actor)
    other = household.partnership.other_side(actor)
    was_open = household.employee_opted_in and household.partner_opted_in
    was_in = getattr(household, f"{side}_opted_in")
    if was_open:
        household.employee_opted_in = household.partner_opted_in = False
        household.closed_at = timezone.now()
        reminder_cancel(key=reminders.opened_key(household.pk, household.openings))
        _tell(
            recipient=other,
            kind=reminders.CLOSED,
            key=reminders.closed_key(household.pk, household.openings),
            title=f"{actor.full_name} closed your household page",
            body="Nothing is shown on it any more. You can both open it again at any time.",
            url=reverse("household:settings"),
        )
    elif was_in:
        setattr(household, f"{side}_opted_in", False)
        asked = reminders.asked_key(household.pk, household.openings, side)
        if not reminder_cancel(key=asked):
            # The other side already read the request: tell them it is withdrawn.
            _tell(
                recipient=other,
                kind=reminders.CLOSED,
                key=reminders.closed_key(household.pk, household.openings, side),
                title=f"{actor.full_name} withdrew the household page",
                body="Nothing is shared on it. Either of you can open it again at any time.",
                url=reverse("household:settings"),
            )
    household.save()
    if was_in:
        audit(
            employer=household.partnership.employer,
            actor=actor,
            verb="household.withdrawn",
            target=household,
            was_open=was_open,
        )
    if delete_plan:
        financial_plan_delete(household=household, actor=actor)
    return household


@transaction.atomic
def household_set_sharing(
    *,
    partnership: Partnership,
    actor: Individual,
    shows_jobsearch: bool,
    shows_programmes: bool,
) -> Household:
    """What the actor shows on the page besides their partner-shared goals. Each side
    decides for itself, before or after the page opens."""
    household = _lock(partnership=partnership, actor=actor)
    side = household.side_of(actor)
    setattr(household, f"{side}_shows_jobsearch", shows_jobsearch)
    setattr(household, f"{side}_shows_programmes", shows_programmes)
    household.save()
    audit(
        employer=household.partnership.employer,
        actor=actor,
        verb="household.sharing",
        target=household,
        shows_jobsearch=shows_jobsearch,
        shows_programmes=shows_programmes,
    )
    return household


@transaction.atomic
def financial_plan_save(
    *,
    household: Household,
    actor: Individual,
    currency: str,
    monthly_costs: Decimal,
    savings: Decimal,
    monthly_income: Decimal,
) -> FinancialPlan:
    """Either partner writes the plan, while the page is open."""
    household = _lock(partnership=household.partnership, actor=actor)
    if not household.is_open:
        raise ValidationError("The household page is closed: open it together to plan.")
    plan = FinancialPlan.objects.filter(household=household).first() or FinancialPlan(
        household=household, employer_id=household.employer_id
    )
    plan.currency = currency
    plan.monthly_costs = Decimal(monthly_costs).quantize(CENT)
    plan.savings = Decimal(savings).quantize(CENT)
    plan.monthly_income = Decimal(monthly_income).quantize(CENT)
    plan.updated_by = actor
    plan.full_clean()
    plan.save()
    # No figure in the trail: the plan is the household's, the trail is read by staff.
    audit(
        employer=household.partnership.employer,
        actor=actor,
        verb="household.plan_saved",
        target=plan,
    )
    return plan


@transaction.atomic
def financial_plan_delete(*, household: Household, actor: Individual) -> bool:
    household = _lock(partnership=household.partnership, actor=actor)
    plan = FinancialPlan.objects.filter(household=household).first()
    if plan is None:
        return False
    audit(
        employer=household.partnership.employer,
        actor=actor,
        verb="household.plan_deleted",
        target=plan,
    )
    plan.delete()
    return True
