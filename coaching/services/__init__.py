"""Every write in coaching. Each function is atomic, takes the acting person, validates with
`full_clean()`, leaves an audit row and publishes its reminders through `notifications`.

One module per area: `coaches` (the pool, profiles, availability, the employer's
settings), `engagements` (intake, matching, the coach's answer, pause, end, linked goals,
the final review), `sessions` (booking without double booking, moving, cancelling,
outcomes, ratings), `notes`, `periodic` (what beat checks hourly).
"""

from .coaches import (
    coach_add,
    coach_invite,
    coach_profile_update,
    coaching_settings,
    coaching_settings_update,
    exception_add,
    exception_remove,
    window_add,
    window_remove,
)
from .engagements import (
    engagement_answer,
    engagement_assign,
    engagement_cancel,
    engagement_choose,
    engagement_complete,
    engagement_pause,
    engagement_request,
    engagement_set_goals,
    engagement_shortlist,
    final_review_create,
    waiting_enrollment,
)
from .notes import note_create, note_update
from .periodic import idle_engagements_publish, waiting_requests_publish
from .sessions import (
    change_refused,
    feedback_create,
    free_slots,
    session_book,
    session_cancel,
    session_reschedule,
    session_set_outcome,
    sessions_tally,
)

__all__ = [
    "coach_add",
    "coach_invite",
    "coach_profile_update",
    "coaching_settings",
    "coaching_settings_update",
    "exception_add",
    "exception_remove",
    "window_add",
    "window_remove",
    "engagement_answer",
    "engagement_assign",
    "engagement_cancel",
    "engagement_choose",
    "engagement_complete",
    "engagement_pause",
    "engagement_request",
    "engagement_set_goals",
    "engagement_shortlist",
    "final_review_create",
    "waiting_enrollment",
    "note_create",
    "note_update",
    "idle_engagements_publish",
    "waiting_requests_publish",
    "change_refused",
    "feedback_create",
    "free_slots",
    "session_book",
    "session_cancel",
    "session_reschedule",
    "session_set_outcome",
    "sessions_tally",
]
