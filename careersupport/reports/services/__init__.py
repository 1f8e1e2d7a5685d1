"""Every write of the reports app; callers import from here."""

from .questions import QuestionChanges, question_create, question_retire, question_update
from .rollup import (
    rollup_claim,
    rollup_compute,
    rollup_request,
    rollup_run,
    rollups_queue_all,
)
from .surveys import (
    answers_release,
    survey_answer,
    survey_invite,
    surveys_publish,
)

__all__ = [
    "QuestionChanges",
    "answers_release",
    "question_create",
    "question_retire",
    "question_update",
    "rollup_claim",
    "rollup_compute",
    "rollup_request",
    "rollup_run",
    "rollups_queue_all",
    "survey_answer",
    "survey_invite",
    "surveys_publish",
]
