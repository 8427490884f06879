"""GIN index of the searched text's grams prefixed with the row's unit, on PostgreSQL (see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("org", "0007_user_sqlite_grams")]

    operations = [create_unit_gram_index("org_user", "unit_id", ("username", "display_name", "phone", "title"), "org_user_unit_grams")]
