"""Every URL pattern of the project requires sign-in, except a short allow-list.

The test walks the whole URL configuration (ours, allauth's, the admin's), fills each
pattern's parameters with sample values and asks as an anonymous visitor: the answer must
be the sign-in page (the admin's own, for the admin). A new public page fails here until it
is added to PUBLIC, with the reason it needs no account.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    # signing in (the admin's sign-out answers anyone: it only ends a session)
    "account_login",
    "admin:login",
    "admin:logout",
    # sign-up, by invitation only
    "account_signup",
    "people:invitation-accept",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    # password reset
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    # the secret calendar feed: its address is the credential
    "programs:calendar-feed",
}
# Not URL patterns, so not here: static files (WhiteNoise's middleware) and /healthz for load
# balancers (careersupport.health's middleware, first of all; tests/test_health.py).


def patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """(name, regex of the whole path) of every pattern, nested includes too."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        regex = prefix + entry.pattern.regex.pattern.lstrip("^")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, regex.rstrip("$").removesuffix(r"\Z"), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield name, regex


SAMPLES = {"int": "1", "str": "sample", "slug": "sample", "path": "sample/x", "uuid": None}
GROUP = re.compile(r"\(\?P<(\w+)>(.*?)\)(?=[/.\-$\\]|\Z|$)")


def sample_path(regex: str) -> str:
    """A concrete path the regex matches: each group gets its first alternative or a
    value of its converter's shape."""

    def value(match: re.Match) -> str:
        body = match.group(2)
        if "|" in body and re.fullmatch(r"[\w|-]+", body):
            return body.split("|")[0]
        # The first sample of a usual shape that the group accepts (a month, a date, ...).
        for candidate in ("1", "sample", "2026-12", "2026-12-01", "a1b2c3d4"):
            if re.fullmatch(body, candidate):
                return candidate
        return "sample"

    path = GROUP.sub(value, regex)
    path = path.replace(r"\Z", "").replace("$", "").replace("^", "").replace("\\", "")
    path = re.sub(r"\(\?:[^)]*\)\??", "", path)
    return "/" + path


def test_the_inventory_sees_every_app():
    names = {name for name, _ in patterns()}
    for expected in ("home", "people:directory", "programs:manage", "team:overview", "admin:index"):
        assert expected in names


@pytest.mark.parametrize(
    ("name", "regex"), [p for p in patterns() if p[0] not in PUBLIC], ids=lambda v: v or "-"
)
def test_every_url_requires_sign_in(client, name, regex):
    path = sample_path(regex)
    response = client.get(path)
    if response.status_code == 405:
        response = client.post(path)
    login = reverse("admin:login") if path.startswith("/admin/") else reverse("account_login")
    assert response.status_code == 302, f"{name} {path}: {response.status_code}"
    assert urlsplit(response["Location"]).path == login, f"{name} {path}"


def test_the_allow_list_names_only_real_pages():
    names = {name for name, _ in patterns()}
    assert not PUBLIC - names


def test_the_health_check_answers_without_sign_in_and_says_nothing_more(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and "sessionid" not in response.cookies
