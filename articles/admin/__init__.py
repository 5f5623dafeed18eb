from . import articles, facts, people, themes

__all__ = ["articles", "facts", "people", "themes"]
