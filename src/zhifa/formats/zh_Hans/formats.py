"""The one date style of 执法通 (``FORMAT_MODULE_PATH``): 2026年12月6日 in text, 2026-12-06 in tables.

Detail pages and sentences show ``DATE_FORMAT``; django-tables2 date columns use the short formats.
A month and day are never shown without the year.
"""

DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
