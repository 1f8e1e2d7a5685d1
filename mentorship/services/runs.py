"""HR's cohort matching: start a run, adjust its proposal by hand, confirm or discard it.

A run reads every mentee waiting in the programme (the programs hand-off) and every mentor
with a free place, scores them all, solves the assignment (`matching`) and stores one
`Proposal` row per mentee. Each manual change and the confirmation check every rule again
against the data as it is then, on the server.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit
from programs.models import Enrollment

from ..facts import labels_for, mentee_facts_many, mentor_facts, weights_of
from ..matching import match_cohort
from ..models import LANGUAGE_NAMES, MatchingRun, MentorProfile, Mentorship, Programme, Proposal
from ..scoring import EXCLUSIONS, Evaluation, evaluate
from .mentorships import mentorship_create

REMOVED = "Removed from the proposal by HR."


def waiting_enrollments(programme: Programme):
    """The programme's people waiting to be matched, first come first."""
    return (
        Enrollment.objects.filter(
            offering_id=programme.offering_id,
            status=Enrollment.Status.ENROLLED,
            handoff_status=Enrollment.Handoff.WAITING,
            person__deactivated_at__isnull=True,
        )
        .exclude(person__kind=Individual.Kind.EXTERNAL)
        .select_related("person")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def run_start(*, programme: Programme, actor: Individual) -> MatchingRun:
    """Propose the optimal matching of the programme's waiting mentees; an open proposal
    of the same programme is discarded (it stays in the history)."""
    require_hr(actor, programme.employer_id)
    started = time.perf_counter()
    programme = (
        Programme.objects.select_for_update().select_related("offering").get(pk=programme.pk)
    )
    MatchingRun.objects.filter(programme=programme, status=MatchingRun.Status.PROPOSED).update(
        status=MatchingRun.Status.DISCARDED, decided_by=actor, decided_at=timezone.now()
    )
    enrollments = list(waiting_enrollments(programme))
    if not enrollments:
        raise ValidationError("Nobody is waiting to be matched in this programme.")
    allowed: list[Enrollment] = []
    refused: list[Enrollment] = []
    for e in enrollments:
        (refused if e.person.is_partner and not programme.allows_partners else allowed).append(e)
    mentors = mentor_facts(programme.employer_id)
    mentees = mentee_facts_many(
        programme, [e.person for e in allowed], [m.person_id for m in mentors]
    )
    weights = weights_of(programme)
    result = match_cohort(mentees, mentors, weights, LANGUAGE_NAMES)
    labels = labels_for(programme.employer_id)
    run = MatchingRun.objects.create(
        employer_id=programme.employer_id,
        programme=programme,
        started_by=actor,
        mentee_count=len(enrollments),
        mentor_count=len(mentors),
        place_count=sum(m.free for m in mentors),
        optimal_total=round(result.optimal.total, 3),
        optimal_matched=result.optimal.matched,
        greedy_total=round(result.greedy.total, 3),
        greedy_matched=result.greedy.matched,
        weights={name: getattr(weights, name) for name in weights.__slots__},
    )
    rows = []
    for i, e in enumerate(allowed):
        j = result.optimal.pairs.get(i)
        if j is None:
            rows.append(
                Proposal(
                    run=run,
                    mentee=e.person,
                    enrollment=e,
                    order=i,
                    unmatched_reason=result.unmatched_reasons[i],
                )
            )
            continue
        evaluation = evaluate(mentees[i], mentors[j], weights, labels)
        rows.append(
            Proposal(
                run=run,
                mentee=e.person,
                enrollment=e,
                order=i,
                mentor_id=mentors[j].person_id,
                score=round(evaluation.score, 3),
                reasons=list(evaluation.reasons),
            )
        )
    for k, e in enumerate(refused, start=len(allowed)):
        rows.append(
            Proposal(
                run=run,
                mentee=e.person,
                enrollment=e,
                order=k,
                unmatched_reason="Partners cannot take part: the programme's settings do not allow them.",
            )
        )
    Proposal.objects.bulk_create(rows, batch_size=1000)
    run.duration_ms = int((time.perf_counter() - started) * 1000)
    run.save(update_fields=["duration_ms"])
    audit(
        employer=programme.offering.employer,
        actor=actor,
        verb="mentorship.run_started",
        target=run,
        matched=result.optimal.matched,
        mentees=len(enrollments),
    )
    return run


# --- manual changes --------------------------------------------------------------------------


def _lock_open(run: MatchingRun) -> MatchingRun:
    run = (
        MatchingRun.objects.select_for_update().select_related("programme__offering").get(pk=run.pk)
    )
    if not run.is_open:
        raise ValidationError(f"This run is {run.get_status_display().lower()}: it cannot change.")
    return run


def _evaluate_pairs(
    run: MatchingRun, pairs: list[tuple[Individual, int]], leaving: set[int]
) -> list[Evaluation]:
    """Evaluate (mentee, mentor id) pairs with today's data, counting each mentor's places
    as their active mentorships plus this run's other proposals (`leaving`: proposal ids
    whose mentor is being changed)."""
    mentor_ids = sorted({mentor for _, mentor in pairs})
    facts = {
        f.person_id: f
        for f in mentor_facts(run.employer_id, person_ids=mentor_ids, available_only=False)
    }
    held = Counter(
        Proposal.objects.filter(run=run, mentor_id__in=mentor_ids)
        .exclude(pk__in=leaving)
        .values_list("mentor_id", flat=True)
    )
    mentees = mentee_facts_many(run.programme, [p for p, _ in pairs], mentor_ids)
    labels = labels_for(run.employer_id)
    weights = weights_of(run.programme)
    taking: Counter[int] = Counter()
    out = []
    for (person, mentor_id), mentee in zip(pairs, mentees, strict=True):
        mentor = facts.get(mentor_id)
        if mentor is None:
            raise ValidationError("That person is not a mentor.")
        # Places this proposal can use: what is free after the run's other pairs.
        counted = replace(mentor, active=mentor.active + held[mentor_id] + taking[mentor_id])
        evaluation = evaluate(mentee, counted, weights, labels)
        if not evaluation.allowed:
            raise ValidationError(
                f"{person.full_name} cannot have this mentor: the mentor {EXCLUSIONS[evaluation.excluded]}."
            )
        if person.is_partner and not run.programme.allows_partners:
            raise ValidationError("Partners cannot take part in this programme.")
        taking[mentor_id] += 1
        out.append(evaluation)
    return out


def _set(proposal: Proposal, mentor_id: int | None, evaluation: Evaluation | None) -> None:
    proposal.mentor_id = mentor_id
    proposal.score = round(evaluation.score, 3) if evaluation else 0
    proposal.reasons = list(evaluation.reasons) if evaluation else []
    proposal.unmatched_reason = "" if evaluation else REMOVED
    proposal.changed_by_hr = True
    proposal.save(update_fields=["mentor", "score", "reasons", "unmatched_reason", "changed_by_hr"])


@transaction.atomic
def proposal_assign(*, proposal: Proposal, actor: Individual, mentor: Individual) -> Proposal:
    """Give a proposal's mentee another mentor (or one, if they had none)."""
    require_hr(actor, proposal.run.employer_id)
    run = _lock_open(proposal.run)
    proposal = (
        Proposal.objects.select_for_update().select_related("mentee").get(pk=proposal.pk, run=run)
    )
    MentorProfile.objects.select_for_update().filter(person=mentor).first()
    [evaluation] = _evaluate_pairs(run, [(proposal.mentee, mentor.pk)], {proposal.pk})
    _set(proposal, mentor.pk, evaluation)
    audit(employer=actor.employer, actor=actor, verb="mentorship.proposal_changed", target=proposal)
    return proposal


@transaction.atomic
def proposal_swap(
    *, proposal: Proposal, other: Proposal, actor: Individual
) -> tuple[Proposal, Proposal]:
    """Exchange the mentors of two proposed pairs of the same run."""
    require_hr(actor, proposal.run.employer_id)
    run = _lock_open(proposal.run)
    locked = {
        p.pk: p
        for p in Proposal.objects.select_for_update()
        .select_related("mentee")
        .filter(run=run, pk__in=[proposal.pk, other.pk])
    }
    if len(locked) != 2 or proposal.pk == other.pk:
        raise ValidationError({"swap_with": "Choose another pair of this run."})
    a, b = locked[proposal.pk], locked[other.pk]
    if not (a.mentor_id and b.mentor_id):
        raise ValidationError({"swap_with": "Both pairs need a mentor to swap them."})
    if a.mentor_id == b.mentor_id:
        raise ValidationError({"swap_with": "Both pairs have the same mentor."})
    first, second = _evaluate_pairs(
        run, [(a.mentee, b.mentor_id), (b.mentee, a.mentor_id)], {a.pk, b.pk}
    )
    mentor_a, mentor_b = a.mentor_id, b.mentor_id
    _set(a, mentor_b, first)
    _set(b, mentor_a, second)
    audit(
        employer=actor.employer,
        actor=actor,
        verb="mentorship.proposal_swapped",
        target=a,
        other=b.pk,
    )
    return a, b


@transaction.atomic
def proposal_remove(*, proposal: Proposal, actor: Individual) -> Proposal:
    require_hr(actor, proposal.run.employer_id)
    run = _lock_open(proposal.run)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk, run=run)
    _set(proposal, None, None)
    audit(employer=actor.employer, actor=actor, verb="mentorship.proposal_removed", target=proposal)
    return proposal


