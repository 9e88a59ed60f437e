#!/usr/bin/env bash
# mkinitramfs.sh — build a scenario's initramfs (cpio newc, gzip).
#
#   mkinitramfs.sh --kernel <cache> --init <init> --script <scenario.sh>
#                  --out <file.cpio.gz> [--name <scenario>]
#                  [--module <name>]... [--binary <static executable>]...
#                  [--file <host path>=<guest path>]...
#
# Contents: /bin/busybox (busybox-static), the modules
# asked for plus every module they depend on (from the kernel's modules.dep)
# under /lib/modules/<release>/ with a modules.dep of just those, their load
# order (dependencies first) in /etc/libdde/modules, the binaries in /bin,
# extra files, /scenario.sh and /init.
set -euo pipefail

die() {
	printf 'mkinitramfs.sh: %s\n' "$*" >&2
	exit 1
}

kernel='' init='' script='' out='' name=scenario
modules=() binaries=() files=()
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || die "option $1 needs a value"
	case $1 in
	--kernel) kernel=$2 ;;
	--init) init=$2 ;;
	--script) script=$2 ;;
	--out) out=$2 ;;
	--name) name=$2 ;;
	--module) modules+=("$2") ;;
	--binary) binaries+=("$2") ;;
	--file) files+=("$2") ;;
	*) die "unknown option $1" ;;
	esac
	shift 2
done
[ -n "$kernel" ] && [ -n "$init" ] && [ -n "$script" ] && [ -n "$out" ] ||
	die "--kernel, --init, --script and --out are required"
[ -f "$kernel/release" ] || die "no fetched kernel in $kernel (run fetch-kernel.sh)"
[ -f "$init" ] || die "init template $init does not exist"
[ -f "$script" ] || die "scenario script $script does not exist"
for tool in cpio gzip readelf; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "'$tool' not found (apt-get install cpio gzip binutils)"
done

release=$(cat "$kernel/release")
moddir=$kernel/lib/modules/$release

# is_static <file>: an ELF executable that needs no program interpreter and no
# shared library, so that it runs in a guest that has no libc.
is_static() {
	local hdr
	hdr=$(readelf -h "$1" 2>/dev/null) || return 2
	grep -q 'Type:.*EXEC\|Type:.*DYN' <<<"$hdr" || return 2
	! readelf -lW "$1" 2>/dev/null | grep -q 'Requesting program interpreter' &&
		! readelf -dW "$1" 2>/dev/null | grep -q '(NEEDED)'
}

check_static() {
	local rc=0
	is_static "$1" || rc=$?
	case $rc in
	0) ;;
	2) die "$2 '$1' is not an ELF executable" ;;
	*) die "$2 '$1' is dynamically linked (it names a program interpreter or shared libraries); the guest has no libc: link it with -static" ;;
	esac
}

