"""Turn an interview's plain text into structured content: prompt/answer pairs and proposed facts."""

from .files import MAX_IMPORT_BYTES, ImportRefused, check_size, read_text
from .parser import ParsedInterview, ParsedPair, parse_interview
from .suggest import Suggestion, suggest_facts

__all__ = [
    "MAX_IMPORT_BYTES",
    "ImportRefused",
    "ParsedInterview",
    "ParsedPair",
    "Suggestion",
    "check_size",
    "parse_interview",
    "read_text",
    "suggest_facts",
]
