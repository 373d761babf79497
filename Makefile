# intercom-go developer tasks. `make help` lists them.
#
# The spec tooling lives in its own Go module (scripts/), so kin-openapi and oapi-codegen
# never reach a program that imports only intercom/ or gen/.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO            ?= go
ROOT          := $(CURDIR)
# The pinned Intercom API version: the single source of truth is api/pin.yaml.
PINNED        := $(shell sed -n 's/^pinned: *"\(.*\)"/\1/p' api/pin.yaml)
API_VERSION   ?= $(PINNED)
# Versions that must keep generating and compiling besides the pinned one.
OTHER_VERSIONS ?= 2.16 0
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOTESTSUM     := $(GO) run gotest.tools/gotestsum@v1.13.0
GOVULNCHECK   := golang.org/x/vuln/cmd/govulncheck@v1.2.0
SPECTOOL      := cd scripts && $(GO) run ./cmd/intercom-spec -root $(ROOT)
FUZZTIME      ?= 10s
BENCHCOUNT    ?= 5

.PHONY: help
help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

.PHONY: spec
spec: ## Fetch and verify the pinned description into .spec/ (API_VERSION=... for another).
	@$(SPECTOOL) fetch -version $(API_VERSION)

.PHONY: generate
generate: ## Regenerate gen/ from the pinned description (API_VERSION=x: into .build/gen-x and compile it).
ifeq ($(API_VERSION),$(PINNED))
	@$(SPECTOOL) generate -version $(API_VERSION) -out $(ROOT)/gen
else
	@$(SPECTOOL) generate -version $(API_VERSION) -out $(ROOT)/.build/gen-$(API_VERSION)
	$(GO) build ./.build/gen-$(API_VERSION)/
	@echo "API $(API_VERSION) generated into .build/gen-$(API_VERSION) and compiles (gen/ is unchanged)"
endif

.PHONY: check-generated
check-generated: ## Regenerate into a scratch directory and fail on any difference with gen/.
	@rm -rf .build/check-gen
	@$(SPECTOOL) generate -version $(PINNED) -out $(ROOT)/.build/check-gen
	@if ! diff -ru gen .build/check-gen; then \
	  echo "gen/ is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@echo "gen/ matches 'make generate' byte for byte"

.PHONY: check-versions
check-versions: ## Generate and compile every other known API version (2.16, Preview) into .build/.
	@for v in $(OTHER_VERSIONS); do $(MAKE) --no-print-directory generate API_VERSION=$$v; done

.PHONY: test
test: ## Every test: root module (race), tooling module, Redis limiter and OpenTelemetry modules, contract suite (skipped without Node).
	@mkdir -p .build && rm -f .build/test-*.json
	$(GOTESTSUM) --format pkgname --jsonfile .build/test-root.json -- -race -count=1 ./...
	cd scripts && $(GOTESTSUM) --format pkgname --jsonfile ../.build/test-scripts.json -- -count=1 ./...
	cd pkg/ratelimit/redisrate && $(GOTESTSUM) --format pkgname --jsonfile ../../../.build/test-redisrate.json -- -race -count=1 ./...
	cd pkg/otelintercom && $(GOTESTSUM) --format pkgname --jsonfile ../../.build/test-otelintercom.json -- -race -count=1 ./...
	bash scripts/contract/run.sh
	@bash scripts/test-summary.sh .build/test-*.json

.PHONY: test-short
test-short: ## Root module tests only, without -race.
	$(GO) test ./...

.PHONY: contract
contract: ## The Prism contract suite against the unmodified pinned description.
	bash scripts/contract/run.sh

.PHONY: fuzz
fuzz: ## Run each fuzz target (webhook verifier, parser, handler; identity) for FUZZTIME.
	$(GO) test ./pkg/webhook/ -run '^$$' -fuzz '^FuzzVerify$$' -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/webhook/ -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/webhook/ -run '^$$' -fuzz '^FuzzHandler$$' -fuzztime $(FUZZTIME)
	$(GO) test ./pkg/identity/ -run '^$$' -fuzz '^FuzzVerify$$' -fuzztime $(FUZZTIME)

.PHONY: lint
lint: ## gofmt, go vet and staticcheck (pinned) on every module.
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	cd scripts && $(GO) vet ./...
	cd pkg/ratelimit/redisrate && $(GO) vet ./...
	cd pkg/otelintercom && $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd scripts && $(GO) run $(STATICCHECK) ./...
	cd pkg/ratelimit/redisrate && $(GO) run $(STATICCHECK) ./...
	cd pkg/otelintercom && $(GO) run $(STATICCHECK) ./...

.PHONY: vulncheck
vulncheck: ## govulncheck (needs the vulnerability database: not reachable in the sandbox).
	$(GO) run $(GOVULNCHECK) ./...

.PHONY: bench
bench: ## Benchmarks (BENCHCOUNT runs each) and the ratio table of BENCHMARKS.md.
	@mkdir -p .build
	$(GO) run ./internal/benchreport -count $(BENCHCOUNT) | tee .build/bench-report.md

.PHONY: clean
clean: ## Remove scratch output (.build/) and the verified spec cache (.spec/).
	rm -rf .build .spec
