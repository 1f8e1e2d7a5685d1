from django.db import migrations, models


def mark_confidential(apps, schema_editor):
    # Until now only news about a confidential offering was published inbox-only.
    Reminder = apps.get_model("notifications", "Reminder")
    Reminder.objects.filter(send_email=False).update(confidential=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_delivery"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="confidential",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_confidential, migrations.RunPython.noop),
    ]
