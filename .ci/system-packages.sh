#!/usr/bin/env bash
# Installs the Debian packages cop needs when any is missing: with `site`, those of
# .ci/debian-packages-site.txt (building the site); with `packs`, those and the fonts of
# .ci/debian-packages-packs.txt (workshop packs); without, all of those and the test suite's
# (.ci/debian-packages.txt). As root it runs apt-get; otherwise it stops and prints the command to run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lists=("$here/debian-packages-site.txt")
[ "${1:-}" = site ] || lists+=("$here/debian-packages-packs.txt")
[ "${1:-}" = site ] || [ "${1:-}" = packs ] || lists+=("$here/debian-packages.txt")
mapfile -t wanted < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "${lists[@]}" | sort -u)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "These Debian packages are missing: ${missing[*]}" >&2
    echo "Install them with:  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi
echo "Installing Debian packages: ${missing[*]}"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
