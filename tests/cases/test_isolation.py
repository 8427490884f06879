"""District isolation of cases with the built-in roles: another district's officer reaches nothing by any
path; the district's supervisor (区司法局) reads every case of the district and changes none."""

import pytest

from tests import factories
from tests.cases import rows
from tests.model_base import streamed, xlsx_cells
from zhifa.cases.models import Case
from zhifa.core.workbench_figures import figures_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(city, builtin_roles):
    justice = factories.unit("盐田区司法局", city["regions"]["yantian"], kind="supervisory_body")
    return {
        "yantian_case": rows.case(city["yantian"], "盐田油烟直排", status="filed", number="深盐城管立〔2026〕第0001号"),
        "futian_case": rows.case(city["futian"], "福田占道经营"),
        "outsider": factories.user(city["futian"], roles=[builtin_roles["officer"]]),
        "supervisor": factories.user(justice, roles=[builtin_roles["supervisor"]]),
    }


def every_text(client, case) -> dict:
    """What a user gets about ``case`` by list, search, URL, export, API list and API detail."""
    return {
        "列表": client.get("/cases/").content.decode(),
        "搜索": " ".join(r.cause for r in client.get("/cases/", {"q": case.cause}).context["table"].data),
        "导出": " ".join(str(c) for row in xlsx_cells(streamed(client.get("/cases/export/"))) for c in row),
        "接口列表": str(client.get("/api/cases/cases/", {"q": case.cause}).json()["results"]),
        "工作台": client.get("/").content.decode(),
    }


def test_an_officer_of_another_district_reaches_the_case_by_no_path(client, world):
    case = world["yantian_case"]
    client.force_login(world["outsider"])
    for path, text in every_text(client, case).items():
        assert case.cause not in text and case.number not in text, path
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert client.get(f"/api/cases/cases/{case.pk}/").status_code == 404
    assert client.get(f"/cases/{case.pk}/simple-decide/").status_code == 404
    assert client.get(f"/cases/{case.pk}/task/").status_code == 404
    decide = client.post(f"/api/cases/cases/{case.pk}/simple-decide/", {"fine_amount": "100", "notified": True},
                         content_type="application/json")
    assert decide.status_code == 404
    assert world["futian_case"].cause in client.get("/cases/").content.decode()  # their own district's case


def test_the_district_supervisor_reads_the_districts_cases_and_changes_none(client, world):
    case = world["yantian_case"]
    client.force_login(world["supervisor"])
    texts = every_text(client, case)
    for path in ("列表", "搜索", "导出", "接口列表"):
        assert case.cause in texts[path], path
        assert world["futian_case"].cause not in texts[path], path
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    assert all(not offered.allowed for offered in response.context["actions"])
    assert client.get(f"/cases/{world['futian_case'].pk}/").status_code == 404
    assert client.get("/cases/add/").status_code == 403
    assert client.post(f"/cases/{case.pk}/simple-decide/", {"fine_amount": "1", "notified": "on"}).status_code == 403
    patch = client.patch(f"/api/cases/cases/{case.pk}/", {"cause": "改"}, content_type="application/json")
    assert patch.status_code in (403, 405)  # no permission to change, and no such method on a case
    figures = {figure["label"]: figure for figure in figures_for(world["supervisor"])}
    filed = figures["已立案在办的案件"]
    assert filed["count"] == 1 and filed["url"] == "/cases/?status=filed"
    assert Case.objects.get(pk=case.pk).cause == "盐田油烟直排"
