"""Every form renders through one renderer: Tabler classes, "请选择…" placeholders, errors beside fields."""

import pytest
from django import forms
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.basedata.test_powers import make_power


class PlainForm(forms.Form):
    """A form that does nothing special: the renderer alone must style it."""

    kind = forms.ChoiceField(label="类型", choices=[("", "请选择…"), ("a", "甲")])
    day = forms.DateField(label="日期")
    agree = forms.BooleanField(label="同意", required=False)


def test_a_plain_form_is_styled_and_shows_each_error_under_its_field():
    html = str(PlainForm(data={"kind": "", "day": "不是日期"}))
    assert 'class="form-select is-invalid"' in html and 'class="form-control is-invalid"' in html
    assert 'class="form-check-input"' in html
    day = html.split('data-field="day"')[1].split('data-field="agree"')[0]
    assert 'aria-describedby="id_day_error"' in day and '<div id="id_day_error">' in day
    assert 'data-testid="field-error">输入一个有效的日期。' in day
    assert "保存失败，请修改标红的内容后重试。" in html


def test_model_choice_fields_say_please_choose_in_chinese():
    from zhifa.org.models import Unit

    field = forms.ModelChoiceField(queryset=Unit.objects.none())
    assert field.empty_label == "请选择…"


@pytest.fixture
def author(tree):
    tree["district_author"].roles.first().permissions.add(
        *Permission.objects.filter(codename__in=["add_discretionstandard", "view_power"]))
    make_power(tree["district"])
    return tree["district_author"]


def test_discretion_standard_form_errors_sit_next_to_their_fields(client, author):
    client.force_login(author)
    url = reverse("basedata:discretionstandard_add")
    blank = client.get(url).content.decode()
    assert "请选择…" in blank and "Select an option" not in blank and "---------" not in blank
    page = client.post(url, {"levels-TOTAL_FORMS": "1", "levels-INITIAL_FORMS": "0", "title": ""}).content.decode()
    power = page.split('data-field="power"')[1].split('data-field=')[0]
    assert "is-invalid" in power and 'data-testid="field-error"' in power
    assert 'class="form-select' in power
