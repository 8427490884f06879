"""Notification channels (站内 / 邮件 / 短信) and the SMS gateway interface.

A channel knows a user's address on it and how to send one notification there; it raises on
failure so that the delivery is retried. Every send carries the delivery's ``message_id``: the
email's Message-ID header, the SMS gateway's idempotency key, so that a copy sent again after a
worker died is recognisable as the same message. Calls out are bounded by ``ZHIFA_SMTP_TIMEOUT``
(the mailer's ``timeout``) and ``ZHIFA_SMS_TIMEOUT`` (passed to the gateway). The SMS channel talks to an ``SmsGateway`` chosen by
``settings.ZHIFA_SMS_GATEWAY``; ``LocalSmsGateway`` keeps the messages in a table for admins.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from ..models import Notification, SmsMessage, SmsStatus

MAILER_ALIAS = "default"
SIGNATURE = "【执法通】"
SMS_MAX_CHARS = 300
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
BAD_PHONE = "手机号“{phone}”格式不正确，应为 11 位手机号码"


class SmsError(Exception):
    """The gateway refused or failed to send a text message; the message is for administrators."""


class SmsGateway(ABC):
    """Sends a text message to one mobile number (the gov SMS platform, or the local stand-in).

    ``transmits`` is false for a gateway that only keeps the message: its deliveries are recorded
    as 已存储，未发送, never as 已发送.
    """

    transmits: bool = True

    @abstractmethod
    def send(self, *, phone: str, text: str, idempotency_key: str, timeout: float) -> str:
        """Send ``text`` to ``phone``; return the gateway's message reference or raise ``SmsError``.

        ``idempotency_key`` is the same for every attempt of one message: a gateway that supports it
        sends the message only once. The call must give up after ``timeout`` seconds.
        """


class LocalSmsGateway(SmsGateway):
    """The stand-in used in development and tests: stores each message in ``SmsMessage``, sends nothing.

    Like a gateway honouring idempotency keys, it stores a message only once per key.
    """

    transmits = False

    def send(self, *, phone: str, text: str, idempotency_key: str, timeout: float) -> str:
        if not MOBILE_RE.match(phone):
            raise SmsError(BAD_PHONE.format(phone=phone))
        fields = {"phone": phone, "text": text, "status": SmsStatus.STORED}
        if idempotency_key:
            message, _created = SmsMessage.objects.get_or_create(idempotency_key=idempotency_key, defaults=fields)
        else:
            message = SmsMessage.objects.create(**fields)
        return str(message.pk)


def sms_gateway() -> SmsGateway:
    """The gateway named by ``settings.ZHIFA_SMS_GATEWAY`` (read on every call, so tests may swap it)."""
    return import_string(settings.ZHIFA_SMS_GATEWAY)()


def site_link(url: str) -> str:
    """An absolute link for messages read outside the browser (``ZHIFA_SITE_URL`` + path)."""
    if not url:
        return ""
    return getattr(settings, "ZHIFA_SITE_URL", "").rstrip("/") + url


class Channel(ABC):
    """A way of bringing a notification to its recipient."""

    name: str
    label: str
    address_label: str

    @abstractmethod
    def address_of(self, user) -> str:
        """The user's address on this channel, or ``""`` when the user cannot be reached on it."""

    @abstractmethod
    def send(self, *, notification: Notification, address: str, message_id: str) -> None:
        """Send ``notification`` to ``address`` as message ``message_id``; raise on failure (retried)."""

    def transmits(self) -> bool:
        """Whether ``send`` reaches the recipient (false: the message is only stored)."""
        return True


class InAppChannel(Channel):
    """站内通知: the ``Notification`` row itself is the message, shown in the notification centre."""

    name = "inapp"
    label = "站内通知"
    address_label = "账号"

    def address_of(self, user) -> str:
        return user.username

    def send(self, *, notification: Notification, address: str, message_id: str) -> None:
        """Nothing to transmit: the row written by ``notify`` is what the recipient reads."""


class EmailChannel(Channel):
    """邮件: sent through Django's mailer ``MAILER_ALIAS`` (``settings.MAILERS``)."""

    name = "email"
    label = "电子邮件"
    address_label = "电子邮箱"

    def address_of(self, user) -> str:
        return user.email or ""

    def send(self, *, notification: Notification, address: str, message_id: str) -> None:
        body = notification.body
        link = site_link(notification.url)
        if link:
            body = f"{body}\n\n查看详情：{link}" if body else f"查看详情：{link}"
        message = EmailMessage(
            subject=f"{SIGNATURE}{notification.title}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers={"Message-ID": message_id} if message_id else None,
        )
        message.send(using=MAILER_ALIAS)


class SmsChannel(Channel):
    """短信: sent through the configured ``SmsGateway``."""

    name = "sms"
    label = "短信"
    address_label = "手机号"

    def address_of(self, user) -> str:
        return user.phone or ""

    def send(self, *, notification: Notification, address: str, message_id: str) -> None:
        text = f"{SIGNATURE}{notification.title}"
        if notification.body:
            text = f"{text}：{notification.body}"
        sms_gateway().send(
            phone=address, text=text[:SMS_MAX_CHARS], idempotency_key=message_id, timeout=settings.ZHIFA_SMS_TIMEOUT
        )

    def transmits(self) -> bool:
        return sms_gateway().transmits


CHANNELS: dict[str, Channel] = {channel.name: channel for channel in (InAppChannel(), EmailChannel(), SmsChannel())}
