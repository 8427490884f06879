"""Inspection objects: code checks at their boundaries, kind rules, normalisation, pinyin, counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from stdnum.cn import ric

from tests.basedata import people
from zhifa.basedata.models.objects import (
    MSG_COORDINATES_PAIR,
    MSG_CREDIT_CODE_REQUIRED,
    MSG_DUPLICATE_CREDIT_CODE,
    MSG_DUPLICATE_ID_NUMBER,
    MSG_ID_NUMBER_REQUIRED,
    MSG_NO_CREDIT_CODE_FOR_PERSON,
    MSG_NO_ID_NUMBER_FOR_ORGANISATION,
    InspectedObject,
    ObjectKind,
)
from zhifa.basedata.pinyin import pinyin_initials
from zhifa.basedata.services.object_validation import (
    compact,
    credit_code_problem,
    id_number_problem,
    industry_code_problem,
    latitude_problem,
    longitude_problem,
    phone_problem,
)
from zhifa.basedata.services.objects import MSG_NEGATIVE_COUNT, object_counts_add

TODAY = dt.date(2026, 6, 15)

# --- 统一社会信用代码 (GB 32100-2015, MOD 31-3) -------------------------------------------------


@pytest.mark.parametrize("code", ["91310110666007217T", "91110000MA01A7RH2R"])
def test_valid_credit_codes(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91310110666007217U", "校验码错误，末位应为“T”"),
        ("91310110666OO7217T", "第12位“O”不是代码字符（字母I、O、S、V、Z不使用）"),
        ("9131011066600721T", "应为18位，实际为17位"),
        ("91310110666007217TT", "应为18位，实际为19位"),
        ("91A10110666007217T", "第3至8位应为登记管理机关行政区划代码（数字）"),
    ],
)
def test_invalid_credit_codes_say_why(code, reason):
    assert credit_code_problem(code) == reason


def test_credit_code_is_compacted_before_the_check():
    assert compact(" 9131 0110-6660 07217t ") == "91310110666007217T"


# --- 身份证号 (GB 11643-1999, MOD 11-2) ---------------------------------------------------------


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_valid_id_numbers(number):
    assert id_number_problem(number, today=TODAY) is None


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("110105194912310021", "校验码错误，末位应为“X”"),
        ("440524188001010015", "校验码错误，末位应为“4”"),
        ("110105194902300012", "出生日期19490230不存在"),
        ("11010519491231002", "应为18位，实际为17位"),
        ("110105491231002", "15位旧号码已停止使用，请填写18位号码"),
        ("1101051949123100AX", "前17位应为数字，最后一位应为数字或X"),
    ],
)
def test_invalid_id_numbers_say_why(number, reason):
    assert id_number_problem(number, today=TODAY) == reason


def test_birth_date_after_today_is_refused_and_today_is_accepted():
    born_today = "110105" + TODAY.strftime("%Y%m%d") + "001"
    assert id_number_problem(born_today + ric.calc_check_digit(born_today + "?"), today=TODAY) is None
    tomorrow = "110105" + (TODAY + dt.timedelta(days=1)).strftime("%Y%m%d") + "001"
    problem = id_number_problem(tomorrow + ric.calc_check_digit(tomorrow + "?"), today=TODAY)
    assert problem == "出生日期2026-06-16晚于今天"


# --- 行业代码 (GB/T 4754-2017), coordinates, phone ------------------------------------------------


@pytest.mark.parametrize("code", ["C", "A01", "A05", "C13", "C43", "H6210", "C1311", "K70", "T98"])
def test_valid_industry_codes(code):
    assert industry_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("A06", "门类A的大类代码应在01至05之间"),
        ("C12", "门类C的大类代码应在13至43之间"),
        ("C44", "门类C的大类代码应在13至43之间"),
        ("U01", "应为门类字母A–T，后接2至4位数字，例如 C1311、H62"),
        ("C1", "应为门类字母A–T，后接2至4位数字，例如 C1311、H62"),
        ("C13111", "应为门类字母A–T，后接2至4位数字，例如 C1311、H62"),
        ("6210", "应为门类字母A–T，后接2至4位数字，例如 C1311、H62"),
    ],
)
def test_invalid_industry_codes_say_why(code, reason):
    assert industry_code_problem(code) == reason


@pytest.mark.parametrize("value", ["73", "114.236512", "136"])
def test_longitude_inside_china(value):
    assert longitude_problem(Decimal(value)) is None


@pytest.mark.parametrize("value", ["72.999999", "136.000001", "22.5"])
def test_longitude_outside_china(value):
    assert longitude_problem(Decimal(value)).startswith("经度应在 73 至 136 之间")


@pytest.mark.parametrize(("value", "ok"), [("3", True), ("54", True), ("2.999999", False), ("54.000001", False)])
def test_latitude_boundaries(value, ok):
    assert (latitude_problem(Decimal(value)) is None) == ok


@pytest.mark.parametrize("phone", ["13812345678", "+86 13812345678", "0755-12345678", "075512345678", "12345678",
                                   "0755-2345678-123", "400-123-4567"])
def test_phone_numbers_accepted(phone):
    assert phone_problem(phone) is None


@pytest.mark.parametrize("phone", ["12345678901", "138123456789", "电话13812345678", "123"])
def test_phone_numbers_refused(phone):
    assert phone_problem(phone).startswith(f"联系电话“{phone}”格式不正确")


# --- the model: kind rules, messages by field, normalisation ----------------------------------


def errors_of(obj) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def new(city, **values) -> InspectedObject:
    values.setdefault("name", "盐田海景餐厅有限公司")
    return InspectedObject(unit=city["yantian"], region=city["regions"]["yantian"], **values)


def test_enterprise_needs_a_credit_code(city):
    assert errors_of(new(city, kind=ObjectKind.ENTERPRISE))["credit_code"] == [MSG_CREDIT_CODE_REQUIRED]


def test_enterprise_has_no_id_number(city):
    obj = new(city, kind=ObjectKind.ORGANISATION, credit_code=people.new_credit_code(), id_number=people.ID_NUMBER)
    assert errors_of(obj)["id_number"] == [MSG_NO_ID_NUMBER_FOR_ORGANISATION]


def test_individual_needs_an_id_number_and_no_credit_code(city):
    errors = errors_of(new(city, kind=ObjectKind.INDIVIDUAL, name="张三", credit_code=people.new_credit_code()))
    assert errors["id_number"] == [MSG_ID_NUMBER_REQUIRED]
    assert errors["credit_code"] == [MSG_NO_CREDIT_CODE_FOR_PERSON]


def test_bad_codes_are_reported_on_their_fields(city):
    errors = errors_of(new(city, credit_code="91310110666007217U", industry_code="A06", phone="123"))
    assert errors["credit_code"] == ["统一社会信用代码“91310110666007217U”无效：校验码错误，末位应为“T”"]
    assert errors["industry_code"] == ["行业代码“A06”无效：门类A的大类代码应在01至05之间"]
    assert errors["phone"][0].startswith("联系电话“123”格式不正确")


def test_bad_id_number_message_does_not_repeat_the_number(city):
    errors = errors_of(new(city, kind=ObjectKind.INDIVIDUAL, name="张三", id_number="110105194912310021"))
    assert errors["id_number"] == ["身份证号无效：校验码错误，末位应为“X”"]


def test_coordinates_come_in_pairs(city):
    errors = errors_of(new(city, credit_code=people.new_credit_code(), longitude=Decimal("114.2")))
    assert errors["latitude"] == [MSG_COORDINATES_PAIR]


def test_codes_are_stored_compact_and_empty_codes_as_null(city):
    obj = people.inspected_object(city["yantian"], "沙头角便利店", credit_code="91310110666007217t",
                                  industry_code="f5213", phone=" 13812345678 ")
    obj.refresh_from_db()
    assert (obj.credit_code, obj.id_number, obj.industry_code, obj.phone) == (
        "91310110666007217T", None, "F5213", "13812345678"
    )


def test_one_record_per_credit_code_and_per_id_number(city):
    first = people.inspected_object(city["yantian"], "甲公司")
    errors = errors_of(new(city, name="乙公司", credit_code=first.credit_code.lower()))
    assert errors["credit_code"] == [MSG_DUPLICATE_CREDIT_CODE]
    person = people.inspected_object(city["yantian"], "张三", kind=ObjectKind.INDIVIDUAL)
    errors = errors_of(new(city, name="张三", kind=ObjectKind.INDIVIDUAL, id_number=person.id_number))
    assert errors["id_number"] == [MSG_DUPLICATE_ID_NUMBER]


def test_many_records_without_a_credit_code_may_coexist(city):
    people.inspected_object(city["yantian"], "张三", kind=ObjectKind.INDIVIDUAL)
    people.inspected_object(city["yantian"], "李四", kind=ObjectKind.INDIVIDUAL)
    assert InspectedObject.objects.filter(credit_code__isnull=True).count() == 2


# --- pinyin initials ---------------------------------------------------------------------------


def test_pinyin_initials_read_words_in_context():
    assert pinyin_initials("深圳市福田区重庆银行营业部") == "szsftqcqyhyyb"
    assert pinyin_initials("ABC深圳科技（分店）") == "abcszkjfd"


def test_pinyin_initials_follow_the_name(city):
    obj = people.inspected_object(city["yantian"], "海景餐厅")
    assert obj.pinyin_initials == "hjct"
    obj.name = "银行大厦"
    obj.save(update_fields=["name"])
    obj.refresh_from_db()
    assert obj.pinyin_initials == "yhds"


# --- counts kept by later modules ---------------------------------------------------------------


def test_counts_are_added_and_taken(city):
    obj = people.inspected_object(city["yantian"], "海景餐厅")
    object_counts_add(inspected_object_id=obj.pk, inspections=2, cases=1)
    object_counts_add(inspected_object_id=obj.pk, inspections=-1, complaints=3)
    obj.refresh_from_db()
    assert (obj.inspections_count, obj.cases_count, obj.complaints_count) == (1, 1, 3)


def test_a_count_never_goes_below_zero_and_nothing_changes(city):
    obj = people.inspected_object(city["yantian"], "海景餐厅")
    object_counts_add(inspected_object_id=obj.pk, inspections=1)
    with pytest.raises(ValidationError) as caught:
        object_counts_add(inspected_object_id=obj.pk, inspections=5, cases=-1)
    assert caught.value.messages == [MSG_NEGATIVE_COUNT]
    obj.refresh_from_db()
    assert (obj.inspections_count, obj.cases_count) == (1, 0)


def test_counts_of_a_missing_object_raise(city):
    with pytest.raises(InspectedObject.DoesNotExist):
        object_counts_add(inspected_object_id=999999, cases=1)
