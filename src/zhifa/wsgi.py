"""WSGI entry point for `zhifa serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")
application = get_wsgi_application()

from zhifa.core.warmup import warm_up  # noqa: E402  (needs the apps loaded)

warm_up()
