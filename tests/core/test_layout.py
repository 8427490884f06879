"""The shared layout: one date and amount style, a favicon, page titles, printing with who and when."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import formats, translation

from tests import factories
from zhifa.core.cells import date_text
from zhifa.core.templatetags.zhifa_ui import cn_date, yuan


def test_one_date_style_text_long_tables_short_never_without_the_year():
    day = dt.date(2026, 12, 6)
    assert formats.date_format(day) == "2026年12月6日" == cn_date(day)
    assert formats.date_format(day, "SHORT_DATE_FORMAT") == "2026-12-06"
    assert formats.date_format(day, "MONTH_DAY_FORMAT") == "2026年12月6日"
    assert formats.date_format(dt.datetime(2026, 12, 6, 9, 5), "SHORT_DATETIME_FORMAT") == "2026-12-06 09:05"


def test_list_cells_dates_are_the_shared_style_in_each_language_though_kept_per_day():
    day = dt.date(2026, 12, 6)
    assert date_text(day, "SHORT_DATE_FORMAT") == "2026-12-06" == date_text(day, "SHORT_DATE_FORMAT")
    assert date_text(day, "Y年n月j日") == "2026年12月6日"
    assert date_text(dt.datetime(2026, 12, 6, 9, 5), "SHORT_DATETIME_FORMAT") == "2026-12-06 09:05"
    with translation.override("en"):  # a day's kept text belongs to the language it was written in
        assert date_text(day, "SHORT_DATE_FORMAT") == formats.date_format(day, "SHORT_DATE_FORMAT") == "12/06/2026"
        assert date_text(day, "F") == "December"
    assert date_text(day, "F") == "十二月"


def test_amounts_have_thousands_separators_and_yuan():
    assert yuan(12500) == "12,500 元"
    assert yuan(Decimal("1234.5")) == "1,234.50 元"
    assert yuan(None) == ""


def test_detail_pages_print_with_title_unit_user_and_time(client, city):
    user = factories.user(city["yantian"], display_name="盐田执法员",
                          roles=[factories.role(["org.view_unit"])])
    client.force_login(user)
    page = client.get(reverse("org:unit_detail", args=[city["yantian"].pk])).content.decode()
    assert f"<title>{city['yantian'].name} · 单位 - 执法通</title>" in page
    assert 'rel="icon"' in page and "favicon.svg" in page
    assert 'data-print data-testid="print"' in page and "打印</button>" in page
    header = page.split('data-testid="print-header"')[1].split("</div>\n    </div>")[0]
    assert city["yantian"].name in header and "打印人：盐田执法员" in header and "打印时间：" in header
    assert 'class="text-secondary loading-placeholder">正在加载…' in page


def test_lists_fold_their_filters_on_phones_and_label_cells_for_cards(client, city):
    user = factories.user(city["yantian"], roles=[factories.role(["org.view_unit"])])
    client.force_login(user)
    page = client.get(reverse("org:unit_list")).content.decode()
    assert 'id="filter-card"' in page and 'class="card mb-3 collapse d-sm-block' in page
    assert 'data-bs-target="#filter-card"' in page
    assert 'data-label="名称"' in page
