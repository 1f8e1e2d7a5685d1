"""One progress rule (issue 11): with milestones, a goal's progress is the share of them done,
and each check-in records that share as it was when it was recorded; without milestones, the
latest check-in sets it. `start_progress` keeps the owner's starting figure for the chart.

Existing rows are brought under the rule. Every value changed is kept in an audit row
(`*.progress_normalised`, with the value it replaced), which the reverse puts back.
"""

from django.core import validators
from django.db import migrations, models

VERB_CHECKIN = "checkin.progress_normalised"
VERB_GOAL = "goal.progress_normalised"
BATCH = 1000


def _share(done, total):
    # As models.milestone_share: the formula as it was when this migration was written.
    return round(100 * done / total) if total else 0


def _audit(AuditEvent, employer_id, target_type, target_id, verb, was, now):
    return AuditEvent(
        employer_id=employer_id,
        actor=None,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        data={"was": was, "now": now},
    )


def normalise(apps, schema_editor):
    Goal = apps.get_model("goals", "Goal")
    CheckIn = apps.get_model("goals", "CheckIn")
    AuditEvent = apps.get_model("people", "AuditEvent")
    goals = Goal.objects.order_by("pk").prefetch_related("milestones", "checkins")
    changed_goals, changed_checkins, events = [], [], []

    def flush():
        Goal.objects.bulk_update(changed_goals, ["progress", "start_progress"])
        CheckIn.objects.bulk_update(changed_checkins, ["progress"])
        AuditEvent.objects.bulk_create(events)
        changed_goals.clear(), changed_checkins.clear(), events.clear()

    for goal in goals.iterator(chunk_size=BATCH):
        milestones = list(goal.milestones.all())
        checkins = sorted(goal.checkins.all(), key=lambda c: (c.created_at, c.pk))
        for checkin in checkins:
            # The milestones the goal had when the check-in was recorded, and those done then.
            then = [m for m in milestones if m.created_at <= checkin.created_at]
            if not then:
                continue  # no milestones then: the owner's figure was the rule
            done = sum(1 for m in then if m.done and m.done_at and m.done_at <= checkin.created_at)
            value = _share(done, len(then))
            if value != checkin.progress:
                events.append(
                    _audit(
                        AuditEvent,
                        goal.employer_id,
                        "checkin",
                        checkin.pk,
                        VERB_CHECKIN,
                        checkin.progress,
                        value,
                    )
                )
                checkin.progress = value
                changed_checkins.append(checkin)
        if milestones:
            value = _share(sum(1 for m in milestones if m.done), len(milestones))
        elif checkins:
            value = checkins[-1].progress
        else:
            value = goal.progress
        start = goal.progress if not (milestones or checkins) else 0
        if (value, start) != (goal.progress, goal.start_progress):
            if value != goal.progress:
                events.append(
                    _audit(
                        AuditEvent,
                        goal.employer_id,
                        "goal",
                        goal.pk,
                        VERB_GOAL,
                        goal.progress,
                        value,
                    )
                )
            goal.progress, goal.start_progress = value, start
            changed_goals.append(goal)
        if len(changed_checkins) + len(changed_goals) >= BATCH:
            flush()
    flush()


def restore(apps, schema_editor):
    Goal = apps.get_model("goals", "Goal")
    CheckIn = apps.get_model("goals", "CheckIn")
    AuditEvent = apps.get_model("people", "AuditEvent")
    for verb, model in ((VERB_CHECKIN, CheckIn), (VERB_GOAL, Goal)):
        events = AuditEvent.objects.filter(verb=verb)
        for event in events.iterator(chunk_size=BATCH):
            model.objects.filter(pk=event.target_id).update(progress=event.data["was"])
        events.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0002_rollup_attention_index"),
        ("people", "0004_individual_departed_index"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="checkin",
            options={"ordering": ["-created_at", "-id"]},
        ),
        migrations.AddField(
            model_name="goal",
            name="start_progress",
            field=models.PositiveSmallIntegerField(
                default=0,
                validators=[
                    validators.MinValueValidator(0, "Progress must be between 0 and 100."),
                    validators.MaxValueValidator(100, "Progress must be between 0 and 100."),
                ],
            ),
        ),
        migrations.AddConstraint(
            model_name="goal",
            constraint=models.CheckConstraint(
                condition=models.Q(("start_progress__gte", 0), ("start_progress__lte", 100)),
                name="goal_start_progress_percent",
            ),
        ),
        migrations.RunPython(normalise, restore, elidable=False),
    ]
