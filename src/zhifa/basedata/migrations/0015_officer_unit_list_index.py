"""The officer list's index per unit carries the status, so that a rare status of the filter is answered from
the index instead of the unit's rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("basedata", "0014_officer_search_grams")]

    operations = [
        migrations.RemoveIndex(model_name="officer", name="basedata_officer_unit_number"),
        migrations.AddIndex(
            model_name="officer",
            index=models.Index(
                fields=["unit", "certificate_number", "id", "status"], name="basedata_officer_unit_list"
            ),
        ),
    ]
