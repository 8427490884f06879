"""The case list on the generic path: scope, filters, export, API list, and the generic suite for ``Case``."""

import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from tests.base import ReadOnlyObjectTests
from tests.basedata import people
from tests.cases import rows
from tests.model_base import streamed, xlsx_cells
from zhifa.basedata.models.objects import ObjectKind
from zhifa.cases.models import Case, CaseWarning
from zhifa.core.actor import Channel, actor_context

pytestmark = pytest.mark.django_db


class TestCaseViews(ReadOnlyObjectTests):
    model = Case
    key_field = "cause"
    url_prefix_api = "cases-api"

    def create_data(self, city):
        own = [rows.case(city["yantian"], f"未按规定设置油烟净化设施{i}") for i in range(2)]
        other = [rows.case(city["futian"], f"占道经营{i}") for i in range(2)]
        return {"own": own, "other": other}

    def create_rows(self, city, count):
        party = people.inspected_object(city["yantian"], "批量当事人")
        officer = people.officer(city["yantian"])
        for i in range(count):
            rows.case(city["yantian"], f"批量案由{i}", party=party, officer=officer)


def reader(city, unit=None, *extra):
    return factories.user(unit or city["yantian"], roles=[factories.role(["cases.view_case", *extra])])


def shown(client, **params) -> list[str]:
    response = client.get("/cases/", params)
    assert response.status_code == 200
    return sorted(record.cause for record in response.context["table"].data)


def test_filters_by_party_name_credit_code_and_id_number(client, city):
    company = people.inspected_object(city["yantian"], "盐田海鲜酒家")
    person = people.inspected_object(city["yantian"], "刘某", kind=ObjectKind.INDIVIDUAL)
    rows.case(city["yantian"], "油烟直排", party=company)
    rows.case(city["yantian"], "无照经营", party=person)
    rows.case(city["yantian"], "乱张贴")
    client.force_login(reader(city))
    assert shown(client, party_name="海鲜") == ["油烟直排"]
    assert shown(client, q="海鲜酒家") == ["油烟直排"]
    assert shown(client, party_credit_code=company.credit_code.lower()) == ["油烟直排"]
    # Without the personal-data permission the ID filter does not exist: nobody can probe for an ID number.
    assert len(shown(client, party_id_number=person.id_number)) == 3
    client.force_login(reader(city, None, people.PERSONAL_DATA))
    assert shown(client, party_id_number=person.id_number) == ["无照经营"]


def test_filters_by_type_status_officer_unit_and_filing_dates(client, city):
    officer = people.officer(city["yantian"])
    rows.case(city["yantian"], "早立案", filed_on=dt.date(2026, 3, 1), status="filed", procedure_type="general",
              officer=officer)
    rows.case(city["yantian"], "晚立案", filed_on=dt.date(2026, 9, 1), status="filed", procedure_type="general")
    rows.case(city["yantian"], "未立案")
    client.force_login(reader(city, None, "org.view_unit", "basedata.view_officer"))
    assert shown(client, filed_after="2026-02-01", filed_before="2026-06-30") == ["早立案"]
    assert shown(client, procedure_type="simple") == ["未立案"]
    assert shown(client, status="filed") == ["早立案", "晚立案"]
    assert shown(client, officer_id=officer.pk) == ["早立案"]
    assert shown(client, unit_id=city["yantian"].pk) == ["早立案", "晚立案", "未立案"]


def test_export_writes_the_visible_columns_with_names_not_codes(client, city):
    row = rows.case(city["yantian"], "油烟直排")
    rows.case(city["futian"], "福田案件")
    client.force_login(reader(city))
    cells = xlsx_cells(streamed(client.get("/cases/export/")))
    header, lines = cells[0], cells[1:]
    assert "当事人" in header and "程序类型" in header
    assert len(lines) == 1
    line = dict(zip(header, lines[0]))
    assert line["案由"] == "油烟直排" and line["程序类型"] == "简易程序"
    assert line["当事人"] == row.parties.get().inspected_object.name
    assert line["案件编号"] == "（未立案）"


def test_the_list_filters_by_the_colour_of_the_worst_open_warning(client, city):
    red, blue, calm = (rows.case(city["yantian"], f"案由{n}") for n in range(3))
    with actor_context(channel=Channel.SYSTEM):
        for case, stage, colour in ((red, "decision", "red"), (red, "investigation", "blue"), (blue, "decision", "blue")):
            CaseWarning.objects.create(case=case, stage=stage, kind="deadline", colour=colour, message="期限将至",
                                       raised_at=timezone.now())
    client.force_login(reader(city))
    assert shown(client, warning_colour="red") == ["案由0"]
    assert shown(client, warning_colour="blue") == ["案由1"]
    assert shown(client, warning_colour="none") == ["案由2"]


def test_the_unit_column_shows_a_renamed_unit_at_once(client, city):
    rows.case(city["yantian"], "油烟直排")
    client.force_login(reader(city))
    assert "盐田" in client.get("/cases/").content.decode()
    unit = city["yantian"]
    unit.name = "深圳市盐田区综合行政执法局（更名）"
    unit.save()
    page = client.get("/cases/").content.decode()
    assert '<td data-label="办案单位">深圳市盐田区综合行政执法局（更名）</td>' in page
    line = dict(zip(*xlsx_cells(streamed(client.get("/cases/export/")))[:2]))
    assert line["办案单位"] == "深圳市盐田区综合行政执法局（更名）"
