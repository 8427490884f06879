"""FTS5 gram side index for the case name search on SQLite (see zhifa.core.search_grams_sqlite);
nothing on PostgreSQL, which has the GIN gram index."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_gram_index


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_case_search_text")]

    operations = [create_sqlite_gram_index("cases_case", ("search_text",))]
