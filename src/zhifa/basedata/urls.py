"""Pages of the base-data context (mounted at ``/basedata/``)."""

from django.urls import path

from zhifa.core.views.generic import get_model_urls

from .urlparts import discretion as discretion_urls
from .urlparts import elements as element_urls
from .urlparts import objects as object_urls
from .urlparts import powers as power_urls
from .urlparts import records as record_urls
from .urlparts import officers as officer_urls
from .views import laws, picker

app_name = "basedata"

urlpatterns = [
    path("laws/search/", laws.ArticleSearchView.as_view(), name="law_search"),
    path("laws/favourites/", laws.FavouriteListView.as_view(), name="favourite_list"),
    path("laws/favourites/toggle/", laws.FavouriteToggleView.as_view(), name="favourite_toggle"),
    path("laws/picker/", picker.ArticlePickerView.as_view(), name="article_picker"),
    path("laws/picker/chip/", picker.ArticlePickerChipView.as_view(), name="article_picker_chip"),
    *get_model_urls("basedata", "law"),
    *officer_urls.urlpatterns,
    *object_urls.urlpatterns,
    *power_urls.urlpatterns,
    *discretion_urls.urlpatterns,
    *element_urls.urlpatterns,
    *record_urls.urlpatterns,
]
