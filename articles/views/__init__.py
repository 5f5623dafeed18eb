"""Public pages, one module per page type; articles/urls.py names each view by its module."""
