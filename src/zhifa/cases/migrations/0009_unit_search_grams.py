"""GIN index of the searched text's grams prefixed with the row's unit, on PostgreSQL (see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_list_indexes")]

    operations = [create_unit_gram_index("cases_case", "unit_id", ("search_text",), "cases_case_unit_grams")]
