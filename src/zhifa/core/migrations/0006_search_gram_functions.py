"""The SQL functions of the name-search gram indexes (PostgreSQL only; see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_functions


class Migration(migrations.Migration):
    dependencies = [("core", "0005_merge_access_version")]

    operations = [create_functions()]
