"""Numbering (A7): configurable 文号, consecutive, never duplicated, given back on rollback."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError

from tests import factories
from zhifa.core.models import NumberRule, NumberSequence
from zhifa.core.services.numbering import NumberingError, next_number

KIND = "punishment_decision"
PATTERN = "{prefix}罚〔{year}〕第{seq:04d}号"
SPRING = dt.date(2026, 3, 1)


@pytest.fixture
def rule(city):
    return NumberRule.objects.create(unit=city["yantian"], kind=KIND, name="行政处罚决定书", pattern=PATTERN)


def draw(unit, on_date=SPRING, kind=KIND):
    with transaction.atomic():
        return next_number(unit=unit, kind=kind, on_date=on_date)


def test_numbers_follow_the_pattern_one_after_another(city, rule):
    assert [draw(city["yantian"]) for _ in range(3)] == [
        "深盐城管罚〔2026〕第0001号",
        "深盐城管罚〔2026〕第0002号",
        "深盐城管罚〔2026〕第0003号",
    ]


def test_twelfth_number_reads_like_the_spec(city, rule):
    for _ in range(11):
        draw(city["yantian"])
    assert draw(city["yantian"]) == "深盐城管罚〔2026〕第0012号"


def test_counter_restarts_every_year(city, rule):
    draw(city["yantian"], dt.date(2026, 12, 31))
    draw(city["yantian"], dt.date(2026, 12, 31))
    assert draw(city["yantian"], dt.date(2027, 1, 1)) == "深盐城管罚〔2027〕第0001号"
    assert draw(city["yantian"], dt.date(2026, 12, 31)) == "深盐城管罚〔2026〕第0003号"


def test_rule_without_yearly_reset_keeps_counting(city):
    NumberRule.objects.create(
        unit=city["yantian"], kind="case", name="案件编号", pattern="{prefix}案{year}-{seq:05d}", yearly_reset=False
    )
    draw(city["yantian"], dt.date(2026, 12, 31), kind="case")
    assert draw(city["yantian"], dt.date(2027, 1, 1), kind="case") == "深盐城管案2027-00002"
    assert NumberSequence.objects.get().year == 0


def test_rolled_back_transaction_gives_its_number_back(city, rule):
    draw(city["yantian"])
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            assert next_number(unit=city["yantian"], kind=KIND, on_date=SPRING) == "深盐城管罚〔2026〕第0002号"
            raise RuntimeError("保存文书失败")
    assert draw(city["yantian"]) == "深盐城管罚〔2026〕第0002号"


def test_units_count_separately(city, rule):
    NumberRule.objects.create(unit=city["futian"], kind=KIND, name="行政处罚决定书", pattern=PATTERN)
    draw(city["yantian"])
    assert draw(city["futian"]) == "深福城管罚〔2026〕第0001号"
    assert draw(city["yantian"]) == "深盐城管罚〔2026〕第0002号"


def test_department_draws_from_its_agency_rule(city, rule):
    squad = factories.unit("盐田执法一中队", city["regions"]["yantian"], kind="department", parent=city["yantian"])
    draw(city["yantian"])
    assert draw(squad) == "深盐城管罚〔2026〕第0002号"


def test_missing_rule_is_explained_in_chinese(city, rule):
    with pytest.raises(NumberingError) as caught:
        draw(city["futian"])
    assert str(caught.value) == (
        "单位“福田区城市管理和综合执法局”及其上级单位都没有设置编号类别“punishment_decision”的编号规则，"
        "请先在“编号规则”中配置"
    )
    assert not NumberSequence.objects.exists()


def test_prefix_placeholder_needs_the_unit_prefix(city):
    NumberRule.objects.create(unit=city["bureau"], kind=KIND, name="决定书", pattern=PATTERN)
    with pytest.raises(NumberingError, match="单位“深圳市司法局”没有设置文号代字"):
        draw(city["bureau"])


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("{prefix}罚〔{year}〕第{number}号", "编号格式含有未知占位符 {number}，可用的占位符：{prefix}、{year}、{seq}"),
        ("{prefix}罚〔{year}〕", "编号格式必须包含序号占位符 {seq}，例如 第{seq:04d}号"),
        ("{prefix}罚〔{year}〕第{seq:04d号", "编号格式“{prefix}罚〔{year}〕第{seq:04d号”有误：花括号不成对"),
    ],
)
def test_bad_pattern_is_rejected_with_the_reason(city, pattern, message):
    candidate = NumberRule(unit=city["yantian"], kind=KIND, name="决定书", pattern=pattern)
    with pytest.raises(ValidationError) as caught:
        candidate.full_clean()
    assert caught.value.message_dict["pattern"][0].startswith(message)


@pytest.mark.django_db(transaction=True)
def test_drawing_outside_a_transaction_is_refused(city, rule):
    with pytest.raises(TransactionManagementError, match="必须在保存编号所属记录的事务中调用"):
        next_number(unit=city["yantian"], kind=KIND, on_date=SPRING)
    assert not NumberSequence.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_hundred_concurrent_draws_are_distinct_and_consecutive(city, rule):
    """20 threads, each on its own connection, draw 10 numbers each, starting at the same moment
    before the counter row exists (so its creation races too)."""
    from django.db import connections

    numbers, failures = [], []
    guard = threading.Lock()
    start = threading.Barrier(20)

    def worker():
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    number = next_number(unit=city["yantian"], kind=KIND, on_date=SPRING)
                with guard:
                    numbers.append(number)
        except Exception as exc:  # collected and asserted below: a thread's exception would vanish
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert sorted(numbers) == [f"深盐城管罚〔2026〕第{seq:04d}号" for seq in range(1, 201)]
    assert NumberSequence.objects.get(rule=rule).last_value == 200
    assert connection.vendor == "postgresql"
