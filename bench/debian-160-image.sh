#!/usr/bin/env bash
# Builds the benchmark image of docs/benchmarks.md "Image scan": the cached Debian bookworm minbase
# root filesystem (88 packages, e2e/images/debian-rootfs) plus one layer with 72 more Debian
# packages (curl, git, python3, perl, openssh-client, ...) unpacked from their .deb files and
# recorded in the layer's dpkg status, as an `apt-get install` layer would: 160 packages in all.
# Prints the OCI layout reference. Cached in ~/.cache/bulwark/images/bench-debian-160.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${BULWARK_IMAGE_CACHE:-$HOME/.cache/bulwark/images}/bench-debian-160"
LAYOUT="$CACHE/layout"
PACKAGES=(curl libcurl4 wget ca-certificates openssl git git-man less vim-tiny nano procps iproute2
  iputils-ping netbase xz-utils bzip2 unzip zip file libmagic1 libmagic-mgc python3 python3-minimal
  python3.11 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib python3-requests
  python3-urllib3 python3-idna python3-certifi python3-chardet libexpat1 libsqlite3-0 libreadline8
  readline-common libnghttp2-14 librtmp1 libssh2-1 libpsl5 libbrotli1 libldap-2.5-0 libsasl2-2
  libsasl2-modules-db libkrb5-3 libgssapi-krb5-2 libk5crypto3 libkrb5support0 libkeyutils1
  publicsuffix libgdbm6 libffi8 media-types tzdata openssh-client libedit2 libcbor0.8 libfido2-1
  libbsd0 jq libjq1 libonig5 libproc2-0 libmnl0 libelf1 libbpf1 libcap2-bin libxtables12
  liberror-perl perl perl-modules-5.36 libperl5.36 libgdbm-compat4 libcurl3-gnutls)
if [[ -f "$CACHE/.complete" ]]; then
  echo "oci:$LAYOUT:packages"
  exit 0
fi
ROOTFS="$("$ROOT/e2e/images/debian-rootfs" | tail -n 1)"
rm -rf "$CACHE" && mkdir -p "$CACHE/debs" "$CACHE/layer/var/lib/dpkg"
(cd "$CACHE/debs" && apt-get download -q=2 -o APT::Sandbox::User=root \
  "${PACKAGES[@]/%//bookworm}" >&2)
STATUS="$CACHE/layer/var/lib/dpkg/status"
cp "$ROOTFS/var/lib/dpkg/status" "$STATUS"
[[ -z "$(tail -n 1 "$STATUS")" ]] || echo >>"$STATUS"
for deb in "$CACHE"/debs/*.deb; do
  dpkg-deb -x "$deb" "$CACHE/layer"
  dpkg-deb -f "$deb" | awk '{ print } /^Package:/ { print "Status: install ok installed" }' >>"$STATUS"
  echo >>"$STATUS"
done
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2023-06-10 00:00:00Z' \
  -C "$CACHE/layer" -cf "$CACHE/packages.tar" .
"$ROOT/e2e/images/build" "$ROOTFS" "$LAYOUT" debian >&2
umoci raw add-layer --image "$LAYOUT:debian" --tag packages \
  --history.created_by="RUN apt-get install -y curl git python3 perl ... # bulwark benchmark" \
  "$CACHE/packages.tar" >&2
umoci gc --layout "$LAYOUT"
rm -rf "$CACHE/layer" "$CACHE/packages.tar" "$CACHE/debs"
touch "$CACHE/.complete"
echo "oci:$LAYOUT:packages"
