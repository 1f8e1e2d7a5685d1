"""The project's own system checks (`manage.py check`, `check --deploy`)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs) -> list[Warning]:
    """E-mail links are built on SITE_URL: in production it must be an https address that
    this deployment answers to."""
    parts = urlsplit(settings.SITE_URL)
    problems = []
    if parts.scheme != "https":
        problems.append(
            Warning(
                f"SITE_URL ({settings.SITE_URL}) is not an https address.",
                hint="Set SITE_URL to the public https address, e.g. https://careers.example.com.",
                id="careersupport.W001",
            )
        )
    hosts = settings.ALLOWED_HOSTS
    if (
        parts.hostname
        and "*" not in hosts
        and not any(
            parts.hostname == h or (h.startswith(".") and parts.hostname.endswith(h)) for h in hosts
        )
    ):
        problems.append(
            Warning(
                f"SITE_URL's host {parts.hostname} is not in ALLOWED_HOSTS: its links would be "
                "refused.",
                hint="Add it to ALLOWED_HOSTS, or correct SITE_URL.",
                id="careersupport.W002",
            )
        )
    return problems
