"""Attachments (A8): checked, hashed files in Django's default storage (local disk or S3).

``attachment_store`` streams the upload once to measure it, hash it (SHA-256) and sniff its first
bytes, rejects what is too large or not of an allowed type (by extension AND content), runs the
configured virus-scan hook, and only then writes the file to storage and the row to the database.
``verified_copy`` re-reads a stored file and hands out its bytes only when the hash still matches.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.module_loading import import_string

from ..models import Attachment

HEAD_BYTES = 4096
VERIFY_SPOOL_BYTES = 8 * 1024 * 1024

EMPTY_FILE = "{label}“{name}”是空文件"
TOO_LARGE = "{label}“{name}”超过大小上限 {limit}"
TYPE_NOT_ALLOWED = "{label}“{name}”的类型不允许，允许的类型：{allowed}"
CONTENT_MISMATCH = "{label}“{name}”的内容不是扩展名所示的 {kind} 文件，请确认文件未被改名或损坏"
VIRUS_FOUND = "{label}“{name}”未通过病毒检查：{reason}"
SCAN_TIMEOUT = "病毒检查在 {seconds} 秒内没有完成，请稍后重新上传"
TARGET_UNSAVED = "附件所属的对象尚未保存"


def _is_zip_with(member: str) -> Callable[[bytes, object], bool]:
    def sniff(head: bytes, file) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                return member in archive.namelist()
        except zipfile.BadZipFile:
            return False

    return sniff


def _is_iso_media(head: bytes, file) -> bool:
    return head[4:8] == b"ftyp"


def _is_mp3(head: bytes, file) -> bool:
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_text(head: bytes, file) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


@dataclass(frozen=True)
class FileKind:
    """An allowed file type: its display name, MIME type and a check of its first bytes."""

    label: str
    mime: str
    sniff: Callable[[bytes, object], bool]


FILE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", "application/pdf", lambda head, file: head.startswith(b"%PDF-")),
    "jpg": FileKind("JPG", "image/jpeg", lambda head, file: head.startswith(b"\xff\xd8\xff")),
    "jpeg": FileKind("JPG", "image/jpeg", lambda head, file: head.startswith(b"\xff\xd8\xff")),
    "png": FileKind("PNG", "image/png", lambda head, file: head.startswith(b"\x89PNG\r\n\x1a\n")),
    "docx": FileKind(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _is_zip_with("word/document.xml"),
    ),
    "xlsx": FileKind(
        "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _is_zip_with("xl/workbook.xml")
    ),
    "mp4": FileKind("MP4", "video/mp4", _is_iso_media),
    "m4a": FileKind("M4A", "audio/mp4", _is_iso_media),
    "mp3": FileKind("MP3", "audio/mpeg", _is_mp3),
    "txt": FileKind("TXT", "text/plain", _is_text),
}


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} 字节"


def _allowed_list() -> str:
    return "、".join(dict.fromkeys(kind.label for kind in FILE_KINDS.values()))


def _scan_for_viruses(uploaded_file) -> None:
    """Run the hook named by ``ZHIFA_ATTACHMENT_VIRUS_SCANNER``; it raises ValidationError on a find.

    A scanner that has not answered within ``ZHIFA_VIRUS_SCAN_TIMEOUT`` seconds refuses the file
    (the upload can be tried again) instead of holding the request.
    """
    path = settings.ZHIFA_ATTACHMENT_VIRUS_SCANNER
    if not path:
        return
    scanner = import_string(path)
    uploaded_file.seek(0)
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zhifa-virus-scan")
    try:
        pool.submit(scanner, uploaded_file).result(timeout=settings.ZHIFA_VIRUS_SCAN_TIMEOUT)
    except FutureTimeout:
        raise ValidationError(SCAN_TIMEOUT.format(seconds=f"{settings.ZHIFA_VIRUS_SCAN_TIMEOUT:g}")) from None
    finally:
        pool.shutdown(wait=False)


def attachment_store(
    *, uploaded_file, target: models.Model, unit, field: str = "file", label: str = "附件"
) -> Attachment:
    """Check and store ``uploaded_file`` as an attachment of ``target`` owned by ``unit``.

    Errors are ``ValidationError({field: message})`` whose message names ``label`` and the file;
    nothing is written to storage or the database when a check fails.
    """
    name = os.path.basename(uploaded_file.name or "").strip()[:255] or "未命名文件"

    def invalid(template: str, **values) -> ValidationError:
        return ValidationError({field: template.format(label=label, name=name, **values)})

    if target.pk is None:
        raise ValidationError({field: TARGET_UNSAVED})
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    kind = FILE_KINDS.get(extension)
    if kind is None:
        raise invalid(TYPE_NOT_ALLOWED, allowed=_allowed_list())

    limit = settings.ZHIFA_ATTACHMENT_MAX_BYTES
    digest = hashlib.sha256()
    size = 0
    head = b""
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        size += len(chunk)
        if size > limit:
            raise invalid(TOO_LARGE, limit=_human_size(limit))
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
    if size == 0:
        raise invalid(EMPTY_FILE)
    if not kind.sniff(head, uploaded_file):
        raise invalid(CONTENT_MISMATCH, kind=kind.label)
    try:
        _scan_for_viruses(uploaded_file)
    except ValidationError as exc:
        raise invalid(VIRUS_FOUND, reason="；".join(exc.messages)) from exc

    attachment = Attachment(
        unit=unit,
        original_name=name,
        content_type_name=kind.mime,
        size=size,
        sha256=digest.hexdigest(),
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
    )
    uploaded_file.seek(0)
    attachment.file.save(f"{uuid.uuid4().hex}.{extension}", uploaded_file, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def attachments_of(target: models.Model):
    """The attachments of ``target``, newest first (restrict them before showing them to a user)."""
    return Attachment.objects.filter(target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk))


def verified_copy(attachment: Attachment):
    """A private copy of the stored file, rewound, or None when it is missing or its SHA-256 no longer matches.

    Copying while hashing guarantees that the bytes handed out are the bytes that were verified.
    """
    copy = tempfile.SpooledTemporaryFile(max_size=VERIFY_SPOOL_BYTES)
    digest = hashlib.sha256()
    try:
        with attachment.file.storage.open(attachment.file.name, "rb") as stored:
            for chunk in iter(lambda: stored.read(64 * 1024), b""):
                digest.update(chunk)
                copy.write(chunk)
    except FileNotFoundError:
        copy.close()
        return None
    if digest.hexdigest() != attachment.sha256:
        copy.close()
        return None
    copy.seek(0)
    return copy
