"""A failed write (full disk, killed process) leaves no partial file in media/."""

import errno
import os

import pytest
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage

from zhifa.core.storage import AtomicFileSystemStorage


class DiskFullAfterFirstChunk(File):
    """An upload whose second chunk cannot be written: the disk filled up."""

    def __init__(self):
        super().__init__(None, name="证据.pdf")
        self.size = 2 * 64 * 1024

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 " + b"x" * (64 * 1024)
        raise OSError(errno.ENOSPC, "No space left on device")


def _files_under(root) -> list[str]:
    return [os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names]


@pytest.fixture
def storage(tmp_path):
    return AtomicFileSystemStorage(location=tmp_path)


def test_a_write_that_fails_half_way_leaves_nothing(storage, tmp_path):
    with pytest.raises(OSError):
        storage.save("attachments/2026/证据.pdf", DiskFullAfterFirstChunk())
    assert _files_under(tmp_path) == []


def test_a_complete_write_appears_under_its_name_only(storage, tmp_path):
    name = storage.save("imports/upload.xlsx", ContentFile(b"PK\x03\x04 complete"))

    assert name == "imports/upload.xlsx"
    assert _files_under(tmp_path) == [str(tmp_path / name)]
    assert storage.open(name).read() == b"PK\x03\x04 complete"


def test_a_taken_name_gets_a_free_one(storage):
    first = storage.save("a.txt", ContentFile(b"1"))
    second = storage.save("a.txt", ContentFile(b"2"))
    assert first != second and storage.open(first).read() == b"1" and storage.open(second).read() == b"2"


def test_attachments_and_imports_use_the_atomic_storage():
    assert isinstance(default_storage, AtomicFileSystemStorage)
