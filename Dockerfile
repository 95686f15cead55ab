# Production image: gunicorn + whitenoise for web; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
RUN pip install -c constraints.txt .
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only-not-secret DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput
RUN useradd --create-home portaal && mkdir -p /app/var && chown -R portaal /app/var
USER portaal
EXPOSE 8000
CMD ["gunicorn", "drechtsteden.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
