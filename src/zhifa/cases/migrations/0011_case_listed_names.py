"""The names the case list shows (parties, 主办 officers) kept on the case, filled for the existing cases
(see zhifa.cases.listed_names). SQLite adds a column with a default by rebuilding the table, which drops the
triggers of its gram side index: they are written again (with the unit tokens of 0010) and the index refilled."""

from django.db import migrations, models

from zhifa.cases.listed_names import listed_names_values
from zhifa.core.search_grams_sqlite import create_sqlite_unit_gram_index


def fill(apps, schema_editor):
    """One ``UPDATE`` computing every case's names from its parties and officers."""
    case_model = apps.get_model("cases", "Case")
    case_model.objects.using(schema_editor.connection.alias).update(
        **listed_names_values(apps.get_model("cases", "CaseParty"), apps.get_model("cases", "CaseOfficer"))
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0010_case_sqlite_unit_grams")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="party_names",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="当事人"),
        ),
        migrations.AddField(
            model_name="case",
            name="lead_names",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="主办人员"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        create_sqlite_unit_gram_index("cases_case", "unit_id", ("search_text",)),
    ]
