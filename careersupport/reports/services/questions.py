"""HR's own survey questions: up to five per subject, added, reworded or retired."""

from __future__ import annotations

from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit

from ..models import SurveyQuestion


def _check_room(employer: Employer, subject: str) -> None:
    asked = (
        SurveyQuestion.objects.select_for_update()
        .for_employer(employer)
        .filter(subject=subject, retired_at__isnull=True)
    )
    if len(asked) >= SurveyQuestion.PER_SUBJECT:
        raise ValidationError(
            {
                "subject": f"These surveys already ask {SurveyQuestion.PER_SUBJECT} of your "
                "questions: retire one first."
            }
        )


@transaction.atomic
def question_create(
    *,
    employer: Employer,
    actor: Individual,
    subject: str,
    text: str,
    type: str,
    choices: list[str] | None = None,
) -> SurveyQuestion:
    require_hr(actor, employer)
    _check_room(employer, subject)
    question = SurveyQuestion(
        employer=employer, subject=subject, text=text.strip(), type=type, choices=choices or []
    )
    question.full_clean()
    question.save()
    audit(employer=employer, actor=actor, verb="survey.question_added", target=question)
    return question


class QuestionChanges(TypedDict, total=False):
    """What HR may change of a question: its words and its choices (not its type, which the
    answers already given follow)."""

    text: str
    choices: list[str]


@transaction.atomic
def question_update(
    *, question: SurveyQuestion, actor: Individual, **changes: Unpack[QuestionChanges]
) -> SurveyQuestion:
    require_hr(actor, question.employer_id)
    question = SurveyQuestion.objects.select_for_update().get(pk=question.pk)
    if question.retired_at is not None:
        raise ValidationError("A retired question is no longer asked; add a new one.")
    if "choices" in changes and question.type == SurveyQuestion.Type.CHOICE:
        kept = set(question.choices) - set(changes["choices"])
        if kept:
            # Answers name their choice by its words: removing one would orphan them.
            raise ValidationError({"choices": "Keep every choice already offered; add new ones."})
    for name, value in changes.items():
        setattr(question, name, value.strip() if isinstance(value, str) else value)
    question.full_clean()
    question.save()
    audit(employer=question.employer, actor=actor, verb="survey.question_changed", target=question)
    return question


@transaction.atomic
def question_retire(*, question: SurveyQuestion, actor: Individual) -> SurveyQuestion:
    require_hr(actor, question.employer_id)
    if question.retired_at is None:
        question.retired_at = timezone.now()
        question.save(update_fields=["retired_at"])
        audit(
            employer=question.employer, actor=actor, verb="survey.question_retired", target=question
        )
    return question
