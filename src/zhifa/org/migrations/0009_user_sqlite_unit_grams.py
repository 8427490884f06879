"""The SQLite side index of the users rebuilt with each gram also prefixed with the user's unit
(see zhifa.core.search_grams_sqlite); nothing on PostgreSQL, which has the unit GIN index of 0008."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("org", "0008_unit_search_grams")]

    operations = [create_sqlite_unit_gram_index("org_user", "unit_id", ("username", "display_name", "phone", "title"))]
