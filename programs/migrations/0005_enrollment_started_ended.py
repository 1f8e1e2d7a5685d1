from django.db import migrations, models
from django.db.models import F
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    """The best the rows already know: a seat taken when the request was decided or made, a
    completion when the row last changed. Withdrawn rows stay without a start: whether they
    ever held a seat was not recorded."""
    Enrollment = apps.get_model("programs", "Enrollment")
    seated = Enrollment.objects.filter(status__in=["enrolled", "completed"])
    seated.update(started_at=Coalesce(F("decided_at"), F("created_at")))
    Enrollment.objects.filter(status="completed").update(ended_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_session_time_zone_without_choices"),
    ]

    operations = [
        migrations.AddField(
            model_name="enrollment",
            name="ended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="enrollment",
            name="started_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
