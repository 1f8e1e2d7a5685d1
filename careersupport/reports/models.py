"""Surveys (who was asked; the answers, which name no one) and the daily roll-ups of HR's reports.

Privacy by construction:

- `SurveyInvitation` keeps who was asked about what and whether they answered, for the
  reminder and the response rate; never what they answered, nor when.
- An answer is written to `PendingAnswer` without a person, an invitation or a time (only the
  month the survey was sent). The roll-up moves pending answers into `SurveyAnswer` in random
  order, in batches of at least `MIN_GROUP`, under new random ids, so neither an id, nor the
  order of the rows, nor the transaction that wrote them matches an invitation's change.
  While an answer is pending, no row naming the person keeps the id of the transaction that
  wrote it (PostgreSQL's `xmin`): `services.surveys._answered_touch`.
- `Figure` holds the roll-ups the report pages read, with the cells that must not be shown
  already marked (`suppression.py`).
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import Department, Employer, EmployerScopedQuerySet, Individual
from programs.models import Offering

# What a survey is about: an offering of a kind (coaching and mentorship engagements use
# their kinds too), or a return from leave. HR's own questions are per subject.
LEAVE_RETURN = "leave_return"
SUBJECT_CHOICES = [*Offering.Kind.choices, (LEAVE_RETURN, "Return from leave")]
SUBJECT_LABELS = dict(SUBJECT_CHOICES)


class SurveyQuestion(models.Model):
    """One of up to `PER_SUBJECT` questions HR adds to the surveys about one subject."""

    PER_SUBJECT = 5
    MAX_CHOICES = 8

    class Type(models.TextChoices):
        SCALE = "scale", "A scale from 1 to 5"
        CHOICE = "choice", "One choice from a list"
        TEXT = "text", "Free text"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField("surveys about", max_length=32, choices=SUBJECT_CHOICES)
    text = models.CharField("question", max_length=300)
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.SCALE)
    choices = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # No longer asked; kept so that the answers already given keep their question.
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["subject", "created_at", "id"]
        indexes = [models.Index(fields=["employer", "subject", "retired_at"])]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        if self.type == self.Type.CHOICE:
            options = [str(c).strip() for c in self.choices or [] if str(c).strip()]
            if len(options) < 2:
                raise ValidationError({"choices": "Give at least two choices, one a line."})
            if len(options) > self.MAX_CHOICES:
                raise ValidationError({"choices": f"At most {self.MAX_CHOICES} choices."})
            if len(set(options)) != len(options):
                raise ValidationError({"choices": "Each choice once."})
            self.choices = options
        else:
            self.choices = []


class SurveyInvitationQuerySet(EmployerScopedQuerySet):
    def open(self, now=None):
        return self.filter(answered=False, closes_at__gt=now or timezone.now())


class SurveyInvitation(models.Model):
    """Who was asked about what, and whether they answered. Nothing of the answer."""

    CLOSES_AFTER_DAYS = 30
    REMIND_AFTER_DAYS = 5

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="survey_invitations"
    )
    # What ended: the source that asked (`programs.enrollment`, `requests.leave_return`, ...)
    # and the id of its record there.
    source = models.CharField(max_length=40)
    source_id = models.BigIntegerField()
    subject = models.CharField(max_length=32, choices=SUBJECT_CHOICES)
    about = models.CharField(max_length=200)
    offering = models.ForeignKey(Offering, on_delete=models.SET_NULL, null=True, blank=True)
    # The person's department when asked, so that response rates stay put when people move.
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True)
    # HR's questions of the subject when the survey was sent (ids), asked in this order.
    questions = models.JSONField(default=list, blank=True)
    confidential = models.BooleanField(default=False)
    sent_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    answered = models.BooleanField(default=False)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id", "person"], name="survey_invitation_once"
            )
        ]
        indexes = [
            models.Index(fields=["person", "answered", "closes_at"]),
            models.Index(fields=["employer", "sent_at"]),
        ]

    def __str__(self) -> str:
        return f"Survey about {self.about}"

    def get_absolute_url(self) -> str:
        return reverse("reports:survey-answer", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return not self.answered and timezone.now() < self.closes_at


class AnswerFields(models.Model):
    """What an answer holds: the figures, the words, and only the coordinates reports group
    by (the subject, the offering, the department, the month the survey was sent)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=32, choices=SUBJECT_CHOICES)
    offering = models.ForeignKey(
        Offering, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    month = models.DateField(help_text="The first day of the month the survey was sent.")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    recommend = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    helped = models.TextField(blank=True)
    improve = models.TextField(blank=True)
    # HR's questions: {question id: 1–5, a choice's text, or free text}.
    extra = models.JSONField(default=dict, blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="%(class)s_rating_1_5"
            ),
            models.CheckConstraint(condition=Q(recommend__lte=10), name="%(class)s_recommend_0_10"),
        ]


class PendingAnswer(AnswerFields):
    """An answer just given, sealed until the next roll-up moves it (with at least four
    others) into `SurveyAnswer`. Nothing reads these rows but that move."""

    class Meta(AnswerFields.Meta):
        pass

    def __str__(self) -> str:
        return f"Pending answer about {self.get_subject_display()}"


class SurveyAnswer(AnswerFields):
    """An answer as reports read it: no person, no invitation, no time finer than the month."""

    class Meta(AnswerFields.Meta):
        indexes = [models.Index(fields=["employer", "subject", "month"])]

    def __str__(self) -> str:
        return f"Answer about {self.get_subject_display()} ({self.month:%b %Y})"


class RollupRun(models.Model):
    """One computation of an employer's report figures: queued by HR or the nightly beat."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey(
        Individual, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    figures = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["employer", "status", "finished_at"])]

    def __str__(self) -> str:
        return f"Roll-up of {self.employer} ({self.get_status_display()})"


# Coordinates of a figure that mean "all": every department, every kind, every offering.
ALL = 0
NO_DEPARTMENT = -1
# Coaching that came through no programme: a part of its own, so that the programmes' rows
# and this one add up to the total (suppression protects every part of a partition).
NO_OFFERING = -1


class Figure(models.Model):
    """One cell of the roll-up: a family's measures for one period, department (or all, or
    none), offering kind (or all) and offering (or all in the kind). `hidden` names the
    measures that must not be shown (too few people, or recoverable by subtraction)."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="+")
    family = models.CharField(max_length=32)
    grain = models.CharField(max_length=8)
    period = models.DateField()
    department = models.BigIntegerField(default=ALL)
    kind = models.CharField(max_length=32, blank=True)
    offering = models.BigIntegerField(default=ALL)
    values = models.JSONField(default=dict)
    hidden = models.JSONField(default=list)

    objects = EmployerScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "family", "grain", "period", "department", "kind", "offering"],
                name="figure_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["employer", "grain", "department", "period", "kind"], name="figure_page"
            )
        ]

    def __str__(self) -> str:
        return f"{self.family} {self.grain} {self.period}"
