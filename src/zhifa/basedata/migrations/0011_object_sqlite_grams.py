"""FTS5 gram side index for the inspection-object name search on SQLite (see zhifa.core.search_grams_sqlite);
nothing on PostgreSQL, which has the GIN gram index."""

from django.db import migrations

from zhifa.core.search_grams_sqlite import create_sqlite_gram_index


class Migration(migrations.Migration):
    dependencies = [("basedata", "0010_power_basis_roles")]

    operations = [
        create_sqlite_gram_index(
            "basedata_inspectedobject", ("name", "credit_code", "pinyin_initials", "legal_representative")
        )
    ]
