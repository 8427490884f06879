"""Officers keep a copy of their user's unit, indexed with the list's order (issue 9)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_user_units(apps, schema_editor):
    schema_editor.execute(
        "UPDATE basedata_officer SET unit_id = (SELECT org_user.unit_id FROM org_user WHERE org_user.id = basedata_officer.user_id)"
    )


class Migration(migrations.Migration):
    dependencies = [("basedata", "0008_object_search_grams"), ("org", "0006_user_search_grams")]

    operations = [
        migrations.AddField(
            model_name="officer",
            name="unit",
            field=models.ForeignKey(
                blank=True, editable=False, help_text="用户的所属单位（自动保持一致）", null=True,
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="org.unit", verbose_name="所属单位",
            ),
        ),
        migrations.RunPython(copy_user_units, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="officer",
            index=models.Index(fields=["unit", "certificate_number", "id"], name="basedata_officer_unit_number"),
        ),
    ]
