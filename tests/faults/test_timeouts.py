"""A mail server that accepts the message and never answers does not hold the worker: the send times out."""

import pytest

from tests import factories
from zhifa.core.models import DeliveryStatus, NotificationDelivery
from zhifa.core.notifications import deliver, notify


@pytest.mark.django_db
def test_a_mail_server_that_never_answers_times_out_and_is_retried(city, settings, slow_smtp):
    smtp, port = slow_smtp(delay=30)
    settings.ZHIFA_SMTP_TIMEOUT = 0.5
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": settings.ZHIFA_SMTP_TIMEOUT},
        }
    }
    officer = factories.user(city["yantian"], email="li@yantian.gov.cn")
    notify(recipients=[officer], title="案件待审批", channels=("email",))
    delivery = NotificationDelivery.objects.get()

    assert deliver(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    assert "timed out" in delivery.last_error
    assert len(smtp.messages) == 1  # it reached the server: the retry will carry the same Message-ID
