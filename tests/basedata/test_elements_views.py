"""Element screens and API (常用语, 检查模块, 检查项, 检查单): the generic suite and the checklist preview."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from tests import factories
from tests.base import BulkEditTests, DeleteTests, ImportTests, PrimaryObjectTests, RestrictedChoicesTests
from zhifa.basedata.models.elements import (
    AnswerType,
    CheckItem,
    Checklist,
    ChecklistItem,
    CheckModule,
    DocumentField,
    Phrase,
)
from zhifa.core.actor import Channel, actor_context
from zhifa.org.choices import Sector


_numbers = itertools.count(1)


def saved(obj):
    """``obj`` validated and saved as the system (audited)."""
    with actor_context(channel=Channel.SYSTEM):
        obj.full_clean()
        obj.save()
    return obj


def phrase(unit, text, field_key=DocumentField.FACTS):
    return saved(Phrase(unit=unit, text=text, field_key=field_key))


def module(unit, name, sector=Sector.MARKET_REGULATION):
    return saved(CheckModule(unit=unit, name=name, sector=sector))


def item(unit_or_module, content, **values):
    owner = unit_or_module if isinstance(unit_or_module, CheckModule) else module(unit_or_module, f"模块{next(_numbers)}")
    return saved(CheckItem(module=owner, content=content, **values))


def checklist(unit, name, items=()):
    obj = saved(Checklist(unit=unit, name=name, sector=Sector.MARKET_REGULATION))
    with actor_context(channel=Channel.SYSTEM):
        for position, entry in enumerate(items, start=1):
            ChecklistItem.objects.create(checklist=obj, item=entry, order=position)
    return obj


class ElementTests(PrimaryObjectTests, DeleteTests, BulkEditTests, ImportTests, RestrictedChoicesTests):
    url_prefix_api = "basedata-api"
    extra_permissions = ("org.view_unit",)
    choice_field = "unit"

    def choice_objects(self, city, data):
        return city["yantian"], city["futian"]


class TestPhraseViews(ElementTests):
    model = Phrase
    key_field = "text"
    edit_field = "text"
    bulk_field, bulk_value = "field_key", DocumentField.OPINION

    def create_data(self, city):
        return {"own": [phrase(city["yantian"], "经查，当事人未取得许可擅自经营"),
                        phrase(city["yantian"], "现场检查时当事人在场")],
                "other": [phrase(city["futian"], "福田专用常用语甲"), phrase(city["futian"], "福田专用常用语乙")]}

    def create_rows(self, city, count):
        for _ in range(count):
            phrase(city["yantian"], f"盐田常用语{next(_numbers):04d}")

    def form_data(self, city):
        return {"unit": city["yantian"].pk, "field_key": DocumentField.OPINION, "text": "建议责令限期改正", "order": 1}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "field_key": "unknown"}, "field_key"

    def edit_data(self, city, obj):
        return {"unit": obj.unit_id, "field_key": obj.field_key, "text": "修改后的常用语", "order": obj.order}

    def bulk_edit_data(self, city):
        return {"field_key": DocumentField.OPINION}

    def import_rows(self, city):
        return [{"单位": "盐田区城市管理和综合执法局", "文书栏目": "违法事实", "内容": "导入常用语一", "排序": 1},
                {"单位": "盐田区城市管理和综合执法局", "文书栏目": "处理意见", "内容": "导入常用语二", "排序": 2}]

    def bad_import_row(self, city):
        return {"单位": "盐田区城市管理和综合执法局", "文书栏目": "不存在的栏目", "内容": "坏行", "排序": 3}, "文书栏目"

    def imported(self, row):
        return Phrase.objects.get(text=row["内容"])


class TestCheckModuleViews(ElementTests):
    model = CheckModule
    key_field = "name"
    edit_field = "name"
    bulk_field, bulk_value = "sector", Sector.URBAN_MANAGEMENT

    def create_data(self, city):
        return {"own": [module(city["yantian"], "食品经营场所卫生"), module(city["yantian"], "占道经营")],
                "other": [module(city["futian"], "福田餐饮油烟"), module(city["futian"], "福田户外广告")]}

    def create_rows(self, city, count):
        for _ in range(count):
            module(city["yantian"], f"盐田模块{next(_numbers):04d}")

    def form_data(self, city):
        return {"unit": city["yantian"].pk, "name": "燃气使用安全", "sector": Sector.EMERGENCY_MANAGEMENT}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "sector": ""}, "sector"

    def edit_data(self, city, obj):
        return {"unit": obj.unit_id, "name": "改名后的模块", "sector": obj.sector}

    def bulk_edit_data(self, city):
        return {"sector": Sector.URBAN_MANAGEMENT}

    def import_rows(self, city):
        return [{"单位": "盐田区城市管理和综合执法局", "模块名称": "导入模块一", "执法领域": "市场监管"},
                {"单位": "盐田区城市管理和综合执法局", "模块名称": "导入模块二", "执法领域": "城市管理"}]

    def bad_import_row(self, city):
        return {"单位": "福田区城市管理和综合执法局", "模块名称": "越权模块", "执法领域": "市场监管"}, "单位"

    def imported(self, row):
        return CheckModule.objects.get(name=row["模块名称"])


class TestCheckItemViews(ElementTests):
    model = CheckItem
    key_field = "content"
    edit_field = "content"
    extra_permissions = ("org.view_unit", "basedata.view_checkmodule", "basedata.view_article")
    choice_field = "module"
    bulk_field, bulk_value = "answer_type", AnswerType.VALUE

    @pytest.fixture
    def data(self, city):
        self.own_module = module(city["yantian"], "盐田检查模块")
        self.other_module = module(city["futian"], "福田检查模块")
        return {"own": [item(self.own_module, "是否亮照经营"), item(self.own_module, "从业人员健康证是否有效")],
                "other": [item(self.other_module, "福田检查项甲"), item(self.other_module, "福田检查项乙")]}

    def create_rows(self, city, count):
        for _ in range(count):
            item(self.own_module, f"盐田检查项{next(_numbers):04d}")

    def choice_objects(self, city, data):
        return self.own_module, self.other_module

    def form_data(self, city):
        return {"module": self.own_module.pk, "content": "冷藏设施温度", "answer_type": AnswerType.VALUE,
                "photo_required": "on", "order": 3}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "module": self.other_module.pk}, "module"

    def edit_data(self, city, obj):
        return {"module": obj.module_id, "content": "修改后的检查内容", "answer_type": obj.answer_type, "order": 1}

    def bulk_edit_data(self, city):
        return {"answer_type": AnswerType.VALUE}

    def import_rows(self, city):
        return [{"检查模块": "盐田检查模块", "检查内容": "导入检查项一", "答题方式": "是/否/合理缺项", "须拍照": "否"},
                {"检查模块": "盐田检查模块", "检查内容": "导入检查项二", "答题方式": "拍照取证", "须拍照": "是"}]

    def bad_import_row(self, city):
        return {"检查模块": "福田检查模块", "检查内容": "越权检查项", "答题方式": "填写数值", "须拍照": "否"}, "检查模块"

    def imported(self, row):
        return CheckItem.objects.get(content=row["检查内容"])


class TestChecklistViews(ElementTests):
    model = Checklist
    key_field = "name"
    edit_field = "name"
    extra_permissions = ("org.view_unit", "basedata.view_checkitem")
    bulk_field, bulk_value = "sector", Sector.URBAN_MANAGEMENT

    def create_data(self, city):
        return {"own": [checklist(city["yantian"], "餐饮单位日常检查单"), checklist(city["yantian"], "市容巡查单")],
                "other": [checklist(city["futian"], "福田检查单甲"), checklist(city["futian"], "福田检查单乙")]}

    def create_rows(self, city, count):
        for _ in range(count):
            checklist(city["yantian"], f"盐田检查单{next(_numbers):04d}")

    def form_data(self, city):
        return {"unit": city["yantian"].pk, "name": "新建检查单", "sector": Sector.MARKET_REGULATION}

    def invalid_form_data(self, city):
        return {**self.form_data(city), "sector": "nowhere"}, "sector"

    def edit_data(self, city, obj):
        return {"unit": obj.unit_id, "name": "改名后的检查单", "sector": obj.sector}

    def bulk_edit_data(self, city):
        return {"sector": Sector.URBAN_MANAGEMENT}

    def import_rows(self, city):
        return [{"单位": "盐田区城市管理和综合执法局", "检查单名称": "导入检查单一", "执法领域": "市场监管"},
                {"单位": "盐田区城市管理和综合执法局", "检查单名称": "导入检查单二", "执法领域": "生态环境"}]

    def bad_import_row(self, city):
        return {"单位": "盐田区城市管理和综合执法局", "检查单名称": "坏检查单", "执法领域": "火星"}, "执法领域"

    def imported(self, row):
        return Checklist.objects.get(name=row["检查单名称"])


# --- the checklist as an officer fills it in ----------------------------------------------------


def test_checklist_detail_shows_the_template_as_filled_on_site(client, city):
    own = module(city["yantian"], "餐饮卫生")
    yes_no = item(own, "是否公示食品经营许可证", order=1)
    value = item(own, "冷藏温度（℃）", answer_type=AnswerType.VALUE, order=2)
    photo = item(own, "后厨环境", answer_type=AnswerType.YES_NO_NA, photo_required=True, order=3)
    obj = checklist(city["yantian"], "餐饮检查单", [value, yes_no, photo])
    client.force_login(TestChecklistViews().make_tester(city))
    response = client.get(reverse("basedata:checklist_detail", args=[obj.pk]))
    content = response.content.decode()
    assert [i.pk for i in response.context["checklist_items"]] == [value.pk, yes_no.pk, photo.pk]
    assert content.count('type="radio"') == 6  # two yes/no/na items, three options each
    assert content.count("合理缺项</span>") == 2
    assert content.count('placeholder="填写数值"') == 1
    assert content.count('data-testid="photo-required"') == 1
    assert "<form" not in content.split('data-testid="checklist-template"')[1]


def test_checklist_form_keeps_chosen_items_in_module_order(client, city):
    own = module(city["yantian"], "餐饮卫生")
    second = item(own, "第二项", order=2)
    first = item(own, "第一项", order=1)
    client.force_login(TestChecklistViews().make_tester(city, ("view", "add")))
    data = {**TestChecklistViews().form_data(city), "items": [second.pk, first.pk]}
    response = client.post(reverse("basedata:checklist_add"), data)
    assert response.status_code == 302
    created = Checklist.objects.get(name="新建检查单")
    assert list(created.ordered_items()) == [first, second]


def test_checklist_cannot_take_another_districts_items(client, city):
    foreign = item(city["futian"], "福田检查项")
    client.force_login(TestChecklistViews().make_tester(city, ("view", "add")))
    data = {**TestChecklistViews().form_data(city), "items": [foreign.pk]}
    response = client.post(reverse("basedata:checklist_add"), data)
    assert "items" in response.context["form"].errors
    assert not Checklist.objects.exists()


def test_units_maintain_their_own_phrases(client, city):
    phrase(city["futian"], "福田的常用语")
    user = factories.user(city["yantian"], roles=[factories.role(factories.model_permissions(Phrase), "unit")])
    client.force_login(user)
    response = client.get(reverse("basedata:phrase_list"))
    assert "福田的常用语" not in response.content.decode()
