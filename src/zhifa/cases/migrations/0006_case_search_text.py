"""The case's search text (number, cause, parties' names and codes), filled for the existing cases, and its
GIN gram index on PostgreSQL (see zhifa.cases.search_text and zhifa.core.search_grams)."""

from django.db import migrations, models

from zhifa.cases.search_text import search_text_expression
from zhifa.core.search_grams import create_gram_index


def fill(apps, schema_editor):
    """One ``UPDATE`` computing every case's text from its row and its parties."""
    case_model = apps.get_model("cases", "Case")
    case_model.objects.using(schema_editor.connection.alias).update(
        search_text=search_text_expression(apps.get_model("cases", "CaseParty"))
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_decision_no_penalty_ground"), ("core", "0006_search_gram_functions")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="检索文本"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
        create_gram_index("cases_case", ("search_text",), "cases_case_grams"),
    ]
