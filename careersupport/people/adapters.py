"""django-allauth hooks: sign-up happens only through a pending invitation."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Invitation
from .services import invitation_accept

SESSION_KEY = "invitation_key"


def invitation_from_session(request) -> Invitation | None:
    key = request.session.get(SESSION_KEY) if request is not None else None
    if not key:
        return None
    return Invitation.objects.pending().select_related("individual").filter(key=key).first()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return invitation_from_session(request) is not None

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        invitation = invitation_from_session(self.request)
        if invitation is not None and email.lower() != invitation.email.lower():
            raise ValidationError(
                f"This invitation is for {invitation.email}. Sign up with that address."
            )
        return email

    def save_user(self, request, user, form, commit=True):
        invitation = invitation_from_session(request)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=True)
            if invitation is not None:
                invitation_accept(invitation=invitation, user=user)
        request.session.pop(SESSION_KEY, None)
        return user
