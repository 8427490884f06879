"""Test base classes that make a model's screen and API tests mostly data (NetBox's ViewTestCases).

A model's test module subclasses the mixins for the views it registers and supplies data::

    class TestUnitViews(ListTests, DetailTests, ExportTests, ApiTests):
        model = Unit
        key_field = "name"

        def create_data(self, city):
            return {"own": [...], "other": [...]}    # visible / invisible to the tester

The tester is a user of the 盐田区 agency holding the model's permissions with ``data_scope``
(``extra_permissions`` add e.g. the view permissions the dropdowns need). For unscoped reference
data (``scoped = False``) "own" and "other" are both visible to anyone holding the permission.
``ReadOnlyObjectTests`` also runs the model under every data scope and under explicit grants
(``tests/reach.py``) and checks its personal data (``tests/personal_data.py``).
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.model_base import (  # noqa: F401  (the upload helpers are used through this module)
    QUERY_COUNT_LARGE,
    QUERY_COUNT_SMALL,
    ModelTestBase,
    csv_upload,
    streamed,
    xlsx_cells,
    xlsx_upload,
)
from tests.personal_data import HistoryCardTests, PersonalDataTests
from tests.reach import ApiWriteTests, ScopeTests
from zhifa.core.audit import snapshot
from zhifa.core.models import AuditEntry
from zhifa.core.views.generic import ModelService
from zhifa.core.views.generic import writes as generic_writes


class AccessTests(ModelTestBase):
    """Anonymous users are sent to the login page; users without the permission get 403."""

    def test_anonymous_is_sent_to_login_everywhere(self, client, data):
        for url in self.get_urls(data):
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("org:login")), url

    def test_user_without_permission_is_forbidden_everywhere(self, client, city, data):
        client.force_login(factories.user(city["yantian"]))
        for url in self.get_urls(data):
            assert client.get(url).status_code == 403, url


class ListTests(ModelTestBase):
    """The list shows exactly the rows within the tester's scope, as a partial for htmx, in constant queries."""

    def test_list_shows_only_rows_in_scope(self, client, city, data):
        client.force_login(self.make_tester(city))
        response = client.get(self.url("list"))
        assert response.status_code == 200
        shown = {self.key(record) for record in response.context["table"].data}
        assert self.visible_keys(data) <= shown
        assert not shown & self.hidden_keys(data)

    def test_htmx_request_gets_only_the_table(self, client, city, data):
        client.force_login(self.make_tester(city))
        response = client.get(self.url("list"), headers={"HX-Request": "true", "HX-Target": "object-table"})
        content = response.content.decode()
        assert response.status_code == 200
        assert 'id="object-list"' in content
        assert "<html" not in content

    def test_search_narrows_the_list(self, client, city, data):
        client.force_login(self.make_tester(city))
        target = data["own"][0]
        response = client.get(self.url("list"), {"q": self.key(target)})
        shown = {self.key(record) for record in response.context["table"].data}
        assert self.key(target) in shown
        assert all(self.key(target) in key for key in shown)

    def test_list_query_count_does_not_grow_with_rows(self, client, city, data):
        client.force_login(self.make_tester(city))
        self.create_rows(city, QUERY_COUNT_SMALL)
        client.get(self.url("list"))  # warm caches that are filled once per process
        with CaptureQueriesContext(connection) as small:
            assert client.get(self.url("list")).status_code == 200
        self.create_rows(city, QUERY_COUNT_LARGE - QUERY_COUNT_SMALL)
        client.get(self.url("list"))  # new users or units refill the per-user cache once
        with CaptureQueriesContext(connection) as large:
            assert client.get(self.url("list")).status_code == 200
        # a list that fits on one page needs no count (its last page says how many rows there are)
        assert without_counts(large) == without_counts(small), f"{len(small)} → {len(large)} 次查询"
        assert len(large) <= len(small) + 1


