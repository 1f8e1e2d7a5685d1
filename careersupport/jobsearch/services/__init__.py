"""Every write of the job search. One module per room: `applications` (the tracker:
applications, moves, next steps, contacts, résumés, salary research, accepting an offer)
and `preparation` (résumé reviews and interview practice through coaching)."""

from .applications import (
    application_create,
    application_move,
    application_set_next_step,
    application_update,
    contact_create,
    contact_remove,
    contact_update,
    offer_accept,
    resume_upload,
    salary_research_save,
    sync_next_step_reminder,
    tracker_turn_off,
    tracker_turn_on,
)
from .preparation import preparation_close, preparation_comment, preparation_request

__all__ = [
    "application_create",
    "application_move",
    "application_set_next_step",
    "application_update",
    "contact_create",
    "contact_remove",
    "contact_update",
    "offer_accept",
    "preparation_close",
    "preparation_comment",
    "preparation_request",
    "resume_upload",
    "salary_research_save",
    "sync_next_step_reminder",
    "tracker_turn_off",
    "tracker_turn_on",
]
