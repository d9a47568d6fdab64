GO ?= go
BIN := bin/factpress

.PHONY: build test bench lint fuzz clean factpress

build: factpress
	./$(BIN) build --source . --destination public

factpress:
	$(GO) build -o $(BIN) ./cmd/factpress

test:
	$(GO) vet ./...
	$(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz:
	$(GO) test ./internal/markdown -run '^$$' -fuzz FuzzConvert -fuzztime 20s
	$(GO) test ./internal/content -run '^$$' -fuzz FuzzParse -fuzztime 20s

clean:
	rm -rf public bin