def without_counts(queries) -> int:
    """How many statements a captured request made besides its ``COUNT`` queries."""
    return sum("COUNT(" not in query["sql"].upper() for query in queries.captured_queries)


class RestrictedChoicesTests(ModelTestBase):
    """Dropdowns of related objects offer only what the tester may view, and the API accepts no other.

    ``choice_field`` is a related field of the add form (its filter is ``<choice_field>_id``);
    ``choice_objects(city, data)`` returns ``(one the tester may pick, one of another district)``;
    ``api_create_data(city)`` is a create request of the API (by default the add form's data).
    """

    choice_field = ""

    def choice_objects(self, city, data):
        raise NotImplementedError(f"{type(self).__name__} 需要实现 choice_objects")

    def api_create_data(self, city) -> dict:
        return self.form_data(city)

    def foreign_value(self, foreign):
        many = self.meta.get_field(self.choice_field).many_to_many
        return [foreign.pk] if many else foreign.pk

    def assert_refused_on_choice_field(self, response) -> None:
        assert response.status_code == 400, response.content.decode()
        assert self.choice_field in {error["field"] for error in response.json()["errors"]}

    def test_api_writes_pointing_to_another_district_are_refused(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add", "change")))
        _, foreign = self.choice_objects(city, data)
        manager = self.model._default_manager
        payload = {**self.api_create_data(city), self.choice_field: self.foreign_value(foreign)}
        count, audit_rows = manager.count(), AuditEntry.objects.count()
        self.assert_refused_on_choice_field(client.post(self.api_url(), payload, content_type="application/json"))
        obj = data["own"][0]
        before = snapshot(manager.get(pk=obj.pk))
        patch = {self.choice_field: self.foreign_value(foreign)}
        self.assert_refused_on_choice_field(client.patch(self.api_url(obj), patch, content_type="application/json"))
        assert snapshot(manager.get(pk=obj.pk)) == before
        assert (manager.count(), AuditEntry.objects.count()) == (count, audit_rows)

    def test_edit_form_dropdown_is_restricted(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        allowed, foreign = self.choice_objects(city, data)
        choices = set(client.get(self.url("add")).context["form"].fields[self.choice_field].queryset)
        assert allowed in choices
        assert foreign not in choices

    def test_filter_dropdown_is_restricted(self, client, city, data):
        client.force_login(self.make_tester(city))
        allowed, foreign = self.choice_objects(city, data)
        filterset = client.get(self.url("list")).context["filterset"]
        choices = set(filterset.form.fields[f"{self.choice_field}_id"].queryset)
        assert allowed in choices
        assert foreign not in choices


class DetailTests(ModelTestBase):
    """An own row opens; another district's row answers 404; personal data reads are audited."""

    def test_detail_of_own_row(self, client, city, data):
        client.force_login(self.make_tester(city))
        obj = data["own"][0]
        response = client.get(self.url("detail", obj))
        assert response.status_code == 200
        assert response.context["object"] == obj

    def test_detail_of_other_district_is_not_found(self, client, city, data):
        client.force_login(self.make_tester(city))
        for obj in data["other"]:
            expected = 404 if self.scoped else 200
            assert client.get(self.url("detail", obj)).status_code == expected

    def test_reading_personal_data_is_audited_only_for_personal_models(self, client, city, data):
        client.force_login(self.make_tester(city))
        obj = data["own"][0]
        client.get(self.url("detail", obj))
        assert self.audit_rows("read", obj).exists() == bool(getattr(self.model, "personal_data", False))


class CreateTests(ModelTestBase):
    """Creating through the form writes the row and an audit row; bad input is kept and explained.

    ``form_data(city)`` is a valid POST; ``invalid_form_data(city)`` returns ``(data, field)`` with
    a mistake in ``field``; ``created(form_data)`` finds the created row.
    """

    def form_data(self, city) -> dict:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 form_data")

    def invalid_form_data(self, city) -> tuple[dict, str]:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 invalid_form_data")

    def created(self, form_data):
        return self.model._default_manager.get(**{self.key_field: form_data[self.key_field]})

    def test_create_saves_and_audits(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        form_data = self.form_data(city)
        response = client.post(self.url("add"), form_data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        obj = self.created(form_data)
        entry = self.audit_rows("create", obj).get()
        assert entry.changes[self.key_field]["after"] == form_data[self.key_field]

    def test_invalid_input_is_kept_and_nothing_saved(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        before = self.model._default_manager.count()
        bad, field = self.invalid_form_data(city)
        response = client.post(self.url("add"), bad)
        assert response.status_code == 200
        assert field in response.context["form"].errors, response.context["form"].errors
        assert str(bad[self.key_field]) in response.content.decode()
        assert self.model._default_manager.count() == before

    def test_create_needs_the_add_permission(self, client, city, data):
        client.force_login(self.make_tester(city, ("view",)))
        before = self.model._default_manager.count()
        assert client.post(self.url("add"), self.form_data(city)).status_code == 403
        assert self.model._default_manager.count() == before


class EditTests(ModelTestBase):
    """Editing an own row records before/after; another district's row cannot be reached.

    ``edit_data(city, obj)`` is a valid POST changing ``edit_field`` of ``obj``.
    """

    edit_field = ""

    def edit_data(self, city, obj) -> dict:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 edit_data")

    def test_edit_saves_and_audits_before_and_after(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "change")))
        obj = data["own"][-1]
        old = getattr(obj, self.edit_field)
        form_data = self.edit_data(city, obj)
        response = client.post(self.url("edit", obj), form_data)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        obj.refresh_from_db()
        assert getattr(obj, self.edit_field) == form_data[self.edit_field]
        entry = self.audit_rows("update", obj).filter(changes__has_key=self.edit_field).get()
        assert entry.changes[self.edit_field] == {"before": old, "after": form_data[self.edit_field]}

    def test_edit_of_other_district_is_not_found(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "change")))
        obj = data["other"][0]
        old = getattr(obj, self.edit_field)
        form_data = self.edit_data(city, obj)
        response = client.post(self.url("edit", obj), form_data)
        obj.refresh_from_db()
        if self.scoped:
            assert response.status_code == 404
            assert getattr(obj, self.edit_field) == old
        else:
            assert response.status_code == 302
            assert getattr(obj, self.edit_field) == form_data[self.edit_field]


class RefusingDeletes(ModelService):
    """A stand-in model service that refuses every delete: proves each delete path asks the service."""

    MESSAGE = "测试：本记录由服务拒绝删除"

    def create(self, instance, *, data, user):
        raise AssertionError("not a create test")

    def update(self, instance, *, data, user):
        raise AssertionError("not an update test")

    def delete_refusal(self, instance, *, user) -> str:
        return self.MESSAGE


class ServiceDeleteTests(ModelTestBase):
    """The delete page, the bulk delete and the API delete all go through the model's service."""

    def test_every_delete_path_goes_through_the_model_service(self, client, city, data, monkeypatch):
        monkeypatch.setitem(generic_writes._services, self.model, RefusingDeletes())
        client.force_login(self.make_tester(city, ("view", "delete")))
        obj = data["own"][-1]
        page = client.post(self.url("delete", obj), follow=True)
        assert RefusingDeletes.MESSAGE in page.content.decode()
        bulk = client.post(self.url("bulk_delete"), {"pk": [obj.pk], "_confirm": "1"}, follow=True)
        assert RefusingDeletes.MESSAGE in bulk.content.decode()
        api = client.delete(self.api_url(obj)) if self.has_api() else None
        if api is not None and api.status_code != 405:  # the API offers no delete for this model
            assert api.status_code == 409 and api.json()["message"] == RefusingDeletes.MESSAGE
        assert self.model._default_manager.filter(pk=obj.pk).exists()
        assert not self.audit_rows("delete", obj).exists()


class DeleteTests(ServiceDeleteTests):
    """Deleting an own row removes it with an audit row; another district's row stays."""

    def test_delete_removes_and_audits(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "delete")))
        obj = data["own"][-1]
        assert client.post(self.url("delete", obj)).status_code == 302
        assert not self.model._default_manager.filter(pk=obj.pk).exists()
        entry = self.audit_rows("delete", obj).get()
        assert entry.changes[self.key_field] == {"before": self.key(obj), "after": None}

    def test_delete_needs_scope(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "delete")))
        obj = data["other"][0]
        expected = 404 if self.scoped else 302
        assert client.post(self.url("delete", obj)).status_code == expected
        assert self.model._default_manager.filter(pk=obj.pk).exists() == self.scoped

    def test_bulk_delete_ignores_rows_out_of_scope(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "delete")))
        own, other = data["own"][-1], data["other"][-1]
        response = client.post(self.url("bulk_delete"), {"pk": [own.pk, other.pk], "_confirm": "1"})
        assert response.status_code == 302
        assert not self.model._default_manager.filter(pk=own.pk).exists()
        assert self.model._default_manager.filter(pk=other.pk).exists() == self.scoped


