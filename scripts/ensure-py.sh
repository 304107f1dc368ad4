#!/usr/bin/env bash
# Installs the named Python packages with pip when they are not importable.
# Arguments are pip-name=import-name pairs (or a single name used for both).
set -euo pipefail
py=${PYTHON:-python3}
need=()
for spec in "$@"; do
  pipname=${spec%%=*}; modname=${spec#*=}
  "$py" -c "import $modname" >/dev/null 2>&1 || need+=("$pipname")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "annotate: installing Python packages: ${need[*]}" >&2
"$py" -m pip install --quiet --disable-pip-version-check "${need[@]}" >&2
