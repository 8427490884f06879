"""Views of the framework layer: generic object views, workbench, audit viewer, health."""
