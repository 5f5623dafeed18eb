from . import accounts, articles, facts, people, themes

__all__ = ["accounts", "articles", "facts", "people", "themes"]
