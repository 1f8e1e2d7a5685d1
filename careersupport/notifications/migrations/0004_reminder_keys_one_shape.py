"""Reminder keys take one shape, `<kind>:<id>[:<occurrence>]`, with dates as YYYY-MM-DD.

Renamed here, in every state, are the keys the code looks up again (to move, rewrite or
cancel an occurrence, or to leave one already sent alone): without this a pending reminder
would be orphaned and its occurrence published a second time under the new key.

    goals.team_overdue_summary:<manager>:YYYYMMDD    -> goals.team_overdue_summary:<manager>:YYYY-MM-DD
    programs:pending:<hr>:YYYYMMDD                   -> programs.pending_approvals:<hr>:YYYY-MM-DD
    programs:session:<session>:person:<person>:day   -> programs.session_tomorrow:<session>:<person>
    programs:session:<session>:person:<person>:hour  -> programs.session_soon:<session>:<person>
    demo:programs:enrollment:<enrollment>:approved   -> programs.enrollment_approved:<enrollment>:<request>
    requests.waiting:<approver>:YYYYMMDD             -> requests.waiting:<approver>:YYYY-MM-DD
    requests.trial_review:<arr>:<person>:YYYYMMDD[:ahead]
                                                     -> requests.trial_review:<arr>:<person>-YYYY-MM-DD[-ahead]

The news of enrollment decisions and job-shadowing steps was keyed with the time it was
published (`programs:enrollment:…:<timestamp>`, `programs:shadow:…:<timestamp>`); nothing
ever looks those up again, so they keep their keys and cannot collide with the new ones.
"""

import re
from datetime import UTC

from django.db import migrations

BATCH = 2000


def _request(enrollment_created_at) -> str:
    return enrollment_created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _rename(Reminder, kind, prefix, pattern, build):
    matcher = re.compile(pattern)
    rows = Reminder.objects.filter(kind=kind, key__startswith=prefix).only("pk", "key")
    changed = []
    for reminder in rows.iterator(chunk_size=BATCH):
        match = matcher.fullmatch(reminder.key)
        if match is None:
            continue
        new = build(match)
        if new and new != reminder.key:
            reminder.key = new
            changed.append(reminder)
        if len(changed) >= BATCH:
            Reminder.objects.bulk_update(changed, ["key"])
            changed = []
    if changed:
        Reminder.objects.bulk_update(changed, ["key"])


def _dashed(m) -> str:
    return f"{m['y']}-{m['m']}-{m['d']}"


def forward(apps, schema_editor):
    Reminder = apps.get_model("notifications", "Reminder")
    Enrollment = apps.get_model("programs", "Enrollment")
    summary = "goals.team_overdue_summary"
    _rename(
        Reminder,
        summary,
        f"{summary}:",
        rf"{re.escape(summary)}:(?P<id>\d+):(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}})",
        lambda m: f"{summary}:{m['id']}:{_dashed(m)}",
    )
    _rename(
        Reminder,
        "programs.pending_approvals",
        "programs:pending:",
        r"programs:pending:(?P<id>\d+):(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})",
        lambda m: f"programs.pending_approvals:{m['id']}:{_dashed(m)}",
    )
    for kind, when in (("programs.session_tomorrow", "day"), ("programs.session_soon", "hour")):
        _rename(
            Reminder,
            kind,
            "programs:session:",
            rf"programs:session:(?P<session>\d+):person:(?P<person>\d+):{when}",
            lambda m, kind=kind: f"{kind}:{m['session']}:{m['person']}",
        )
    _rename(
        Reminder,
        "requests.waiting",
        "requests.waiting:",
        r"requests\.waiting:(?P<id>\d+):(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})",
        lambda m: f"requests.waiting:{m['id']}:{_dashed(m)}",
    )
    _rename(
        Reminder,
        "requests.trial_review",
        "requests.trial_review:",
        r"requests\.trial_review:(?P<id>\d+):(?P<person>\d+)"
        r":(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?P<ahead>:ahead)?",
        lambda m: (
            f"requests.trial_review:{m['id']}:{m['person']}-{_dashed(m)}"
            + ("-ahead" if m["ahead"] else "")
        ),
    )
    approved, demo = "programs.enrollment_approved", "demo:programs:enrollment:"
    ids = [
        int(key.split(":")[3])
        for key in Reminder.objects.filter(kind=approved, key__startswith=demo).values_list(
            "key", flat=True
        )
        if re.fullmatch(r"demo:programs:enrollment:\d+:approved", key)
    ]
    requested_at = dict(Enrollment.objects.filter(pk__in=ids).values_list("pk", "created_at"))
    _rename(
        Reminder,
        approved,
        demo,
        r"demo:programs:enrollment:(?P<id>\d+):approved",
        lambda m: (
            f"{approved}:{m['id']}:{_request(requested_at[int(m['id'])])}"
            if int(m["id"]) in requested_at
            else None
        ),
    )


def backward(apps, schema_editor):
    Reminder = apps.get_model("notifications", "Reminder")
    summary = "goals.team_overdue_summary"
    _rename(
        Reminder,
        summary,
        f"{summary}:",
        rf"{re.escape(summary)}:(?P<id>\d+):(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})",
        lambda m: f"{summary}:{m['id']}:{m['y']}{m['m']}{m['d']}",
    )
    _rename(
        Reminder,
        "programs.pending_approvals",
        "programs.pending_approvals:",
        r"programs\.pending_approvals:(?P<id>\d+):(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})",
        lambda m: f"programs:pending:{m['id']}:{m['y']}{m['m']}{m['d']}",
    )
    for kind, when in (("programs.session_tomorrow", "day"), ("programs.session_soon", "hour")):
        _rename(
            Reminder,
            kind,
            f"{kind}:",
            rf"{re.escape(kind)}:(?P<session>\d+):(?P<person>\d+)",
            lambda m, when=when: f"programs:session:{m['session']}:person:{m['person']}:{when}",
        )
    _rename(
        Reminder,
        "requests.waiting",
        "requests.waiting:",
        r"requests\.waiting:(?P<id>\d+):(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})",
        lambda m: f"requests.waiting:{m['id']}:{m['y']}{m['m']}{m['d']}",
    )
    _rename(
        Reminder,
        "requests.trial_review",
        "requests.trial_review:",
        r"requests\.trial_review:(?P<id>\d+):(?P<person>\d+)"
        r"-(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?P<ahead>-ahead)?",
        lambda m: (
            f"requests.trial_review:{m['id']}:{m['person']}:{m['y']}{m['m']}{m['d']}"
            + (":ahead" if m["ahead"] else "")
        ),
    )
    # The demo's approved news keeps the new key: the old demo finds it by neither.


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_reminder_confidential"),
        ("programs", "0003_capacity_range"),
    ]

    operations = [migrations.RunPython(forward, backward)]
