"""Every API token expires: tokens created without an expiry get one, at most a year after creation."""

import datetime as dt

from django.db import migrations, models

MAX_DAYS = 365


def give_every_token_an_expiry(apps, schema_editor):
    ApiToken = apps.get_model("org", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True):
        token.expires_at = token.created_at + dt.timedelta(days=MAX_DAYS)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("org", "0002_user_totp_last_step")]

    operations = [
        migrations.RunPython(give_every_token_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(model_name="apitoken", name="expires_at", field=models.DateTimeField(verbose_name="过期时间")),
    ]
