"""
make bench-importer: time the interview importer on texts as large as an import may be
(MAX_IMPORT_BYTES): a realistic interview and the shapes that once made it quadratic or worse
(the same sentence over and over, figures and dates without a word between them, long runs of
numbers). Prints one row a text: its size, the suggestions made and the best of three runs.
"""

import datetime
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormex.settings")
django.setup()

from articles.importer import MAX_IMPORT_BYTES, parse_interview, suggest_facts  # noqa: E402

SENTENCE = "Trade reached $19.8 billion in 2023, up 12% from 2022, and 1,500 jobs were created last June. "
SHAPES = {
    "interview": "\n\n".join(f"Q: Question {n}?\n\nA: {SENTENCE * 4}" for n in range(300)),
    "one sentence over and over": "Q: Why?\n\nA: " + "It cost $1,000. " * 20_000,
    "figures and dates, no words between": "Q: Why?\n\nA: " + "$5 in 2023 " * 20_000,
    "numbers and spaces": "Q: Why?\n\nA: " + "1 " * 100_000,
    "decimals before one percent sign": "Q: Why?\n\nA: " + "1.1 " * 50_000 + "%",
    "relative dates": "Q: Why?\n\nA: " + "last June " * 20_000,
    "short clauses": "Q: Why?\n\nA: " + "a, " * 60_000,
    "counts and bare numbers in one sentence": "Q: How many jobs?\n\nA: " + "5 jobs and 7 " * 20_000,
    "Korean figures and dates": "Q: 왜?\n\nA: " + "2023년 교역액은 198억 달러, 일자리 15만 개 " * 5_000,
}


def best_of_three(function):
    times = []
    for _ in range(3):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return result, min(times)


def main():
    print(f"{'text':38}  {'KiB':>5}  {'pairs':>5}  {'suggestions':>11}  {'parse ms':>8}  {'suggest ms':>10}")
    for name, text in SHAPES.items():
        text = text[:MAX_IMPORT_BYTES]
        parsed, parse_time = best_of_three(lambda: parse_interview(f"Title\n\n{text}"))  # noqa: B023
        pairs = [(position, pair.prompt, pair.answer) for position, pair in enumerate(parsed.pairs, start=1)]
        found, suggest_time = best_of_three(
            lambda: suggest_facts(parsed.intro, pairs, datetime.date(2024, 1, 1))  # noqa: B023
        )
        print(
            f"{name:38}  {len(text.encode()) // 1024:>5}  {len(pairs):>5}  {len(found):>11}"
            f"  {parse_time * 1000:>8.0f}  {suggest_time * 1000:>10.0f}"
        )


if __name__ == "__main__":
    main()
