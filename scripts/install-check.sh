#!/usr/bin/env bash
# `make install` into a scratch DESTDIR and the .deb into a scratch root:
# each installed binary runs with nothing of the build around it, the man
# page renders without warnings, the completions load in bash, and
# `make uninstall` removes exactly what was installed.
set -euo pipefail
version=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

# 1. make install / uninstall into a DESTDIR.
make --no-print-directory install DESTDIR="$scratch/dest" PREFIX=/usr >/dev/null
bin="$scratch/dest/usr/bin/annotate"
[ -x "$bin" ] || fail "no binary installed"
[ "$(env -i PATH=/usr/bin:/bin "$bin" --version)" = "$version" ] || fail "--version is not $version"
man_page="$scratch/dest/usr/share/man/man1/annotate.1"
warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1 || true)
[ -z "$warnings" ] || fail "the man page renders with warnings: $warnings"
if command -v man >/dev/null 2>&1; then
  MANWIDTH=80 man -l "$man_page" 2>/dev/null | grep -q "link \[FROM\] TO TYPE" || fail "man -l does not show the shell's commands"
fi
bash -c "source '$scratch/dest/usr/share/bash-completion/completions/annotate' && complete -p annotate" >/dev/null \
  || fail "the bash completion does not load"
make --no-print-directory uninstall DESTDIR="$scratch/dest" PREFIX=/usr >/dev/null
left=$(find "$scratch/dest" -type f | wc -l)
[ "$left" -eq 0 ] || fail "uninstall left $left files"

# 2. The .deb: its control file, and its binary run from an unpacked root
# with no Swift toolchain on PATH or in the library path.
deb=$(ls .build/annotate_"$version"_*.deb)
dpkg-deb -f "$deb" Depends | grep -q libedit2 || fail "the package does not depend on libedit2"
dpkg-deb -x "$deb" "$scratch/root"
root_bin="$scratch/root/usr/bin/annotate"
if ldd "$root_bin" | grep -q "libswift"; then fail "the packaged binary needs the Swift runtime"; fi
mkdir -p "$scratch/work"
printf 'One claim here. Another one.\n' > "$scratch/work/doc.txt"
out=$(cd "$scratch/work" && env -i PATH=/usr/bin:/bin HOME="$scratch/work" USER=tester \
  "$root_bin" -c 'tag 1 claim; spans; export csv out.csv' doc.txt)
echo "$out" | grep -q '#1 \[claim\] sentence 1' || fail "the packaged binary did not tag: $out"
[ -s "$scratch/work/out.csv" ] || fail "the packaged binary did not export"
[ -f "$scratch/root/usr/share/man/man1/annotate.1.gz" ] || fail "no man page in the package"
echo "install-check: ok ($deb)"
