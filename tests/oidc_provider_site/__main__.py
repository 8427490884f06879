"""``python -m tests.oidc_provider_site PORT USERNAME PASSWORD REDIRECT_URI CLIENT_ID CLIENT_SECRET``.

Migrates the provider's SQLite file, creates the signing key, one user and one confidential
client, then serves on 127.0.0.1:PORT until killed.
"""

import os
import sys

import django
from django.core.management import call_command


def main(port, username, password, redirect_uri, client_id, client_secret):
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider_site.settings"
    django.setup()
    from django.contrib.auth import get_user_model
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    get_user_model().objects.create_user(username=username, password=password)
    get_user_model().objects.create_user(username="stranger", password=password)
    client = Client.objects.create(
        name="执法通", client_type="confidential", client_id=client_id, client_secret=client_secret,
        redirect_uris=[redirect_uri], jwt_alg="RS256", require_consent=False, reuse_consent=True,
        post_logout_redirect_uris=[redirect_uri.replace("/org/oidc/callback/", "/org/login/")],
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    call_command("runserver", f"127.0.0.1:{port}", "--noreload", verbosity=0)


if __name__ == "__main__":
    main(*sys.argv[1:])
