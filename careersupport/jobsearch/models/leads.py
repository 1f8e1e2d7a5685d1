"""HR's job leads (openings at the employer and partner organisations) and who saved them.

A lead is listed to the people who may use the tracker up to and including its closing
date (their own date, in their time zone) unless HR closed it early; the list filters by
date, so no periodic job closes anything. A `LeadSave` is one person's save of one lead
into their tracker, at most once; HR reads saves only as counts per lead, never by whom.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual

from .applications import Application

# Past "interested": the person applied (a rejection comes after applying). Withdrawn is
# left out: it is as often a lead dropped before applying as an application withdrawn.
APPLIED_STAGES = (
    Application.Stage.APPLIED,
    Application.Stage.SCREENING,
    Application.Stage.INTERVIEWING,
    Application.Stage.OFFER,
    Application.Stage.ACCEPTED,
    Application.Stage.REJECTED,
)


class LeadOrganisation(models.Model):
    """A partner organisation in the region whose openings HR posts (the employer's own
    openings need none: a lead without an organisation is the employer's)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True, help_text="City or region.")
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "name"], name="jobsearch_leadorg_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class JobLeadQuerySet(EmployerScopedQuerySet):
    def open_on(self, day: date) -> JobLeadQuerySet:
        """Listed on `day` (the viewer's date): not closed early, closing date not passed."""
        return self.filter(closed_at__isnull=True, closes_on__gte=day)


class JobLead(models.Model):
    class Suits(models.TextChoices):
        PARTNERS = "partners", "Partners"
        EMPLOYEES = "employees", "Employees"
        RETURNERS = "returners", "Returners"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        LeadOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        help_text="Empty for an opening at the employer itself.",
    )
    title = models.CharField(max_length=200)
    location = models.CharField(max_length=200, blank=True)
    remote = models.BooleanField("remote", default=False)
    url = models.URLField("link", max_length=500, blank=True)
    closes_on = models.DateField("closing date", help_text="The last day to apply.")
    for_partners = models.BooleanField(default=True)
    for_employees = models.BooleanField(default=True)
    for_returners = models.BooleanField(default=True)
    suits_note = models.CharField(
        "who it suits, in words",
        max_length=200,
        blank=True,
        help_text="e.g. “Designers with two years' experience; German not required”.",
    )
    description = models.TextField(blank=True)
    posted_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobLeadQuerySet.as_manager()

    class Meta:
        ordering = ["closes_on", "pk"]
        indexes = [
            # The browse list: the employer's leads still open, soonest closing first.
            models.Index(
                fields=["employer", "closes_on"],
                condition=Q(closed_at__isnull=True),
                name="jobsearch_lead_open",
            ),
            models.Index(fields=["employer", "created_at"], name="jobsearch_lead_posted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(for_partners=True) | Q(for_employees=True) | Q(for_returners=True),
                name="jobsearch_lead_suits_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} at {self.organisation_name}"

    def get_absolute_url(self) -> str:
        return reverse("jobsearch:lead-detail", args=[self.pk])

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.employer.name

    @property
    def suits(self) -> list[str]:
        """The groups it suits, as stored values (all three is everyone)."""
        flags = (
            (self.Suits.PARTNERS, self.for_partners),
            (self.Suits.EMPLOYEES, self.for_employees),
            (self.Suits.RETURNERS, self.for_returners),
        )
        return [value for value, on in flags if on]

    @property
    def suits_label(self) -> str:
        chosen = self.suits
        if len(chosen) == len(self.Suits.values):
            return "Everyone"
        return ", ".join(str(self.Suits(v).label) for v in chosen)

    def is_open_on(self, day: date) -> bool:
        return self.closed_at is None and self.closes_on >= day

    def clean(self) -> None:
        if self.organisation_id and self.organisation.employer_id != self.employer_id:
            raise ValidationError({"organisation": "Choose one of your own organisations."})
        if not (self.for_partners or self.for_employees or self.for_returners):
            raise ValidationError({"for_partners": "Say whom the opening suits."})


class LeadSave(models.Model):
    """A person saved a lead into their tracker: at most once per lead. The application is
    theirs; if they delete it, the save stays (HR's count) and the lead can be saved again."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    lead = models.ForeignKey(JobLead, on_delete=models.CASCADE, related_name="saves")
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="lead_saves")
    application = models.OneToOneField(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lead_save",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["lead", "person"], name="jobsearch_leadsave_once")
        ]

    def __str__(self) -> str:
        return f"Save of lead #{self.lead_id}"


class FiguresRollup(models.Model):
    """HR's job-search figures of one employer as last computed (`services.figures`), so
    that the page reads one row however many partners and applications there are. Beat
    refreshes every employer's every hour; aggregates only, nobody is named in it."""

    employer = models.OneToOneField(Employer, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField()
    partners = models.JSONField(default=list)
    leads = models.JSONField(default=list)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Job-search figures of employer #{self.employer_id}"