stage=$(mktemp -d "${out%/*}/initramfs.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,tmp,run,mnt,root,etc/libdde} \
	"$stage/lib/modules/$release"

# busybox; /init links its applets (busybox --install -s, which leaves the
# binaries below alone where a name is the same).
busybox=$(command -v busybox 2>/dev/null || true)
[ -n "$busybox" ] || die "busybox not found: apt-get install busybox-static"
if ! is_static "$busybox"; then
	die "$busybox is not statically linked: apt-get install busybox-static"
fi
cp "$busybox" "$stage/bin/busybox"

for bin in "${binaries[@]}"; do
	[ -f "$bin" ] || die "binary '$bin' does not exist (not built yet? run the build first)"
	check_static "$bin" binary
	base=${bin##*/}
	cp "$bin" "$stage/bin/$base"
	chmod 755 "$stage/bin/$base"
done

for spec in "${files[@]}"; do
	src=${spec%%=*} dst=${spec#*=}
	[ "$src" != "$spec" ] && [ "${dst#/}" != "$dst" ] ||
		die "--file wants <host path>=</absolute guest path>, not '$spec'"
	[ -e "$src" ] || die "file '$src' does not exist"
	mkdir -p "$stage$(dirname "$dst")"
	cp -R "$src" "$stage$dst"
done

# Modules: resolve names (dashes and underscores are the same, as for
# modprobe) to paths, then list each one after everything it depends on.
: >"$stage/etc/libdde/modules"
if [ ${#modules[@]} -gt 0 ]; then
	[ -f "$moddir/modules.dep" ] || die "$moddir/modules.dep missing (re-run fetch-kernel.sh)"
	order=$(awk -v want="${modules[*]}" -v rel="$release" '
		function norm(s) { gsub(/-/, "_", s); return s }
		function modname(p,   b) {
			b = p; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b)
			return norm(b)
		}
		function visit(p,   n, d, i) {
			if (p in done)
				return
			done[p] = 1
			# modules.dep lists a module'"'"'s dependencies so that
			# loading them from the last to the first works.
			n = split(deps[p], d, " ")
			for (i = n; i >= 1; i--)
				visit(d[i])
			print p
		}
		FILENAME ~ /modules\.builtin$/ { builtin[modname($1)] = 1; next }
		{
			p = $1; sub(/:$/, "", p)
			path[modname(p)] = p
			deps[p] = ""
			for (i = 2; i <= NF; i++)
				deps[p] = deps[p] " " $i
		}
		END {
			n = split(want, w, " ")
			for (i = 1; i <= n; i++) {
				m = norm(w[i])
				if (m in path)
					visit(path[m])
				else if (m in builtin)
					printf "module %s is built into %s: nothing to load\n", w[i], rel > "/dev/stderr"
				else {
					printf "module %s: neither in modules.dep nor built into kernel %s\n", w[i], rel > "/dev/stderr"
					bad = 1
				}
			}
			exit bad
		}' "$moddir/modules.builtin" "$moddir/modules.dep") ||
		die "cannot resolve the modules: ${modules[*]}"
	while IFS= read -r rel; do
		[ -n "$rel" ] || continue
		dst=$stage/lib/modules/$release/$rel
		mkdir -p "$(dirname "$dst")"
		# busybox insmod wants plain .ko files.
		case $rel in
		*.ko) cp "$moddir/$rel" "$dst" ;;
		*.ko.xz) xz -dc "$moddir/$rel" >"${dst%.xz}"; rel=${rel%.xz} ;;
		*.ko.gz) gzip -dc "$moddir/$rel" >"${dst%.gz}"; rel=${rel%.gz} ;;
		*.ko.zst) zstd -qdc "$moddir/$rel" >"${dst%.zst}"; rel=${rel%.zst} ;;
		*) die "module $rel: unknown compression" ;;
		esac
		printf '%s\n' "$rel" >>"$stage/etc/libdde/modules"
	done <<<"$order"
	# A modules.dep of just these, so that modprobe (and the kernel's
	# request_module) in the guest finds them too.
	awk 'NR == FNR { have[$1] = 1; next }
		{ p = $1; sub(/:$/, "", p); sub(/\.(xz|gz|zst)$/, "", p)
		  if (p in have) { line = p ":"
			for (i = 2; i <= NF; i++) { d = $i; sub(/\.(xz|gz|zst)$/, "", d); line = line " " d }
			print line } }' \
		"$stage/etc/libdde/modules" "$moddir/modules.dep" \
		>"$stage/lib/modules/$release/modules.dep"
fi

cp "$script" "$stage/scenario.sh"
cp "$init" "$stage/init"
chmod 755 "$stage/scenario.sh" "$stage/init"
printf '%s\n' "$name" >"$stage/etc/libdde/scenario"

(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
mv "$out.tmp" "$out"
echo "initramfs: $(du -k "$out" | cut -f1) KiB, modules: $(tr '\n' ' ' <"$stage/etc/libdde/modules")"
