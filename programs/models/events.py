"""Dated sessions of events, registrations and the private calendar feed."""

from __future__ import annotations

import secrets
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careersupport.people.models import EmployerScopedQuerySet, Individual
from careersupport.people.timezones import validate_time_zone, zone_or_utc

from .offerings import Offering, OfferingPartQuerySet


class Session(models.Model):
    """One dated occurrence of an event; people register per session."""

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    location = models.CharField(max_length=300, blank=True)
    online_url = models.URLField("online link", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OfferingPartQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["offering", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.offering}: {self.title}"

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zone_or_utc(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.tzinfo)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The session must end after it starts."})


class RegistrationQuerySet(EmployerScopedQuerySet):
    employer_lookup = "session__offering__employer"


class SessionRegistration(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Individual, on_delete=models.CASCADE, related_name="session_registrations"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registration_once")
        ]
        indexes = [models.Index(fields=["person", "session"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(EmployerScopedQuerySet):
    employer_lookup = "person__employer"


class CalendarFeed(models.Model):
    """A person's private calendar URL; revoking replaces the token so old links stop working."""

    person = models.OneToOneField(Individual, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    objects = CalendarFeedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Calendar feed of {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("programs:calendar-feed", args=[self.token])
