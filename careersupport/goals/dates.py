"""A person's calendar date: goals count days on the owner's (or viewer's) own wall clock."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from careersupport.people.models import Individual


def owner_today(owner: Individual) -> date:
    """Today's date in `owner`'s time zone (check-ins are due on the owner's date)."""
    return timezone.localdate(timezone=owner.tzinfo)
