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
# The generation of intercom/preview and its gen/preview from the Preview description ("0"):
# lenient, a method left out is listed with its reason.
PREVIEWFLAGS  := -lenient -version 0 -facade-package preview
# Extra flags of `intercom-spec generate` (e.g. -lenient, for a preview version).
GENFLAGS      ?=
# Tools pinned with `tool` directives in scripts/tools/go.mod (a module of its own, so their
# dependencies touch neither the SDK nor the generator). `go tool -modfile` builds them
# once into the build cache: after one online run, GOPROXY=off works.
TOOL          := $(GO) tool -modfile=$(ROOT)/scripts/tools/go.mod
STATICCHECK   := $(TOOL) staticcheck
GOTESTSUM     := $(TOOL) gotestsum
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
generate: ## Regenerate gen/ and intercom/*.gen.go from the pinned description (API_VERSION=x: gen into .build/gen-x; GENFLAGS=-lenient).
ifeq ($(API_VERSION),$(PINNED))
	@$(SPECTOOL) generate $(GENFLAGS) -version $(API_VERSION) -out $(ROOT)/gen
	@# intercom/preview, Intercom's Preview API (version "0"), on the same engine.
	@$(SPECTOOL) generate $(PREVIEWFLAGS) -out $(ROOT)/gen/preview -facade $(ROOT)/intercom/preview
	@# ROUTES.md, the fake's table per service, comes from the reflection test in update mode;
	@# when the tree does not compile yet (a preview version), the test reports it stale later.
	@INTERCOMTEST_UPDATE=1 $(GO) test ./pkg/intercomtest -run '^TestEveryServiceMethodAnswered$$' >/dev/null 2>&1 || \
	  echo "make generate: pkg/intercomtest/ROUTES.md not rewritten (go test ./pkg/intercomtest -run TestEveryServiceMethodAnswered fails)"
else
	@$(SPECTOOL) generate $(GENFLAGS) -version $(API_VERSION) -out $(ROOT)/.build/gen-$(API_VERSION)
	$(GO) build ./.build/gen-$(API_VERSION)/
	@echo "API $(API_VERSION) generated into .build/gen-$(API_VERSION) and compiles (gen/ is unchanged)"
endif

.PHONY: check-generated
check-generated: ## Regenerate gen/ and intercom/*.gen.go into scratch directories and fail on any difference.
	@rm -rf .build/check-gen .build/check-facade .build/check-fake
	@$(SPECTOOL) generate -version $(PINNED) -out $(ROOT)/.build/check-gen -facade $(ROOT)/.build/check-facade -fake $(ROOT)/.build/check-fake
	@if ! diff -ru -x preview gen .build/check-gen; then \
	  echo "gen/ is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@mkdir -p .build/facade-now && rm -f .build/facade-now/* && cp intercom/*.gen.go .build/facade-now/
	@if ! diff -ru .build/facade-now .build/check-facade; then \
	  echo "intercom/*.gen.go is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@if ! diff -u pkg/intercomtest/routes.gen.go .build/check-fake/routes.gen.go; then \
	  echo "pkg/intercomtest/routes.gen.go is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@rm -rf .build/check-preview-gen .build/check-preview-facade .build/preview-now
	@$(SPECTOOL) generate $(PREVIEWFLAGS) -out $(ROOT)/.build/check-preview-gen -facade $(ROOT)/.build/check-preview-facade 2>/dev/null
	@if ! diff -ru gen/preview .build/check-preview-gen; then \
	  echo "gen/preview is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@mkdir -p .build/preview-now && cp intercom/preview/*.gen.go .build/preview-now/
	@if ! diff -ru .build/preview-now .build/check-preview-facade; then \
	  echo "intercom/preview/*.gen.go is stale or was edited by hand: run 'make generate' and commit the result"; exit 1; fi
	@echo "gen/, intercom/*.gen.go, pkg/intercomtest/routes.gen.go, gen/preview and intercom/preview/*.gen.go match 'make generate' byte for byte"

.PHONY: check-versions
check-versions: ## Every supported version of api/pin.yaml in a scratch tree: generate, build, vet, test; then intercom/preview as a package.
	@bash scripts/check-versions.sh $(if $(LIGHT),-light) $(VERSIONS)

.PHONY: bump-api
bump-api: ## Move the pin to V (make bump-api V=2.16 [COMMIT=c] [PREV=ref]): pin entry, report, generate, make test, CHANGELOG draft.
	@bash scripts/bump-api.sh "$(V)"

.PHONY: tools
tools: ## Build the pinned tools (gotestsum, staticcheck, apidiff) into the build cache (run once online).
	cd scripts/tools && $(GO) build tool
	@echo "tools of scripts/tools/go.mod built: make test and make lint now work with GOPROXY=off"

.PHONY: test
test: ## The everyday run (-short): every module's tests, each step even after a failure; ends with `tests: N passed, N failed, N skipped`.
	@bash scripts/test.sh

.PHONY: test-next-version
test-next-version: ## The whole tree on a synthetic next API version, edits only in api/ (scripts/suites/bumptest's TestNextVersionTree; about 7 minutes: a GitHub Actions job of its own, not in test-long).
	@bash scripts/test.sh next_version

.PHONY: test-long
test-long: ## What `make test` skips: the -short soaks, load tests and 10,000-item jobs with -race (the whole tree on a synthetic next API version: make test-next-version); .ci/run runs it.
	@bash scripts/test.sh long

.PHONY: test-short
test-short: ## Root module tests only, without -race.
	$(GO) test ./...

.PHONY: contract
contract: ## The Prism contract suite against the unmodified pinned description, and intercom/preview against the unmodified Preview description.
	@bash scripts/suites/contract/run.sh

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
	$(STATICCHECK) ./...
	cd scripts && $(STATICCHECK) ./...
	cd pkg/ratelimit/redisrate && $(STATICCHECK) ./...
	cd pkg/otelintercom && $(STATICCHECK) ./...

.PHONY: vulncheck
VULNMODULES := . scripts pkg/ratelimit/redisrate pkg/otelintercom
vulncheck: ## govulncheck on every module (needs the vulnerability database: not reachable in the sandbox).
	@for m in $(VULNMODULES); do echo "govulncheck: $$m"; (cd $(ROOT)/$$m && $(GO) run $(GOVULNCHECK) ./...) || exit 1; done

.PHONY: bench
bench: ## Benchmarks (BENCHCOUNT runs each) and the ratio table of BENCHMARKS.md.
	@mkdir -p .build
	cd scripts && $(GO) run ./cmd/benchreport -root $(ROOT) -count $(BENCHCOUNT) | tee $(ROOT)/.build/bench-report.md

.PHONY: clean
clean: ## Remove scratch output (.build/) and the verified spec cache (.spec/).
	rm -rf .build .spec
