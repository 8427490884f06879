"""Attachment download: through the permission gate, and only when the file still matches its hash."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from ..audit import record
from ..models import Attachment, AuditAction
from ..services.attachments import verified_copy

TAMPERED = "附件“{name}”的内容与登记的 SHA-256 校验值不符（文件缺失、损坏或被篡改），已拒绝下载"


@login_required
def attachment_download(request, pk):
    """Stream the verified bytes of an attachment the user may view; refuse a changed file."""
    attachment = get_object_or_404(Attachment.objects.restrict(request.user, "view"), pk=pk)
    copy = verified_copy(attachment)
    if copy is None:
        message = TAMPERED.format(name=attachment.original_name)
        record(AuditAction.ACTION, attachment, message=message)
        return render(request, "core/attachments/tampered.html", {"attachment": attachment, "message": message}, status=409)
    record(AuditAction.ACTION, attachment, message="下载附件")
    return FileResponse(
        copy, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type_name
    )
