# digestbot: news digests for Telegram and Slack.
#   docker build -t digestbot .
#   docker run -v ./config:/config:ro -v digestbot-data:/data -p 8080:8080 digestbot
# The config is read from /config/digestbot.yaml; SQLite files and other state go to /data.
# `digestbot run` is the default command; `docker run digestbot worker` starts a queue worker.

ARG PYTHON_VERSION=3.11

# -- build: install digestbot with the spaCy model and the PostgreSQL driver into a venv ------
FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/digestbot
WORKDIR /src
COPY pyproject.toml README.md* ./
COPY bot ./bot
COPY summarise ./summarise
RUN /opt/digestbot/bin/pip install ".[nlp,postgres]"

# -- runtime: the venv only, a non-root user, config and data as volumes -----------------------
FROM python:${PYTHON_VERSION}-slim AS runtime
ENV PATH=/opt/digestbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DIGESTBOT_CONFIG=/config/digestbot.yaml
RUN groupadd --system --gid 10001 digestbot \
    && useradd --system --uid 10001 --gid digestbot --home-dir /data --no-create-home digestbot \
    && mkdir -p /config /data \
    && chown digestbot:digestbot /data
COPY --from=build /opt/digestbot /opt/digestbot
# Relative paths in the config (sqlite:///var/digestbot.db) land in the data volume.
WORKDIR /data
USER digestbot
VOLUME ["/config", "/data"]
# /healthz and /metrics (server.port; set server.host: 0.0.0.0 in the config to publish them).
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["digestbot", "health"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["digestbot"]
CMD ["run"]
