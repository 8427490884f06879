"""Password policy (at least three of four character classes, 等保 level 3 practice) and hashing."""

import re

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core.exceptions import ValidationError

CLASSES = {
    "小写字母": re.compile(r"[a-z]"),
    "大写字母": re.compile(r"[A-Z]"),
    "数字": re.compile(r"[0-9]"),
    "符号": re.compile(r"[^a-zA-Z0-9]"),
}


class CharacterClassValidator:
    """Rejects passwords that use fewer than ``min_classes`` of lower, upper, digit, symbol."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        used = [name for name, pattern in CLASSES.items() if pattern.search(password)]
        if len(used) < self.min_classes:
            raise ValidationError(
                "密码须至少包含小写字母、大写字母、数字、符号中的 %(n)d 类。", code="password_too_simple", params={"n": self.min_classes}
            )

    def get_help_text(self):
        return f"密码须至少包含小写字母、大写字母、数字、符号中的 {self.min_classes} 类。"


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's minimum parameters: 19 MiB of memory, 2 passes, 1 lane.

    Django's defaults (100 MiB, 8 lanes) cost about 210 ms of CPU and 100 MB per login on the
    2-core reference machine; these cost about a tenth of that (docs/decisions/0007-argon2-parameters.md). The
    algorithm name stays ``argon2``, so existing hashes still verify and ``must_update`` rewrites
    them with these parameters at the user's next successful login.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
