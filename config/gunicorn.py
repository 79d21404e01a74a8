"""gunicorn settings for the web process (Dockerfile and compose.yaml run `gunicorn -c config/gunicorn.py`).

The access log is written to stderr with personal links masked: the token in /i/<token>/, /r/<token>/,
/me/agenda/<token>.ics and ?i=<token> opens a registration, an invitation or an agenda, and logs are read
(and kept) by more people than should hold those links.
"""

import os
import re

from gunicorn.glogging import Logger

MASK = "***"

# A personal path starts the path: after a space (request line), at the start (PATH_INFO), or after the
# host of a full URL (Referer, which a personal page sends with each of its static files).
_PERSONAL_PATH = re.compile(
    r"(^|\s|//[^/\s]+)(/(?:i|r)/|/me/agenda/(?!reset/))([^/?#\s]+?)(\.ics)?(?=[/?#\s]|$)"
)
_PERSONAL_QUERY = re.compile(r"((?:^|[?&])i=)[^&#\s]+")  # the query string atom has no "?"


def mask_personal_links(text: str) -> str:
    """`text` with the token of every personal link replaced by MASK; the path prefix is kept."""
    text = _PERSONAL_PATH.sub(lambda match: f"{match[1]}{match[2]}{MASK}{match[4] or ''}", text)
    return _PERSONAL_QUERY.sub(rf"\g<1>{MASK}", text)


class MaskingLogger(Logger):
    """gunicorn's logger with every access-log atom (request line, path, query, referer, environ) masked."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: mask_personal_links(value) if isinstance(value, str) else value
            for key, value in atoms.items()
        }


logger_class = MaskingLogger
bind = "0.0.0.0:8000"  # inside the container; compose publishes it on loopback only
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
