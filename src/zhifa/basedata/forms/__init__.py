"""Forms and form fields of the base-data context."""

from .article_picker import ArticlePickerField, ArticlePickerWidget

__all__ = ["ArticlePickerField", "ArticlePickerWidget"]
