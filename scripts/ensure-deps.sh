#!/usr/bin/env bash
# Installs the C libraries annotate builds against when pkg-config cannot
# find them: directly as root, through sudo otherwise, or prints the command.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libedit 2>/dev/null; then missing+=(libedit-dev); fi
if ! pkg-config --exists sqlite3 2>/dev/null; then missing+=(libsqlite3-dev); fi
if ! pkg-config --exists libpcre2-8 2>/dev/null; then missing+=(libpcre2-dev); fi
command -v groff >/dev/null 2>&1 || missing+=(groff-base)
command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg)
# `ensure-deps.sh bench`: also what the benchmarks use (valgrind counts instructions).
if [ "${1:-}" = bench ] && ! command -v valgrind >/dev/null 2>&1; then missing+=(valgrind); fi
# `ensure-deps.sh test`: also what the tests use (headless Chromium renders the HTML export;
# its Depends bring a font through fontconfig-config, fonts-dejavu-core first).
if [ "${1:-}" = test ] && ! command -v chromium >/dev/null 2>&1; then missing+=(chromium); fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "annotate: installing ${missing[*]} (needed to build the line editor, the SQLite export and regex search, to check the man page and package, and to render the HTML export in tests)" >&2
cmd=(apt-get install -y --no-install-recommends "${missing[@]}")
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq >/dev/null && "${cmd[@]}" >/dev/null
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq >/dev/null && sudo "${cmd[@]}" >/dev/null
else
  echo "annotate: please run: sudo apt-get update && sudo ${cmd[*]}" >&2
  exit 1
fi
pkg-config --exists libedit || { echo "annotate: libedit still not found by pkg-config" >&2; exit 1; }
pkg-config --exists sqlite3 || { echo "annotate: sqlite3 still not found by pkg-config" >&2; exit 1; }
pkg-config --exists libpcre2-8 || { echo "annotate: libpcre2-8 still not found by pkg-config" >&2; exit 1; }
if [ "${1:-}" = test ]; then command -v chromium >/dev/null 2>&1 || { echo "annotate: chromium still not on PATH" >&2; exit 1; }; fi
