"""GIN gram index for the user name search on PostgreSQL (see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_gram_index


class Migration(migrations.Migration):
    dependencies = [("org", "0005_merge_list_indexes"), ("core", "0006_search_gram_functions")]

    operations = [create_gram_index("org_user", ("username", "display_name", "phone", "title"), "org_user_grams")]
