#!/usr/bin/env bash
# Installs every Debian package stalkguard builds, tests or runs with, in one list.
# Each line says why the package is here. Safe to run again; does nothing when all are present.
set -euo pipefail

packages=(
  # Toolchain and build
  build-essential    # g++ 12, make
  cmake              # build system (presets need >= 3.21)
  ninja-build        # fast parallel builds
  ccache             # keeps rebuilds cheap on 2 cores
  pkg-config         # finds the C libraries below
  clang              # the fuzz preset (libFuzzer)
  libclang-rt-14-dev # clang's sanitizer and libFuzzer runtimes
  clang-format       # `make format` and the CI style check
  # Tests and benchmarks
  libgtest-dev libgmock-dev  # GoogleTest / GoogleMock
  libbenchmark-dev           # Google Benchmark for bench/
  wrk                        # HTTP load generator of scripts/load-test.sh
  python3                    # gen_corpus.py, golden-file helpers
  wamerican                  # the word list gen_corpus.py draws texts from
  # Core libraries
  libexpected-dev    # tl::expected for Result<T>
  libfmt-dev         # formatting
  libsqlite3-dev     # embedded event store
  libcli11-dev       # command-line parsing
  libtomlplusplus-dev # the profile and config files (TOML)
  nlohmann-json3-dev # JSON writing and small documents
  libsimdjson-dev    # fast JSON reading for the big exports and JSONL
  libpugixml-dev     # SMS Backup & Restore XML
  libgmime-3.0-dev   # MIME e-mail: mbox, .eml, Maildir
  libphonenumber-dev # phone numbers to E.164
  libicu-dev         # Unicode normalisation, case folding, confusables, time zones
  libarchive-dev     # .zip exports (Instagram/Facebook/WhatsApp downloads)
  # Detection, evidence, service (later modules)
  libhyperscan-dev   # many patterns in one pass
  libsodium-dev      # hash chain, signatures, argon2id
  libpsl-dev publicsuffix  # registrable domains (public suffix list and its data)
  libclamav-dev      # attachment scanning with ClamAV signatures
  libyaml-cpp-dev    # the stalkerware indicator file (YAML)
  libzxcvbn-dev      # password strength
  liburiparser-dev   # URL parsing
  libcairo2-dev libpango1.0-dev  # PDF reports
  fonts-dejavu-core fonts-noto-color-emoji  # PDF report fonts: DejaVu Sans text, colour emoji
  fonts-wqy-microhei # PDF report font for Chinese and Japanese text (5 MB; Noto CJK is 90)
  libcpp-httplib-dev # HTTP server and client
  libcurl4-openssl-dev # alert webhooks (HTTPS) and alert e-mail (SMTP) from the service's outbox
  python3-aiosmtpd   # a real SMTP server on loopback for the alert e-mail test
  chromium           # the dashboard's end-to-end test (headless, driven by playwright-core)
  poppler-utils      # pdftotext/pdfinfo in report tests
  fasttext libfasttext-dev  # the classifier's baseline (tools/evaluate.sh) and classify_bench
)

# The dashboard test's driver (playwright-core, tests/browser/package-lock.json) runs on Node.js;
# a machine that has node and npm already keeps its own.
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
