"""Forms of the base-data screens, one module per topic (edit, bulk edit and import forms, their model services)."""
