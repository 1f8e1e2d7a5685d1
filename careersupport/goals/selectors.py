"""Reads in `goals`, shaped for a page and scoped to the viewer through `permissions`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from careersupport.people import hierarchy
from careersupport.people.models import Department, Employer, Individual, IndividualQuerySet

from .models import CheckIn, Goal, GoalReview, GoalRollup, Milestone, milestone_share, overdue_q
from .permissions import shared_with_q, team_visible_q
from .progress import ProgressSource, progress_source

MIN_GROUP = 5  # reports never show a group smaller than this

STATUS_ORDER = [
    Goal.Status.ACTIVE,
    Goal.Status.DRAFT,
    Goal.Status.PAUSED,
    Goal.Status.ACHIEVED,
    Goal.Status.DROPPED,
]


def goals_of_owner(*, viewer: Individual, status: str = "") -> QuerySet[Goal]:
    goals = Goal.objects.for_employer(viewer.employer_id).filter(owner=viewer)
    if status:
        goals = goals.filter(status=status)
    return goals.alias(status_rank=_status_rank()).order_by("-status_rank", "target_date", "id")


def _status_rank() -> Case:
    return Case(
        *[When(status=s, then=Value(len(STATUS_ORDER) - i)) for i, s in enumerate(STATUS_ORDER)],
        output_field=IntegerField(),
    )


def goals_shared_with(*, viewer: Individual, limit: int = 50) -> list[Goal]:
    """Partners' and coachees'/mentees' goals the viewer may see (rules 3 and 4)."""
    return list(
        Goal.objects.for_employer(viewer.employer_id)
        .filter(shared_with_q(viewer))
        .exclude(status=Goal.Status.DRAFT)
        .select_related("owner")
        .order_by("owner__last_name", "owner__first_name", "target_date", "id")[:limit]
    )


def goal_page(goal: Goal) -> dict:
    """Milestones, check-in history (newest recorded first) and reviews of one goal, a query
    each, and where its progress comes from."""
    checkins = list(goal.checkins.select_related("author").order_by("-created_at", "-id"))
    milestones = list(goal.milestones.all())
    return {
        "milestones": milestones,
        "checkins": checkins,
        "reviews": list(goal.reviews.select_related("reviewer").order_by("-created_at", "-id")),
        "source": progress_source(milestones, checkins[0] if checkins else None),
    }


def goal_progress_source(goal: Goal) -> tuple[list[Milestone], ProgressSource]:
    """The goal's milestones and where its progress comes from: two queries."""
    milestones = list(goal.milestones.all())
    latest = goal.checkins.order_by("-created_at", "-id").only("date").first()
    return milestones, progress_source(milestones, latest)


def milestone_removal(goal: Goal, milestone: Milestone) -> dict:
    """What removing `milestone` would do: how many the goal has, and its progress after
    (the share of the others done, or without any the latest check-in's figure)."""
    milestones = list(goal.milestones.all())
    rest = [m for m in milestones if m.pk != milestone.pk]
    if rest:
        after = milestone_share(sum(1 for m in rest if m.done), len(rest))
    else:
        latest = goal.checkins.order_by("-created_at", "-id").values_list("progress", flat=True)
        figure = latest.first()
        after = goal.start_progress if figure is None else figure
    return {"total": len(milestones), "progress_after": after}


# --- /team/ ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamFilters:
    whole_chain: bool = False
    overdue_only: bool = False
    category: str = ""
    status: str = Goal.Status.ACTIVE


def _team_goal_q(filters: TeamFilters, today: date, prefix: str = "") -> Q:
    q = team_visible_q(prefix)
    if filters.status:
        q &= Q(**{f"{prefix}status": filters.status})
    if filters.category:
        q &= Q(**{f"{prefix}category": filters.category})
    if filters.overdue_only:
        q &= overdue_q(today, prefix)
    return q


