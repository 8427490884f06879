"""The start of a web process: load what the first requests would load, then keep the collector off it.

gunicorn starts each worker by importing ``zhifa.wsgi``, which calls ``warm_up()``. Python's cyclic
garbage collector walks every object of its oldest generation in a full collection; after start-up
that is all of Django, the apps, the URL configuration and the compiled templates (several hundred
thousand objects, none of them garbage), walked again every few hundred requests, so that an
ordinary request now and then took 100–300 ms longer (the single slow samples of
docs/performance.md). ``gc.freeze()`` moves everything alive at that point into a permanent
generation that collections skip; what requests allocate afterwards is collected as before.
"""

from __future__ import annotations

import gc

from django.template.loader import get_template
from django.urls import get_resolver

FIRST_TEMPLATES = ("base.html", "generic/object_list.html", "generic/object_detail.html", "core/workbench.html")
"""The templates nearly every session renders first (compiled once per process by the cached loader)."""


def warm_up() -> None:
    """Import every URL and view, compile the first templates, then freeze what is alive."""
    get_resolver().url_patterns
    for name in FIRST_TEMPLATES:
        get_template(name)
    gc.collect()
    gc.freeze()
