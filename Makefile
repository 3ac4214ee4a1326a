# Thin wrappers over the CMake presets. `make demo` and `make test` work on a fresh Debian 12
# machine: both install the dependencies first (scripts/install-deps.sh, needs root or sudo).
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 30
WERROR ?= $(if $(CI),ON,OFF)
FUZZERS := jsonl sms_xml email whatsapp telegram meta normalize pii package_list indicators links_feed attachment bundle password_csv \
  location_share

.PHONY: deps build demo test test-debug golden fuzz bench format format-check clean

deps:
	$(SUDO) bash scripts/install-deps.sh

build: deps
	cmake --preset release -DSTALKGUARD_WERROR=$(WERROR) >/dev/null
	cmake --build --preset release -j $(JOBS)

# Scans the bundled example exports into a fresh SQLite store and prints what it found, then
# writes the report of every case with its evidence bundle, checks the bundle, and prints the
# safety check-up.
demo: build
	rm -rf build/demo/stalkguard.db* build/demo/report*
	build/release/apps/stalkguard/stalkguard scan --db build/demo/stalkguard.db \
	  --profile examples/profile.toml --tz Europe/London examples/exports; \
	  status=$$?; [ $$status -le 2 ]
	build/release/apps/stalkguard/stalkguard report --db build/demo/stalkguard.db --all \
	  --profile examples/profile.toml --tz Europe/London --out build/demo/report.pdf
	build/release/apps/stalkguard/stalkguard verify build/demo/report-evidence.zip
	build/release/apps/stalkguard/stalkguard checkup --db build/demo/stalkguard.db \
	  --profile examples/profile.toml

test: build
	ctest --preset release -j $(JOBS)

test-debug: deps
	cmake --preset debug -DSTALKGUARD_WERROR=$(WERROR) >/dev/null
	cmake --build --preset debug -j $(JOBS)
	ctest --preset debug -j $(JOBS)

# Rewrites tests/golden/ from the current importers; review the diff before committing it.
golden: build
	SG_UPDATE_GOLDEN=1 build/release/tests/golden_test >/dev/null
	git status --short tests/golden

# Builds every importer's libFuzzer target and runs each for FUZZ_SECONDS on its seeds.
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	@for f in $(FUZZERS); do \
	  mkdir -p build/fuzz-corpus/$$f; \
	  echo "fuzz: $$f for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -print_final_stats=0 \
	    -artifact_prefix=build/fuzz-corpus/$$f- build/fuzz-corpus/$$f fuzz/seeds/$$f \
	    2>build/fuzz-corpus/$$f.log || { tail -40 build/fuzz-corpus/$$f.log; exit 1; }; \
	done

bench: build
	scripts/run-benchmarks.sh

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

format-check:
	git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build
