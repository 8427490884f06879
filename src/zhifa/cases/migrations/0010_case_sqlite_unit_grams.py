"""The SQLite side index of the cases rebuilt with each gram also prefixed with the case's unit
(see zhifa.core.search_grams_sqlite); nothing on PostgreSQL, which has the unit GIN index of 0009."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_unit_search_grams")]

    operations = [create_sqlite_unit_gram_index("cases_case", "unit_id", ("search_text",))]
