"""The models of `programs`, one module per area; import them from here."""

from .events import CalendarFeed, Session, SessionRegistration, new_feed_token
from .kinds import (
    Cohort,
    Milestone,
    MilestoneProgress,
    Phase,
    PolicyAcknowledgement,
    PolicyVersion,
    ShadowBooking,
    ShadowSlot,
)
from .offerings import Enrollment, Offering

__all__ = [
    "CalendarFeed",
    "Cohort",
    "Enrollment",
    "Milestone",
    "MilestoneProgress",
    "Offering",
    "Phase",
    "PolicyAcknowledgement",
    "PolicyVersion",
    "Session",
    "SessionRegistration",
    "ShadowBooking",
    "ShadowSlot",
    "new_feed_token",
]
