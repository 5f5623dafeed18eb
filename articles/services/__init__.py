"""Writes that span models: what views, the admin and commands call to change content."""
