"""Workbench figures are counted once per statement and period: users of one scope share the count,
a change shows within ``ZHIFA_FIGURE_SECONDS``, and another scope is never given this one's number."""

from tests import factories
from zhifa.core import recent_counts
from zhifa.core.workbench_figures import recent_count
from zhifa.org.models import Unit


def test_a_count_is_kept_for_the_period_and_taken_again_after_it(db, settings, django_assert_num_queries):
    futian = factories.shenzhen_regions()["futian"]
    factories.unit("福田区市场监督管理局", futian)
    units = Unit.objects.filter(name__contains="福田")

    with django_assert_num_queries(1):
        assert recent_count(units) == 1
    factories.unit("福田区城市管理和综合执法局", futian)
    with django_assert_num_queries(0):
        assert recent_count(units.all()) == 1  # the same statement, within the period

    settings.ZHIFA_FIGURE_SECONDS = 0
    with django_assert_num_queries(1):
        assert recent_count(units) == 2


def test_each_statement_has_its_own_count(db):
    regions = factories.shenzhen_regions()
    factories.unit("福田区市场监督管理局", regions["futian"])
    factories.unit("盐田区市场监督管理局", regions["yantian"])
    factories.unit("盐田区城市管理和综合执法局", regions["yantian"])

    assert recent_count(Unit.objects.filter(region=regions["futian"])) == 1
    assert recent_count(Unit.objects.filter(region=regions["yantian"])) == 2


def test_forget_drops_the_kept_counts(db, django_assert_num_queries):
    factories.unit("福田区市场监督管理局", factories.shenzhen_regions()["futian"])
    recent_count(Unit.objects.all())
    recent_counts.forget()
    with django_assert_num_queries(1):
        recent_count(Unit.objects.all())


def test_a_scope_that_can_hold_nothing_counts_nothing(db, django_assert_num_queries):
    factories.unit("福田区市场监督管理局", factories.shenzhen_regions()["futian"])
    with django_assert_num_queries(0):
        assert recent_count(Unit.objects.none()) == 0
