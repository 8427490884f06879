"""Task entry point of the actor context: ``@traced_task`` wraps a django.tasks task body."""

import functools

from .actor import Channel, actor_context


def with_task_actor(func):
    """Run a task body inside a ``task`` actor context; ``acting_user_id`` selects the user."""

    @functools.wraps(func)
    def wrapper(*args, acting_user_id=None, **kwargs):
        user = None
        if acting_user_id is not None:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.filter(pk=acting_user_id).first()
        with actor_context(channel=Channel.TASK, user=user):
            return func(*args, **kwargs)

    return wrapper
