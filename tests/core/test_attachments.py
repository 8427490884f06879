"""Attachments (A8): hashed, size- and type-checked, virus-scanned, downloaded only when intact."""

import hashlib
import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import factories
from zhifa.core.models import Attachment, AuditEntry
from zhifa.core.scoping import DataScope
from zhifa.core.services.attachments import attachment_store, attachments_of

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
scanned = []


def _zip(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def refuse_eicar(file):
    """A test virus scanner: refuses files containing the EICAR marker, remembers what it saw."""
    content = file.read()
    scanned.append(content)
    if b"EICAR" in content:
        raise ValidationError("发现病毒 EICAR-Test-File")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def store(city, name, content, **extra):
    return attachment_store(
        uploaded_file=SimpleUploadedFile(name, content), target=city["yantian"], unit=city["yantian"], **extra
    )


def test_pdf_is_stored_with_its_hash_size_type_and_target(city, media):
    attachment = store(city, "处罚决定书.pdf", PDF)

    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.size == len(PDF)
    assert attachment.content_type_name == "application/pdf"
    assert attachment.original_name == "处罚决定书.pdf"
    assert attachment.target == city["yantian"]
    assert list(attachments_of(city["yantian"])) == [attachment]
    assert not attachments_of(city["futian"]).exists()
    with default_storage.open(attachment.file.name, "rb") as stored:
        assert stored.read() == PDF
    assert attachment.file.name.endswith(".pdf") and "处罚" not in attachment.file.name
    assert AuditEntry.objects.filter(object_type="core.attachment", object_id=str(attachment.pk), action="create").exists()


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("现场照片.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32, "image/jpeg"),
        ("现场照片.JPEG", b"\xff\xd8\xff\xe1\x00\x10Exif\x00" + b"\x00" * 32, "image/jpeg"),
        ("平面图.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32, "image/png"),
        ("询问笔录.docx", _zip("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("罚没物品清单.xlsx", _zip("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("执法记录仪.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 32, "video/mp4"),
        ("录音.m4a", b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + b"\x00" * 32, "audio/mp4"),
        ("录音.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 8, "audio/mpeg"),
        ("说明.txt", "当事人陈述：已知晓处罚事实。\n".encode() * 300, "text/plain"),
        ("旧系统导出.txt", "当事人陈述：已知晓。".encode("gb18030"), "text/plain"),
    ],
)
def test_every_allowed_type_is_accepted(city, media, name, content, mime):
    assert store(city, name, content).content_type_name == mime


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("工具.exe", b"MZ\x90\x00", "附件“工具.exe”的类型不允许，允许的类型：PDF、JPG、PNG、DOCX、XLSX、MP4、M4A、MP3、TXT"),
        ("无扩展名", PDF, "附件“无扩展名”的类型不允许"),
        ("照片.jpg", PDF, "附件“照片.jpg”的内容不是扩展名所示的 JPG 文件，请确认文件未被改名或损坏"),
        ("笔录.docx", _zip("xl/workbook.xml"), "附件“笔录.docx”的内容不是扩展名所示的 DOCX 文件"),
        ("笔录.docx", b"PK\x03\x04 not really a zip", "附件“笔录.docx”的内容不是扩展名所示的 DOCX 文件"),
        ("说明.txt", b"\x00\x01binary\x00", "附件“说明.txt”的内容不是扩展名所示的 TXT 文件"),
        ("空白.pdf", b"", "附件“空白.pdf”是空文件"),
    ],
)
def test_wrong_type_is_refused_and_nothing_is_written(city, media, name, content, message):
    with pytest.raises(ValidationError) as caught:
        store(city, name, content)
    assert caught.value.message_dict["file"][0].startswith(message)
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_too_large_file_is_refused_with_the_limit(city, media, settings):
    settings.ZHIFA_ATTACHMENT_MAX_BYTES = 2 * 1024
    with pytest.raises(ValidationError) as caught:
        store(city, "大文件.pdf", PDF + b"0" * 4096)
    assert caught.value.message_dict["file"] == ["附件“大文件.pdf”超过大小上限 2 KB"]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_error_names_the_callers_field(city, media):
    with pytest.raises(ValidationError) as caught:
        store(city, "证据.exe", b"MZ", field="evidence_file", label="证据文件")
    assert caught.value.message_dict["evidence_file"][0].startswith("证据文件“证据.exe”的类型不允许")


def test_virus_scanner_hook_refuses_infected_files(city, media, settings):
    settings.ZHIFA_ATTACHMENT_VIRUS_SCANNER = "tests.core.test_attachments.refuse_eicar"
    scanned.clear()

    clean = store(city, "干净.txt", b"no virus here")
    with pytest.raises(ValidationError) as caught:
        store(city, "中毒.txt", b"X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE")

    assert scanned == [b"no virus here", b"X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE"]
    assert caught.value.message_dict["file"] == ["附件“中毒.txt”未通过病毒检查：发现病毒 EICAR-Test-File"]
    assert list(Attachment.objects.all()) == [clean]
    assert len(stored_files(media)) == 1


def never_answers(uploaded_file):
    """A virus scanner that hangs (an unreachable clamd)."""
    time.sleep(5)


def test_a_virus_scanner_that_does_not_answer_refuses_the_file_in_time(city, media, settings):
    settings.ZHIFA_ATTACHMENT_VIRUS_SCANNER = "tests.core.test_attachments.never_answers"
    settings.ZHIFA_VIRUS_SCAN_TIMEOUT = 0.2

    with pytest.raises(ValidationError) as caught:
        store(city, "证据.txt", b"no virus here")

    assert caught.value.message_dict["file"] == ["附件“证据.txt”未通过病毒检查：病毒检查在 0.2 秒内没有完成，请稍后重新上传"]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


@pytest.fixture
def viewers(city):
    role = factories.role(["core.view_attachment"], DataScope.UNIT)
    return {
        "yantian": factories.user(city["yantian"], roles=[role]),
        "futian": factories.user(city["futian"], roles=[role]),
        "nobody": factories.user(city["yantian"]),
    }


def test_download_streams_the_verified_file_and_is_audited(city, media, viewers, client):
    attachment = store(city, "处罚决定书.pdf", PDF)
    client.force_login(viewers["yantian"])

    response = client.get(reverse("core:attachment_download", args=[attachment.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "%E5%A4%84%E7%BD%9A%E5%86%B3%E5%AE%9A%E4%B9%A6.pdf" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(object_type="core.attachment", object_id=str(attachment.pk), message="下载附件").exists()


@pytest.mark.parametrize("who", ["futian", "nobody"])
def test_download_outside_the_scope_is_not_found(city, media, viewers, client, who):
    attachment = store(city, "处罚决定书.pdf", PDF)
    client.force_login(viewers[who])
    response = client.get(reverse("core:attachment_download", args=[attachment.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(object_type="core.attachment", message="下载附件").exists()


def test_changed_file_is_refused_and_the_refusal_audited(city, media, viewers, client):
    attachment = store(city, "处罚决定书.pdf", PDF)
    (media / attachment.file.name).write_bytes(PDF.replace(b"Catalog", b"Catalox"))
    client.force_login(viewers["yantian"])

    response = client.get(reverse("core:attachment_download", args=[attachment.pk]))

    assert response.status_code == 409
    message = "附件“处罚决定书.pdf”的内容与登记的 SHA-256 校验值不符（文件缺失、损坏或被篡改），已拒绝下载"
    assert message in response.content.decode()
    assert b"Catalox" not in response.content
    assert AuditEntry.objects.filter(object_type="core.attachment", object_id=str(attachment.pk), message=message).exists()


def test_missing_file_is_refused(city, media, viewers, client):
    attachment = store(city, "处罚决定书.pdf", PDF)
    (media / attachment.file.name).unlink()
    client.force_login(viewers["yantian"])
    response = client.get(reverse("core:attachment_download", args=[attachment.pk]))
    assert response.status_code == 409
