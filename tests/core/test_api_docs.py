"""The API documentation: Swagger UI from the bundled npm files, schema and docs for signed-in users only."""

import datetime as dt
import re
from urllib.parse import urlsplit

from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from tests import factories

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


def test_schema_and_docs_need_login(city):
    anonymous = Client()
    assert anonymous.get("/api/schema/").status_code in (401, 403)
    docs = anonymous.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/org/login/")


def test_docs_page_loads_only_files_of_this_server(client, city):
    client.force_login(factories.user(city["yantian"]))
    html = client.get("/api/docs/").content.decode()

    assets = ASSET.findall(html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        parts = urlsplit(asset)
        assert not parts.scheme and not parts.netloc, asset
        if parts.path.startswith("/static/"):
            assert finders.find(parts.path.removeprefix("/static/")), asset
    assert not re.search(r"https?://", html)


def test_schema_is_served_to_token_holders(city):
    from zhifa.org.models import ApiToken

    _, key = ApiToken.issue(user=factories.user(city["yantian"]), name="文档", expires_at=timezone.now() + dt.timedelta(days=30))
    response = Client().get("/api/schema/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert b"openapi" in response.content
