#!/usr/bin/env bash
# fetch-kernel.sh <cache dir> — obtain the guest kernel for the QEMU tests
# without installing it: the Debian package that linux-image-amd64 depends
# on, fetched with `apt-get download`, unpacked with `dpkg -x`, modules.dep
# generated with depmod (Debian runs depmod at install time, so the package
# does not ship it). The cache keeps only what the harness needs:
#
#   <cache>/vmlinuz              the kernel image
#   <cache>/vmlinux              the same, decompressed, when it can boot
#                                directly (PVH entry): QEMU then skips the
#                                decompression, which takes seconds under TCG
#   <cache>/release              its release string (`uname -r` in the guest)
#   <cache>/lib/modules/<rel>/   its modules, modules.dep, modules.builtin
#   <cache>/stamp                written last: package and version fetched
#
# With the stamp present nothing is downloaded again. Environment:
#   LIBDDE_QEMU_KERNEL_DEB      use this linux-image-*.deb instead of downloading
#   LIBDDE_QEMU_KERNEL_PACKAGE  download this package instead of resolving it
set -euo pipefail

die() {
	printf 'fetch-kernel.sh: %s\n' "$*" >&2
	exit 1
}

[ $# -eq 1 ] || die "usage: fetch-kernel.sh <cache dir>"
cache=$1
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

# ctest may start several scenarios at once; one fetch, the others wait.
exec 9>"$cache/.lock"
flock 9

# extract_vmlinux: find the compressed kernel inside the bzImage and keep it
# decompressed if it is an ELF image with a PVH entry note (Xen note type
# 18, XEN_ELFNOTE_PHYS32_ENTRY), which QEMU's -kernel starts directly.
extract_vmlinux() {
	local magic tool off
	rm -f "$cache/vmlinux" "$cache/vmlinux.tmp"
	for magic in '\xfd7zXZ\x00:xz' '\x1f\x8b\x08:gzip' '\x28\xb5\x2f\xfd:zstd'; do
		tool=${magic##*:}
		command -v "$tool" >/dev/null 2>&1 || continue
		off=$(LC_ALL=C grep -obUaP "${magic%:*}" "$cache/vmlinuz" | head -n1 | cut -d: -f1) || true
		[ -n "$off" ] || continue
		tail -c +$((off + 1)) "$cache/vmlinuz" | "$tool" -dc 2>/dev/null >"$cache/vmlinux.tmp" || true
		if readelf -nW "$cache/vmlinux.tmp" 2>/dev/null | grep -q 'Xen.*(0x00000012)'; then
			mv "$cache/vmlinux.tmp" "$cache/vmlinux"
			echo "guest kernel: decompressed vmlinux with PVH entry (direct boot)"
			break
		fi
	done
	rm -f "$cache/vmlinux.tmp"
	[ -f "$cache/vmlinux" ] || echo "guest kernel: no PVH vmlinux inside vmlinuz; QEMU boots the bzImage"
	: >"$cache/vmlinux.checked"
}

if [ -f "$cache/stamp" ] && [ -f "$cache/vmlinuz" ] && [ -f "$cache/release" ]; then
	[ -f "$cache/vmlinux.checked" ] || extract_vmlinux
	echo "guest kernel: $(cat "$cache/stamp") (cached in $cache)"
	exit 0
fi

for tool in dpkg dpkg-deb depmod; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' not found: the QEMU tests need a Debian-like host with dpkg and kmod (apt-get install kmod)"
done

rm -rf "${cache:?}/download" "$cache/unpack" "$cache/lib" "$cache/vmlinuz" \
	"$cache/vmlinux" "$cache/vmlinux.checked" "$cache/release" "$cache/stamp"
mkdir -p "$cache/download"

if [ -n "${LIBDDE_QEMU_KERNEL_DEB:-}" ]; then
	[ -f "$LIBDDE_QEMU_KERNEL_DEB" ] ||
		die "LIBDDE_QEMU_KERNEL_DEB=$LIBDDE_QEMU_KERNEL_DEB does not exist"
	deb=$(cd "$(dirname "$LIBDDE_QEMU_KERNEL_DEB")" && pwd)/$(basename "$LIBDDE_QEMU_KERNEL_DEB")
else
	command -v apt-get >/dev/null 2>&1 || die "apt-get not found: set LIBDDE_QEMU_KERNEL_DEB to a linux-image-*-amd64 .deb"
	pkg=${LIBDDE_QEMU_KERNEL_PACKAGE:-}
	if [ -z "$pkg" ]; then
		pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
		[ -n "$pkg" ] || die "cannot resolve the kernel package: 'apt-cache depends linux-image-amd64' names no linux-image-<version>-amd64; run 'apt-get update' (./libdde.sh test does) or set LIBDDE_QEMU_KERNEL_DEB"
	fi
	echo "guest kernel: downloading $pkg (apt-get download)"
	if ! (cd "$cache/download" && apt-get download -q "$pkg" >apt.log 2>&1); then
		cat "$cache/download/apt.log" >&2 || true
		die "'apt-get download $pkg' failed (see above): no network or stale package lists ('apt-get update'), or set LIBDDE_QEMU_KERNEL_DEB to a downloaded package"
	fi
	deb=$(ls "$cache/download/"*.deb 2>/dev/null | head -n1)
	[ -n "$deb" ] || die "'apt-get download $pkg' produced no .deb in $cache/download"
fi

name=$(dpkg-deb -f "$deb" Package)
version=$(dpkg-deb -f "$deb" Version)
echo "guest kernel: unpacking $name $version"
dpkg -x "$deb" "$cache/unpack" || die "dpkg -x $deb failed"

release=$(ls "$cache/unpack/lib/modules" 2>/dev/null | head -n1)
[ -n "$release" ] && [ -f "$cache/unpack/boot/vmlinuz-$release" ] ||
	die "$deb holds no boot/vmlinuz-<release> with lib/modules/<release>: not a kernel image package"

mv "$cache/unpack/boot/vmlinuz-$release" "$cache/vmlinuz"
cp "$cache/unpack/boot/config-$release" "$cache/config" 2>/dev/null || true
mkdir -p "$cache/lib/modules"
mv "$cache/unpack/lib/modules/$release" "$cache/lib/modules/$release"
rm -rf "$cache/unpack" "$cache/download"
depmod -b "$cache" "$release" || die "depmod for $release failed"
extract_vmlinux
printf '%s\n' "$release" >"$cache/release"
printf '%s %s\n' "$name" "$version" >"$cache/stamp"
echo "guest kernel: $name $version, release $release, in $cache"