def team_people(
    *, viewer: Individual, filters: TeamFilters, today: date
) -> IndividualQuerySet | ChainPeople:
    """The viewer's reports (or whole chain), who needs attention first; their visible goals
    come with one prefetch per page, whatever the size of the team or the chain.

    A queryset, except for the everyday view of the whole chain (active goals, any
    category), which is a `ChainPeople`; `goals.pagination.window_page` slices either."""
    goals = Goal.objects.filter(_team_goal_q(filters, today)).order_by("target_date", "id")
    base = (
        Individual.objects.for_employer(viewer.employer)
        .employees()
        .active()
        .select_related("manager")
        .prefetch_related(Prefetch("goals", queryset=goals, to_attr="team_goals"))
    )
    everyday = filters.status == Goal.Status.ACTIVE and not filters.category
    if everyday and filters.whole_chain:
        return ChainPeople(
            viewer=viewer, people=base, overdue_before=today if filters.overdue_only else None
        )
    if filters.whole_chain:
        people = base.filter(id__in=hierarchy.below_sql(viewer.pk))
    else:
        people = base.filter(manager=viewer)
    if everyday:
        # The everyday view: the kept roll-up sorts and filters on one indexed date (the
        # earliest thing due), with no aggregate over their goals.
        if filters.overdue_only:
            people = people.filter(goal_rollup__attention_on__lt=today)
        return people.order_by(
            F("goal_rollup__attention_on").asc(nulls_last=True), "last_name", "first_name", "id"
        )
    # Filtered by category or another status: aggregate the matching goals, earliest due first.
    goal_q = _team_goal_q(filters, today, "goals__")
    return (
        people.annotate(
            goal_count=Count("goals", filter=goal_q),
            first_due=Min("goals__target_date", filter=goal_q),
        )
        .filter(goal_count__gt=0)
        .order_by("first_due", "last_name", "first_name", "id")
    )


# Chains up to this size are walked and sorted whole; larger ones are read in attention order.
CHAIN_WALK_MAX = 1500
# How long a manager's chain and employer sizes are trusted before they are counted again.
CHAIN_SIZE_SECONDS = 600
# The chain is read in the order of the kept roll-ups: who needs attention first.
ATTENTION = hierarchy.Ranking(model=GoalRollup, person="owner", on="attention_on")


