"""Notices (通知公告): a unit publishes to its subtree, readers leave receipts, the publisher sees them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories
from zhifa.core.models import Notice, NoticeReceipt
from zhifa.core.scoping import DataScope
from zhifa.core.services.notices import notice_create, notice_mark_read, notice_read_stats, notices_for

NOTICE_PERMS = [
    "core.view_notice", "core.add_notice", "core.change_notice", "core.delete_notice", "core.view_noticereceipt",
]


@pytest.fixture
def people(city):
    squad = factories.unit("盐田执法一中队", city["regions"]["yantian"], kind="department", parent=city["yantian"])
    publisher_role = factories.role(NOTICE_PERMS, DataScope.UNIT)
    reader_role = factories.role(["core.view_notice"], DataScope.UNIT)
    return {
        "squad": squad,
        "publisher": factories.user(city["yantian"], roles=[publisher_role], display_name="办公室王主任"),
        "agency_officer": factories.user(city["yantian"], roles=[reader_role], display_name="盐田执法员"),
        "squad_officer": factories.user(squad, display_name="中队执法员"),
        "futian_officer": factories.user(city["futian"], display_name="福田执法员"),
        "futian_publisher": factories.user(city["futian"], roles=[publisher_role]),
        "bureau_officer": factories.user(city["bureau"], display_name="司法局人员"),
    }


@pytest.fixture
def notice(city):
    return notice_create(unit=city["yantian"], title="关于开展夏季占道经营专项整治的通知", body="各中队：\n请于本周内完成排查。", publish=True)


def test_published_notice_reaches_the_subtree_only(city, people, notice):
    assert list(notices_for(people["agency_officer"])) == [notice]
    assert list(notices_for(people["squad_officer"])) == [notice]
    assert not notices_for(people["futian_officer"]).exists()
    assert not notices_for(people["bureau_officer"]).exists()


def test_city_notice_reaches_the_districts_below_and_no_other_tree(city, people, notice):
    city_agency = factories.unit("深圳市城市管理和综合执法局", city["regions"]["city"], level="city")
    district = factories.unit("福田区园岭街道执法队", city["regions"]["yuanling"], level="street", parent=city_agency)
    street_officer = factories.user(district)
    city_wide = notice_create(unit=city_agency, title="全市执法案卷评查安排", body="详见附件", publish=True)

    assert list(notices_for(street_officer)) == [city_wide]
    assert list(notices_for(people["agency_officer"])) == [notice]


def test_draft_is_not_shown_to_the_audience(city, people):
    notice_create(unit=city["yantian"], title="草稿", body="未定稿")
    assert not notices_for(people["agency_officer"]).exists()


def test_empty_notice_names_its_fields_and_writes_nothing(city):
    with pytest.raises(ValidationError) as caught:
        notice_create(unit=city["yantian"], title="", body=" ", publish=True)
    assert caught.value.message_dict == {"title": ["通知公告的标题不能为空"], "body": ["通知公告的正文不能为空"]}
    assert not Notice.objects.exists()


def test_opening_a_notice_writes_one_receipt_and_keeps_the_first_time(client, people, notice):
    client.force_login(people["squad_officer"])
    first = client.get(reverse("core:notice_detail", args=[notice.pk]))
    assert first.status_code == 200
    assert "请于本周内完成排查" in first.content.decode()
    receipt = NoticeReceipt.objects.get(notice=notice, user=people["squad_officer"])

    client.get(reverse("core:notice_detail", args=[notice.pk]))

    assert NoticeReceipt.objects.filter(notice=notice).count() == 1
    assert NoticeReceipt.objects.get(notice=notice).read_at == receipt.read_at
    assert notices_for(people["squad_officer"]).get().is_read


def test_outsider_cannot_open_the_notice_and_leaves_no_receipt(client, people, notice):
    client.force_login(people["futian_officer"])
    assert client.get(reverse("core:notice_detail", args=[notice.pk])).status_code == 404
    assert not NoticeReceipt.objects.exists()


def test_publisher_sees_who_has_read_and_who_has_not(client, city, people, notice):
    notice_mark_read(notice=notice, user=people["squad_officer"])
    client.force_login(people["publisher"])

    page = client.get(reverse("core:notice_receipts", args=[notice.pk])).content.decode()

    audience = [people[k] for k in ("publisher", "agency_officer", "squad_officer")]
    assert "已读 1 人，未读 2 人（发布范围共 3 人）" in page
    readers, _, non_readers = page.partition("未读（2）")
    assert "中队执法员" in readers and "盐田执法员" not in readers
    assert "盐田执法员" in non_readers and "办公室王主任" in non_readers
    assert "福田执法员" not in page
    stats = notice_read_stats(notice)
    assert [r.user for r in stats["receipts"]] == [people["squad_officer"]]
    assert set(stats["unread"]) == set(audience) - {people["squad_officer"]}


def test_receipts_stay_with_the_publishers_of_the_unit(client, people, notice):
    client.force_login(people["futian_publisher"])
    assert client.get(reverse("core:notice_receipts", args=[notice.pk])).status_code == 404

    client.force_login(people["agency_officer"])  # may view notices, not who read them
    assert client.get(reverse("core:notice_receipts", args=[notice.pk])).status_code == 403
    page = client.get(reverse("core:notice_detail", args=[notice.pk])).content.decode()
    assert reverse("core:notice_receipts", args=[notice.pk]) not in page
    assert reverse("core:notice_edit", args=[notice.pk]) not in page
    assert client.get(reverse("core:notice_manage")).status_code == 403

    client.force_login(people["publisher"])
    page = client.get(reverse("core:notice_detail", args=[notice.pk])).content.decode()
    assert reverse("core:notice_receipts", args=[notice.pk]) in page


def test_a_draft_is_seen_by_its_publishers_only(client, city, people):
    draft = notice_create(unit=city["yantian"], title="未定稿的通知", body="内容")
    client.force_login(people["agency_officer"])
    assert client.get(reverse("core:notice_detail", args=[draft.pk])).status_code == 404
    client.force_login(people["publisher"])
    assert "未定稿的通知" in client.get(reverse("core:notice_detail", args=[draft.pk])).content.decode()
    assert not NoticeReceipt.objects.exists()


def test_publishing_through_the_page(client, city, people):
    client.force_login(people["publisher"])
    response = client.post(reverse("core:notice_create"), {"title": "防汛值班安排", "body": "请各中队按表值班。", "publish": "1"})

    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:notice_detail", args=[notice.pk])
    assert notice.unit == city["yantian"] and notice.published_at is not None
    assert notice.created_by == people["publisher"]
    assert list(notices_for(people["squad_officer"])) == [notice]


def test_saving_a_draft_then_publishing_it(client, people):
    client.force_login(people["publisher"])
    client.post(reverse("core:notice_create"), {"title": "草拟通知", "body": "内容", "save": "1"})
    notice = Notice.objects.get()
    assert notice.published_at is None
    assert not notices_for(people["agency_officer"]).exists()

    client.post(reverse("core:notice_publish", args=[notice.pk]))

    notice.refresh_from_db()
    assert notice.published_at is not None
    assert notices_for(people["agency_officer"]).exists()


def test_form_errors_are_named_and_the_text_is_kept(client, people):
    client.force_login(people["publisher"])
    response = client.post(reverse("core:notice_create"), {"title": "", "body": "已写好的正文", "publish": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "请填写标题" in page
    assert "已写好的正文" in page
    assert not Notice.objects.exists()


def test_officer_without_permission_cannot_publish(client, people):
    client.force_login(people["agency_officer"])
    response = client.post(reverse("core:notice_create"), {"title": "越权", "body": "内容", "publish": "1"})
    assert response.status_code == 403
    assert not Notice.objects.exists()


def test_editing_and_deleting_stay_within_the_scope(client, people, notice):
    notice_mark_read(notice=notice, user=people["agency_officer"])
    client.force_login(people["futian_publisher"])
    assert client.post(reverse("core:notice_edit", args=[notice.pk]), {"title": "篡改", "body": "篡改"}).status_code == 404
    assert client.post(reverse("core:notice_delete", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.title == "关于开展夏季占道经营专项整治的通知"

    client.force_login(people["publisher"])
    client.post(reverse("core:notice_edit", args=[notice.pk]), {"title": "关于开展专项整治的通知（修订）", "body": "新正文", "pinned": "on"})
    notice.refresh_from_db()
    assert (notice.title, notice.body, notice.pinned) == ("关于开展专项整治的通知（修订）", "新正文", True)

    client.post(reverse("core:notice_delete", args=[notice.pk]))
    assert not Notice.objects.exists()
    assert not NoticeReceipt.objects.exists()


def test_manage_list_shows_read_counts_of_my_units_notices_only(client, city, people, notice):
    notice_create(unit=city["futian"], title="福田的通知", body="内容", publish=True)
    notice_mark_read(notice=notice, user=people["squad_officer"])
    notice_mark_read(notice=notice, user=people["agency_officer"])
    client.force_login(people["publisher"])

    page = client.get(reverse("core:notice_manage")).content.decode()

    assert "关于开展夏季占道经营专项整治的通知" in page
    assert "福田的通知" not in page
    assert f'<a href="{reverse("core:notice_receipts", args=[notice.pk])}">2</a>' in page
