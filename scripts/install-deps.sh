#!/usr/bin/env bash
# Installs the Debian 12 packages ersatz needs to build, test and benchmark.
# Idempotent: prints nothing and touches nothing when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config          # toolchain
  clang libclang-rt-14-dev                  # libFuzzer and the sanitizer runtimes
  libcli11-dev                              # command line parsing
  nlohmann-json3-dev libyaml-cpp-dev        # metadata files (JSON / YAML)
  libfmt-dev                                # formatting
  zlib1g-dev                                # model file checksums (CRC-32)
  libopenblas-dev                           # matrix products of the neural network (src/nn)
  libssl-dev                                # CSPRNG for DP noise (src/privacy); PII key and HMAC (src/transform)
  libeigen3-dev                             # PCA of the evaluation (src/evaluate); BLAS comparison bench
  libre2-dev libphonenumber-dev            # PII detectors (src/transform): patterns, phone numbers
  ruby-faker                                # name/address dictionaries (MIT locale YAML, read at run time)
  libxgboost-dev                            # gradient-boosted trees of the evaluation (discriminator, utility)
  libmuparser-dev                           # expressions of derived columns (src/constraints)
  libjs-chart.js                            # charts of the HTML report, inlined into it at build time
  chromium                                  # renders the HTML report in a test (headless)
  libgtest-dev libgmock-dev                 # unit tests
  libbenchmark-dev                          # micro benchmarks
  time                                      # GNU time: wall time and peak memory in make bench's scripts
  python3-pandas python3-sklearn python3-xgboost  # measuring scripts (scripts/*.py; not used by ersatz)
  python3-fake-factory                      # Python Faker: scripts/make_pii_corpus_faker.py (labelled PII corpus)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
