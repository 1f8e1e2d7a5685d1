"""Reads in coaching, shaped for a page and scoped to the viewer through `permissions`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Avg,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from careersupport.goals.models import Goal, GoalLink
from careersupport.goals.selectors import MIN_GROUP
from careersupport.notifications.timing import at_local
from careersupport.people.models import Individual, Invitation
from programs.models import Enrollment
from programs.selectors import enrollments_awaiting_handoff

from .matching import holding_count
from .models import (
    AvailabilityException,
    AvailabilityWindow,
    CoachDecline,
    CoachProfile,
    Engagement,
    FinalReview,
    Note,
    Session,
    SessionFeedback,
)
from .permissions import visible_notes_q
from .services import coaching_settings, free_slots, sessions_tally
from .services.sessions import change_refused
from .slots import WEEKS_SHOWN, group_by_day, offered_count

UTILISATION_DAYS = 90


# --- the coachee and the coach -----------------------------------------------------------


def live_engagement_of(viewer: Individual) -> Engagement | None:
    return (
        Engagement.objects.for_employer(viewer.employer_id)
        .live()
        .filter(coachee=viewer)
        .select_related("coachee", "coach", "coach__coach_profile", "enrollment__offering")
        .first()
    )


def past_engagements_of(viewer: Individual) -> QuerySet[Engagement]:
    return (
        Engagement.objects.for_employer(viewer.employer_id)
        .filter(coachee=viewer, status__in=Engagement.ENDED)
        .select_related("coach")
        .order_by("-ended_at", "-pk")
    )


def _sessions_with_rules(sessions, viewer, notice, now):
    """Per session, whether the viewer may move or cancel it now (and why not)."""
    for session in sessions:
        session.refused = change_refused(session, viewer, notice=notice, now=now)


def engagement_page(engagement: Engagement, viewer: Individual) -> dict:
    """Everything the engagement's page shows the viewer (coachee or coach), a query each:
    sessions, the notes the viewer may read, linked goals, the tally and the notice rule."""
    now = timezone.now()
    settings = coaching_settings(engagement.employer_id)
    sessions = list(
        engagement.sessions.select_related("coach", "coachee", "feedback").order_by(
            "starts_at", "pk"
        )
    )
    _sessions_with_rules(sessions, viewer, settings.notice, now)
    upcoming = [s for s in sessions if s.status == Session.Status.BOOKED and s.ends_at >= now]
    past = [s for s in reversed(sessions) if s not in upcoming]
    notes = list(
        Note.objects.filter(visible_notes_q(viewer), engagement=engagement).select_related(
            "author", "session"
        )
    )
    links = []
    if engagement.coach_id:
        links = list(
            GoalLink.objects.filter(
                kind=GoalLink.Kind.COACHING,
                individual_id=engagement.coach_id,
                goal__owner_id=engagement.coachee_id,
                ended_at__isnull=True,
            ).select_related("goal")
        )
    is_coachee = viewer.pk == engagement.coachee_id
    context = {
        "engagement": engagement,
        "is_coachee": is_coachee,
        "is_coach": viewer.pk == engagement.coach_id,
        "upcoming": upcoming,
        "past": past[:50],
        "next_session": upcoming[0] if upcoming else None,
        "notes": notes,
        "linked_goals": [link.goal for link in links],
        "tally": sessions_tally(engagement),
        "settings": settings,
        "last_decline": (
            engagement.declines.select_related("coach").first() if is_coachee else None
        ),
        "shortlist": [],
    }
    if engagement.status == Engagement.Status.CHEMISTRY:
        context["shortlist"] = _shortlist_with_calls(engagement, sessions)
    return context


def _shortlist_with_calls(engagement, sessions):
    """The shortlisted coaches, each with their live chemistry call (or None)."""
    calls = {s.coach_id: s for s in sessions if s.is_chemistry and s.is_live}
    shortlist = list(engagement.shortlist.select_related("coach_profile").order_by("last_name"))
    for coach in shortlist:
        coach.chemistry_call = calls.get(coach.pk)
    return shortlist


def goals_to_share(engagement: Engagement) -> QuerySet[Goal]:
    """The coachee's goals they may link to the engagement (not drafts)."""
    return (
        Goal.objects.filter(owner_id=engagement.coachee_id)
        .exclude(status=Goal.Status.DRAFT)
        .order_by("target_date", "pk")
    )


