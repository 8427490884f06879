"""Queue a stream of probe tasks, riding out a database outage.

``python -m tests.faults.produce COUNT PAUSE`` queues ``COUNT`` probes ``PAUSE`` seconds apart and
prints the id of every task the database acknowledged.
"""

import sys
import time

import django


def produce(count: int, pause: float) -> None:
    from django.db import InterfaceError, OperationalError, connection

    from tests.faults.probe import hold

    for label in range(count):
        while True:
            try:
                result = hold.enqueue(label=label, seconds=0.2)
            except (OperationalError, InterfaceError):
                connection.close()
                time.sleep(0.2)
                continue
            print(result.id, flush=True)
            break
        time.sleep(pause)


if __name__ == "__main__":
    django.setup()
    produce(int(sys.argv[1]), float(sys.argv[2]))
