"""The SQLite side index of the inspection objects rebuilt with each gram also prefixed with the object's unit
(see zhifa.core.search_grams_sqlite); nothing on PostgreSQL, which has the unit GIN index of 0012."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_unit_gram_index


class Migration(migrations.Migration):
    dependencies = [("basedata", "0012_unit_search_grams")]

    operations = [
        create_sqlite_unit_gram_index(
            "basedata_inspectedobject", "unit_id", ("name", "credit_code", "pinyin_initials", "legal_representative")
        )
    ]