def booking_page(
    *,
    coach: Individual,
    coachee: Individual,
    viewer: Individual,
    exclude_session: Session | None = None,
    weeks: int = WEEKS_SHOWN,
) -> list[tuple[date, list[datetime]]]:
    """The coach's free slots of the next weeks, grouped by day in the viewer's zone: the
    windows and exceptions in two queries, what either side has booked in a third."""
    profile = (
        CoachProfile.objects.filter(individual=coach)
        .prefetch_related(
            "windows",
            Prefetch(
                "exceptions",
                queryset=AvailabilityException.objects.filter(
                    date__gte=timezone.localdate() - timedelta(days=1)
                ),
            ),
        )
        .get()
    )
    now = timezone.now()
    slots = free_slots(
        profile=profile,
        coachee_id=coachee.pk,
        first=now,
        last=now + timedelta(weeks=weeks),
        now=now,
        exclude_id=exclude_session.pk if exclude_session else None,
    )
    return group_by_day(slots, viewer.tzinfo)


def _next_session() -> Subquery:
    return Subquery(
        Session.objects.filter(
            engagement_id=OuterRef("pk"),
            status=Session.Status.BOOKED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def _count_sessions(**filters) -> Coalesce:
    rows = (
        Session.objects.filter(engagement_id=OuterRef("pk"), kind=Session.Kind.SESSION, **filters)
        .order_by()
        .values("engagement_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_tally(qs: QuerySet[Engagement]) -> QuerySet[Engagement]:
    return qs.annotate(
        next_at=_next_session(),
        used=_count_sessions(status__in=[Session.Status.HELD, Session.Status.NO_SHOW]),
    )


def coach_dashboard(viewer: Individual) -> dict:
    """Requests to accept, chemistry calls, the coachees under way (with their next session
    and sessions used) and the latest finished ones: four queries whatever the numbers."""
    mine = Engagement.objects.for_employer(viewer.employer_id).filter(coach=viewer)
    return {
        "requests": list(
            mine.filter(status=Engagement.Status.REQUESTED)
            .select_related("coachee")
            .order_by("coach_asked_at", "pk")
        ),
        "chemistry": list(
            Session.objects.filter(
                coach=viewer,
                kind=Session.Kind.CHEMISTRY,
                status=Session.Status.BOOKED,
                ends_at__gte=timezone.now(),
            )
            .select_related("coachee")
            .order_by("starts_at")[:20]
        ),
        "coachees": list(
            with_tally(mine.filter(status__in=Engagement.UNDER_WAY))
            .select_related("coachee")
            .order_by("coachee__last_name", "coachee__first_name", "pk")
        ),
        "finished": list(
            mine.filter(status__in=Engagement.ENDED)
            .select_related("coachee")
            .order_by("-ended_at", "-pk")[:10]
        ),
    }


@dataclass
class WeekDay:
    day: date
    sessions: list[Session]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def coach_week(viewer: Individual, monday: date) -> list[WeekDay]:
    """The coach's live sessions of one week (Monday to Sunday in the coach's own zone),
    a day each: one query."""
    tz = viewer.tzinfo
    first = at_local(monday, time(0, 0), tz)
    last = at_local(monday + timedelta(days=7), time(0, 0), tz)
    sessions = list(
        Session.objects.live()
        .filter(coach=viewer, starts_at__gte=first, starts_at__lt=last)
        .select_related("coachee")
        .order_by("starts_at", "pk")
    )
    days = [WeekDay(monday + timedelta(days=i), []) for i in range(7)]
    for session in sessions:
        local = session.starts_at.astimezone(tz).date()
        days[(local - monday).days].sessions.append(session)
    return days


def session_notes(session: Session, viewer: Individual) -> list[Note]:
    return list(
        Note.objects.filter(visible_notes_q(viewer), session=session).select_related("author")
    )


# --- HR ----------------------------------------------------------------------------------


def _held_since(since: datetime) -> Coalesce:
    rows = (
        Session.objects.filter(
            coach_id=OuterRef("individual_id"),
            kind=Session.Kind.SESSION,
            status=Session.Status.HELD,
            starts_at__gte=since,
            starts_at__lt=timezone.now(),
        )
        .order_by()
        .values("coach_id")
        .annotate(n=Count("*"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def coach_pool(*, viewer: Individual, status: str = "", q: str = "") -> QuerySet[CoachProfile]:
    """The employer's coaches with their load (coachees holding a place / capacity) and the
    sessions they held in the last 90 days; `pool_utilisation` adds what they offered."""
    since = timezone.now() - timedelta(days=UTILISATION_DAYS)
    qs = (
        CoachProfile.objects.for_employer(viewer.employer_id)
        .select_related("individual")
        .annotate(holding=holding_count(), held=_held_since(since))
    )
    if status:
        qs = qs.filter(status=status)
    for word in q.split():
        qs = qs.filter(
            Q(individual__first_name__icontains=word)
            | Q(individual__last_name__icontains=word)
            | Q(individual__email__icontains=word)
            | Q(provider_name__icontains=word)
        )
    return qs.order_by("individual__last_name", "individual__first_name", "pk")


def pool_utilisation(profiles):
    """Slots offered in the last 90 days per coach of the page, and held / offered, from
    their windows and exceptions (two queries for the page)."""
    today = timezone.localdate()
    first = today - timedelta(days=UTILISATION_DAYS)
    windows: dict[int, list] = {p.pk: [] for p in profiles}
    exceptions: dict[int, list] = {p.pk: [] for p in profiles}
    for w in AvailabilityWindow.objects.filter(coach__in=profiles).order_by():
        windows[w.coach_id].append(w)
    for e in AvailabilityException.objects.filter(
        coach__in=profiles, date__gte=first, date__lt=today
    ).order_by():
        exceptions[e.coach_id].append(e)
    for profile in profiles:
        profile.offered = offered_count(
            windows=windows[profile.pk],
            exceptions=exceptions[profile.pk],
            first_day=first,
            last_day=today - timedelta(days=1),
            minutes=profile.session_minutes,
        )
        profile.utilisation = (
            round(100 * profile.held / profile.offered) if profile.offered else None
        )


def waiting_engagements(viewer: Individual) -> QuerySet[Engagement]:
    """People who asked for coaching and have no coach yet (choosing, or waiting for the
    coach's answer), the longest waiting first."""
    return (
        Engagement.objects.for_employer(viewer.employer_id)
        .filter(status__in=[Engagement.Status.REQUESTED, Engagement.Status.CHEMISTRY])
        .select_related("coachee", "coach", "enrollment__offering")
        # A correlated count: evaluated for the page's rows only, and no GROUP BY.
        .annotate(
            declined=Coalesce(
                Subquery(
                    CoachDecline.objects.filter(engagement_id=OuterRef("pk"))
                    .order_by()
                    .values("engagement_id")
                    .annotate(n=Count("*"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .order_by("created_at", "pk")
    )


def waiting_enrollments(viewer: Individual) -> QuerySet[Enrollment]:
    """Enrolled in a coaching programme and not started the intake yet."""
    return enrollments_awaiting_handoff(viewer=viewer, kind="coaching").exclude(
        coaching_engagements__status__in=Engagement.LIVE
    )


def engagements_for_hr(*, viewer: Individual, status: str = "") -> QuerySet[Engagement]:
    qs = Engagement.objects.for_employer(viewer.employer_id)
    if status:
        qs = qs.filter(status=status)
    return (
        with_tally(qs)
        .select_related("coachee", "coach", "enrollment__offering")
        .order_by("-created_at", "-pk")
    )


def engagement_counts(viewer: Individual) -> dict[str, int]:
    rows = dict(
        Engagement.objects.for_employer(viewer.employer_id)
        .order_by()
        .values_list("status")
        .annotate(n=Count("*"))  # COUNT(*): the (employer, status, …) index alone answers
        .values_list("status", "n")
    )
    return {value: rows.get(value, 0) for value in Engagement.Status.values}


@dataclass
class FeedbackRow:
    name: str
    people: int
    average: float | None = None
    recommend: int | None = None

    @property
    def shown(self) -> bool:
        return self.people >= MIN_GROUP


def feedback_summary(viewer: Individual) -> dict[str, list[FeedbackRow]]:
    """Ratings per coach and per programme, only where at least MIN_GROUP people answered:
    the number who answered, the average rating and the share who would recommend."""
    ratings = SessionFeedback.objects.for_employer(viewer.employer_id)
    reviews = FinalReview.objects.for_employer(viewer.employer_id)

    def rows(rating_field: str, review_field: str, name_of) -> list[FeedbackRow]:
        rated = {
            r[rating_field]: r
            for r in ratings.values(rating_field).annotate(
                people=Count("coachee", distinct=True), average=Avg("rating")
            )
        }
        reviewed = {
            r[review_field]: r
            for r in reviews.values(review_field).annotate(
                n=Count("pk"), yes=Count("pk", filter=Q(would_recommend=True))
            )
        }
        out = []
        for key, name in name_of(set(rated) | set(reviewed)).items():
            r, v = rated.get(key, {}), reviewed.get(key, {})
            row = FeedbackRow(name=name, people=r.get("people", 0))
            if row.shown:
                row.average = round(r["average"], 1)
                if v.get("n", 0) >= MIN_GROUP:
                    row.recommend = round(100 * v["yes"] / v["n"])
            out.append(row)
        return sorted(out, key=lambda row: row.name)

    def coach_names(ids):
        return {p.pk: p.full_name for p in Individual.objects.filter(pk__in=ids)}

    def programme_names(ids):
        from programs.models import Offering

        names = {o.pk: o.title for o in Offering.objects.filter(pk__in=ids - {None})}
        if None in ids:
            names[None] = "Asked directly (no programme)"
        return names

    return {
        "coaches": rows("coach", "engagement__coach", coach_names),
        "programmes": rows(
            "engagement__enrollment__offering", "engagement__enrollment__offering", programme_names
        ),
    }


def coach_invitations(viewer: Individual, *, state: str = "pending") -> QuerySet[Invitation]:
    """Invitations of the employer's coaches (people's own list shows employees only)."""
    qs = (
        Invitation.objects.for_employer(viewer.employer_id)
        .filter(individual__coach_profile__isnull=False)
        .select_related("individual", "individual__coach_profile", "invited_by")
    )
    if state == "pending":
        qs = qs.pending()
    return qs.order_by("-created_at", "-pk")


def declines_of(engagement: Engagement) -> list[CoachDecline]:
    return list(engagement.declines.select_related("coach"))


# --- home card ---------------------------------------------------------------------------


def home_summary(viewer: Individual) -> dict:
    """What needs the viewer today, a query or two per role."""
    from .permissions import coach_profile_of

    now = timezone.now()
    tz = viewer.tzinfo
    today_end = at_local(timezone.localdate(timezone=tz) + timedelta(days=1), time(0, 0), tz)
    data: dict = {}
    if viewer.kind != Individual.Kind.EXTERNAL:
        data["engagement"] = (
            Engagement.objects.live().filter(coachee=viewer).select_related("coach").first()
        )
        if data["engagement"]:
            data["next_session"] = (
                Session.objects.filter(
                    coachee=viewer, status=Session.Status.BOOKED, ends_at__gte=now
                )
                .select_related("coach")
                .order_by("starts_at")
                .first()
            )
    if coach_profile_of(viewer) is not None:
        counts = Engagement.objects.filter(coach=viewer).aggregate(
            requests=Count("pk", filter=Q(status=Engagement.Status.REQUESTED)),
            coachees=Count("pk", filter=Q(status__in=Engagement.UNDER_WAY)),
        )
        data.update(counts)
        data["today"] = list(
            Session.objects.filter(
                coach=viewer,
                status=Session.Status.BOOKED,
                starts_at__gte=now,
                starts_at__lt=today_end,
            )
            .select_related("coachee")
            .order_by("starts_at")[:5]
        )
        data["is_coach"] = True
    if viewer.is_hr_admin:
        data["waiting"] = (
            waiting_engagements(viewer).filter(coach__isnull=True).count()
            + waiting_enrollments(viewer).count()
        )
    return data
