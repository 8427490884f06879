"""Pages of the base-data context (mounted at ``/basedata/``)."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .views import discretion, elements, laws, objects, officers, picker, powers, records  # noqa: F401  (registers)

app_name = "basedata"

urlpatterns = [
    path("laws/search/", laws.ArticleSearchView.as_view(), name="law_search"),
    path("laws/favourites/", laws.FavouriteListView.as_view(), name="favourite_list"),
    path("laws/favourites/toggle/", laws.FavouriteToggleView.as_view(), name="favourite_toggle"),
    path("laws/picker/", picker.ArticlePickerView.as_view(), name="article_picker"),
    path("laws/picker/chip/", picker.ArticlePickerChipView.as_view(), name="article_picker_chip"),
    *get_model_urls("basedata", "law"),
    *get_model_urls("basedata", "officer"),
    path("objects/search/", objects.InspectedObjectSearchView.as_view(), name="inspectedobject_search"),
    path("objects/overview/", objects.InspectedObjectOverviewView.as_view(), name="inspectedobject_overview"),
    *get_model_urls("basedata", "inspectedobject", prefix="objects/"),
    *get_model_urls("basedata", "power"),
    *get_model_urls("basedata", "discretionstandard"),
    *get_model_urls("basedata", "phrase"),
    *get_model_urls("basedata", "checkmodule"),
    *get_model_urls("basedata", "checkitem"),
    *get_model_urls("basedata", "checklist"),
    path("records/monitor/", records.RecordMonitorView.as_view(), name="recordbatch_monitor"),
    *get_model_urls("basedata", "recordbatch", prefix="records/"),
]
