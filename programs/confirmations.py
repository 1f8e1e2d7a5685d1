"""What each destructive step of `programs` says on its confirmation page: the question, the
button, what will happen and whether it can be undone (`careersupport.utils.confirm_page`).

Kept beside the services whose effects they describe, so the words follow the rules."""

from __future__ import annotations

from .models import Enrollment, Offering, Session, SessionRegistration, ShadowBooking


def withdraw_confirmation(enrollment: Enrollment) -> dict:
    offering = enrollment.offering
    group = offering.kind == Offering.Kind.ERG
    consequences = []
    if enrollment.status == Enrollment.Status.ENROLLED:
        waiting = offering.enrollments.filter(status=Enrollment.Status.WAITLISTED).exists()
        consequences.append(
            "You give up your seat: the first person on the waitlist gets it."
            if waiting
            else ("You are no longer a member." if group else "You give up your seat.")
        )
    elif enrollment.status == Enrollment.Status.WAITLISTED:
        consequences.append(
            f"You lose your place on the waitlist (number {enrollment.waitlist_position})."
        )
    elif enrollment.status == Enrollment.Status.REQUESTED:
        consequences.append("Your request to HR is withdrawn.")
    registered = SessionRegistration.objects.filter(
        session__offering=offering, person_id=enrollment.person_id
    ).count()
    if registered:
        consequences.append(
            f"Your registration for {registered} session{'s' if registered != 1 else ''} "
            "and its reminders are cancelled."
        )
    if enrollment.is_lead:
        consequences.append("You no longer lead the group.")
    if offering.enrollment_is_open():
        undo = "You can join again while enrollment is open"
        undo += (
            ", by asking HR again."
            if offering.needs_approval
            else (
                ", at the end of the waitlist if it is full by then." if offering.capacity else "."
            )
        )
    else:
        undo = "Enrollment has closed: you could not join again."
    return {
        "question": f"Leave {offering.title}?" if group else f"Withdraw from {offering.title}?",
        "button": "Leave the group" if group else "Withdraw",
        "keep": "Stay in the group" if group else "Keep my place",
        "consequences": consequences,
        "undo": undo,
    }


def archive_confirmation(offering: Offering) -> dict:
    active = offering.enrollments.filter(status__in=Enrollment.ACTIVE).count()
    consequences = [
        "It leaves the catalog: nobody can enroll or register any more.",
        "The reminders of its sessions are cancelled.",
    ]
    if active:
        consequences.append(
            f"The {active} people in it or waiting keep their place and their history; "
            "they still see it under My programs."
        )
    return {
        "question": f"Archive {offering.title}?",
        "button": "Archive",
        "consequences": consequences,
        "undo": "You can restore it later: it comes back as a draft, with its sessions' "
        "reminders, for you to publish again.",
    }


def session_delete_confirmation(session: Session) -> dict:
    registered = session.registrations.count()
    consequences = ["The session disappears from the event's page and from calendar feeds."]
    if registered:
        consequences.append(
            "Who registered cannot be listed here"
            if session.offering.is_confidential
            else f"{registered} {'person is' if registered == 1 else 'people are'} registered: "
            "their registration and its reminders are cancelled."
        )
    return {
        "question": f"Remove the session “{session.title}”?",
        "button": "Remove the session",
        "consequences": consequences,
        "undo": "This cannot be undone: to hold it after all, add the session again "
        "(people then register again).",
    }


def unregister_confirmation(session: Session) -> dict:
    return {
        "question": f"Unregister from “{session.title}”?",
        "button": "Unregister",
        "keep": "Stay registered",
        "consequences": ["Its reminders are cancelled and it leaves your calendar feed."],
        "undo": "You can register again until the session starts.",
    }


def booking_cancel_confirmation(booking: ShadowBooking) -> dict:
    host = booking.slot.host.full_name
    return {
        "question": f"Cancel shadowing {host}?",
        "button": "Cancel the booking",
        "keep": "Keep the booking",
        "consequences": [f"{host} is told the slot is free again."],
        "undo": "You can book the slot again while nobody else has taken it.",
    }


def booking_decline_confirmation(booking: ShadowBooking) -> dict:
    name = booking.participant.full_name
    return {
        "question": f"Decline {name}'s request to shadow you?",
        "button": "Decline",
        "keep": "Decide later",
        "consequences": [f"{name} is told, and the slot is free for someone else to book."],
        "undo": "A declined request cannot be accepted later; they can book another slot.",
    }


def feed_revoke_confirmation() -> dict:
    return {
        "question": "Revoke your calendar address?",
        "button": "Revoke and make a new address",
        "consequences": [
            "Calendars subscribed to the current address stop receiving your sessions.",
            "You get a new address to subscribe to instead.",
        ],
        "undo": "The old address cannot be brought back.",
    }
