"""
make bench-suggestions: the precision and recall of the fact suggester on the importer corpus
(tests/importer_corpus), per text, per language and overall.

Each text NN_name.txt comes with NN_name.json, its reading as an editor marks it (language,
original date, intro, pairs), and NN_name.facts.json, the facts an editor would accept from it,
written from the text alone. The suggester runs on that reading, as it runs on an imported
article once the editor has reviewed it (--parse runs it on the importer's own reading of the
text instead, and says which texts it reads otherwise), with the original date as reference.

A suggestion matches an expected fact when both come from the same place (the intro, or the
same pair's prompt or answer), are of the same category, and have the same value and unit (units
compared through the Spanish aliases the site's formatting knows, "empleos" for "jobs") or,
for a date, the same date and precision; and when their quotes overlap in the text. Each fact
and each suggestion matches once at most. Precision is the share of suggestions that match a
fact, recall the share of facts some suggestion matches; "whole" is the share of matches whose
suggested quote holds all the words the editor would quote.
"""

import argparse
import datetime
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "importer_corpus"


@dataclass
class Score:
    expected: int = 0
    suggested: int = 0
    matched: int = 0
    whole: int = 0

    def add(self, other):
        self.expected += other.expected
        self.suggested += other.suggested
        self.matched += other.matched
        self.whole += other.whole

    @property
    def precision(self):
        return self.matched / self.suggested if self.suggested else 1.0

    @property
    def recall(self):
        return self.matched / self.expected if self.expected else 1.0


def corpus():
    """Return (name, reading, expected facts) for each text of the corpus, in order of name."""
    texts = []
    for facts in sorted(CORPUS.glob("*.facts.json")):
        name = facts.name.removesuffix(".facts.json")
        reading = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
        texts.append((name, reading, json.loads(facts.read_text(encoding="utf-8"))))
    return texts


def suggest(reading, parsed_text=None):
    """
    Run the suggester on `reading`, or on the importer's reading of `parsed_text` when given;
    return the suggestions and the intro and numbered pairs they were made from.
    """
    from articles.importer import ImportRefused, parse_interview, read_text, suggest_facts

    intro, pairs = reading["intro"], reading["pairs"]
    if parsed_text is not None:
        try:
            parsed = parse_interview(read_text(parsed_text.encode())[0])
        except ImportRefused:
            intro, pairs = "", []
        else:
            intro, pairs = parsed.intro, [(pair.prompt, pair.answer) for pair in parsed.pairs]
    reference = datetime.date.fromisoformat(reading["original_date"] or "2024-12-01")
    numbered = [(position, prompt, answer) for position, (prompt, answer) in enumerate(pairs, start=1)]
    return suggest_facts(intro, numbered, reference), intro, numbered


def score(suggestions, expected, intro, pairs):
    """Match `suggestions` to the `expected` facts of a text whose `intro` and `pairs` they come from."""
    from articles.formatting import ALIASES

    def unit(name):
        return ALIASES.get(name.lower(), name.lower())

    texts = {(None, False): intro}
    for position, prompt, answer in pairs:
        texts[(position, True)], texts[(position, False)] = prompt, answer

    def span(place, quote):
        start = texts.get(place, "").find(quote)
        return (start, start + len(quote)) if start >= 0 else None

    result = Score(expected=len(expected), suggested=len(suggestions))
    free = list(expected)
    for suggestion in suggestions:
        place = (suggestion.pair_position, suggestion.in_prompt)
        found = span(place, suggestion.quote)
        for fact in free:
            if (fact["pair"], fact["in_prompt"]) != place or fact["category"] != suggestion.category:
                continue
            if fact["category"] == "date":
                same = (fact["date"], fact["precision"]) == (str(suggestion.date), suggestion.date_precision)
            else:
                same = Decimal(fact["value"]) == suggestion.value and unit(fact["unit"]) == unit(suggestion.unit)
            wanted = span(place, fact["quote"])
            if same and found and wanted and found[0] < wanted[1] and wanted[0] < found[1]:
                free.remove(fact)
                result.matched += 1
                result.whole += fact["quote"] in suggestion.quote
                break
    return result


def evaluate(parse=False):
    """Return {name: (language, Score, whether the reading differs from the expected one)} for the corpus."""
    results = {}
    for name, reading, expected in corpus():
        text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8") if parse else None
        suggestions, intro, pairs = suggest(reading, text)
        differs = [(prompt, answer) for _, prompt, answer in pairs] != [tuple(pair) for pair in reading["pairs"]]
        results[name] = (reading["language"], score(suggestions, expected, intro, pairs), differs)
    return results


def totals(results):
    """Return the scores summed per language and overall ("all")."""
    sums = {language: Score() for language in sorted({language for language, _, _ in results.values()})}
    sums["all"] = Score()
    for language, result, _ in results.values():
        sums[language].add(result)
        sums["all"].add(result)
    return sums


def row(name, result):
    whole = result.whole / result.matched if result.matched else 1.0
    return (
        f"{name:46}  {result.expected:>8}  {result.suggested:>9}  {result.matched:>7}"
        f"  {result.precision:>9.0%}  {result.recall:>6.0%}  {whole:>5.0%}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().split("\n\n")[0])
    parser.add_argument("--parse", action="store_true", help="suggest from the importer's reading of each text")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormex.settings")
    import django

    django.setup()
    results = evaluate(parse=args.parse)
    print(f"{'text':46}  expected  suggested  matched  precision  recall  whole")
    for name, (_, result, differs) in results.items():
        print(row(name + (" (read otherwise)" if differs else ""), result))
    for key, result in totals(results).items():
        print(row(f"== {key}", result))


if __name__ == "__main__":
    main()
