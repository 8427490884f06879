"""URLs of the documents app: a subject's documents, draft preview, issue and download."""

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("cases/<int:pk>/", views.CaseDocumentsView.as_view(), name="case_documents"),
    path("cases/<int:pk>/<slug:kind>/preview/", views.CasePreviewView.as_view(), name="case_preview"),
    path("cases/<int:pk>/<slug:kind>/issue/", views.CaseIssueView.as_view(), name="case_issue"),
    path("issued/<int:pk>/download/", views.IssuedDownloadView.as_view(), name="issueddocument_download"),
]
