"""The models' choices, for templates: a page compares `e.status == EnrollmentStatus.WAITLISTED`
rather than spelling the stored value, so a renamed value cannot leave a page silently wrong
(tests/test_templates.py checks every such name against its enum)."""

from __future__ import annotations

from functools import cache


@cache
def _choices() -> dict:
    from careersupport.goals.charts import PointKind
    from careersupport.goals.models import Goal
    from careersupport.goals.progress import SourceKind
    from careersupport.people.models import Partnership
    from careersupport.requests.models import Status as RequestStatus
    from coaching.models import CoachProfile, Engagement
    from coaching.models import Session as CoachingSession
    from mentorship.models import Mentorship, MentorshipRequest
    from programs.models import Enrollment, Offering, ShadowBooking

    return {
        "GoalStatus": Goal.Status,
        "ProgressSourceKind": SourceKind,
        "ChartPointKind": PointKind,
        "PartnershipStatus": Partnership.Status,
        "OfferingStatus": Offering.Status,
        "OfferingKind": Offering.Kind,
        "EnrollmentStatus": Enrollment.Status,
        "HandoffStatus": Enrollment.Handoff,
        "BookingStatus": ShadowBooking.Status,
        "RequestStatus": RequestStatus,
        "EngagementStatus": Engagement.Status,
        "CoachingSessionStatus": CoachingSession.Status,
        "CoachingSessionKind": CoachingSession.Kind,
        "CoachStatus": CoachProfile.Status,
        "MentorshipHealth": Mentorship.Health,
        "MentorshipRequestStatus": MentorshipRequest.Status,
    }


def choices(request) -> dict:
    return _choices()