# --- confirm or discard ----------------------------------------------------------------------


@transaction.atomic
def run_confirm(*, run: MatchingRun, actor: Individual) -> list[Mentorship]:
    """Start every proposed pair at once, or none: the rules are checked again first, with
    the mentors' profiles locked, and a problem names the pairs to fix."""
    require_hr(actor, run.employer_id)
    run = _lock_open(run)
    proposals = list(
        Proposal.objects.filter(run=run, mentor__isnull=False)
        .select_related("mentee", "mentor", "enrollment")
        .order_by("order", "pk")
    )
    mentor_ids = sorted({p.mentor_id for p in proposals if p.mentor_id is not None})
    list(MentorProfile.objects.select_for_update().filter(person_id__in=mentor_ids).order_by("pk"))
    waiting = set(
        waiting_enrollments(run.programme)
        .filter(pk__in=[p.enrollment_id for p in proposals])
        .values_list("pk", flat=True)
    )
    problems = [
        f"{p.mentee.full_name} is no longer waiting to be matched."
        for p in proposals
        if p.enrollment_id not in waiting
    ]
    if not problems:
        try:
            _evaluate_pairs(
                run,
                [(p.mentee, p.mentor_id) for p in proposals if p.mentor_id is not None],
                {p.pk for p in proposals},
            )
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    created = [
        mentorship_create(
            programme=run.programme,
            mentee=p.mentee,
            mentor=p.mentor,
            actor=actor,
            source=Mentorship.Source.RUN,
            line_checked=True,
        )
        for p in proposals
        if p.mentor is not None
    ]
    run.status = MatchingRun.Status.CONFIRMED
    run.decided_by = actor
    run.decided_at = timezone.now()
    run.save(update_fields=["status", "decided_by", "decided_at"])
    audit(
        employer=actor.employer,
        actor=actor,
        verb="mentorship.run_confirmed",
        target=run,
        pairs=len(created),
    )
    return created


@transaction.atomic
def run_discard(*, run: MatchingRun, actor: Individual) -> MatchingRun:
    require_hr(actor, run.employer_id)
    run = _lock_open(run)
    run.status = MatchingRun.Status.DISCARDED
    run.decided_by = actor
    run.decided_at = timezone.now()
    run.save(update_fields=["status", "decided_by", "decided_at"])
    audit(employer=actor.employer, actor=actor, verb="mentorship.run_discarded", target=run)
    return run


def run_totals(run: MatchingRun) -> dict:
    """The proposal as it stands (after HR's changes): pairs, total and average score."""
    figures = Proposal.objects.filter(run=run, mentor__isnull=False).aggregate(
        n=Count("id"), total=Sum("score")
    )
    n, total = figures["n"], figures["total"] or 0.0
    return {"pairs": n, "total": total, "average": total / n if n else 0.0}
