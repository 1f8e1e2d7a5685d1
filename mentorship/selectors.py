"""Reads in mentorship, shaped for a page and scoped to the viewer (see `permissions`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Avg, Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from careersupport.goals.models import GoalLink
from careersupport.people.models import Individual
from programs.models import Enrollment, Offering

from .facts import (
    GOAL_LABELS,
    active_count_subquery,
    mentee_facts_one,
    mentor_table_cached,
    weights_of,
)
from .models import (
    LANGUAGE_NAMES,
    Feedback,
    MatchingRun,
    Meeting,
    MenteeNeeds,
    MentorProfile,
    Mentorship,
    MentorshipRequest,
    PrivateNote,
    Programme,
    Proposal,
    stalled_q,
)
from .scoring import Labels, MenteeFacts, MentorTable, Weights, evaluate, score_matrix

MIN_GROUP = 5  # feedback figures need at least this many answers


# --- a person's own pages ----------------------------------------------------------------------


def my_programmes(viewer: Individual) -> list[Enrollment]:
    """The viewer's places in mentorship programmes, waiting or matched."""
    return list(
        Enrollment.objects.filter(
            person=viewer,
            offering__kind=Offering.Kind.MENTORSHIP,
            status=Enrollment.Status.ENROLLED,
        )
        .exclude(handoff_status="")
        .select_related("offering", "offering__mentorship_programme")
        .order_by("-created_at")
    )


def my_mentorships(viewer: Individual) -> QuerySet[Mentorship]:
    return (
        Mentorship.objects.for_employer(viewer.employer_id)
        .filter(Q(mentee=viewer) | Q(mentor=viewer))
        .select_related("mentee", "mentor", "programme__offering")
        .order_by("status", "-started_on", "-id")
    )


def my_requests(viewer: Individual) -> list[MentorshipRequest]:
    return list(
        MentorshipRequest.objects.for_employer(viewer.employer_id)
        .filter(mentee=viewer)
        .select_related("mentor", "programme__offering")[:20]
    )


def requests_to_answer(viewer: Individual) -> list[MentorshipRequest]:
    return list(
        MentorshipRequest.objects.for_employer(viewer.employer_id)
        .filter(mentor=viewer, status=MentorshipRequest.Status.PENDING)
        .select_related("mentee", "mentee__department", "programme__offering")
        .order_by("created_at")
    )


def mentor_profile_of(viewer: Individual) -> MentorProfile | None:
    return (
        MentorProfile.objects.filter(person=viewer)
        .annotate(active=active_count_subquery())
        .prefetch_related("topics")
        .first()
    )


def mentorship_page(mentorship: Mentorship, viewer: Individual) -> dict:
    """The log with the viewer's own private notes only (rule 2), linked goals, feedback."""
    mine = PrivateNote.objects.filter(author=viewer)
    meetings = list(
        mentorship.meetings.select_related("logged_by").prefetch_related(
            Prefetch("private_notes", queryset=mine, to_attr="my_notes")
        )
    )
    goals = [
        link.goal
        for link in GoalLink.objects.filter(
            kind=GoalLink.Kind.MENTORSHIP, source_id=mentorship.pk, ended_at__isnull=True
        ).select_related("goal")
    ]
    return {
        "meetings": meetings,
        "linked_goals": goals,
        "my_feedback": Feedback.objects.filter(mentorship=mentorship, author=viewer).first(),
    }


@dataclass
class Suggestion:
    profile: MentorProfile
    score: float
    reasons: tuple[str, ...]
    topics: list[str]


