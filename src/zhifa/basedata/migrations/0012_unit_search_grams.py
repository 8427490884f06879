"""GIN index of the searched text's grams prefixed with the row's unit, on PostgreSQL (see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("basedata", "0011_object_sqlite_grams")]

    operations = [create_unit_gram_index("basedata_inspectedobject", "unit_id", ("name", "credit_code", "pinyin_initials", "legal_representative"), "basedata_object_unit_grams")]
