"""Choice lists of the base-data context."""

from django.db import models


class LawLevel(models.TextChoices):
    """Effect level (效力级别) of a legal document, from the highest to the lowest."""

    LAW = "法律", "法律"
    JUDICIAL_INTERPRETATION = "司法解释", "司法解释"
    ADMINISTRATIVE_REGULATION = "行政法规", "行政法规"
    LOCAL_REGULATION = "地方性法规", "地方性法规"
    DEPARTMENTAL_RULE = "部门规章", "部门规章"
    LOCAL_GOVERNMENT_RULE = "地方政府规章", "地方政府规章"
    NORMATIVE_DOCUMENT = "规范性文件", "规范性文件"


class LawValidity(models.TextChoices):
    """Whether a law version is in force (时效性)."""

    IN_FORCE = "有效", "有效"
    AMENDED = "已修改", "已被修订"  # superseded by a later version of the same law
    REPEALED = "已废止", "已废止"
    NOT_YET_EFFECTIVE = "尚未生效", "尚未生效"
