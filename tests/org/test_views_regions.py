"""Region screens and API: read-only reference data visible to anyone holding the permission."""

import itertools

from tests import factories
from tests.base import ReadOnlyObjectTests
from zhifa.org.choices import RegionLevel
from zhifa.org.models import Region

_numbers = itertools.count(1)


class TestRegionViews(ReadOnlyObjectTests):
    model = Region
    scoped = False
    key_field = "code"

    def create_data(self, city):
        regions = city["regions"]
        return {"own": [regions["yantian"], regions["shatoujiao"]], "other": [regions["futian"]]}

    def create_rows(self, city, count):
        for _ in range(count):
            factories.region(f"440308{next(_numbers) + 100:03d}", "新设街道", RegionLevel.STREET, city["regions"]["yantian"])


def test_region_screens_offer_no_writes(client, city):
    views = TestRegionViews()
    client.force_login(views.make_tester(city, ("view", "add", "change", "delete")))
    page = client.get(views.url("detail", city["regions"]["yantian"]))
    assert page.context["urls"].get("edit") is None
    assert client.post(views.api_url(), {"code": "440399", "name": "虚构区", "level": "district"}).status_code == 405
    assert not Region.objects.filter(code="440399").exists()
