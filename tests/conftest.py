"""Fixtures shared by the whole suite: a small Shenzhen with two districts."""

import pytest

pytest.register_assert_rewrite("tests.base")

from tests import factories  # noqa: E402  (after the assert-rewrite registration)


@pytest.fixture
def regions(db):
    return factories.shenzhen_regions()


@pytest.fixture
def city(regions):
    """Two districts with one agency each, and a city justice bureau supervising them."""
    yantian_agency = factories.unit("盐田区城市管理和综合执法局", regions["yantian"], number_prefix="深盐城管")
    futian_agency = factories.unit("福田区城市管理和综合执法局", regions["futian"], number_prefix="深福城管")
    bureau = factories.unit(
        "深圳市司法局", regions["city"], kind="supervisory_body", level="city"
    )
    return {"regions": regions, "yantian": yantian_agency, "futian": futian_agency, "bureau": bureau}
