"""Surveys: invite once when something ended, remind once, close after 30 days, take one
answer, and keep it apart from the person (see the docstring of `models.py`)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careersupport.notifications.services import reminder_cancel, reminder_schedule
from careersupport.people.models import Employer, Individual
from careersupport.people.services import audit

from ..models import PendingAnswer, SurveyAnswer, SurveyInvitation, SurveyQuestion
from ..periods import MONTH, next_start
from ..registry import SurveyDue, survey_sources
from ..reminders import SURVEY, SURVEY_REMINDER, survey_key, survey_reminder_key
from ..suppression import MIN_GROUP

# What ended this many days ago is still surveyed, so a missed run of the job catches up;
# what ended before (history, say on the day this app was installed) is not.
CATCH_UP_DAYS = 14
TEXT_MAX = 2000


def _questions_by_subject(employer: Employer) -> dict[str, list[int]]:
    asked: dict[str, list[int]] = {}
    for pk, subject in (
        SurveyQuestion.objects.for_employer(employer)
        .filter(retired_at__isnull=True)
        .order_by("created_at", "id")
        .values_list("pk", "subject")
    ):
        asked.setdefault(subject, []).append(pk)
    return asked


@transaction.atomic
def survey_invite(
    *,
    person: Individual,
    source: str,
    due: SurveyDue,
    questions: list[int],
    now=None,
) -> SurveyInvitation | None:
    """Ask `person` once about what ended (None if they were asked already): the survey in
    their inbox (and e-mail unless confidential) now, a reminder in five days."""
    now = now or timezone.now()
    invitation, created = SurveyInvitation.objects.get_or_create(
        source=source,
        source_id=due.source_id,
        person=person,
        defaults={
            "employer_id": person.employer_id,
            "subject": due.subject,
            "about": due.about[:200],
            "offering_id": due.offering_id,
            "department_id": person.department_id,
            "questions": questions,
            "confidential": due.confidential,
            "sent_at": now,
            "closes_at": now + timedelta(days=SurveyInvitation.CLOSES_AFTER_DAYS),
        },
    )
    if not created:
        return None
    body = (
        "Two minutes, a few questions. Your answers are stored without your name, and HR "
        f"sees them only together with those of at least {MIN_GROUP - 1} others. "
        f"The survey closes on {invitation.closes_at:%d %B %Y}."
    )
    url = invitation.get_absolute_url()
    reminder_schedule(
        recipient=person,
        kind=SURVEY,
        key=survey_key(invitation.pk),
        due_at=now,
        title=f"How was {due.about}? A short survey",
        body=body,
        url=url,
        confidential=due.confidential,
    )
    reminder_schedule(
        recipient=person,
        kind=SURVEY_REMINDER,
        key=survey_reminder_key(invitation.pk),
        due_at=now + timedelta(days=SurveyInvitation.REMIND_AFTER_DAYS),
        title=f"Still a moment? The survey about {due.about}",
        body=body,
        url=url,
        confidential=due.confidential,
    )
    audit(
        employer=person.employer,
        actor=None,
        verb="survey.invited",
        target=invitation,
        source=source,
    )
    return invitation


def surveys_publish(*, employer: Employer | None = None, today: date | None = None) -> int:
    """Beat, hourly: invite everyone something ended for, from every registered source. A
    query or two per source and employer; then a transaction per new invitation."""
    today = today or timezone.localdate()
    since = today - timedelta(days=CATCH_UP_DAYS)
    employers = [employer] if employer else list(Employer.objects.all())
    invited = 0
    for each in employers:
        asked = None
        for source in survey_sources().values():
            due = list(source.due(each, since, today))
            if not due:
                continue
            done = set(
                SurveyInvitation.objects.for_employer(each)
                .filter(source=source.key, source_id__in={d.source_id for d in due})
                .values_list("source_id", "person_id")
            )
            due = [d for d in due if (d.source_id, d.person_id) not in done]
            people = (
                Individual.objects.for_employer(each)
                .active()
                .select_related("employer")
                .in_bulk({d.person_id for d in due})
            )
            asked = asked if asked is not None else _questions_by_subject(each)
            for item in due:
                person = people.get(item.person_id)
                if person is None:
                    continue
                if survey_invite(
                    person=person,
                    source=source.key,
                    due=item,
                    questions=asked.get(item.subject, []),
                ):
                    invited += 1
    return invited


def _clean_extra(invitation: SurveyInvitation, extra: dict[Any, Any]) -> dict[str, Any]:
    """HR's questions that were asked, each answered or left blank; anything else is refused."""
    questions = SurveyQuestion.objects.for_employer(invitation.employer_id).in_bulk(
        invitation.questions
    )
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for qid in invitation.questions:
        question = questions.get(qid)
        value = extra.get(qid, extra.get(str(qid)))
        if question is None or value in (None, ""):
            continue
        field = f"q{qid}"
        if question.type == SurveyQuestion.Type.SCALE:
            if str(value) not in {"1", "2", "3", "4", "5"}:
                errors[field] = "Choose from 1 to 5."
                continue
            value = int(value)
        elif question.type == SurveyQuestion.Type.CHOICE:
            if value not in question.choices:
                errors[field] = "Choose one of the answers."
                continue
        else:
            value = str(value).strip()[:TEXT_MAX]
        cleaned[str(qid)] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


