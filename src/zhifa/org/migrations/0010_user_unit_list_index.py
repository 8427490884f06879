"""The user list's index per unit carries the key and the 启用 flag, so that a rare value of the filter is
answered from the index instead of the unit's rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("org", "0009_user_sqlite_unit_grams")]

    operations = [
        migrations.RemoveIndex(model_name="user", name="org_user_unit_username"),
        migrations.AddIndex(
            model_name="user",
            index=models.Index(fields=["unit", "username", "id", "is_active"], name="org_user_unit_list"),
        ),
    ]
