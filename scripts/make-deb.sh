#!/usr/bin/env bash
# Builds .build/annotate_VERSION_ARCH.deb from `make dist` with dpkg-deb:
# the statically linked release binary (no Swift runtime needed), its man
# page and completions, depending on the system libraries the binary links.
set -euo pipefail
version=$1
arch=$(dpkg --print-architecture)
stage=.build/deb/annotate_${version}_${arch}
rm -rf "$stage"
make --no-print-directory install DESTDIR="$PWD/$stage" PREFIX=/usr >/dev/null
gzip -9n "$stage/usr/share/man/man1/annotate.1"
mkdir -p "$stage/DEBIAN" "$stage/usr/share/doc/annotate"
cp README.md "$stage/usr/share/doc/annotate/README.md"
size=$(du -sk "$stage/usr" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: annotate
Version: ${version}
Architecture: ${arch}
Maintainer: annotate developers <annotate@example.org>
Installed-Size: ${size}
Depends: libc6, libedit2, libsqlite3-0, libstdc++6, libgcc-s1
Section: text
Priority: optional
Homepage: https://example.org/annotate
Description: terminal workbench for coding text
 Researchers in media and propaganda studies, fact-checking and argument
 mining read documents as numbered sentences, highlight and tag spans,
 link and qualify them, and export them for pandas, R and other tools.
CONTROL
out=.build/annotate_${version}_${arch}.deb
dpkg-deb --root-owner-group --build "$stage" "$out" >/dev/null
echo "built $out"
