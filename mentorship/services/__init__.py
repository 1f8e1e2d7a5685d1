"""Every write in `mentorship`: atomic, takes the acting person, validates, leaves an audit
row (never with note text) and publishes its reminders through `notifications`.

One module per area: `profiles` (topics, programme settings, mentor profiles, what mentees
look for), `requests`, `mentorships` (agreement, goals, meetings, notes, fit, re-pair,
closure, feedback), `runs` (HR's cohort matching), `upkeep` (beat jobs).
"""

from .mentorships import (
    agreement_confirm,
    agreement_update,
    feedback_give,
    fit_answer,
    flag_resolve,
    goals_set,
    meeting_log,
    mentorship_close,
    mentorship_create,
    mentorship_repair,
    private_note_save,
)
from .profiles import (
    mentor_profile_save,
    mentor_set_paused,
    needs_save,
    programme_ensure,
    programme_update,
    topic_save,
)
from .requests import request_accept, request_create, request_decline, request_withdraw
from .runs import (
    proposal_assign,
    proposal_remove,
    proposal_swap,
    run_confirm,
    run_discard,
    run_start,
    run_totals,
)
from .upkeep import close_ended, health_refresh

__all__ = [
    "agreement_confirm",
    "agreement_update",
    "close_ended",
    "feedback_give",
    "fit_answer",
    "flag_resolve",
    "goals_set",
    "health_refresh",
    "meeting_log",
    "mentor_profile_save",
    "mentor_set_paused",
    "mentorship_close",
    "mentorship_create",
    "mentorship_repair",
    "needs_save",
    "private_note_save",
    "programme_ensure",
    "programme_update",
    "proposal_assign",
    "proposal_remove",
    "proposal_swap",
    "request_accept",
    "request_create",
    "request_decline",
    "request_withdraw",
    "run_confirm",
    "run_discard",
    "run_start",
    "run_totals",
    "topic_save",
]
