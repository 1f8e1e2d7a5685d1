"""Demo data: the demo employee and the demo partner share a household page both ways,
with a financial plan. Through the services, and idempotent (a second run changes nothing)."""

from __future__ import annotations

from decimal import Decimal

from careersupport.people.demo import DemoWorld
from careersupport.people.models import Partnership

from . import selectors, services


def seed(world: DemoWorld) -> None:
    partnership = (
        Partnership.objects.for_employer(world.employer)
        .active()
        .filter(employee=world.employee, partner=world.partner)
        .first()
    )
    if partnership is None:
        return
    household = selectors.household_of(partnership)
    for person in (world.partner, world.employee):
        shown = household is not None and (
            household.shows_jobsearch(person) and household.shows_programmes(person)
        )
        if not shown:
            household = services.household_set_sharing(
                partnership=partnership, actor=person, shows_jobsearch=True, shows_programmes=True
            )
    for person in (world.partner, world.employee):
        if household is None or not household.opted_in(person):
            household = services.household_open(partnership=partnership, actor=person)
    if household is not None and selectors.plan_of(household) is None:
        services.financial_plan_save(
            household=household,
            actor=world.partner,
            currency="EUR",
            monthly_costs=Decimal("3200.00"),
            savings=Decimal("6000.00"),
            monthly_income=Decimal("2400.00"),
        )
