"""Base class for management commands: every command runs inside a CLI actor context."""

from django.core.management.base import BaseCommand

from .actor import Channel, actor_context


class ZhifaCommand(BaseCommand):
    """A management command whose writes are audited under the ``cli`` channel.

    Subclasses implement ``run(*args, **options)`` instead of ``handle``. The acting user is taken
    from ``--as-user`` (a username) when given, so an operator's change is attributed to them.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--as-user", dest="as_user", default="", help="以该用户名记录操作人（审计）")
        return parser

    def handle(self, *args, **options):
        user = None
        username = options.pop("as_user", "")
        if username:
            from django.contrib.auth import get_user_model

            user = get_user_model().objects.get(username=username)
        with actor_context(channel=Channel.CLI, user=user):
            return self.run(*args, **options)
