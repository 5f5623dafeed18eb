"""The pages the benchmark measures: one of each type, the same addresses at every data size."""

SEED_ARTICLE = "south-korea-desires-an-fta-with-mexico"
# Two themes and a year that some facts have at every size, the seed alone included: the seed dates
# one fact on digital government and diplomacy in 2025, and generate_demo dates both themes' claims
# across that year. No seed fact has a date and both trade-and-the-fta and investment-and-nearshoring.
FACTS_THEMES = ("digital-government", "diplomacy")
FACTS_YEAR = 2025

PAGES = {
    "home": "/",
    "article": f"/articles/{SEED_ARTICLE}/",
    "theme": "/themes/trade-and-the-fta/",
    "facts 2 themes+year": "/facts/?{}&from={}&to={}".format(
        "&".join(f"theme={theme}" for theme in FACTS_THEMES), FACTS_YEAR, FACTS_YEAR
    ),
    "facts page 50": "/facts/?page=50",
    "search": "/search/?q=FTA",
    "feed": "/feeds/rss/",
}
# Pages that exist only from some data size on: smaller sizes show them as not measured.
LATER_PAGES = {"facts page 50"}
STATIC = "css/site.css"
MINIMAL = "/bench/minimal"
