"""A small demo city for the page walks: the same loaders as ``make demo``, a fraction of the size.

Two districts, 60 users (the twelve demo accounts among them), a handful of laws, objects, powers
and record batches: every menu entry has rows to list and details to open, in seconds.
"""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from tests.ui.screen_text import WORD
from zhifa.basedata.services.law_import import DATA_FOLDER
from zhifa.basedata.models import InspectedObject
from zhifa.org.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from zhifa.org.models import User

#: Laws loaded into the small demo (file-name prefixes): enough for searches, citations and powers.
LAWS = ("行政处罚法", "城市市容和环境卫生管理条例", "特种设备安全法", "食品安全法(")
USERNAMES = tuple(account.username for account in DEMO_ACCOUNTS)
PASSWORD = DEMO_PASSWORD


def build_small_demo(tmp_dir: Path) -> None:
    """Load the small demo city into the (empty) test database; ``tmp_dir`` receives the law files.

    Callers point ``settings.DATA_DIR`` (pytest-django's fixture) at a temporary folder first: the
    demo writes its account list there."""
    out = StringIO()
    call_command("demo_data", districts=2, users=60, seed=2026, stdout=out)
    folder = tmp_dir / "laws"
    folder.mkdir(parents=True, exist_ok=True)
    for path in Path(DATA_FOLDER).rglob("*.md"):
        if path.name.startswith(LAWS):
            shutil.copyfile(path, folder / path.name)
    call_command("import_laws", str(folder), stdout=out)
    call_command("demo_officers", stdout=out)
    call_command("demo_objects", count=60, stdout=out)
    call_command("demo_powers", count=30, stdout=out)
    call_command("demo_elements", days=3, stdout=out)


def data_words() -> frozenset[str]:
    """Latin words that are data people entered (user names, company names such as “MBP科技”):
    allowed on screen, unlike words the software writes."""
    words = set(User.objects.values_list("username", flat=True))
    for name in InspectedObject.objects.values_list("name", flat=True):
        words.update(WORD.findall(name))
    return frozenset(words)
