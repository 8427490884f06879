"""GIN gram index for the inspection-object name search on PostgreSQL (see zhifa.core.search_grams)."""

from django.db import migrations

from zhifa.core.search_grams import create_gram_index


class Migration(migrations.Migration):
    dependencies = [("basedata", "0007_merge_indexes_and_law_validity"), ("core", "0006_search_gram_functions")]

    operations = [
        create_gram_index(
            "basedata_inspectedobject",
            ("name", "credit_code", "pinyin_initials", "legal_representative"),
            "basedata_object_grams",
        ),
    ]
