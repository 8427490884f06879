"""WSGI entry point for `zhifa serve`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings.base")
application = get_wsgi_application()
