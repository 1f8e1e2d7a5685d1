"""The household page of one partnership: each side's consent, what each side shows on it,
and the household's financial plan for the search. Private to the two partners; the
employer's people (HR, managers) never read these rows (`permissions`)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual, Partnership

MONEY_MAX = Decimal("9999999999.99")  # what max_digits=12, decimal_places=2 holds
MONEY = [MinValueValidator(Decimal("0")), MaxValueValidator(MONEY_MAX)]


class Household(models.Model):
    """One per partnership. The page is open while the partnership is active and both sides
    have opted in; either side's withdrawal turns both opt-ins off, so opening it again
    takes both again."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="household"
    )
    employee_opted_in = models.BooleanField(default=False)
    partner_opted_in = models.BooleanField(default=False)
    # What each side shows on the page besides its partner-shared goals (goal sharing).
    employee_shows_jobsearch = models.BooleanField(default=False)
    partner_shows_jobsearch = models.BooleanField(default=False)
    employee_shows_programmes = models.BooleanField(default=False)
    partner_shows_programmes = models.BooleanField(default=False)
    # How many times the page has opened: the occurrence of its notifications' keys.
    openings = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Household of {self.partnership}"

    def get_absolute_url(self) -> str:
        return reverse("household:page", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return (
            self.partnership.status == Partnership.Status.ACTIVE
            and self.employee_opted_in
            and self.partner_opted_in
        )

    def side_of(self, individual: Individual) -> str:
        """ "employee" or "partner": which side of the partnership the person stands on."""
        if individual.pk == self.partnership.employee_id:
            return "employee"
        if individual.pk == self.partnership.partner_id:
            return "partner"
        raise ValueError("Not a side of this household.")

    def opted_in(self, individual: Individual) -> bool:
        return getattr(self, f"{self.side_of(individual)}_opted_in")

    def shows_jobsearch(self, individual: Individual) -> bool:
        return getattr(self, f"{self.side_of(individual)}_shows_jobsearch")

    def shows_programmes(self, individual: Individual) -> bool:
        return getattr(self, f"{self.side_of(individual)}_shows_programmes")


class FinancialPlan(models.Model):
    """The household's money during the search, in one currency, per month."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    household = models.OneToOneField(Household, on_delete=models.CASCADE, related_name="plan")
    currency = models.CharField(max_length=3, default="EUR")
    monthly_costs = models.DecimalField(
        "household costs a month", max_digits=12, decimal_places=2, validators=MONEY
    )
    savings = models.DecimalField(
        "savings you can draw on", max_digits=12, decimal_places=2, validators=MONEY
    )
    monthly_income = models.DecimalField(
        "income a month during the search",
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=MONEY,
    )
    updated_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Financial plan of household {self.household_id}"

    def clean(self) -> None:
        code = (self.currency or "").strip()
        if len(code) != 3 or not code.isalpha():
            raise ValidationError({"currency": "A three-letter currency code, such as EUR."})
        self.currency = code.upper()
