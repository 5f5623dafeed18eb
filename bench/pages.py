"""The pages the benchmark measures: one of each type, the same addresses at every data size."""

SEED_ARTICLE = "south-korea-desires-an-fta-with-mexico"

PAGES = {
    "home": "/",
    "article": f"/articles/{SEED_ARTICLE}/",
    "theme": "/themes/trade-and-the-fta/",
    "facts (filtered)": "/facts/?theme=trade-and-the-fta&theme=investment-and-nearshoring",
    "search": "/search/?q=FTA",
    "feed": "/feeds/rss/",
}
MINIMAL = "/bench/minimal"