class BulkEditTests(ModelTestBase):
    """Bulk edit sets the chosen fields on the selected rows in scope, and only on them.

    ``bulk_edit_data(city)`` is the POST of the bulk form; ``bulk_field``/``bulk_value`` what it sets.
    """

    bulk_field = ""
    bulk_value = None

    def bulk_edit_data(self, city) -> dict:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 bulk_edit_data")

    def test_bulk_edit_changes_selected_rows_in_scope_only(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "change")))
        own, other = data["own"][-1], data["other"][-1]
        before_other = getattr(other, self.bulk_field)
        post = {**self.bulk_edit_data(city), "pk": [own.pk, other.pk], "_apply": "1"}
        response = client.post(self.url("bulk_edit"), post)
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        own.refresh_from_db()
        other.refresh_from_db()
        assert getattr(own, self.bulk_field) == self.bulk_value
        assert getattr(other, self.bulk_field) == before_other
        assert self.audit_rows("update", own).filter(changes__has_key=self.bulk_field).exists()


class ExportTests(ModelTestBase):
    """The export holds exactly the rows the tester may see, and writes one audit row."""

    def test_export_contains_only_rows_in_scope(self, client, city, data):
        client.force_login(self.make_tester(city))
        response = client.get(self.url("export"))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        rows = xlsx_cells(streamed(response))[1:]
        cells = {str(value) for row in rows for value in row if value is not None}
        assert self.visible_keys(data) <= cells
        assert not cells & self.hidden_keys(data)
        entry = self.audit_rows("export").get()
        assert f"{len(rows)}行" in entry.message


