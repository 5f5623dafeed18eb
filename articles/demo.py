"""
What synthetic demo content says (manage.py generate_demo): claims with figures and dates,
prompts, headlines, names, invented sources. Every text is English, as the seed's is.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Claim:
    """
    Something an interviewee says that a fact can quote: `quote` and `statement` are filled
    with a figure (`unit`, drawn from range(*figure) divided by `divisor`) and a date at
    `precision` (a year drawn from range(*years)).
    """

    theme: str
    quote: str
    statement: str
    unit: str = ""
    figure: tuple = ()
    divisor: int = 1
    precision: str = ""
    years: tuple = (1995, 2026)


BILLIONS = (5 * 10**8, 4 * 10**10, 10**8)
MILLIONS = (5 * 10**6, 9 * 10**8, 10**6)
PERCENT = (5, 951, 5)

CLAIMS = [
    Claim("trade-and-the-fta", "bilateral trade reached {figure} in {date}",
          "Trade between Korea and Mexico reached {figure} in {date}.", "USD", BILLIONS, precision="year"),
    Claim("trade-and-the-fta", "Korean exports of auto parts to Mexico grew {figure} last year",
          "Korean exports of auto parts to Mexico grew {figure} in a year.", "%", PERCENT, 10),
    Claim("trade-and-the-fta", "the negotiating teams have held {figure} since the talks resumed",
          "Korea and Mexico have held {figure} of FTA talks.", "rounds", (2, 15, 1)),
    Claim("trade-and-the-fta", "we hope to conclude the free trade agreement by {date}",
          "Korea hopes to conclude the FTA with Mexico by {date}.", precision="year", years=(2025, 2031)),
    Claim("investment-and-nearshoring", "about {figure} from Korea operate in Mexico",
          "About {figure} from Korea operate in Mexico.", "companies", (250, 650, 10)),
    Claim("investment-and-nearshoring", "Korean companies create about {figure} in Mexico",
          "Korean companies create about {figure} in Mexico.", "jobs", (20000, 250000, 5000)),
    Claim("investment-and-nearshoring", "accumulated Korean investment in Mexico reached {figure}",
          "Accumulated Korean investment in Mexico reached {figure}.", "USD", BILLIONS),
    Claim("investment-and-nearshoring", "a battery plant in Nuevo León began production in {date}",
          "A Korean battery plant in Nuevo León began production in {date}.", precision="month", years=(2018, 2026)),
    Claim("digital-government", "more than {figure} use the online public service portal",
          "More than {figure} use the online public service portal.", "people", (10**6, 4 * 10**7, 10**6)),
    Claim("digital-government", "mobile identity cards will be issued starting in {date}",
          "Mobile identity cards will be issued starting in {date}.", precision="year", years=(2024, 2029)),
    Claim("digital-government", "{figure} of administrative procedures can now be completed online",
          "{figure} of administrative procedures can be completed online.", "%", PERCENT, 10),
    Claim("digital-government", "the online civil registry went live in {date}",
          "The online civil registry went live in {date}.", precision="month", years=(2015, 2026)),
    Claim("public-data", "more than {figure} are open to anyone who wants to use them",
          "The government has opened more than {figure} to the public.", "datasets", (1000, 90000, 500)),
    Claim("public-data", "the public data law was enacted in {date}",
          "The public data law was enacted in {date}.", precision="year", years=(2005, 2024)),
    Claim("public-data", "open data has given rise to more than {figure}",
          "Open public data has given rise to more than {figure}.", "services", (200, 5000, 100)),
    Claim("aerospace", "Mexico has set the goal of launching its own satellite by {date}",
          "Mexico aims to launch its own satellite by {date}.", precision="year", years=(2026, 2033)),
    Claim("aerospace", "the space agencies signed a memorandum on a launch base in {date}",
          "The space agencies signed a memorandum on a launch base in {date}.", precision="month", years=(2020, 2026)),
    Claim("aerospace", "space research has a budget of {figure} this year",
          "Space research has a yearly budget of {figure}.", "USD", MILLIONS),
    Claim("migration-and-community", "about {figure} of Korean origin live in Mexico",
          "About {figure} of Korean origin live in Mexico.", "people", (5000, 40000, 500)),
    Claim("migration-and-community", "the first Korean immigrants arrived in Yucatán in the {date}",
          "The first Korean immigrants arrived in Yucatán in the {date}.", precision="decade", years=(1900, 1911)),
    Claim("migration-and-community", "Korean language schools in Mexico teach about {figure}",
          "Korean language schools in Mexico teach about {figure}.", "students", (500, 12000, 100)),
    Claim("culture", "more than {figure} attended the Korean culture festival in Mexico City",
          "More than {figure} attended the Korean culture festival in Mexico City.", "people", (5000, 200000, 1000)),
    Claim("culture", "Korean series account for {figure} of streaming views in Mexico",
          "Korean series account for {figure} of streaming views in Mexico.", "%", PERCENT, 10),
    Claim("culture", "the cultural exchange programme was founded in the {date}",
          "The cultural exchange programme was founded in the {date}.", precision="decade", years=(1970, 2011)),
    Claim("energy", "solar parks with a capacity of {figure} are being built",
          "Solar parks with a capacity of {figure} are being built.", "megawatts", (100, 3000, 50)),
    Claim("energy", "Korean firms plan to invest {figure} in renewable energy",
          "Korean firms plan to invest {figure} in renewable energy in Mexico.", "USD", MILLIONS),
    Claim("energy", "the hydrogen pilot plant will open on {date}",
          "The hydrogen pilot plant will open on {date}.", precision="day", years=(2025, 2029)),
    Claim("infrastructure", "the new rail line will cost about {figure}",
          "The new rail line will cost about {figure}.", "USD", BILLIONS),
    Claim("infrastructure", "Korean builders have taken part in {figure} in Mexico",
          "Korean builders have taken part in {figure} in Mexico.", "projects", (5, 120, 1)),
    Claim("infrastructure", "the port expansion is due to be finished in {date}",
          "The port expansion is due to be finished in {date}.", precision="month", years=(2025, 2031)),
    Claim("diplomacy", "our countries established a strategic partnership in {date}",
          "Korea and Mexico established a strategic partnership in {date}.", precision="year", years=(2000, 2016)),
    Claim("diplomacy", "the foreign ministers met on {date} to review the agenda",
          "The foreign ministers met on {date} to review the bilateral agenda.", precision="day", years=(2019, 2026)),
    Claim("diplomacy", "there have been {figure} between our leaders in two years",
          "Korean and Mexican leaders held {figure} in two years.", "meetings", (2, 20, 1)),
]  # fmt: skip

CLAIMS_BY_THEME = {}
for claim in CLAIMS:
    CLAIMS_BY_THEME.setdefault(claim.theme, []).append(claim)

# How often each theme leads an interview: trade, investment and digital government most.
THEME_WEIGHTS = {
    "trade-and-the-fta": 6,
    "investment-and-nearshoring": 5,
    "digital-government": 4,
    "public-data": 2,
    "aerospace": 2,
    "migration-and-community": 2,
    "culture": 3,
    "energy": 3,
    "infrastructure": 3,
    "diplomacy": 4,
}

PROMPTS = {
    "trade-and-the-fta": [
        "What are your expectations for the FTA negotiation?",
        "How has trade between the two countries evolved?",
        "Which sectors would gain most from a trade agreement?",
    ],
    "investment-and-nearshoring": [
        "Why are Korean companies investing in Mexico?",
        "What does nearshoring mean for Korean manufacturers?",
        "Korean investment in Mexico keeps growing.",
    ],
    "digital-government": [
        "How can Korea's digital government help Mexico?",
        "What has your ministry learnt from putting services online?",
        "The new Mexican government wants progress in digitalization.",
    ],
    "public-data": [
        "Why should governments open their data?",
        "How do companies use the data the government publishes?",
    ],
    "aerospace": [
        "What are the plans for space cooperation?",
        "Among other topics on the bilateral agenda is space.",
    ],
    "migration-and-community": [
        "How is the Korean community in Mexico doing?",
        "What role do Korean immigrants play in the relationship?",
    ],
    "culture": [
        "Why is Korean culture so popular in Mexico?",
        "What exchanges between the two peoples do you expect?",
    ],
    "energy": [
        "Where do you see opportunities in energy?",
        "What can Korea contribute to Mexico's energy transition?",
    ],
    "infrastructure": [
        "Which infrastructure projects interest Korean builders?",
        "How can the two countries work together on infrastructure?",
    ],
    "diplomacy": [
        "How do you evaluate the strategic relationship?",
        "What message do you bring to the Mexican government?",
        "What comes next on the bilateral agenda?",
    ],
}

HEADLINES = {
    "trade-and-the-fta": ["Korea wants an FTA with Mexico", "trade with Mexico can double"],
    "investment-and-nearshoring": ["Korean investment in Mexico keeps growing", "nearshoring is our opportunity"],
    "digital-government": ["digital government brings services closer to people", "Mexico can go digital fast"],
    "public-data": ["open data creates new businesses"],
    "aerospace": ["space is the next frontier for Korea and Mexico"],
    "migration-and-community": ["the Korean community is a bridge between our countries"],
    "culture": ["the Korean wave has reached every corner of Mexico"],
    "energy": ["clean energy needs partners"],
    "infrastructure": ["Korean builders are ready for Mexico's railways"],
    "diplomacy": ["Mexico is a strategic ally", "our relationship is entering a new stage"],
}

# Sentences without facts, around the quoted ones.
FILLERS = [
    "This is a priority for both governments.",
    "There is still much to do, but the direction is clear.",
    "We have learnt a great deal from our partners in Mexico.",
    "Our teams work together every week.",
    "The private sector is an essential partner in this effort.",
    "Both sides have shown real political will.",
    "The results so far encourage us to go further.",
    "We want this cooperation to benefit people directly.",
    "Much of this work happens far from the headlines.",
    "I am confident that the next years will show progress.",
    "Mexico and Korea complement each other well.",
    "We are listening to what Mexican institutions need.",
]
LEADS = [
    "As you know, ",
    "I can tell you that ",
    "It is worth remembering that ",
    "Our figures show that ",
    "We are proud that ",
    "Let me stress that ",
    "In practice, ",
    "Today ",
]

KOREAN_GIVEN = ["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Su-bin", "Jae-won", "Hye-jin", "Sung-ho", "Eun-ji"]
KOREAN_FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"]
MEXICAN_GIVEN = ["María", "José", "Ana", "Carlos", "Lucía", "Jorge", "Fernanda", "Luis", "Gabriela", "Ricardo"]
MEXICAN_FAMILY = ["Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Torres"]
KOREAN_ROLES = [
    "Minister of Trade, Industry and Energy",
    "Ambassador of Korea to Mexico",
    "Vice Minister of the Interior and Safety",
    "President of the Korea Trade Association",
    "Director of the Korea Aerospace Administration",
]
MEXICAN_ROLES = [
    "Secretary of Economy",
    "Ambassador of Mexico to Korea",
    "Head of the Digital Transformation Agency",
    "Director of the Mexican Space Agency",
    "Undersecretary for Foreign Trade",
]
# Invented publications at reserved .example addresses, so that no real outlet is misquoted.
SOURCES = [
    ("Pacific Ledger", "https://pacific-ledger.example/", "en"),
    ("Diario del Puerto", "https://diario-del-puerto.example/", "es"),
    ("Seoul Economic Review", "https://seoul-economic-review.example/", "en"),
    ("Revista Bilateral", "https://revista-bilateral.example/", "es"),
    ("Hanbit Daily", "https://hanbit-daily.example/", "ko"),
    ("El Observador Comercial", "https://observador-comercial.example/", "es"),
]
CITIES = ["Mexico City", "Seoul", "Monterrey", "Busan", "Guadalajara", "Incheon", "Mérida", "Querétaro"]
