"""Uploading models and publishing versions (流程配置)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhifa.core.gate import can_model

from .. import bpmn
from ..choices import VersionStatus
from ..models import ProcessDefinition, ProcessVersion
from ..requirements import ProcedureType, missing_stages

NOT_ALLOWED = "您没有维护流程模型的权限"
NOT_ALLOWED_PUBLISH = "您没有发布流程的权限"
ALREADY_PUBLISHED = "第{number}版已经发布，不能再次发布；请上传新版本"
KEY_MISMATCH = "模型中的流程标识“{found}”与流程“{name}”的标识“{key}”不一致"
UNKNOWN_TYPE = "未知的程序类型“{value}”"


@transaction.atomic
def import_model(*, xml: str | bytes, actor, procedure_type: str | None = None, note: str = "",
                 definition: ProcessDefinition | None = None) -> ProcessVersion:
    """Check an uploaded BPMN model and store it as the next draft version of its procedure.

    The procedure is found (or created) by the model's process id. Refused models raise
    ``ValidationError`` with one Chinese message per problem, each naming the element and line.
    """
    if not can_model(actor, "add", ProcessVersion):
        raise ValidationError(NOT_ALLOWED)
    try:
        parsed = bpmn.parse(xml)
    except bpmn.ModelError as error:
        raise ValidationError({"bpmn_xml": error.messages}) from None
    if procedure_type is not None and procedure_type not in ProcedureType.values:
        raise ValidationError({"procedure_type": UNKNOWN_TYPE.format(value=procedure_type)})
    if definition is not None and definition.key != parsed.key:
        raise ValidationError({"bpmn_xml": KEY_MISMATCH.format(found=parsed.key, name=definition.name, key=definition.key)})
    if definition is None:
        definition, created = ProcessDefinition.objects.select_for_update().get_or_create(
            key=parsed.key,
            defaults={"name": parsed.name, "procedure_type": procedure_type or ProcedureType.APPROVAL},
        )
    else:
        definition = ProcessDefinition.objects.select_for_update().get(pk=definition.pk)
    if procedure_type and definition.procedure_type != procedure_type:
        definition.procedure_type = procedure_type
        definition.save(update_fields=["procedure_type", "updated_at"])
    number = (definition.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    text = xml.decode() if isinstance(xml, bytes) else xml
    return ProcessVersion.objects.create(definition=definition, number=number, bpmn_xml=text, spec=parsed.spec, note=note)


@transaction.atomic
def publish_version(*, version: ProcessVersion, actor) -> ProcessVersion:
    """Publish a draft: new instances start on it; running ones stay on theirs.

    Refused when the model lacks a stage the law requires of its procedure type.
    """
    if not can_model(actor, "change", ProcessVersion):
        raise ValidationError(NOT_ALLOWED_PUBLISH)
    version = ProcessVersion.objects.select_for_update().select_related("definition").get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(ALREADY_PUBLISHED.format(number=version.number))
    stages = {step["stage"] for step in version.spec["steps"].values() if step.get("stage")}
    problems = missing_stages(version.definition.procedure_type, stages)
    if problems:
        raise ValidationError({"bpmn_xml": problems})
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    return version
