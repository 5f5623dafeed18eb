"""The site's settings with the benchmark's URLconf, which adds a minimal view to compare pages with."""

from kormex.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
