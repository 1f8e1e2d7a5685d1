"""The coach pool: HR invites external coaches and makes employees coaches; a coach keeps
their own profile and availability. The employer's coaching settings."""

from __future__ import annotations

from datetime import date, time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careersupport.people.models import Employer, Individual
from careersupport.people.permissions import require_hr
from careersupport.people.services import audit, external_invite

from ..models import AvailabilityException, AvailabilityWindow, CoachingSettings, CoachProfile

# What a coach edits on their own profile; HR edits these and the provider organisation.
COACH_FIELDS = (
    "bio",
    "specialties",
    "languages",
    "time_zone",
    "capacity",
    "coaches_partners",
    "status",
    "session_minutes",
    "online_url",
    "location",
)
HR_FIELDS = (*COACH_FIELDS, "provider_name")


def coaching_settings(employer: Employer | int) -> CoachingSettings:
    """The employer's settings; the defaults (unsaved) until HR first saves them."""
    employer_id = employer if isinstance(employer, int) else employer.pk
    found = CoachingSettings.objects.for_employer(employer_id).first()
    return found or CoachingSettings(employer_id=employer_id)


@transaction.atomic
def coaching_settings_update(
    *,
    employer: Employer,
    actor: Individual,
    direct_requests: bool,
    notice_hours: int,
    sessions_default: int,
) -> CoachingSettings:
    require_hr(actor, employer)
    current = coaching_settings(employer)
    current.direct_requests = direct_requests
    current.notice_hours = notice_hours
    current.sessions_default = sessions_default
    current.full_clean(validate_unique=False)
    current.save()
    audit(
        employer=employer,
        actor=actor,
        verb="coaching.settings",
        target=current,
        direct_requests=direct_requests,
        notice_hours=notice_hours,
        sessions_default=sessions_default,
    )
    return current


def _new_profile(*, employer: Employer, individual: Individual, **fields) -> CoachProfile:
    profile = CoachProfile(employer=employer, individual=individual, **fields)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def coach_invite(
    *,
    employer: Employer,
    actor: Individual,
    email: str,
    first_name: str,
    last_name: str = "",
    provider_name: str,
    time_zone: str = "",
    **profile_fields,
) -> CoachProfile:
    """HR invites an external coach: an account of their own (people's invitation, e-mailed
    with the sign-up link) and their profile in the pool."""
    require_hr(actor, employer)
    if not provider_name.strip():
        raise ValidationError({"provider_name": "Name the organisation the coach works for."})
    invitation = external_invite(
        employer=employer,
        actor=actor,
        email=email,
        first_name=first_name,
        last_name=last_name,
        job_title="Career coach",
        time_zone=time_zone,
    )
    profile = _new_profile(
        employer=employer,
        individual=invitation.individual,
        provider_name=provider_name.strip(),
        time_zone=invitation.individual.time_zone,
        **profile_fields,
    )
    audit(employer=employer, actor=actor, verb="coach.invited", target=profile)
    return profile


@transaction.atomic
def coach_add(
    *, employer: Employer, actor: Individual, person: Individual, **profile_fields
) -> CoachProfile:
    """HR puts someone already in the directory in the pool: an employee (an internal coach,
    who coaches people outside their own reporting line) or an external account."""
    require_hr(actor, employer)
    if (
        person.employer_id != employer.pk
        or person.kind == Individual.Kind.PARTNER
        or person.deactivated_at is not None
    ):
        raise ValidationError({"email": "Choose an active employee of this employer."})
    if CoachProfile.objects.filter(individual=person).exists():
        raise ValidationError({"email": f"{person.full_name} is already a coach."})
    profile_fields.setdefault("time_zone", person.time_zone)
    profile = _new_profile(employer=employer, individual=person, **profile_fields)
    audit(employer=employer, actor=actor, verb="coach.added", target=profile)
    return profile


@transaction.atomic
def coach_profile_update(*, profile: CoachProfile, actor: Individual, **changes) -> CoachProfile:
    """The coach edits their own profile; HR of the employer edits any (and the provider)."""
    profile = (
        CoachProfile.objects.select_for_update().select_related("individual").get(pk=profile.pk)
    )
    is_self = actor.pk == profile.individual_id
    if not is_self:
        require_hr(actor, profile.employer_id)
    allowed = COACH_FIELDS if is_self else HR_FIELDS
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    before = {name: getattr(profile, name) for name in changes}
    for name, value in changes.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    changed = sorted(name for name in changes if before[name] != getattr(profile, name))
    # The fields that changed, not their values: a bio is the coach's to keep out of logs.
    audit(
        employer=profile.employer,
        actor=actor,
        verb="coach.updated",
        target=profile,
        fields=changed,
    )
    return profile


def _require_own(profile: CoachProfile, actor: Individual) -> None:
    if actor.pk != profile.individual_id:
        raise PermissionDenied("Coaches keep their own availability.")


@transaction.atomic
def window_add(
    *, profile: CoachProfile, actor: Individual, weekday: int, starts_at: time, ends_at: time
) -> AvailabilityWindow:
    _require_own(profile, actor)
    window = AvailabilityWindow(
        coach=profile, weekday=weekday, starts_at=starts_at, ends_at=ends_at
    )
    window.full_clean()
    clash = profile.windows.filter(
        weekday=weekday, starts_at__lt=ends_at, ends_at__gt=starts_at
    ).first()
    if clash:
        raise ValidationError({"starts_at": f"This overlaps your window {clash}."})
    window.save()
    audit(employer=profile.employer, actor=actor, verb="coach.window_added", target=window)
    return window


@transaction.atomic
def window_remove(*, window: AvailabilityWindow, actor: Individual) -> None:
    """Sessions already booked in the window stay booked."""
    _require_own(window.coach, actor)
    audit(employer=window.coach.employer, actor=actor, verb="coach.window_removed", target=window)
    window.delete()


@transaction.atomic
def exception_add(
    *,
    profile: CoachProfile,
    actor: Individual,
    date: date,
    kind: str,
    starts_at: time | None = None,
    ends_at: time | None = None,
    note: str = "",
) -> AvailabilityException:
    _require_own(profile, actor)
    exception = AvailabilityException(
        coach=profile, date=date, kind=kind, starts_at=starts_at, ends_at=ends_at, note=note
    )
    exception.full_clean()
    exception.save()
    audit(employer=profile.employer, actor=actor, verb="coach.exception_added", target=exception)
    return exception


@transaction.atomic
def exception_remove(*, exception: AvailabilityException, actor: Individual) -> None:
    _require_own(exception.coach, actor)
    audit(
        employer=exception.coach.employer,
        actor=actor,
        verb="coach.exception_removed",
        target=exception,
    )
    exception.delete()
