"""A person's job search: the applications they track, by stage. Private to their owner;
`permissions` says who else sees what (a coach while an engagement shares it, the other
partner only through the household page and only what the owner chose)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual


class Application(models.Model):
    class Stage(models.TextChoices):
        INTERESTED = "interested", "Interested"
        APPLIED = "applied", "Applied"
        SCREENING = "screening", "Screening"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFER = "offer", "Offer"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # A search is live while one of its applications is in an open stage.
    OPEN_STAGES = (
        Stage.INTERESTED,
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEWING,
        Stage.OFFER,
    )

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="job_applications")
    organisation = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.INTERESTED)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    next_step = models.CharField(max_length=200, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [models.Index(fields=["owner", "stage"], name="jobsearch_app_owner_stage")]

    def __str__(self) -> str:
        return f"{self.role} at {self.organisation}"
