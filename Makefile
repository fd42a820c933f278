# rightsgraph — the two commands a new user needs:
#   make up     start Neo4j, load the reference data and example corpus, serve GraphQL + Playground
#   make test   start a test Neo4j if needed, go vet, go test -race, stop what it started
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO        ?= go
BIN       := bin/rightsgraph
ADDR      ?= 127.0.0.1:8080
SEEDS     ?= ../shared/corpus/seeds
GOLD      ?= ../shared/eval/dev
VARIED    ?= ../shared/corpus/varied
VARIED_GOLD ?= ../shared/eval/varied

# The development database (make up) and the test database (make test) are separate
# instances, so running the tests never wipes what you loaded.
DEV_ENV   := RG_NEO4J_INSTANCE=default NEO4J_BOLT_PORT=7687 NEO4J_HTTP_PORT=7474
# TEST_INSTANCE/TEST_BOLT/TEST_HTTP let several checkouts run their tests side by side.
TEST_INSTANCE ?= test
TEST_BOLT ?= 7697
TEST_HTTP ?= 7497
TEST_ENV  := RG_NEO4J_INSTANCE=$(TEST_INSTANCE) NEO4J_BOLT_PORT=$(TEST_BOLT) NEO4J_HTTP_PORT=$(TEST_HTTP)
export NEO4J_PASSWORD ?= rightsgraph
export NEO4J_USER     ?= neo4j

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

.PHONY: up
up: build ## start Neo4j (Docker if an engine answers, else scripts/neo4j), load reference + examples, serve
	@if docker info >/dev/null 2>&1; then \
	  echo "Docker engine found: docker compose up -d neo4j"; docker compose up -d --wait neo4j; \
	else \
	  $(DEV_ENV) scripts/neo4j start; \
	fi
	NEO4J_URI=bolt://127.0.0.1:7687 $(BIN) load reference/ examples/corpus/
	@echo "Explorer: http://$(ADDR)/explore   Obligations: http://$(ADDR)/obligations/BEL   Playground: http://$(ADDR)/   (GraphQL: http://$(ADDR)/graphql)"
	NEO4J_URI=bolt://127.0.0.1:7687 $(BIN) serve --addr $(ADDR)

.PHONY: down
down: ## stop the development Neo4j started by make up
	$(DEV_ENV) scripts/neo4j stop

.PHONY: neo4j
neo4j: ## start the development Neo4j (127.0.0.1:7687, HTTP 7474) from Maven Central artifacts
	$(DEV_ENV) scripts/neo4j start

.PHONY: assets
assets: ## build the offline Playground / explorer bundle (npm ci in web/)
	@if [ -f web/package.json ]; then cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent; fi

.PHONY: audit-deps
audit-deps: ## install the graphql-http audit that make test runs against the server (npm ci)
	cd tools/graphql-http-audit && npm ci --no-audit --no-fund --loglevel=error

.PHONY: build
build: assets ## build bin/rightsgraph
	$(GO) build -o $(BIN) ./cmd/rightsgraph

.PHONY: generate-check
generate-check: ## go generate ./... must leave generated code unchanged
	@sum() { git ls-files -co --exclude-standard -z | xargs -0 -r sha256sum 2>/dev/null | sha256sum; }; \
	before=$$(sum); $(GO) generate ./...; after=$$(sum); \
	if [ "$$before" != "$$after" ]; then echo "go generate changed files: regenerate and commit them"; git status --short; exit 1; fi

.PHONY: test
test: ## vet + race tests against a real Neo4j and headless Chromium (installs Debian's chromium if missing; screenshots in test-artifacts/)
	@started=0; \
	if ! $(TEST_ENV) scripts/neo4j status >/dev/null 2>&1; then $(TEST_ENV) scripts/neo4j start; started=1; fi; \
	trap 'if [ $$started = 1 ]; then $(TEST_ENV) scripts/neo4j stop; fi' EXIT; \
	$(MAKE) --no-print-directory assets audit-deps generate-check; \
	$(GO) vet ./...; \
	chromium=$$(scripts/chromium); \
	NEO4J_URI=bolt://127.0.0.1:$(TEST_BOLT) RIGHTSGRAPH_NEO4J_SCRIPT=$(CURDIR)/scripts/neo4j $(TEST_ENV) \
	  RIGHTSGRAPH_SEEDS=$(abspath $(SEEDS)) RIGHTSGRAPH_AUDIT=1 CHROMIUM=$$chromium RIGHTSGRAPH_BROWSER_TESTS=required \
	  $(GO) test -race -p 1 -count=1 -timeout 30m ./...

