#!/usr/bin/env bash
# Runs the command-line benchmarks from a fresh clone: installs curl (the
# reference for `issuer check`) when it is missing, then builds the release
# binary and runs every benchmark with `cargo bench`. Arguments are passed
# on: group names (startup, issuer, ledger, sync) and `--runs N`.
# Results and method: docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

install_curl() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "curl is missing and sudo is not available; install curl" >&2; exit 1; }
        sudo="sudo"
    fi
    if command -v apt-get >/dev/null; then
        $sudo apt-get update -qq && $sudo apt-get install -y -qq curl
    elif command -v dnf >/dev/null; then
        $sudo dnf install -y -q curl
    elif command -v apk >/dev/null; then
        $sudo apk add --quiet curl
    else
        echo "curl is missing and no known package manager was found; install curl" >&2
        exit 1
    fi
}

command -v curl >/dev/null || install_curl

cargo bench --locked --bench cli -- "$@"
