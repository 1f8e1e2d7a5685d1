"""Kind-specific records: policy versions, job-shadowing slots, re-entry cohorts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from careersupport.people.models import EmployerScopedQuerySet, Individual

from .offerings import Enrollment, Offering, OfferingPartQuerySet


class AcknowledgementQuerySet(EmployerScopedQuerySet):
    employer_lookup = "version__offering__employer"


class BookingQuerySet(EmployerScopedQuerySet):
    employer_lookup = "slot__offering__employer"


class PhaseQuerySet(EmployerScopedQuerySet):
    employer_lookup = "cohort__offering__employer"


class CohortMilestoneQuerySet(EmployerScopedQuerySet):
    employer_lookup = "phase__cohort__offering__employer"


class MilestoneProgressQuerySet(EmployerScopedQuerySet):
    employer_lookup = "enrollment__employer"


class PolicyVersion(models.Model):
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    published_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    objects = OfferingPartQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["offering", "number"], name="policy_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.offering} v{self.number}"


class PolicyAcknowledgement(models.Model):
    version = models.ForeignKey(
        PolicyVersion, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    person = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    acknowledged_at = models.DateTimeField(default=timezone.now)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "person"], name="acknowledge_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} acknowledged {self.version}"


class ShadowSlot(models.Model):
    """A dated slot a host offers on a job-shadowing offering."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="slots")
    host = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="shadow_slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfferingPartQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["offering", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.host} on {self.starts_at:%Y-%m-%d %H:%M}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The slot must end after it starts."})


class ShadowBooking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for the host"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        CANCELLED = "cancelled", "Cancelled"

    LIVE = (Status.REQUESTED, Status.CONFIRMED)  # the booking holds the slot

    slot = models.ForeignKey(ShadowSlot, on_delete=models.CASCADE, related_name="bookings")
    participant = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="shadow_bookings"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUESTED)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One live booking per slot: a slot is one participant's day with the host.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="shadow_one_live_booking",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} shadows {self.slot}"


class Cohort(models.Model):
    """A group of returners moving through the phases of a re-entry program together."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()

    objects = OfferingPartQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(max_length=120)
    order = models.PositiveIntegerField(default=1)
    starts_on = models.DateField()
    ends_on = models.DateField()

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["order", "starts_on", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The phase ends before it starts."})


class Milestone(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)

    objects = CohortMilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class MilestoneProgress(models.Model):
    """A milestone reached by one participant."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="progress")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="milestones_done"
    )
    done_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = MilestoneProgressQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["milestone", "enrollment"], name="milestone_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment.person}: {self.milestone}"
