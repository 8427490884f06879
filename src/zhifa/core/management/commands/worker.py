"""``zhifa worker``: the task worker (django-tasks-db) plus the periodic-job scheduler."""

import threading

from zhifa.core.commands import ZhifaCommand
from zhifa.core.periodic import scheduler_loop
from zhifa.core.workers import ResilientWorker


class Command(ZhifaCommand):
    help = "运行后台任务处理进程，并触发定时任务（多个进程同时运行时每个周期只触发一次）；数据库中断时等待恢复后继续"

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="只处理任务，不触发定时任务")
        parser.add_argument("--poll", type=float, default=30.0, help="定时任务检查间隔（秒）")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时两次取任务的间隔（秒）")

    def run(self, *args, **options):
        stop = threading.Event()
        if not options["no_scheduler"]:
            threading.Thread(target=scheduler_loop, args=(stop, options["poll"]), daemon=True, name="zhifa-scheduler").start()
        worker = ResilientWorker.for_default_queue(interval=options["interval"])
        worker.configure_signals()
        try:
            worker.run()
        finally:
            stop.set()
