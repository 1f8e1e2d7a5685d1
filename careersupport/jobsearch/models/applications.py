"""A person's job search: the applications they track, by stage, with everything a serious
search keeps beside each one (its stage history, contacts, the résumé sent, salary research,
the outcome, preparation with a coach). Private to their owner; `permissions` says who else
sees what (a coach while an engagement shares it, the other partner only through the
household page and only what the owner chose)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Employer, EmployerScopedQuerySet, Individual

NOT_NEGATIVE = [MinValueValidator(0)]


def clean_currency(value: str) -> str:
    value = (value or "").strip().upper()
    if len(value) != 3 or not value.isalpha():
        raise ValidationError({"currency": "A three-letter currency code, such as EUR."})
    return value


class TrackerOptIn(models.Model):
    """An employee (a returner, say) who turned the tracker on for themselves. Partners have
    it without asking; nobody else learns who turned it on (HR and managers see no list)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.OneToOneField(
        Individual, on_delete=models.CASCADE, related_name="job_search_opt_in"
    )
    turned_on_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Job-search tracker of {self.person}"


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
    CLOSED_STAGES = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN)

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="job_applications")
    organisation = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    link = models.URLField("link to the posting", max_length=500, blank=True)
    location = models.CharField(max_length=200, blank=True)
    remote = models.BooleanField("remote work possible", default=False)
    salary_min = models.DecimalField(
        "salary offered from",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    salary_max = models.DecimalField(
        "salary offered up to",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    currency = models.CharField(max_length=3, default="EUR")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.INTERESTED)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    next_step = models.CharField(max_length=200, blank=True)
    next_step_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    shared_with_coach = models.BooleanField(
        "share with my coach",
        default=False,
        help_text="Your coach (while your coaching is active) sees this application, its "
        "contacts, notes, timeline and résumés. Salary research is shared on its own.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-stage_changed_at", "-pk"]
        indexes = [
            models.Index(fields=["owner", "stage"], name="jobsearch_app_owner_stage"),
            models.Index(
                fields=["owner", "next_step_on"],
                condition=models.Q(next_step_on__isnull=False),
                name="jobsearch_app_next_step",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("jobsearch:application", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.stage in self.OPEN_STAGES

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        try:
            self.currency = clean_currency(self.currency)
        except ValidationError as error:
            errors.update(error.message_dict)
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            errors["salary_max"] = "The top of the range cannot be below its bottom."
        if self.next_step_on and not self.next_step.strip():
            errors["next_step"] = "Say what the next step is, or clear its date."
        if errors:
            raise ValidationError(errors)


class StageChange(models.Model):
    """One move of an application (its creation included, from no stage): the timeline."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=16, choices=Application.Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Application.Stage.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["application", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage or 'new'} → {self.to_stage}"


class Contact(models.Model):
    """Someone met along an application: a recruiter, a hiring manager, a referral."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    role = models.CharField("their role", max_length=200, blank=True)
    how_met = models.CharField("how you met", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ResumeVersion(models.Model):
    """The résumé sent with an application, in the private storage under a generated name
    (`careersupport.uploads`); the person's file name is only a label."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="resumes")
    stored_name = models.CharField(max_length=300, unique=True)
    label = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    note = models.CharField("what this version is", max_length=200, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("jobsearch:resume-download", args=[self.pk])


class SalaryResearch(models.Model):
    """What the owner found out and decided about pay for one application. Private to the
    owner unless they share it with their coach (separately from the application)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="salary_research"
    )
    currency = models.CharField(max_length=3, default="EUR")
    range_low = models.DecimalField(
        "range found, from",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    range_high = models.DecimalField(
        "range found, up to",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    sources = models.TextField(
        blank=True, help_text="Where the range comes from: surveys, posts, people you asked."
    )
    target = models.DecimalField(
        "my target", max_digits=12, decimal_places=2, null=True, blank=True, validators=NOT_NEGATIVE
    )
    walk_away = models.DecimalField(
        "my walk-away point",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    offer_received = models.DecimalField(
        "offer received",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    negotiated = models.DecimalField(
        "negotiated outcome",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    negotiation_notes = models.TextField("how the negotiation went", blank=True)
    shared_with_coach = models.BooleanField("share my salary research with my coach", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployerScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Salary research for {self.application}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        try:
            self.currency = clean_currency(self.currency)
        except ValidationError as error:
            errors.update(error.message_dict)
        if (
            self.range_low is not None
            and self.range_high is not None
            and self.range_high < self.range_low
        ):
            errors["range_high"] = "The top of the range cannot be below its bottom."
        if self.walk_away is not None and self.target is not None and self.walk_away > self.target:
            errors["walk_away"] = "The walk-away point is at most your target."
        if errors:
            raise ValidationError(errors)


class Outcome(models.Model):
    """The job accepted: what HR's placement figures count (as numbers, never names)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="job_outcomes")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="outcome"
    )
    organisation = models.CharField(max_length=200)
    role = models.CharField(max_length=200)
    start_on = models.DateField("start date")
    accepted_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["employer", "accepted_at"])]

    def __str__(self) -> str:
        return f"{self.role} at {self.organisation} from {self.start_on}"


class PreparationRequest(models.Model):
    """A résumé review or interview practice asked for from an application. It rides on the
    owner's coaching engagement (coaching's request, matching and acceptance); the coach of
    that engagement sees it, with the résumé attached, while the engagement is active."""

    class Kind(models.TextChoices):
        RESUME_REVIEW = "resume_review", "Résumé review"
        INTERVIEW_PRACTICE = "interview_practice", "Interview practice"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the coach"
        DONE = "done", "Done"
        WITHDRAWN = "withdrawn", "Withdrawn"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="preparations"
    )
    engagement = models.ForeignKey(
        "coaching.Engagement", on_delete=models.CASCADE, related_name="job_preparations"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    resume = models.ForeignKey(
        ResumeVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField("what you would like help with", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["engagement", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("jobsearch:preparation", args=[self.pk])

    @property
    def last_comment(self) -> PreparationComment | None:
        """The latest comment, from the prefetched ones (no query when prefetched)."""
        comments = list(self.comments.all())
        return comments[-1] if comments else None

    @property
    def coach_specialty(self) -> str:
        return "resume" if self.kind == self.Kind.RESUME_REVIEW else "interview"


class PreparationComment(models.Model):
    """A comment on a preparation request: the coach's review, the owner's reply."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(
        PreparationRequest, on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(Individual, on_delete=models.CASCADE, related_name="+")
    text = models.TextField("comment")
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.author_id} on {self.request_id}"
