"""``zhifa worker``: the task worker (django-tasks-db) plus the periodic-job scheduler."""

import threading

from django.core.management import call_command

from zhifa.core.commands import ZhifaCommand
from zhifa.core.periodic import scheduler_loop


class Command(ZhifaCommand):
    help = "运行后台任务处理进程，并触发定时任务（多个进程同时运行时每个周期只触发一次）"

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="只处理任务，不触发定时任务")
        parser.add_argument("--poll", type=float, default=30.0, help="定时任务检查间隔（秒）")

    def run(self, *args, **options):
        stop = threading.Event()
        if not options["no_scheduler"]:
            threading.Thread(target=scheduler_loop, args=(stop, options["poll"]), daemon=True, name="zhifa-scheduler").start()
        try:
            call_command("db_worker")
        finally:
            stop.set()
