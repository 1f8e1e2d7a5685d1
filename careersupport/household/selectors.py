"""Reads of the household pages, a fixed number of queries however many goals,
applications and programmes each side has. Callers check `permissions` first."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q

from careersupport.goals.models import Goal
from careersupport.goals.selectors import goals_of_owner
from careersupport.jobsearch import selectors as jobsearch
from careersupport.jobsearch.models import Application
from careersupport.people.models import Individual, Partnership
from careersupport.requests.models import FinancialKind
from programs.models import Enrollment, Offering
from programs.selectors import my_enrollments, offerings_eligible_for

from . import runway
from .models import FinancialPlan, Household

GOALS_SHOWN = 10
STEPS_SHOWN = 5
PROGRAMMES_SHOWN = 10
STAGE_LABELS = dict(Application.Stage.choices)
# How an EAP says it offers financial counselling: HR writes it in the title or description.
FINANCIAL_WORDS = ("financ", "debt", "money")


def household_of(partnership: Partnership) -> Household | None:
    try:
        return partnership.household
    except ObjectDoesNotExist:
        return None


def plan_of(household: Household | None) -> FinancialPlan | None:
    if household is None:
        return None
    try:
        return household.plan
    except ObjectDoesNotExist:
        return None


@dataclass
class Column:
    """One side of the page: what that person shows the other."""

    person: Individual
    is_viewer: bool
    shares_goals: bool
    shows_jobsearch: bool
    shows_programmes: bool
    goals: list[Goal] = field(default_factory=list)
    stages: list[tuple[str, int]] = field(default_factory=list)
    applications: int = 0
    next_steps: list[Application] = field(default_factory=list)
    programmes: list[Enrollment] = field(default_factory=list)


def _column(household: Household, person: Individual, viewer: Individual) -> Column:
    partnership = household.partnership
    column = Column(
        person=person,
        is_viewer=person.pk == viewer.pk,
        shares_goals=partnership.shares_goals_from(person),
        shows_jobsearch=household.shows_jobsearch(person),
        shows_programmes=household.shows_programmes(person),
    )
    if column.shares_goals:
        column.goals = list(
            goals_of_owner(viewer=person)
            .filter(shared_with_partner=True)
            .exclude(status=Goal.Status.DRAFT)[:GOALS_SHOWN]
        )
    if column.shows_jobsearch:
        counts = jobsearch.stage_counts(person)
        column.stages = [(STAGE_LABELS[s], n) for s, n in counts.items() if n]
        column.applications = sum(counts.values())
        column.next_steps = jobsearch.next_steps(person, limit=STEPS_SHOWN)
    if column.shows_programmes:
        # Never a confidential offering (an EAP): its participation is the person's alone.
        column.programmes = list(
            my_enrollments(person)
            .filter(offering__is_confidential=False)
            .exclude(status=Enrollment.Status.DECLINED)[:PROGRAMMES_SHOWN]
        )
    return column


def page_columns(*, household: Household, viewer: Individual) -> list[Column]:
    """The viewer's side first, then the other's: what each shows (permissions rule 3)."""
    other = household.partnership.other_side(viewer)
    return [_column(household, viewer, viewer), _column(household, other, viewer)]


@dataclass(frozen=True)
class WhatIf:
    """A kind of the employer's financial support, and the runway with it."""

    support: FinancialKind
    amount: Decimal  # the most one person may receive in a year
    runway: runway.Runway | None  # None: paid in another currency than the plan's
    repayment_months: int | None = None

    @property
    def is_advance(self) -> bool:
        return self.support.is_advance


WHAT_IF_CATEGORIES = (FinancialKind.Category.ADVANCE, FinancialKind.Category.REIMBURSEMENT)


def what_ifs(*, household: Household, plan: FinancialPlan | None) -> list[WhatIf]:
    """The employer's open salary advances and certification reimbursements, each with the
    plan's runway if the employee received the yearly maximum (one query)."""
    if plan is None:
        return []
    kinds = (
        FinancialKind.objects.for_employer(household.employer_id)
        .filter(is_active=True, category__in=WHAT_IF_CATEGORIES)
        .order_by("category", "name", "pk")
    )
    found = []
    money = {
        "savings": plan.savings,
        "monthly_costs": plan.monthly_costs,
        "monthly_income": plan.monthly_income,
    }
    for kind in kinds:
        amount = kind.person_budget
        if kind.employer_budget is not None:
            amount = min(amount, kind.employer_budget)
        months = kind.max_repayment_months if kind.is_advance else None
        if kind.currency != plan.currency:
            found.append(WhatIf(kind, amount, None, months))
        elif kind.is_advance:
            after = runway.with_advance(**money, amount=amount, repayment_months=months or 1)
            found.append(WhatIf(kind, amount, after, months))
        else:
            found.append(WhatIf(kind, amount, runway.with_lump_sum(**money, amount=amount)))
    return found


def plan_runway(plan: FinancialPlan | None) -> runway.Runway | None:
    if plan is None:
        return None
    return runway.runway(
        savings=plan.savings, monthly_costs=plan.monthly_costs, monthly_income=plan.monthly_income
    )


def financial_counselling(viewer: Individual) -> Offering | None:
    """An EAP of the employer open to the viewer that offers financial counselling."""
    words = Q()
    for word in FINANCIAL_WORDS:
        words |= Q(title__icontains=word) | Q(description__icontains=word)
    return (
        offerings_eligible_for(viewer)
        .filter(words, kind=Offering.Kind.EAP)
        .order_by("title", "pk")
        .first()
    )


def home_state(viewer: Individual) -> dict | None:
    """The home card's one query: the viewer's active partnership and its household."""
    if not (viewer.is_employee or viewer.is_partner):
        return None
    partnership = (
        Partnership.objects.for_employer(viewer.employer_id)
        .active()
        .filter(Q(employee=viewer) | Q(partner=viewer))
        .select_related("employee", "partner", "household")
        .first()
    )
    if partnership is None:
        return None
    household = household_of(partnership)
    if household is not None:
        household.partnership = partnership
    return {
        "other": partnership.other_side(viewer),
        "household": household,
        "is_open": household is not None and household.is_open,
        "mine_in": household is not None and household.opted_in(viewer),
        "theirs_in": household is not None and household.opted_in(partnership.other_side(viewer)),
    }