# Where an answer counts, and all a pending answer shares with its invitation:
# (subject, offering id, department id, the month the survey was sent).
AnswerCell = tuple[str, int | None, int | None, date]


def _answered_touch(*, employer_id: int, cells: Iterable[AnswerCell]) -> int:
    """Rewrite the answered invitations of these cells in the current transaction.

    Why: PostgreSQL stamps every row version with the id of the transaction that wrote it
    (`xmin`), and hands the ids out in order. An answer and its invitation's `answered` are
    written in one transaction, so the invitation would carry its pending answer's xmin; and
    rewritten alone just after, the next id, which points back as well. Rewritten together,
    a cell's answered invitations share one xmin, which tells no more than the cell that a
    pending answer shows anyway."""
    match = Q()
    for subject, offering_id, department_id, month in set(cells):
        start = datetime(month.year, month.month, 1, tzinfo=UTC)
        stop = datetime.combine(next_start(month, MONTH), datetime.min.time(), tzinfo=UTC)
        match |= Q(
            subject=subject,
            offering_id=offering_id,
            department_id=department_id,
            sent_at__gte=start,
            sent_at__lt=stop,
        )
    if not match:
        return 0
    answered = SurveyInvitation.objects.for_employer(employer_id).filter(answered=True)
    return answered.filter(match).update(answered=True)


def _after_answer(*, employer_id: int, invitation_id: int, cell: AnswerCell) -> None:
    """Once the answer is committed, in a transaction of its own: the cell's answered
    invitations rewritten, and the reminder cancelled (a row naming the person, which the
    answer's transaction must not write either)."""
    with transaction.atomic():
        _answered_touch(employer_id=employer_id, cells=[cell])
        reminder_cancel(key=survey_reminder_key(invitation_id))


@transaction.atomic
def survey_answer(
    *,
    invitation: SurveyInvitation,
    actor: Individual,
    rating: int,
    recommend: int,
    helped: str = "",
    improve: str = "",
    extra: dict | None = None,
) -> None:
    """Take the person's one answer. The answer row names no person and no invitation and
    has no time but the month the survey was sent; the invitation only turns `answered`.

    No audit row is written: its time would be the moment this person answered, the one link
    to the answer this design keeps out. The invitation's `answered` is the record. Nor does
    any other row naming the person keep this transaction's id: after the commit, the
    invitation is written again and the reminder cancelled (`_after_answer`; should that
    fail, it is logged and the next roll-up's `answers_release` rewrites the invitation)."""
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("employer")
        .get(pk=invitation.pk)
    )
    if actor.pk != invitation.person_id:
        raise PermissionDenied("Only the person asked answers their survey.")
    if invitation.answered:
        raise ValidationError("You have answered this survey already. Thank you.")
    if timezone.now() >= invitation.closes_at:
        raise ValidationError(
            f"This survey closed on {invitation.closes_at:%d %B %Y}: answers are no longer taken."
        )
    month = invitation.sent_at.astimezone(UTC).date().replace(day=1)
    answer = PendingAnswer(
        employer_id=invitation.employer_id,
        subject=invitation.subject,
        offering_id=invitation.offering_id,
        department_id=invitation.department_id,
        month=month,
        rating=rating,
        recommend=recommend,
        helped=(helped or "").strip()[:TEXT_MAX],
        improve=(improve or "").strip()[:TEXT_MAX],
        extra=_clean_extra(invitation, extra or {}),
    )
    answer.full_clean()
    answer.save(force_insert=True)
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    cell = (invitation.subject, invitation.offering_id, invitation.department_id, month)
    transaction.on_commit(
        partial(
            _after_answer,
            employer_id=invitation.employer_id,
            invitation_id=invitation.pk,
            cell=cell,
        ),
        robust=True,
    )


ANSWER_FIELDS = (
    "employer_id",
    "subject",
    "offering_id",
    "department_id",
    "month",
    "rating",
    "recommend",
    "helped",
    "improve",
    "extra",
)


@transaction.atomic
def answers_release(*, employer: Employer, minimum: int = MIN_GROUP) -> int:
    """Move the employer's pending answers into the results, once there are at least
    `minimum`: in random order, under new random ids, in this transaction (not the ones that
    turned the invitations `answered`). Returns how many moved.

    Those left waiting have their cells' answered invitations rewritten here, in case the
    rewrite after an answer failed (`_answered_touch`): one query more, at any size."""
    pending = list(
        PendingAnswer.objects.select_for_update()
        .for_employer(employer)
        .values("id", *ANSWER_FIELDS)
    )
    if len(pending) < minimum:
        cells = [
            (row["subject"], row["offering_id"], row["department_id"], row["month"])
            for row in pending
        ]
        _answered_touch(employer_id=employer.pk, cells=cells)
        return 0
    ids = [row.pop("id") for row in pending]
    random.SystemRandom().shuffle(pending)
    SurveyAnswer.objects.bulk_create([SurveyAnswer(**row) for row in pending], batch_size=1000)
    # Those read above only: one given meanwhile waits for the next release.
    PendingAnswer.objects.filter(pk__in=ids).delete()
    return len(pending)
