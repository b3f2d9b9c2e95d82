# Coalition — the two commands:
#   make run    build and launch Coalition (first run opens the demo map)
#   make test   run every test
# Both install what is missing (system packages via apt, npm packages, tools).

CARGO ?= cargo
DATA_DIR ?= $(HOME)/.local/share/coalition
DEMO_MAP := $(DATA_DIR)/demo.coalition

.PHONY: run test deps test-deps lint bench

deps:
	scripts/install-deps.sh app

test-deps:
	scripts/install-deps.sh test

run: deps
	$(CARGO) build --release --bin coalition
	@mkdir -p "$(DATA_DIR)"
	@test -f "$(DEMO_MAP)" || target/release/coalition demo "$(DEMO_MAP)"
	target/release/coalition list "$(DEMO_MAP)"

test: test-deps
	$(CARGO) test --workspace

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

bench:
	$(CARGO) bench
