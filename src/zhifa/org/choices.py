"""Enumerations of the organisation context."""

from django.db import models


class RegionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    DISTRICT = "district", "区县"
    STREET = "street", "乡镇街道"


class UnitKind(models.TextChoices):
    """Kinds of node in the organisation tree (the identifiers used throughout the code)."""

    AGENCY = "agency", "执法机关"
    ENFORCEMENT_SUBJECT = "enforcement_subject", "执法主体"
    ENTRUSTED_ORG = "entrusted_org", "受委托组织"
    DEPARTMENT = "department", "科室/中队"
    SUPERVISORY_BODY = "supervisory_body", "监督机关"


class UnitLevel(models.TextChoices):
    CITY = "city", "市级"
    DISTRICT = "district", "区级"
    STREET = "street", "街道级"


class Sector(models.TextChoices):
    """Enforcement sectors; thresholds and rules may differ per sector (e.g. 市场监督管理行政处罚程序规定)."""

    GENERAL = "general", "综合"
    MARKET_REGULATION = "market_regulation", "市场监管"
    PUBLIC_SECURITY = "public_security", "公安"
    URBAN_MANAGEMENT = "urban_management", "城市管理"
    ECOLOGY_ENVIRONMENT = "ecology_environment", "生态环境"
    EMERGENCY_MANAGEMENT = "emergency_management", "应急管理"
    TRANSPORT = "transport", "交通运输"