class ImportTests(ModelTestBase):
    """A file with one bad row is reported (row, column) and imports nothing; a good file imports all.

    ``import_rows(city)`` are good rows (header → value); ``bad_import_row(city)`` returns a row and
    the header of the column that is wrong; ``imported(row)`` finds a row's object.
    """

    def import_rows(self, city) -> list[dict]:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 import_rows")

    def bad_import_row(self, city) -> tuple[dict, str]:
        raise NotImplementedError(f"{type(self).__name__} 需要实现 bad_import_row")

    def imported(self, row):
        raise NotImplementedError(f"{type(self).__name__} 需要实现 imported")

    def test_dry_run_reports_bad_row_and_imports_nothing(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        rows = self.import_rows(city)
        bad, column = self.bad_import_row(city)
        before = self.model._default_manager.count()
        response = client.post(self.url("import"), {"file": xlsx_upload([*rows, bad])})
        errors = response.context["outcome"].errors
        bad_number = len(rows) + 2
        assert [(e.row, e.column) for e in errors] == [(bad_number, column)], errors
        content = response.content.decode()
        assert f"第 {bad_number} 行" in content and column in content
        assert 'name="_confirm"' not in content
        assert self.model._default_manager.count() == before
        assert not self.audit_rows("import").exists()

    def test_good_file_imports_every_row_after_confirmation(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        rows = self.import_rows(city)
        before = self.model._default_manager.count()
        preview = client.post(self.url("import"), {"file": xlsx_upload(rows)})
        assert preview.context["outcome"].ok
        assert self.model._default_manager.count() == before
        response = client.post(self.url("import"), {"token": preview.context["token"], "_confirm": "1"})
        assert response.status_code == 302
        assert self.model._default_manager.count() == before + len(rows)
        for row in rows:
            self.imported(row)
        assert self.audit_rows("import").count() == 1
        assert self.audit_rows("create").filter(object_id__in=[str(self.imported(r).pk) for r in rows]).count() == len(rows)

    def test_csv_in_gbk_is_accepted(self, client, city, data):
        client.force_login(self.make_tester(city, ("view", "add")))
        rows = self.import_rows(city)
        preview = client.post(self.url("import"), {"file": csv_upload(rows, encoding="gb18030")})
        assert preview.context["outcome"].ok, preview.context["outcome"].errors
        assert preview.context["outcome"].rows == len(rows)


class ApiTests(ModelTestBase):
    """The API answers like the screens: same scope, 404 outside it, 403 without permission."""

    def test_api_list_shows_only_rows_in_scope(self, client, city, data):
        client.force_login(self.make_tester(city))
        response = client.get(self.api_url())
        assert response.status_code == 200
        ids = {row["id"] for row in response.json()["results"]}
        assert {obj.pk for obj in data["own"]} <= ids
        if self.scoped:
            assert not ids & {obj.pk for obj in data["other"]}

    def test_api_detail_outside_scope_is_not_found(self, client, city, data):
        client.force_login(self.make_tester(city))
        assert client.get(self.api_url(data["own"][0])).status_code == 200
        response = client.get(self.api_url(data["other"][0]))
        assert response.status_code == (404 if self.scoped else 200)

    def test_api_without_permission_is_forbidden(self, client, city, data):
        client.force_login(factories.user(city["yantian"]))
        response = client.get(self.api_url())
        assert response.status_code == 403
        assert response.json()["code"] == "permission_denied"

    def test_reading_one_record_through_the_api_is_audited_like_the_detail_page(self, client, city, data):
        client.force_login(self.make_tester(city))
        obj = data["own"][0]
        assert client.get(self.api_url(obj)).status_code == 200
        assert self.audit_rows("read", obj).exists() == bool(getattr(self.model, "personal_data", False))

    def test_api_anonymous_is_refused(self, client, data):
        assert client.get(self.api_url()).status_code in (401, 403)

    def test_api_list_query_count_does_not_grow_with_rows(self, client, city, data):
        client.force_login(self.make_tester(city))
        self.create_rows(city, QUERY_COUNT_SMALL)
        client.get(self.api_url())
        with CaptureQueriesContext(connection) as small:
            assert client.get(self.api_url()).status_code == 200
        self.create_rows(city, QUERY_COUNT_LARGE - QUERY_COUNT_SMALL)
        client.get(self.api_url())  # new users or units refill the per-user cache once
        with CaptureQueriesContext(connection) as large:
            assert client.get(self.api_url()).status_code == 200
        assert len(large) == len(small), f"{len(small)} → {len(large)} 次查询"


class ReadOnlyObjectTests(AccessTests, ListTests, DetailTests, ExportTests, ApiTests, ScopeTests, ApiWriteTests,
                          PersonalDataTests, HistoryCardTests):
    """Everything a read-only reference list (e.g. regions) must satisfy."""


class PrimaryObjectTests(ReadOnlyObjectTests, CreateTests, EditTests):
    """Everything an editable model's screens must satisfy; add the mixins of further views it has."""
