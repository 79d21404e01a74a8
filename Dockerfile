# The Zimmerwald image: one image for web (gunicorn), worker and beat (celery).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 1000 zimmerwald
WORKDIR /app

COPY --chown=zimmerwald:zimmerwald . .
# PyICU (the collator of common/languages.py) is built against ICU: its headers and a compiler are
# needed for the build only, the library (libicu72) stays.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libicu72 libicu-dev pkg-config g++ \
    && pip install ".[icu]" \
    && apt-get purge -y --auto-remove libicu-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p var/media var/beat \
    && DEBUG=0 SITE_URL=https://build.invalid \
       SECRET_KEY=collectstatic-only-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz \
       python manage.py collectstatic --noinput --verbosity 0 \
    && chown -R zimmerwald:zimmerwald var

USER zimmerwald
EXPOSE 8000
# config/gunicorn.py: bind 0.0.0.0:8000, 3 workers, access log on stdout with personal links masked.
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
