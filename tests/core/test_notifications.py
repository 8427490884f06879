"""Notifications (A6): in-app always, email and SMS after commit with retries, a once-a-day digest."""

import datetime as dt
import email
import email.policy

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from tests import factories
from zhifa.core.models import (
    DeliveryStatus,
    DigestRun,
    Notification,
    NotificationDelivery,
    SmsMessage,
    TodoKind,
)
from zhifa.core.notifications import SmsError, SmsGateway, deliver, notify, retry_due_deliveries
from zhifa.core.notifications.dispatch import MAX_ATTEMPTS
from zhifa.core.scoping import DataScope
from zhifa.core.services.todos import todo_create
from zhifa.core import usercache
from zhifa.core.leases import beat
from zhifa.core.tasks import deliver_notification, send_deadline_digests


class BrokenGateway(SmsGateway):
    """A gateway whose platform is down: every send fails."""

    def send(self, *, phone, text, idempotency_key, timeout):
        raise SmsError("短信平台连接超时")


@pytest.fixture
def officer(city):
    return factories.user(city["yantian"], display_name="李执法", email="li@yantian.gov.cn", phone="13800138000")


@pytest.fixture
def deliver_after_commit(django_capture_on_commit_callbacks):
    """Run the after-commit hooks (the enqueueing of deliveries) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_in_app_notification_is_written_once_per_recipient(city, officer):
    colleague = factories.user(city["yantian"])

    notes = notify(recipients=[officer, colleague, officer], title="案件已退回", body="请补充证据", url="/cases/7/")

    assert {n.recipient for n in notes} == {officer, colleague}
    assert Notification.objects.filter(recipient=officer, title="案件已退回", read_at__isnull=True).count() == 1
    assert not NotificationDelivery.objects.exists()


def test_email_and_sms_are_sent_after_commit(city, officer, deliver_after_commit):
    with deliver_after_commit():
        notify(recipients=[officer], title="案件待审批", body="盐田区某案件等待您审批", url="/cases/7/", channels=("inapp", "email", "sms"))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.subject, message.to) == ("【执法通】案件待审批", ["li@yantian.gov.cn"])
    assert "盐田区某案件等待您审批" in message.body
    sms = SmsMessage.objects.get()
    assert (sms.phone, sms.text) == ("13800138000", "【执法通】案件待审批：盐田区某案件等待您审批")
    assert set(NotificationDelivery.objects.values_list("channel", "status")) == {("email", "sent"), ("sms", "stored")}
    assert sms.get_status_display() == "已存储，未发送"


def test_nothing_leaves_before_the_transaction_commits(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipients=[officer], title="案件待审批", channels=("email", "sms"))

    assert len(callbacks) == 1
    assert mail.outbox == []
    assert not SmsMessage.objects.exists()
    assert set(NotificationDelivery.objects.values_list("status", flat=True)) == {"pending"}
    assert Notification.objects.filter(recipient=officer).exists()


def test_recipient_without_phone_is_recorded_as_not_reached(city, deliver_after_commit):
    no_phone = factories.user(city["yantian"], email="")
    with deliver_after_commit():
        notify(recipients=[no_phone], title="通知", channels=("sms", "email"))

    rows = {d.channel: d for d in NotificationDelivery.objects.all()}
    assert (rows["sms"].status, rows["sms"].last_error) == ("skipped", "接收人未设置手机号")
    assert (rows["email"].status, rows["email"].last_error) == ("skipped", "接收人未设置电子邮箱")
    assert not SmsMessage.objects.exists()
    assert mail.outbox == []


def test_bad_input_is_refused_and_nothing_written(city, officer):
    with pytest.raises(ValueError, match="未知的通知渠道：fax（可选：inapp、email、sms）"):
        notify(recipients=[officer], title="通知", channels=("inapp", "fax"))
    with pytest.raises(ValidationError) as caught:
        notify(recipients=[officer], title=" ", url="http://evil.example/")
    assert caught.value.message_dict == {
        "title": ["通知标题不能为空"],
        "url": ["通知链接必须是站内地址（以 / 开头）：http://evil.example/"],
    }
    assert not Notification.objects.exists()


class TransmittingGateway(SmsGateway):
    """A gateway that reaches phones (as the government SMS platform would)."""

    def send(self, *, phone: str, text: str, idempotency_key: str, timeout: float) -> str:
        return "ref-1"


def test_a_transmitting_gateway_marks_the_delivery_sent(city, officer, settings, deliver_after_commit):
    settings.ZHIFA_SMS_GATEWAY = "tests.core.test_notifications.TransmittingGateway"
    with deliver_after_commit():
        notify(recipients=[officer], title="通知", channels=("sms",))
    delivery = NotificationDelivery.objects.get()
    assert (delivery.status, delivery.get_status_display()) == ("sent", "已发送")


def test_failed_sms_is_kept_and_retried_until_it_goes_through(city, officer, settings, deliver_after_commit):
    settings.ZHIFA_SMS_GATEWAY = "tests.core.test_notifications.BrokenGateway"
    with deliver_after_commit():
        notify(recipients=[officer], title="请到现场复查", channels=("sms",))

    delivery = NotificationDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "SmsError: 短信平台连接超时"
    assert delivery.next_attempt_at > timezone.now()
    assert retry_due_deliveries() == 0  # not due yet

    settings.ZHIFA_SMS_GATEWAY = "zhifa.core.notifications.channels.LocalSmsGateway"
    NotificationDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert retry_due_deliveries() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("stored", 2, "")
    assert SmsMessage.objects.get().text == "【执法通】请到现场复查"


def test_delivery_gives_up_after_the_last_attempt(city, officer, settings, deliver_after_commit):
    settings.ZHIFA_SMS_GATEWAY = "tests.core.test_notifications.BrokenGateway"
    with deliver_after_commit():
        notify(recipients=[officer], title="请到现场复查", channels=("sms",))
    for _ in range(MAX_ATTEMPTS - 1):
        NotificationDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        retry_due_deliveries()

    delivery = NotificationDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    NotificationDelivery.objects.update(next_attempt_at=timezone.now() - dt.timedelta(days=1))
    assert retry_due_deliveries() == 0


def test_invalid_phone_fails_in_the_local_gateway_without_storing(city, deliver_after_commit):
    person = factories.user(city["yantian"], phone="0755-123")
    with deliver_after_commit():
        notify(recipients=[person], title="通知", channels=("sms",))
    delivery = NotificationDelivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_error == "SmsError: 手机号“0755-123”格式不正确，应为 11 位手机号码"
    assert not SmsMessage.objects.exists()


def test_a_delivery_is_sent_once_even_when_two_workers_run_it(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    delivery = NotificationDelivery.objects.get()

    assert deliver(delivery.pk) == DeliveryStatus.STORED
    assert deliver(delivery.pk) == DeliveryStatus.STORED
    assert SmsMessage.objects.count() == 1


def test_delivery_left_by_a_dead_worker_is_picked_up_again(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    NotificationDelivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1))

    assert retry_due_deliveries() == 1
    assert NotificationDelivery.objects.get().status == "stored"
    assert SmsMessage.objects.count() == 1


def test_fresh_claim_of_a_live_worker_is_left_alone(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    NotificationDelivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=timezone.now())

    assert retry_due_deliveries() == 0
    assert not SmsMessage.objects.exists()


def test_an_old_claim_of_a_worker_still_beating_is_left_alone(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    beat("worker-alive")
    NotificationDelivery.objects.update(
        status=DeliveryStatus.SENDING, claimed_by="worker-alive", claimed_at=timezone.now() - dt.timedelta(hours=1)
    )

    assert retry_due_deliveries() == 0
    assert deliver(NotificationDelivery.objects.get().pk) == DeliveryStatus.SENDING
    assert not SmsMessage.objects.exists()


def test_a_resent_sms_carries_the_same_idempotency_key_and_lands_once(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    delivery = NotificationDelivery.objects.get()
    assert delivery.message_id.startswith("<") and delivery.message_id.endswith(">")
    assert deliver(delivery.pk) == DeliveryStatus.STORED
    # The worker died after the gateway took the message but before the outcome was recorded.
    NotificationDelivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1))

    assert deliver(delivery.pk) == DeliveryStatus.STORED
    sms = SmsMessage.objects.get()
    assert sms.idempotency_key == delivery.message_id
    assert NotificationDelivery.objects.get().attempts == 2


def test_an_email_resent_after_a_dead_worker_has_the_same_message_id(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("email",))
    delivery = NotificationDelivery.objects.get()
    deliver(delivery.pk)
    NotificationDelivery.objects.update(status=DeliveryStatus.SENDING, claimed_at=timezone.now() - dt.timedelta(hours=1))
    deliver(delivery.pk)
    deliver(delivery.pk)  # recorded as sent now: never again

    assert [message.extra_headers["Message-ID"] for message in mail.outbox] == [delivery.message_id] * 2


def test_deliver_task_reports_its_outcome(city, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        notify(recipients=[officer], title="通知", channels=("sms",))
    result = deliver_notification.enqueue(delivery_id=NotificationDelivery.objects.get().pk)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "stored"


def test_email_reaches_a_real_smtp_server(city, officer, smtp_server, deliver_after_commit):
    with deliver_after_commit():
        notify(
            recipients=[officer],
            title="行政处罚决定书已送达",
            body="当事人张三已签收《行政处罚决定书》（深盐城管罚〔2026〕第0012号）。",
            url="/cases/12/",
            channels=("email",),
        )

    assert NotificationDelivery.objects.get().status == "sent"
    [envelope] = smtp_server.envelopes
    assert envelope.rcpt_tos == ["li@yantian.gov.cn"]
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["Subject"] == "【执法通】行政处罚决定书已送达"
    assert message["To"] == "li@yantian.gov.cn"
    body = message.get_content()
    assert "当事人张三已签收《行政处罚决定书》（深盐城管罚〔2026〕第0012号）。" in body
    assert "查看详情：/cases/12/" in body


@pytest.fixture
def deadlines(city, officer):
    today = timezone.localdate()
    todo_create(assignee=officer, title="陈述申辩期满，制作处罚决定书", url="/cases/1/", kind=TodoKind.TASK,
                due_at=today + dt.timedelta(days=1))
    todo_create(assignee=officer, title="立案审批", url="/cases/2/", kind=TodoKind.APPROVAL,
                due_at=timezone.now() - dt.timedelta(days=2))
    todo_create(assignee=officer, title="下月复查", url="/cases/3/", kind=TodoKind.TASK,
                due_at=today + dt.timedelta(days=10))
    no_email = factories.user(city["yantian"], email="")
    todo_create(assignee=no_email, title="无邮箱者的事项", url="", kind=TodoKind.TASK, due_at=today)
    relaxed = factories.user(city["yantian"], email="relaxed@yantian.gov.cn")
    todo_create(assignee=relaxed, title="远期事项", url="", kind=TodoKind.TASK, due_at=today + dt.timedelta(days=30))
    return today


def test_digest_lists_due_todos_and_runs_once_a_day(city, officer, deadlines, deliver_after_commit):
    with deliver_after_commit():
        assert send_deadline_digests.enqueue().return_value == 1
    with deliver_after_commit():
        assert send_deadline_digests.enqueue().return_value == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["li@yantian.gov.cn"]
    assert message.subject == "【执法通】期限提醒：您有 2 项事项将在 3 日内到期"
    assert "1. 〔已逾期 2 天〕立案审批" in message.body
    assert "2. 〔剩 1 天〕陈述申辩期满，制作处罚决定书" in message.body
    assert "下月复查" not in message.body
    assert DigestRun.objects.get().user == officer


def test_digest_runs_again_the_next_day(city, officer, deadlines, deliver_after_commit):
    from zhifa.core.notifications.digest import send_deadline_digests as run_digest

    with deliver_after_commit():
        run_digest(on_date=deadlines)
        run_digest(on_date=deadlines + dt.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert DigestRun.objects.filter(user=officer).count() == 2


def _open_inbox(client, user):
    client.force_login(user)
    return client.get(reverse("core:notification_list"))


def test_notification_centre_marks_read_and_updates_the_badge(city, officer, client):
    first, second = notify(recipients=[officer], title="第一条", url="/cases/1/") + notify(recipients=[officer], title="第二条")
    page = _open_inbox(client, officer).content.decode()
    assert 'id="unread-count">2<' in page
    assert page.count('data-read="false"') == 2

    client.post(reverse("core:notification_read", args=[second.pk]))
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.read_at is not None and first.read_at is None
    assert 'id="unread-count">1<' in client.get(reverse("core:notification_list")).content.decode()

    response = client.get(reverse("core:notification_open", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == "/cases/1/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert 'id="unread-count"' not in client.get(reverse("core:notification_list")).content.decode()


def test_the_badge_follows_new_and_read_notifications_at_once(city, officer, client, settings):
    settings.ZHIFA_UNREAD_RECHECK_SECONDS = 60
    _open_inbox(client, officer)
    assert 'id="unread-count"' not in client.get(reverse("core:workbench")).content.decode()
    notify(recipients=[officer], title="新通知")
    assert 'id="unread-count">1<' in client.get(reverse("core:workbench")).content.decode()
    client.post(reverse("core:notification_read_all"))
    assert 'id="unread-count"' not in client.get(reverse("core:workbench")).content.decode()


def test_a_notification_written_by_another_process_shows_within_the_recheck_time(city, officer, client, settings,
                                                                                 monkeypatch):
    settings.ZHIFA_UNREAD_RECHECK_SECONDS = 10
    clock = [1000.0]
    monkeypatch.setattr(usercache.time, "monotonic", lambda: clock[0])
    _open_inbox(client, officer)
    [note] = notify(recipients=[officer], title="新通知")
    assert 'id="unread-count">1<' in client.get(reverse("core:workbench")).content.decode()
    Notification.objects.filter(pk=note.pk).update(read_at=timezone.now())  # no signal: as another process
    clock[0] += 5
    assert 'id="unread-count">1<' in client.get(reverse("core:workbench")).content.decode()
    clock[0] += 6
    assert 'id="unread-count"' not in client.get(reverse("core:workbench")).content.decode()


def test_mark_all_read_touches_only_my_notifications(city, officer, client):
    other = factories.user(city["yantian"])
    notify(recipients=[officer, other], title="一")
    notify(recipients=[officer], title="二")
    _open_inbox(client, officer)

    response = client.post(reverse("core:notification_read_all"), follow=True)

    assert "已将 2 条通知标为已读" in response.content.decode()
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    assert Notification.objects.get(recipient=other).read_at is None


def test_someone_elses_notification_cannot_be_read_or_opened(city, officer, client):
    [foreign] = notify(recipients=[factories.user(city["futian"])], title="福田的通知", url="/x/")
    _open_inbox(client, officer)
    assert client.post(reverse("core:notification_read", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("core:notification_open", args=[foreign.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_sms_log_is_for_administrators_only(city, officer, client, deliver_after_commit):
    with deliver_after_commit():
        notify(recipients=[officer], title="复查提醒", channels=("sms",))
    admin = factories.user(city["bureau"], roles=[factories.role(["core.view_smsmessage"], DataScope.ALL)])

    client.force_login(officer)
    assert client.get(reverse("core:sms_list")).status_code == 403
    client.force_login(admin)
    page = client.get(reverse("core:sms_list")).content.decode()
    assert "13800138000" in page and "【执法通】复查提醒" in page


def test_failed_deliveries_are_listed_for_administrators(city, officer, client, settings, deliver_after_commit):
    settings.ZHIFA_SMS_GATEWAY = "tests.core.test_notifications.BrokenGateway"
    with deliver_after_commit():
        notify(recipients=[officer], title="复查提醒", channels=("sms", "email"))
    NotificationDelivery.objects.filter(channel="sms").update(status=DeliveryStatus.FAILED)
    admin = factories.user(city["bureau"], roles=[factories.role(["core.view_notificationdelivery"], DataScope.ALL)])

    client.force_login(officer)
    assert client.get(reverse("core:delivery_list")).status_code == 403
    client.force_login(admin)
    page = client.get(reverse("core:delivery_list"), {"status": "failed"}).content.decode()
    assert page.count('data-testid="delivery"') == 1
    assert 'data-status="failed"' in page and "SmsError: 短信平台连接超时" in page


def test_notification_centre_pages_through_many_notifications(city, officer, client):
    for number in range(25):
        notify(recipients=[officer], title=f"第{number:02d}条通知")
    client.force_login(officer)

    first = client.get(reverse("core:notification_list")).content.decode()
    second = client.get(reverse("core:notification_list"), {"page": 2}).content.decode()

    assert first.count('data-testid="notification"') == 20 and 'href="?page=2"' in first
    assert second.count('data-testid="notification"') == 5 and "第00条通知" in second and "第00条通知" not in first
