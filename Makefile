# Coalition — the two commands:
#   make run    build and launch Coalition (first run opens the demo map)
#   make test   run every test (Rust, UI logic, end-to-end on the real app)
# Both install what is missing (system packages via apt, npm packages, tools).

CARGO ?= cargo
DATA_DIR ?= $(HOME)/.local/share/coalition
TAURI_DRIVER_VERSION := 2.1.0
UI_MODULES := ui/node_modules/.package-lock.json

.PHONY: run test deps test-deps ui-deps ui app app-debug tauri-driver e2e package package-test lint rust-tools bench bench-app fuzz types

deps:
	scripts/install-deps.sh app

test-deps:
	scripts/install-deps.sh test

# npm ci only when node_modules is missing or older than the lock file.
$(UI_MODULES): ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund

ui-deps: $(UI_MODULES)

# The web UI, built into ui/dist (the shell's frontendDist).
ui: ui-deps
	cd ui && npm run build

# The desktop app (release), serving ui/dist from its own protocol.
app: deps ui
	$(CARGO) build --release -p coalition-app

run: app
	COALITION_DATA_DIR="$(DATA_DIR)" target/release/coalition-app

tauri-driver:
	@$(CARGO) install --list | grep -q '^tauri-driver v$(TAURI_DRIVER_VERSION):' \
	  || $(CARGO) install tauri-driver --locked --version $(TAURI_DRIVER_VERSION)

# The debug app and CLI the e2e suite drives.
app-debug: ui
	$(CARGO) build -p coalition-app --bin coalition-app
	$(CARGO) build --bin coalition

e2e: test-deps tauri-driver app-debug
	xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- tests/e2e/run.sh

# The .deb, made by Tauri's bundler (the prebuilt CLI from ui's npm packages). The
# bundler builds the app itself; the coalition CLI is built first and staged where
# tauri.conf.json's bundle.linux.deb.files expects it (/usr/bin/coalition).
TAURI := $(CURDIR)/ui/node_modules/.bin/tauri
DEB_STAGE := target/package/bin

package: deps ui
	@start=$$(date +%s); \
	$(CARGO) build --release --bin coalition && \
	install -D -m 755 target/release/coalition $(DEB_STAGE)/coalition && \
	(cd src-tauri && $(TAURI) build --ci --bundles deb) || exit 1; \
	deb=$$(ls -t target/release/bundle/deb/*.deb | head -1); \
	echo "package: $$deb, $$(du -k "$$deb" | cut -f1) KiB, built in $$(( $$(date +%s) - start )) s"

# The .deb from the debug build the e2e suite already made (the same app, serving
# the built UI; only the bundling step is new), installed, checked, launched under
# Xvfb and removed again by tests/package/run.sh.
package-test: test-deps app-debug
	@start=$$(date +%s); \
	install -D -m 755 target/debug/coalition $(DEB_STAGE)/coalition && \
	(cd src-tauri && $(TAURI) build --ci --debug --bundles deb) || exit 1; \
	echo "package-test: .deb built in $$(( $$(date +%s) - start )) s"
	tests/package/run.sh "$$(ls -t target/debug/bundle/deb/*.deb | head -1)"

test: test-deps ui
	$(CARGO) test --workspace
	cd ui && npm run check && npx vitest run
	$(MAKE) e2e
	$(MAKE) package-test

# rustfmt and clippy, when rustup manages the toolchain and they are missing.
rust-tools:
	@if command -v rustup > /dev/null; then \
	  for c in rustfmt clippy; do \
	    rustup component list --installed | grep -q "^$$c" || rustup component add $$c; \
	  done; \
	fi

# The lint gate CI runs before the tests. clippy checks the shell too, so it needs
# the app's system packages (GTK, WebKit) and the built UI (ui/dist, which the
# shell embeds); svelte-check needs the UI's npm packages.
lint: deps ui rust-tools
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	cd ui && npm run check

# Criterion's benchmarks, then the fair table (bench/run.sh): ours and the Python
# peers interleaved A/B on one thread and on all cores, ours/peer of wall and CPU.
bench:
	$(CARGO) bench
	bench/run.sh

# The release app on generated 2,000-, 10,000- and 50,000-person organisations
# (BENCH_PEOPLE=2000,10000 to choose), driven through tauri-driver as the e2e
# suite drives it; prints first paint, all ties, pan and zoom frames, select,
# edit round trip, plan, what-if and memory (also target/bench-app.json).
BENCH_PEOPLE ?= 2000,10000,50000
bench-app: test-deps tauri-driver app
	$(CARGO) build --release --bin coalition
	BENCH_APP=1 BENCH_PEOPLE=$(BENCH_PEOPLE) COALITION_APP=$(CURDIR)/target/release/coalition-app \
	  COALITION_CLI=$(CURDIR)/target/release/coalition E2E_PATTERN='big organisations' \
	  xvfb-run -a -s "-screen 0 1440x900x24" dbus-run-session -- tests/e2e/run.sh

# Regenerates ui/src/lib/contract.gen.ts from the Rust DTOs (src/formats/).
types:
	UPDATE_TYPES=1 $(CARGO) test -p coalition --test integration contract::

# Property-based fuzzing of the importers (CSV, Kumu, JSON) and of opening map
# files, with many cases (FUZZ_CASES=N to change); one line per target:
# "fuzz: <target>: N cases, F findings", then the wall time.
FUZZ_CASES ?= 5000
fuzz:
	@start=$$(date +%s); \
	PROPTEST_CASES=$(FUZZ_CASES) $(CARGO) test --release -p coalition --test integration fuzz:: -- --nocapture; \
	status=$$?; echo "fuzz: wall time $$(( $$(date +%s) - start )) s"; exit $$status
