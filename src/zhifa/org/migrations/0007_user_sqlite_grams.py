"""FTS5 gram side index for the user name search on SQLite (see zhifa.core.search_grams_sqlite);
nothing on PostgreSQL, which has the GIN gram index."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_gram_index


class Migration(migrations.Migration):
    dependencies = [("org", "0006_user_search_grams")]

    operations = [create_sqlite_gram_index("org_user", ("username", "display_name", "phone", "title"))]
