"""Fixtures shared by the whole suite: a small Shenzhen with two districts."""

import pytest

pytest.register_assert_rewrite("tests.base", "tests.model_base", "tests.reach", "tests.personal_data")

from django.conf import settings  # noqa: E402

from tests import factories  # noqa: E402  (after the assert-rewrite registration)
from zhifa.core.scoping import DataScope  # noqa: E402

POSTGRES_ONLY_REASON = (
    "需要 PostgreSQL：此测试验证多个数据库连接之间的行锁（SELECT … FOR UPDATE），"
    "SQLite 无法体现；请设置 DATABASE_URL 指向 PostgreSQL 后运行"
)


def pytest_collection_modifyitems(config, items):
    """Skip ``@pytest.mark.postgres_only`` tests on SQLite, with the marker's ``reason`` (row locks by default)."""
    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    for item in items:
        marker = item.get_closest_marker("postgres_only")
        if marker:
            item.add_marker(pytest.mark.skip(reason=marker.kwargs.get("reason", POSTGRES_ONLY_REASON)))


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


@pytest.fixture
def tree(regions):
    """市城管局 → 盐田区城管局 → 海山街道办, each with an editor; reviewers in the city and the district."""
    city_unit = factories.unit("深圳市城市管理和综合执法局", regions["city"], level="city")
    district = factories.unit("盐田区城市管理和综合执法局", regions["yantian"], parent=city_unit)
    street = factories.unit("盐田区海山街道办事处", regions["yantian"], parent=district, level="street")
    editor = factories.role(["basedata.view_discretionstandard", "basedata.change_discretionstandard",
                             "basedata.add_discretionclaim"], DataScope.SUBTREE)
    reviewer = factories.role(["basedata.view_discretionstandard", "basedata.review_discretionstandard",
                               "basedata.change_discretionstandard"], DataScope.SUBTREE)
    return {
        "city": city_unit, "district": district, "street": street,
        "city_reviewer": factories.user(city_unit, roles=[reviewer]),
        "district_author": factories.user(district, roles=[editor]),
        "district_reviewer": factories.user(district, roles=[reviewer]),
        "street_author": factories.user(street, roles=[editor]),
    }


@pytest.fixture
def builtin_roles(db):
    """The built-in roles of the catalogue, synced as ``zhifa sync-roles`` does after a deployment."""
    from zhifa.org.models import Role
    from zhifa.org.roles_catalogue import sync_builtin_roles

    sync_builtin_roles()
    return {role.code: role for role in Role.objects.filter(is_builtin=True)}


@pytest.fixture(autouse=True)
def fresh_user_cache():
    """Each test starts with empty per-process caches (the user cache, the kept counts): rows (and
    their keys) are rolled back between tests, so an entry kept from an earlier test could describe
    another user's data."""
    from zhifa.core import recent_counts, usercache

    usercache.forget()
    recent_counts.forget()
    yield
    usercache.forget()
    recent_counts.forget()
