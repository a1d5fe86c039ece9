#!/usr/bin/env bash
# System packages the test suite uses: Debian's Chromium (browser tests, never a downloaded
# browser), poppler-utils (pdftotext/pdftoppm to read postcards back) and qpdf (checks the print
# file's PDF structure). Installs only what is missing; needs root and apt-get (Debian/Ubuntu).
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these system packages: ${missing[*]}. Install them (Debian: apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
echo "Installing system packages for the tests: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq "${missing[@]}" >&2