@dataclass
class Ranking:
    """Every mentor the viewer may be suggested, best first, as (person id, score), with the
    table they were scored from (reused for the filters and the cards' reasons)."""

    order: list[tuple[int, float]]
    mentee: MenteeFacts
    table: MentorTable
    rows: dict[int, int]  # person id -> row of the table
    labels: Labels
    weights: Weights

    def narrowed(self, *, topic_id: int | None = None, language: str = "") -> None:
        """Keep only the mentors with this topic and/or language (the page's filters)."""
        keep = np.ones(len(self.table), dtype=bool)
        if topic_id:
            column = np.flatnonzero(self.table.topic_ids == topic_id)
            keep &= self.table.topics[:, column[0]] > 0 if len(column) else False
        if language:
            keep &= np.char.find(self.table.languages, f",{language},") >= 0
        self.order = [(pid, score) for pid, score in self.order if keep[self.rows[pid]]]


def ranked_mentors(*, viewer: Individual, programme: Programme) -> Ranking:
    """The whole employer's available mentors scored at once (a fixed handful of queries)."""
    names: dict[int, str] = {}
    mentee = mentee_facts_one(programme, viewer)
    table = mentor_table_cached(programme.employer_id, names=names)
    labels = Labels(topics=names, categories=GOAL_LABELS, languages=LANGUAGE_NAMES)
    weights = weights_of(programme)
    rows = {int(pid): j for j, pid in enumerate(table.person_id)}
    ranking = Ranking([], mentee, table, rows, labels, weights)
    if len(table):
        scores, codes = score_matrix([mentee], table, weights)
        allowed = np.flatnonzero(codes[0] == 0)
        order = allowed[np.lexsort((allowed, -scores[0, allowed]))]
        ids, values = table.person_id[order].tolist(), scores[0, order].tolist()
        ranking.order = list(zip(ids, values, strict=True))
    return ranking


def suggestions_page(ranking: Ranking, page: list[tuple[int, float]]) -> list[Suggestion]:
    """The cards of one page of the ranked list, with their reasons: one query."""
    ids = [pid for pid, _ in page]
    profiles = {
        p.person_id: p
        for p in MentorProfile.objects.filter(
            person_id__in=ids, paused=False, person__deactivated_at__isnull=True
        ).select_related("person", "person__department")
    }
    cards = []
    for pid, score in page:
        if pid in profiles:
            facts = ranking.table.facts(ranking.rows[pid])
            result = evaluate(ranking.mentee, facts, ranking.weights, ranking.labels)
            topics = sorted(ranking.labels.topics.get(t, "") for t in facts.topics)
            cards.append(Suggestion(profiles[pid], score, result.reasons, topics))
    return cards


def needs_of(programme: Programme, viewer: Individual) -> MenteeNeeds | None:
    return (
        MenteeNeeds.objects.filter(programme=programme, person=viewer)
        .prefetch_related("topics", "goals")
        .first()
    )


# --- HR ---------------------------------------------------------------------------------------


