from . import accounts, articles, facts, pairs, people, themes

__all__ = ["accounts", "articles", "facts", "pairs", "people", "themes"]
