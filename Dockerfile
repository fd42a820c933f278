# syntax=docker/dockerfile:1
#
# rightsgraph: one image for `rightsgraph serve` and `rightsgraph load`.
#
#   docker build -t rightsgraph:local .
#   docker compose up        (see docker-compose.yml: Neo4j, the loader, the server)
#
# Stages: web (the offline Playground bundle, built by npm from web/), build (the Go
# binary, which embeds that bundle and the reference/ YAML), runtime (a small Alpine
# image with the binary, the reference data and the example corpus).

ARG GO_VERSION=1.26
ARG NODE_VERSION=20
ARG ALPINE_VERSION=3.20

# --- web: the Playground bundle ------------------------------------------------------
# web/vite.config.js writes the bundle to ../server/static/dist, i.e. /src/server/static/dist.
# npm is the one shipped with the node image (npm 10 for Node 20).
FROM node:${NODE_VERSION}-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
RUN npm run build \
 && test -f /src/server/static/dist/index.html

# --- build: the Go binary --------------------------------------------------------------
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-trimpath
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# The bundle from the web stage replaces whatever the build context had (.dockerignore
# leaves server/static/dist out anyway), so go:embed picks up a fresh build.
COPY --from=web /src/server/static/dist ./server/static/dist
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags="-s -w" -o /out/rightsgraph ./cmd/rightsgraph

# --- runtime ----------------------------------------------------------------------------
FROM alpine:${ALPINE_VERSION} AS runtime
# ca-certificates: `rightsgraph load https://...`; tzdata: dates in logs; wget (busybox) is
# used by the compose health check.
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S rightsgraph && adduser -S -G rightsgraph -h /app rightsgraph
WORKDIR /app
COPY --from=build /out/rightsgraph /usr/local/bin/rightsgraph
# The loader service runs `rightsgraph load reference/ examples/corpus/` from /app.
COPY --chown=rightsgraph:rightsgraph reference/ ./reference/
COPY --chown=rightsgraph:rightsgraph examples/corpus/ ./examples/corpus/
USER rightsgraph
# Listen on all interfaces inside the container (the binary's default is 127.0.0.1:8080);
# docker-compose.yml publishes the port on the host's 127.0.0.1 only.
ENV RIGHTSGRAPH_ADDR=0.0.0.0:8080 \
    NEO4J_URI=bolt://neo4j:7687 \
    NEO4J_USER=neo4j
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/rightsgraph"]
CMD ["serve"]
