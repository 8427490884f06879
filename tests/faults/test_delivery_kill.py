"""A worker killed (SIGKILL) in the middle of a batch of emails: each arrives, only the one in doubt twice."""

import signal

import pytest

from tests import factories
from zhifa.core.models import DeliveryStatus, NotificationDelivery
from zhifa.core.notifications import notify

from .conftest import POSTGRES_ONLY, database_url, wait_until

pytestmark = [POSTGRES_ONLY, pytest.mark.django_db(transaction=True)]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_killed_worker_resends_only_the_delivery_whose_outcome_was_unknown(city, settings, slow_smtp, workers):
    settings.TASKS = DATABASE_QUEUE
    smtp, port = slow_smtp(delay=1.0)
    mail_env = {"ZHIFA_SMTP_HOST": "127.0.0.1", "ZHIFA_SMTP_PORT": str(port), "ZHIFA_SMTP_TIMEOUT": "10"}
    people = [factories.user(city["yantian"], email=f"officer{n}@yantian.gov.cn") for n in range(6)]
    notify(recipients=people, title="案件待审批", body="请审批", channels=("email",))
    message_ids = dict(NotificationDelivery.objects.values_list("address", "message_id"))
    assert len(message_ids) == 6 and all(message_ids.values())

    first = workers.start(database_url(), "--no-scheduler", **mail_env)
    # The third message is in the server's hands, its answer still held back: kill the worker now.
    wait_until(lambda: len(smtp.messages) >= 3, message=f"邮件未送达：\n{workers.logs()}")
    first.send_signal(signal.SIGKILL)
    first.wait()
    at_kill = dict(NotificationDelivery.objects.values_list("address", "status"))
    in_doubt = {address for address, status in at_kill.items() if status == DeliveryStatus.SENDING}
    assert len(in_doubt) == 1
    assert list(at_kill.values()).count(DeliveryStatus.SENT) == 2

    second = workers.start(database_url(), "--no-scheduler", **mail_env)
    wait_until(
        lambda: set(NotificationDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT},
        message=f"仍有邮件未发送：\n{workers.logs()}",
    )
    assert second.poll() is None

    copies = smtp.copies()
    assert set(copies) == set(message_ids)  # every message arrived at least once
    for address, ids in copies.items():
        assert set(ids) == {message_ids[address]}  # every copy carries the delivery's Message-ID
    assert {address for address, ids in copies.items() if len(ids) > 1} == in_doubt
    assert len(copies[in_doubt.pop()]) == 2
