"""The site's settings with one more URL: the floor of the registration rush (bench/floor_urls.py)."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"