.PHONY: score
score: ## score extraction of the seeds and the varied corpus together (precision and recall, one to one)
	$(GO) run ./cmd/rightsgraph extract $(SEEDS)/*.txt $(VARIED)/*.txt > /tmp/rightsgraph-pred.jsonl
	python3 $(GOLD)/../score.py --gold $(GOLD) $(VARIED_GOLD) --docs $(SEEDS) $(VARIED) --pred /tmp/rightsgraph-pred.jsonl -v
	$(GO) run ./cmd/rightsgraph extract testdata/eval-extra/docs/*.txt testdata/eval-extra/validation/docs/*.txt > /tmp/rightsgraph-pred-extra.jsonl
	@echo "--- testdata/eval-extra (written for this project; tuned on):"
	@python3 $(GOLD)/../score.py --gold testdata/eval-extra/gold testdata/eval-extra/validation/gold \
	  --docs testdata/eval-extra/docs testdata/eval-extra/validation/docs --pred /tmp/rightsgraph-pred-extra.jsonl | tail -6

.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 60s) each
	@for pkg in $$($(GO) list ./...); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg 2>/dev/null | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $${FUZZTIME:-60s} $$pkg; \
	  done; \
	done

.PHONY: bench
bench: ## extraction and write-path benchmarks (testing.B)
	$(GO) test -run '^$$' -bench . -benchmem ./extract/ ./loader/ ./neo4jdb/

.PHONY: bench-browser
bench-browser: assets ## render + lay out a 500-node, 1,500-edge view in headless Chromium (ms/view)
	CHROMIUM=$$(scripts/chromium) $(GO) test -run '^$$' -bench BenchmarkExplorerLayout500 -benchtime 5x ./server/

# Benchmarks that need a database use their own instance, because they empty it first.
BENCH_ENV := RG_NEO4J_INSTANCE=bench NEO4J_BOLT_PORT=7717 NEO4J_HTTP_PORT=7417 RG_NEO4J_HEAP=3g

.PHONY: bench-load
bench-load: ## load N (default 10000) generated documents: docs/s, nodes/s, ratio to a bare UNWIND write
	$(BENCH_ENV) scripts/neo4j start
	NEO4J_URI=bolt://127.0.0.1:7717 $(GO) run ./bench/load -reset -n $${N:-10000}

.PHONY: bench-api
bench-api: ## GraphQL vs direct Cypher over a >=100,000-node graph: req/s, p50/p99, overhead ratio
	$(BENCH_ENV) scripts/neo4j start
	NEO4J_URI=bolt://127.0.0.1:7717 $(GO) run ./bench/api -reset

.PHONY: bench-peer
bench-peer: ## rightsgraph vs @neo4j/graphql 7 (bench/peer) on the bench-api graph: same answers checked, then req/s, p50/p99, ratios at 1 and 32 clients
	$(BENCH_ENV) scripts/neo4j start
	@# builds the bench-api graph unless it is there (-reset: the bench instance holds nothing else)
	NEO4J_URI=bolt://127.0.0.1:7717 $(GO) run ./bench/api -reset -requests 1 -rounds 1 -duration 1s -warmup 1 | grep -E '^(database|load|generate):'
	NEO4J_URI=bolt://127.0.0.1:7717 $(GO) run ./bench/peer -duration $${DURATION:-10s}

.PHONY: bench-soak
bench-soak: ## mixed good and abusive traffic for DURATION (default 3m) with one Neo4j restart: outcomes, p99, peak RSS
	$(BENCH_ENV) scripts/neo4j start
	NEO4J_URI=bolt://127.0.0.1:7717 RIGHTSGRAPH_NEO4J_SCRIPT=$(CURDIR)/scripts/neo4j $(BENCH_ENV) \
	  $(GO) run ./bench/soak -restart -duration $${DURATION:-3m}

.PHONY: clean
clean: ## remove build output (keeps the Neo4j cache)
	rm -rf bin
