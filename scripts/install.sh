#!/usr/bin/env bash
# Installs a released gen: downloads the archive for this system from the
# release, verifies it against the release's checksums.txt, and unpacks gen
# into a folder. The GitHub Action (action.yml) runs it; any other CI, or a
# person, can too:
#
#   scripts/install.sh VERSION [FOLDER]
#
# VERSION is a release tag such as v1.2.3, or "latest"; FOLDER defaults to
# ~/.local/bin. GEN_OS and GEN_ARCH name the system when uname cannot tell
# (the action passes the runner's); GEN_RELEASES is where releases are
# downloaded from (default: this repository's GitHub releases; a mirror, or
# a file:// folder laid out the same way).
set -euo pipefail

version=${1:?usage: install.sh VERSION [FOLDER]}
folder=${2:-$HOME/.local/bin}
releases=${GEN_RELEASES:-https://github.com/policygen/gen/releases}

fail() { echo "install.sh: $*" >&2; exit 1; }

case "${GEN_OS:-$(uname -s)}" in
  Linux | linux) os=linux ;;
  Darwin | darwin | macOS) os=darwin ;;
  Windows | windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
  *) fail "no gen release for the system ${GEN_OS:-$(uname -s)}; build it with: go install github.com/policygen/gen/generator/cmd/gen@$version" ;;
esac
case "${GEN_ARCH:-$(uname -m)}" in
  X64 | x86_64 | amd64) arch=amd64 ;;
  ARM64 | aarch64 | arm64) arch=arm64 ;;
  *) fail "no gen release for the processor ${GEN_ARCH:-$(uname -m)}; build it with: go install github.com/policygen/gen/generator/cmd/gen@$version" ;;
esac

download() { # URL FILE
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" ||
    fail "cannot download $1"
}

if [ "$version" = latest ]; then
  # GitHub sends /releases/latest on to the newest release's tag.
  url=$(curl --fail --silent --show-error --location --output /dev/null --write-out '%{url_effective}' "$releases/latest") ||
    fail "cannot find the latest release at $releases/latest"
  version=${url##*/}
fi
case "$version" in
  v[0-9]*) ;;
  *) fail "\"$version\" is not a release tag such as v1.2.3" ;;
esac

archive="gen_${version#v}_${os}_${arch}.tar.gz"
binary=gen
if [ "$os" = windows ]; then
  archive="gen_${version#v}_${os}_${arch}.zip"
  binary=gen.exe
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
download "$releases/download/$version/checksums.txt" "$work/checksums.txt"
download "$releases/download/$version/$archive" "$work/$archive"

want=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/checksums.txt")
[ -n "$want" ] || fail "checksums.txt of $version lists no $archive"
if command -v sha256sum >/dev/null 2>&1; then
  got=$(sha256sum "$work/$archive" | awk '{ print $1 }')
else
  got=$(shasum -a 256 "$work/$archive" | awk '{ print $1 }')
fi
[ "$got" = "$want" ] || fail "$archive does not match checksums.txt of $version (SHA-256 $got, listed $want); nothing was installed"

mkdir -p "$work/unpacked" "$folder"
case "$archive" in
  *.zip)
    if command -v unzip >/dev/null 2>&1; then
      unzip -q "$work/$archive" "$binary" -d "$work/unpacked"
    else
      7z x -y -o"$work/unpacked" "$work/$archive" "$binary" >/dev/null
    fi ;;
  *) tar -xzf "$work/$archive" -C "$work/unpacked" "$binary" ;;
esac
chmod +x "$work/unpacked/$binary"
mv -f "$work/unpacked/$binary" "$folder/$binary"
echo "installed gen $version ($os/$arch) in $folder"
