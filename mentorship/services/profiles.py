"""Topics, programme settings, mentor profiles and what mentees look for."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from careersupport.goals.models import Goal
from careersupport.people.models import Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit
from programs.models import Enrollment, Offering
from programs.services.enrollment import enrollment_set_handoff

from ..models import MenteeNeeds, MentorProfile, Programme, Topic, codes_to_field

# --- topics (HR) -------------------------------------------------------------------------------


@transaction.atomic
def topic_save(
    *,
    actor: Individual,
    name: str,
    goal_categories: list[str] | None = None,
    archived: bool = False,
    topic: Topic | None = None,
) -> Topic:
    require_hr(actor, actor.employer_id)
    if topic is not None and topic.employer_id != actor.employer_id:
        raise PermissionDenied
    name = name.strip()
    clash = Topic.objects.for_employer(actor.employer).filter(name__iexact=name)
    if topic is not None:
        clash = clash.exclude(pk=topic.pk)
    if clash.exists():
        raise ValidationError({"name": f"There is already a topic called “{name}”."})
    topic = topic or Topic(employer_id=actor.employer_id)
    topic.name = name
    topic.goal_categories = codes_to_field(goal_categories or [])
    topic.archived = archived
    topic.full_clean()
    topic.save()
    audit(employer=actor.employer, actor=actor, verb="mentorship.topic_saved", target=topic)
    return topic


# --- programme settings (HR) ------------------------------------------------------------------


def programme_ensure(*, offering: Offering) -> Programme:
    """The settings row of a mentorship offering, made with the defaults the first time."""
    if offering.kind != Offering.Kind.MENTORSHIP:
        raise ValidationError("Only a mentorship offering is a mentorship programme.")
    try:
        programme = offering.mentorship_programme
    except Programme.DoesNotExist:
        programme = None
    if programme is not None:
        return programme
    programme, _ = Programme.objects.get_or_create(
        offering=offering,
        defaults={"employer_id": offering.employer_id, "allows_partners": offering.for_partners},
    )
    programme.offering = offering
    return programme


SETTINGS_FIELDS = (*Programme.WEIGHT_FIELDS, "allows_partners", "default_cadence", "default_weeks")


@transaction.atomic
def programme_update(*, programme: Programme, actor: Individual, **changes) -> Programme:
    require_hr(actor, programme.employer_id)
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not programme settings: {sorted(unknown)}")
    programme = (
        Programme.objects.select_for_update().select_related("offering").get(pk=programme.pk)
    )
    for name, value in changes.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    audit(
        employer=actor.employer,
        actor=actor,
        verb="mentorship.programme_updated",
        target=programme,
        **{k: str(v) for k, v in changes.items()},
    )
    return programme


# --- mentor profiles ---------------------------------------------------------------------------


@transaction.atomic
def mentor_profile_save(
    *,
    person: Individual,
    actor: Individual,
    topics: list[Topic],
    years_experience: int,
    languages: list[str],
    capacity: int,
    open_to_partners: bool,
    bio: str = "",
) -> MentorProfile:
    """Volunteer as a mentor, or change one's profile. Capacity may go below the mentees one
    already has: nobody is dropped, there are simply no new ones until a place frees up."""
    if actor.pk != person.pk:
        raise PermissionDenied("People edit their own mentor profile.")
    if not person.is_employee:
        raise ValidationError("Only employees can volunteer as mentors.")
    if any(t.employer_id != person.employer_id or t.archived for t in topics):
        raise ValidationError({"topics": "Choose topics from your employer's list."})
    profile = MentorProfile.objects.select_for_update().filter(person=person).first()
    created = profile is None
    profile = profile or MentorProfile(person=person, employer_id=person.employer_id)
    profile.years_experience = years_experience
    profile.languages = codes_to_field(languages)
    profile.capacity = capacity
    profile.open_to_partners = open_to_partners
    profile.bio = bio.strip()
    profile.full_clean()
    profile.save()
    profile.topics.set(topics)
    audit(
        employer=person.employer,
        actor=actor,
        verb="mentorship.mentor_volunteered" if created else "mentorship.mentor_updated",
        target=profile,
    )
    return profile


@transaction.atomic
def mentor_set_paused(*, profile: MentorProfile, actor: Individual, paused: bool) -> MentorProfile:
    if actor.pk != profile.person_id:
        raise PermissionDenied("People pause or resume their own mentoring.")
    profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
    profile.paused = paused
    profile.save(update_fields=["paused", "updated_at"])
    audit(
        employer=actor.employer,
        actor=actor,
        verb="mentorship.mentor_paused" if paused else "mentorship.mentor_resumed",
        target=profile,
    )
    return profile


# --- mentees -----------------------------------------------------------------------------------


def waiting_enrollment(programme: Programme, person: Individual) -> Enrollment | None:
    """The person's place in the programme, while they wait to be matched."""
    return (
        Enrollment.objects.filter(
            offering_id=programme.offering_id,
            person=person,
            status=Enrollment.Status.ENROLLED,
            handoff_status=Enrollment.Handoff.WAITING,
        )
        .select_related("offering")
        .first()
    )


def require_mentee(programme: Programme, person: Individual) -> Enrollment:
    enrollment = waiting_enrollment(programme, person)
    if enrollment is None:
        raise ValidationError(
            f"You are not waiting to be matched in {programme.offering.title}: enroll in it "
            "from the programs catalog first."
        )
    if person.is_partner and not programme.allows_partners:
        raise ValidationError("This programme is not open to partners.")
    return enrollment


@transaction.atomic
def needs_save(
    *,
    programme: Programme,
    person: Individual,
    actor: Individual,
    topics: list[Topic],
    goals: list[Goal],
    language: str = "",
    department_preference: str = "any",
    max_tz_difference: int | None = None,
    years_experience: int | None = None,
    note: str = "",
) -> MenteeNeeds:
    """What the mentee looks for; the hand-off on My programs now leads to their page here."""
    if actor.pk != person.pk:
        raise PermissionDenied("People say for themselves what they look for.")
    enrollment = require_mentee(programme, person)
    if any(g.owner_id != person.pk or g.status == Goal.Status.DRAFT for g in goals):
        raise ValidationError({"goals": "Link your own goals (not drafts)."})
    if any(t.employer_id != person.employer_id or t.archived for t in topics):
        raise ValidationError({"topics": "Choose topics from your employer's list."})
    needs = (
        MenteeNeeds.objects.select_for_update().filter(programme=programme, person=person).first()
    )
    needs = needs or MenteeNeeds(programme=programme, person=person, employer_id=person.employer_id)
    needs.language = language
    needs.department_preference = department_preference
    needs.max_tz_difference = max_tz_difference
    needs.years_experience = years_experience
    needs.note = note.strip()
    needs.full_clean()
    needs.save()
    needs.topics.set(topics)
    needs.goals.set(goals)
    url = reverse("mentorship:find") + f"?programme={programme.offering_id}"
    if enrollment.handoff_url != url:
        enrollment_set_handoff(
            enrollment=enrollment, actor=actor, status=Enrollment.Handoff.WAITING, url=url
        )
    audit(employer=person.employer, actor=actor, verb="mentorship.needs_saved", target=needs)
    return needs
