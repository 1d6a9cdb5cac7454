# The web service: slim Python, locked dependencies, static files collected at build time,
# gunicorn as a non-root user.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock

COPY . .
# collectstatic needs settings, not secrets: a throwaway key is enough at build time.
RUN DEBUG=false SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app loggerheads \
    && mkdir -p /app/var && chown loggerheads /app/var

USER loggerheads
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py import_coverage summits/fixtures/sochi-2011.json summits/fixtures/sochi-2011-kremlin.json && exec gunicorn loggerheads.wsgi -c gunicorn.conf.py"]
