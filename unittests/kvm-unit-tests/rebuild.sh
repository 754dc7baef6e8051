#!/bin/sh
# Rebuilds the vendored kvm-unit-tests images from a kvm-unit-tests source tree at the commit named in
# PROVENANCE.md, with no network: ./configure --arch=x86_64 && make, then copies the images that
# unittests.cfg here names into x86/, stripped of symbols (kvmctl reads only their load segments).
# Usage: unittests/kvm-unit-tests/rebuild.sh /path/to/kvm-unit-tests
set -eu
src=${1:?usage: $0 KVM_UNIT_TESTS_SOURCE}
here=$(cd "$(dirname "$0")" && pwd)
images=$(sed -n 's/^file *= *//p' "$here/unittests.cfg" | sort -u)
cd "$src"
if command -v git >/dev/null && [ -e .git ]; then echo "source: $(git rev-parse HEAD)"; fi
./configure --arch=x86_64
make -j"$(nproc)"
for f in $images; do
	strip --strip-all -o "$here/x86/$f" "x86/$f"
done
cd "$here/x86" && sha256sum $images
