"""Local file storage that never leaves a partial file behind (attachments, import uploads).

Django's ``FileSystemStorage`` writes straight to the final path, so a full disk or a killed process
leaves a truncated file where a good one is expected. ``AtomicFileSystemStorage`` writes to a hidden
``.partial-…`` file in the same directory, deletes it if anything goes wrong, and only a complete
file is renamed (atomically, same file system) to its final name.
"""

from __future__ import annotations

import os
import uuid

from django.core.files.storage import FileSystemStorage

PARTIAL_PREFIX = ".partial-"


class AtomicFileSystemStorage(FileSystemStorage):
    """``FileSystemStorage`` whose saves are all-or-nothing."""

    def _save(self, name: str, content) -> str:
        directory, base = os.path.split(name)
        partial = os.path.join(directory, f"{PARTIAL_PREFIX}{uuid.uuid4().hex}-{base}")
        try:
            written = super()._save(partial, content)
        except BaseException:
            self._discard(partial)
            raise
        try:
            return self._publish(written, name)
        except BaseException:
            self._discard(written)
            raise

    def _publish(self, written: str, name: str) -> str:
        """Rename the complete file to ``name`` (or the next free name); returns the name used."""
        name = self.get_available_name(name)
        os.rename(self.path(written), self.path(name))
        return name

    def _discard(self, name: str) -> None:
        try:
            os.remove(self.path(name))
        except FileNotFoundError:
            pass
