"""Mail errors in words HR can act on. The stored error (`"SMTPRecipientsRefused: {...}"`)
stays available as the detail; pages lead with the short reason."""

from __future__ import annotations

# Exception class names (as stored, before the first colon) and what they mean for HR.
_REASONS = {
    "SMTPRecipientsRefused": "The mail server refused the recipient's address: check it.",
    "SMTPSenderRefused": "The mail server refused the sender address (DEFAULT_FROM_EMAIL).",
    "SMTPAuthenticationError": "The mail server refused our sign-in: check EMAIL_URL.",
    "SMTPDataError": "The mail server rejected the message.",
    "SMTPServerDisconnected": "The mail server closed the connection.",
    "SMTPConnectError": "The mail server could not be reached.",
    "ConnectionRefusedError": "The mail server could not be reached.",
    "TimeoutError": "The mail server did not answer in time.",
    "timeout": "The mail server did not answer in time.",
    "gaierror": "The mail server's name could not be found: check EMAIL_URL.",
    "OSError": "The mail server could not be reached.",
}


def mail_error_summary(error: str) -> str:
    """A one-line reason for a stored delivery error; '' when there is none."""
    if not error:
        return ""
    name = error.split(":", 1)[0].strip()
    return _REASONS.get(name, "The e-mail could not be sent.")