class ChainPeople:
    """Everyone below the viewer, at any depth, in attention order, sliced a page at a time.

    `chain[start:stop]` is a list of the active employees below the viewer (deactivated
    people are walked through, not shown), ordered by their roll-up's `attention_on`
    (earliest first, then by id; people with no active shared goal last), loaded through
    `people` with its prefetches. Only slices with a start and a stop are supported: it
    is what `window_page` asks. Each page costs two queries: one finds the page's ids, the
    second loads those people.

    The ids are found one of two ways, which give the same answer (tests compare them):

    - walk (`hierarchy.below_in_order`): walk the chain down from the viewer, join the
      roll-ups, sort, slice. Its cost grows with the chain (about 4 µs a person), so it is
      used for chains of up to CHAIN_WALK_MAX (1,500) people.
    - scan (`hierarchy.ranked_below`), for larger chains: read the employer's roll-ups in
      attention order (an index) and keep those whose manager chain, walked up, reaches the
      viewer. A chain that is a fair share of the employer fills a page after a few dozen
      candidates, whatever the size of either. It reads at most `cap` candidates: the
      window's end times 3 × employer size ÷ chain size, kept between 2 and 50 times. When
      they do not fill the window (the last pages, where people without active goals come),
      the walk answers.

    The chain's and the employer's sizes, which choose the way and the cap, are counted in
    one query and kept for CHAIN_SIZE_SECONDS (10 minutes) per manager: a stale size costs
    time only, never a wrong page.
    """

    def __init__(
        self, *, viewer: Individual, people: QuerySet[Individual], overdue_before: date | None
    ):
        self.viewer, self.people, self.overdue_before = viewer, people, overdue_before

    def __getitem__(self, window: slice) -> list[Individual]:
        chain, employer = self._sizes()
        ids = None
        if chain > CHAIN_WALK_MAX:
            cap = window.stop * max(2, min(50, 3 * employer // max(chain, 1)))
            ids = self._scan(window, cap)
        if ids is None:
            ids = self._walk(window)
        found = {person.pk: person for person in self.people.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def _sizes(self) -> tuple[int, int]:
        key = f"goals:chain-size:{self.viewer.pk}"
        sizes = cache.get(key)
        if sizes is None:
            sizes = hierarchy.chain_sizes(self.viewer.pk, self.viewer.employer_id)
            cache.set(key, sizes, CHAIN_SIZE_SECONDS)
        return sizes

    def _walk(self, window: slice) -> list[int]:
        return hierarchy.below_in_order(
            self.viewer.pk,
            employer_id=self.viewer.employer_id,
            ranking=ATTENTION,
            window=window,
            before=self.overdue_before,
        )

    def _scan(self, window: slice, cap: int) -> list[int] | None:
        return hierarchy.ranked_below(
            self.viewer.pk,
            employer_id=self.viewer.employer_id,
            ranking=ATTENTION,
            window=window,
            candidates=cap,
            before=self.overdue_before,
        )


def team_page_rollup(people, today: date) -> None:
    """Per person on the page: goal count, overdue count, average progress, last check-in,
    from the prefetched goals (no query); per goal, what is overdue."""
    for person in people:
        goals = person.team_goals
        for goal in goals:
            goal.overdue = goal.overdue_reasons(today)
        person.goal_count = len(goals)
        person.overdue_count = sum(1 for goal in goals if goal.overdue)
        person.avg_progress = sum(g.progress for g in goals) / len(goals) if goals else None
        checkins = [g.last_checkin_on for g in goals if g.last_checkin_on]
        person.last_checkin = max(checkins) if checkins else None


# --- HR -------------------------------------------------------------------------------------


@dataclass
class DepartmentRow:
    name: str
    people: int
    active_goals: int = 0
    average_progress: int | None = None
    on_track: int = 0
    checkins: int = 0
    checkins_on_time: int = 0

    @property
    def shown(self) -> bool:
        return self.people >= MIN_GROUP

    @property
    def on_track_share(self) -> int | None:
        return round(100 * self.on_track / self.active_goals) if self.active_goals else None

    @property
    def on_time_share(self) -> int | None:
        return round(100 * self.checkins_on_time / self.checkins) if self.checkins else None


def hr_department_summary(*, employer: Employer, today: date) -> list[DepartmentRow]:
    """Per department: active goals, their average progress, share on track (active and
    nothing overdue) and the share of check-ins of the last 90 days recorded by their due date. Four queries in all; rows for
    departments of fewer than MIN_GROUP people carry no figures (the template hides them)."""
    staff = Individual.objects.for_employer(employer).employees().active()
    heads = dict(
        staff.values_list("department_id").annotate(n=Count("id")).values_list("department_id", "n")
    )
    goals: dict[int | None, Mapping[str, Any]] = {
        row["owner__department_id"]: row
        for row in Goal.objects.for_employer(employer)
        .filter(owner__in=staff)
        .values("owner__department_id")
        .annotate(
            active=Count("id", filter=Q(status=Goal.Status.ACTIVE), distinct=True),
            average=Avg("progress", filter=Q(status=Goal.Status.ACTIVE)),
            overdue=Count("id", filter=overdue_q(today)),
        )
    }
    since = today - timedelta(days=90)
    checkins: dict[int | None, Mapping[str, Any]] = {
        row["goal__owner__department_id"]: row
        for row in CheckIn.objects.for_employer(employer)  # type: ignore[no-redef]
        .filter(goal__owner__in=staff, date__gte=since)
        .values("goal__owner__department_id")
        .annotate(
            total=Count("id"),
            on_time=Count("id", filter=Q(due_on__isnull=True) | Q(date__lte=F("due_on"))),
        )
    }
    names: dict[int | None, str] = {d.pk: d.name for d in Department.objects.for_employer(employer)}
    names[None] = "No department"
    rows = []
    for dept_id, name in sorted(names.items(), key=lambda item: (item[0] is None, item[1])):
        people = heads.get(dept_id, 0)
        if dept_id is None and not people:
            continue
        row = DepartmentRow(name=name, people=people)
        if row.shown:
            g, c = goals.get(dept_id, {}), checkins.get(dept_id, {})
            row.active_goals = g.get("active", 0)
            if g.get("average") is not None:
                # The goals' own progress (the one rule), half up as /team/ rounds it.
                row.average_progress = int(g["average"] + 0.5)
            row.on_track = row.active_goals - g.get("overdue", 0)
            row.checkins, row.checkins_on_time = c.get("total", 0), c.get("on_time", 0)
        rows.append(row)
    return rows


def reviews_awaiting_reply(*, viewer: Individual) -> QuerySet[GoalReview]:
    return GoalReview.objects.filter(goal__owner=viewer, replied_at__isnull=True).select_related(
        "goal", "reviewer"
    )


def home_summary(*, viewer: Individual) -> dict:
    """Two queries: what of the viewer's goals needs attention this week."""
    from .dates import owner_today

    today = owner_today(viewer)
    due = list(
        Goal.objects.filter(
            owner=viewer, status=Goal.Status.ACTIVE, next_checkin_due__lte=today + timedelta(days=7)
        ).order_by("next_checkin_due")[:5]
    )
    counts = Goal.objects.filter(owner=viewer).aggregate(
        active=Count("id", filter=Q(status=Goal.Status.ACTIVE), distinct=True),
        reviews=Count("reviews", filter=Q(reviews__replied_at__isnull=True)),
    )
    return {"due": due, "today": today, **counts}
