"""The actor context: who is acting, for which unit, from where and through which channel.

Every entry point sets it — the web middleware, the API (through the same middleware), task
wrappers and management commands — so that audit rows are never written anonymously by accident.
The context lives in a ``ContextVar`` and therefore follows threads and async tasks correctly.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from django.db import models


class Channel(models.TextChoices):
    """How an action entered the system."""

    WEB = "web", "网页"
    API = "api", "接口"
    TASK = "task", "后台任务"
    CLI = "cli", "命令行"
    SYSTEM = "system", "系统"


@dataclass(frozen=True)
class Actor:
    """The acting party of the current unit of work.

    ``request`` is kept so that the user can be resolved lazily: DRF authenticates tokens inside
    the view, after the middleware has already opened the context.
    """

    channel: str = Channel.SYSTEM
    user: Any = None
    request: Any = None
    ip: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def resolved_user(self):
        """The authenticated user, or None."""
        user = self.user
        if user is None and self.request is not None:
            user = getattr(self.request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return user
        return None

    @property
    def effective_channel(self) -> str:
        """A web request that carried an API path is recorded as the API channel."""
        if self.channel == Channel.WEB and self.request is not None:
            if self.request.path.startswith("/api/"):
                return Channel.API
        return self.channel


_current: ContextVar[Actor] = ContextVar("zhifa_actor", default=Actor())


def current_actor() -> Actor:
    """The actor of the running unit of work (a system actor when none was set)."""
    return _current.get()


@contextmanager
def actor_context(**values: Any) -> Iterator[Actor]:
    """Set the actor for the enclosed block, e.g. ``with actor_context(user=u, channel="cli")``."""
    actor = replace(Actor(), **values)
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)
