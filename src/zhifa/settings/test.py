"""Settings for the test suite: immediate tasks, fast hashing, local mail, temporary files."""

import os
import tempfile

os.environ.setdefault("ZHIFA_DEBUG", "1")
os.environ.setdefault("ZHIFA_DATA_DIR", tempfile.mkdtemp(prefix="zhifa-test-"))

from .base import *  # noqa: E402,F403
from .base import DATA_DIR  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "zhifa.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ZHIFA_REQUIRE_ADMIN_TOTP = True
ZHIFA_LEGAL_RECHECK_SECONDS = 0  # rolled-back test transactions change the legal data version
ZHIFA_ACCESS_RECHECK_SECONDS = 0  # one process, but rolled-back test transactions change the token
LOGGING = {"version": 1, "disable_existing_loggers": False}