def programmes_for_hr(viewer: Individual) -> list[Offering]:
    waiting = (
        Enrollment.objects.filter(
            offering_id=OuterRef("pk"), status="enrolled", handoff_status="waiting"
        )
        .order_by()
        .values("offering_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    active = (
        Mentorship.objects.filter(programme__offering_id=OuterRef("pk"), status="active")
        .order_by()
        .values("programme_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    open_run = MatchingRun.objects.filter(
        programme__offering_id=OuterRef("pk"), status="proposed"
    ).values("pk")[:1]
    return list(
        Offering.objects.for_employer(viewer.employer_id)
        .filter(kind=Offering.Kind.MENTORSHIP)
        .exclude(status=Offering.Status.ARCHIVED)
        .annotate(waiting=Subquery(waiting), active=Subquery(active), open_run=Subquery(open_run))
        .order_by("-starts_on", "title")
    )


def runs_of(programme: Programme) -> QuerySet[MatchingRun]:
    return programme.runs.select_related("started_by", "decided_by").order_by("-created_at", "-id")


def run_proposals(run: MatchingRun, *, matched: bool) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(run=run, mentor__isnull=not matched)
        .select_related("mentee", "mentee__department", "mentor", "mentor__department")
        .order_by("order", "pk")
    )


def pairs_for_hr(viewer: Individual, *, view: str = "", health: str = "") -> QuerySet[Mentorship]:
    """Active pairs of the employer (names, dates, health, flags: never the log)."""
    pairs = Mentorship.objects.for_employer(viewer.employer_id).filter(status="active")
    if view == "stalled":
        pairs = pairs.filter(stalled_q(timezone.localdate()))
    elif view == "poor_fit":
        pairs = pairs.filter(poor_fit_at__isnull=False, poor_fit_resolved_at__isnull=True)
    if health:
        pairs = pairs.filter(health=health)
    return pairs.select_related("mentee", "mentor", "programme__offering").order_by(
        "-started_on", "-id"
    )


def hr_counts(viewer: Individual) -> dict:
    """The HR home card and the console's tabs: one query for the pairs."""
    today = timezone.localdate()
    figures = Mentorship.objects.for_employer(viewer.employer_id).aggregate(
        active=Count("id", filter=Q(status="active")),
        stalled=Count("id", filter=stalled_q(today)),
        poor_fit=Count(
            "id",
            filter=Q(status="active", poor_fit_at__isnull=False, poor_fit_resolved_at__isnull=True),
        ),
    )
    figures["open_runs"] = (
        MatchingRun.objects.for_employer(viewer.employer_id).filter(status="proposed").count()
    )
    return figures


def mentor_utilisation(viewer: Individual) -> tuple[QuerySet[MentorProfile], dict]:
    mentors = (
        MentorProfile.objects.for_employer(viewer.employer_id)
        .filter(person__deactivated_at__isnull=True)
        .annotate(active=active_count_subquery())
        .select_related("person", "person__department")
        .order_by("person__last_name", "person__first_name", "id")
    )
    totals = (
        MentorProfile.objects.for_employer(viewer.employer_id)
        .filter(person__deactivated_at__isnull=True)
        .aggregate(
            mentors=Count("id"),
            paused_count=Count("id", filter=Q(paused=True)),
            places=Sum("capacity", filter=Q(paused=False)),
        )
    )
    totals["taken"] = (
        Mentorship.objects.for_employer(viewer.employer_id).filter(status="active").count()
    )
    places = totals["places"] or 0
    totals["share"] = round(100 * totals["taken"] / places) if places else 0
    return mentors, totals


def feedback_summary(viewer: Individual) -> list[dict]:
    """Per programme and side: answers, and the average rating only from 5 answers on."""
    rows = (
        Feedback.objects.for_employer(viewer.employer_id)
        .values("mentorship__programme__offering__title", "side")
        .annotate(n=Count("id"), average=Avg("rating"))
        .order_by("mentorship__programme__offering__title", "side")
    )
    return [
        {
            "programme": r["mentorship__programme__offering__title"],
            "side": r["side"],
            "n": r["n"],
            "average": r["average"] if r["n"] >= MIN_GROUP else None,
        }
        for r in rows
    ]


def mentor_choices(employer_id: int) -> list[tuple[str, str]]:
    """Every available mentor as a choice (the rules are checked when one is picked)."""
    rows = (
        MentorProfile.objects.for_employer(employer_id)
        .filter(paused=False, person__deactivated_at__isnull=True)
        .annotate(active=active_count_subquery())
        .values_list(
            "person_id",
            "person__first_name",
            "person__preferred_name",
            "person__last_name",
            "capacity",
            "active",
        )
        .order_by("person__last_name", "person__first_name")
    )
    return [
        (str(pid), f"{(pref or first)} {last} ({max(cap - act, 0)} of {cap} free)")
        for pid, first, pref, last, cap, act in rows
    ]


def meeting_counts(mentorship_ids: list[int]) -> dict[int, int]:
    return dict(
        Meeting.objects.filter(mentorship_id__in=mentorship_ids)
        .values_list("mentorship_id")
        .annotate(n=Count("id"))
    )
