GO ?= go
BIN := bin/factpress
# A count, not a duration: Go 1.26's fuzzer can fail a duration run at its
# deadline with "context deadline exceeded" (golang/go#75804).
FUZZTIME ?= 50000x
# Each input of the check fuzzer is an archive on disk, checked four times.
FUZZCHECKTIME ?= 2000x

.PHONY: build test lint fuzz bench factpress clean

build: factpress
	./$(BIN) build --source . --destination public

factpress:
	$(GO) build -o $(BIN) ./cmd/factpress

# The whole suite: vet, every test under the race detector (browser and
# quality gates included when their tools are installed, required under CI),
# and a short run of every fuzz target.
test: lint
	$(GO) test -race -timeout 30m ./...
	$(MAKE) fuzz

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

fuzz:
	$(GO) test ./internal/markdown -run '^$$' -fuzz '^FuzzConvert$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/config -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/config -run '^$$' -fuzz '^FuzzClaimants$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/importer -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/importer -run '^$$' -fuzz '^FuzzReadClaimReviews$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/build -run '^$$' -fuzz '^FuzzCheckPathAgrees$$' -fuzztime $(FUZZCHECKTIME)
	$(GO) test ./internal/build -run '^$$' -fuzz '^FuzzCacheShard$$' -fuzztime $(FUZZTIME)

GORELEASER := github.com/goreleaser/goreleaser/v2@v2.15.1

# Checks .goreleaser.yaml, builds a snapshot for this machine only into dist/,
# and checks that the binary's `factpress version` names the snapshot's
# version and this commit: what a release would stamp in. GoReleaser reads
# the commit from git but gives up on it ("none") in a clone without a remote,
# so such a clone is lent one for the build.
.PHONY: release-check
release-check:
	$(GO) run $(GORELEASER) check
	git ls-remote --get-url >/dev/null 2>&1 || export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=remote.origin.url GIT_CONFIG_VALUE_0=https://github.com/factpress/factpress.git; \
	  $(GO) run $(GORELEASER) build --snapshot --single-target --clean --output dist/factpress
	@want="factpress v$$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json) "; \
	  commit=$$(git rev-parse HEAD); got=$$(./dist/factpress version); echo "$$got"; \
	  case "$$want" in *-SNAPSHOT-*) ;; *) echo "release-check: dist/metadata.json names no snapshot version: $$want"; exit 1;; esac; \
	  case "$$got" in "$$want"*" vcs.revision=$$commit vcs.time="*) ;; \
	  *) echo "release-check: want \"$${want}… vcs.revision=$$commit vcs.time=…\""; exit 1;; esac

BENCH_DIR ?= /tmp/factpress-bench
# Generates the 1,000- and 10,000-check corpora once, then runs the benchmarks
# against each, and serve's edit-to-reload time (median of 20 each of a body,
# a topic and a verdict edit) on the larger.
bench:
	@for n in 1000 10000; do \
	  [ -f $(BENCH_DIR)/c$$n/factpress.yaml ] || $(GO) run ./cmd/gencorpus -n $$n -out $(BENCH_DIR)/c$$n || exit 1; \
	  echo "== $$n checks"; \
	  FACTPRESS_BENCH_CORPUS=$(BENCH_DIR)/c$$n $(GO) test ./internal/build -run '^$$' -bench 'Build$$|Check$$|Model|SessionEdit' -benchtime 3x -benchmem || exit 1; \
	done
	$(GO) test ./internal/related -run '^$$' -bench . -benchmem
	FACTPRESS_BENCH_CORPUS=$(BENCH_DIR)/c10000 $(GO) test ./internal/server -run '^$$' -bench EditToReload -benchtime 20x

clean:
	rm -rf public bin
