"""Gram indexes of the officers' certificate number and issuing authority (see zhifa.core.search_grams):
on PostgreSQL a GIN index of the grams and one of the grams per unit, on SQLite the side index with
the unit tokens (decision 0014). The holder's names are searched through the users' indexes."""

from django.db import migrations

from zhifa.core.search_grams import create_gram_index, create_unit_gram_index
from zhifa.core.search_grams_sqlite import create_sqlite_gram_index, create_sqlite_unit_gram_index

COLUMNS = ("certificate_number", "issuing_authority")


class Migration(migrations.Migration):
    dependencies = [("basedata", "0013_object_sqlite_unit_grams")]

    operations = [
        create_gram_index("basedata_officer", COLUMNS, "basedata_officer_grams"),
        create_unit_gram_index("basedata_officer", "unit_id", COLUMNS, "basedata_officer_unit_grams"),
        create_sqlite_gram_index("basedata_officer", COLUMNS),
        create_sqlite_unit_gram_index("basedata_officer", "unit_id", COLUMNS),
    ]
