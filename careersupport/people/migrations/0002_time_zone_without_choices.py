"""Time zones out of the migrations: the field loses its `choices` (the host's tz database
had been frozen into 0001) and gains a validator; stored zones that do not load everywhere
(Debian's `localtime`, `Factory`, a name from another tz release) become UTC."""

from django.db import migrations, models

import careersupport.people.timezones


def invalid_zones_to_utc(apps, schema_editor):
    from careersupport.people.timezones import ZONES

    Individual = apps.get_model("people", "Individual")
    Individual.objects.exclude(time_zone__in=ZONES).update(time_zone="UTC")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="individual",
            name="time_zone",
            field=models.CharField(
                default="UTC",
                max_length=64,
                validators=[careersupport.people.timezones.validate_time_zone],
            ),
        ),
        # Reversing keeps UTC: the zones it replaced did not load on every host.
        migrations.RunPython(invalid_zones_to_utc, migrations.RunPython.noop, elidable=True),
    ]
