"""The content generate_demo makes: interviews (interviews.py) and their translations (translations.py)."""
