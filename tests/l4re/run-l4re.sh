#!/bin/sh
# run-l4re.sh — boot Fiasco + L4Re + one libdde program in QEMU and turn the
# serial log into a test result.
#
#   run-l4re.sh --l4re-build <dir> --program <file> --log <file>
#               [--modules <modules.list>] [--entry <name>]
#               [--search <dir>]... [--timeout <s>] [--expect <regex>]...
#
# The boot image is assembled by L4Re's own launcher,
# <l4re build>/source/tool/bin/qemu-x86-launch: bootstrap from the build
# dir as the multiboot kernel, the entry's modules (fiasco, sigma0, moe, l4re,
# ned, io, the .cfg/.io files and the program) as multiboot modules. Modules
# are searched in: the program's directory, --search dirs, this directory,
# io's x86 device list, and the L4Re build dir's MODULE_SEARCH_PATH (its
# conf/Makeconf.boot, where the Fiasco build dir is usually named) and
# binary directories.
#
# QEMU: -accel tcg -M q35 -device edu, COM1 to the log, COM2 present (its
# scratch register is the suite's port). The run ends when ned prints the
# program's exit status (ddekit.cfg) or at the timeout. Exit status 0 only
# if that status is 0, "CONFORMANCE: PASS" (or each --expect) was logged
# and no "FAIL" result line appeared.
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=
program=
log=
modules=$here/modules.list
entry=ddekit-conformance
search=
timeout=300
expects=

usage() {
	echo "usage: $0 --l4re-build <dir> --program <file> --log <file>" \
	     "[--modules <file>] [--entry <name>] [--search <dir>]..." \
	     "[--timeout <s>] [--expect <regex>]..." >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--l4re-build) build=$2; shift 2 ;;
	--program) program=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--modules) modules=$2; shift 2 ;;
	--entry) entry=$2; shift 2 ;;
	--search) search="$search:$2"; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--expect) expects="$expects
$2"; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$build" ] && [ -n "$program" ] && [ -n "$log" ] || usage
[ -n "$expects" ] || expects="
CONFORMANCE: PASS"

fail() {
	echo "FAIL: $*"
	exit 1
}

[ -d "$build/source" ] || fail "$build is not an L4Re build directory (no 'source' link)"
l4dir=$(cd "$build/source" && pwd -P)
launch=$l4dir/tool/bin/qemu-x86-launch
[ -x "$launch" ] || fail "no $launch"
[ -f "$program" ] || fail "no program $program"
qemu=${QEMU:-qemu-system-x86_64}
command -v "$qemu" >/dev/null 2>&1 || fail "$qemu not found"

# The build dir's own search path, as its `make qemu` would use it.
conf=$("$l4dir/tool/bin/makeconf" "$build" MODULE_SEARCH_PATH BUILDDIR_SEARCHPATH 2>/dev/null)
MAKECONF_MODULE_SEARCH_PATH=
MAKECONF_BUILDDIR_SEARCHPATH=
eval "$conf"
progdir=$(cd "$(dirname "$program")" && pwd)
sp="$progdir$search:$here:$l4dir/pkg/io/io/configs"
sp="$sp:$(echo "$MAKECONF_MODULE_SEARCH_PATH" | tr ' ' ':')"
sp="$sp:$(echo "$MAKECONF_BUILDDIR_SEARCHPATH" | tr ' ' ':')"

work=$(mktemp -d "${TMPDIR:-/tmp}/dde-l4re.XXXXXX") || fail "mktemp"
pidfile=$work/qemu.pid
: >"$log"

L4DIR=$l4dir SEARCHPATH=$sp QEMU=$qemu \
QEMU_OPTIONS="-accel tcg -M q35 -m 512 -cpu max -device edu -display none \
-monitor none -no-reboot -serial file:$log -serial null -pidfile $pidfile" \
	"$launch" "$modules" "$entry" >"$work/launch.out" 2>&1 &
launcher=$!

# Wait for ned's closing line, a kernel panic, or the timeout.
deadline=$(($(date +%s) + timeout))
status=
while :; do
	if grep -q "ddekit_conformance_l4re exited:" "$log" 2>/dev/null; then
		status=$(sed -n 's/.*ddekit_conformance_l4re exited: *\(-\{0,1\}[0-9]*\).*/\1/p' "$log" | head -n 1)
		break
	fi
	if ! kill -0 "$launcher" 2>/dev/null; then
		break
	fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "timeout after ${timeout}s"
		break
	fi
	sleep 1
done
# Let the last lines reach the log before QEMU goes.
sleep 1
if [ -s "$pidfile" ]; then
	kill "$(cat "$pidfile")" 2>/dev/null
fi
wait "$launcher" 2>/dev/null

# The log without the colour escapes of ned's log prefixes.
clean=$work/log.txt
sed 's/\x1b\[[0-9;]*m//g' "$log" >"$clean"
cat "$clean"
echo "----"
sed -n '1,5p' "$work/launch.out"

result=0
if [ -z "$status" ]; then
	echo "FAIL: the program's exit was never reported"
	result=1
elif [ "$status" != 0 ]; then
	echo "FAIL: the program exited with status $status"
	result=1
fi
if grep -q "^.*| *FAIL" "$clean"; then
	echo "FAIL: a test failed"
	result=1
fi
echo "$expects" | while IFS= read -r re; do
	[ -n "$re" ] || continue
	grep -q -- "$re" "$clean" || { echo "FAIL: not in the log: $re"; exit 1; }
done || result=1
rm -rf "$work"
[ $result -eq 0 ] && echo "PASS"
exit $result
