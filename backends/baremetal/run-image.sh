#!/bin/sh
# run-image.sh — boot a bare-metal libdde image in QEMU (TCG) and turn what
# it did into an exit status for ctest or a shell.
#
# usage: run-image.sh [--qemu <binary>] [--timeout <seconds>] [--log <file>]
#                     [--append <image arguments>] [--expect <regex>]...
#                     [--want success|failure] <image> [<extra qemu args...>]
#
# The image ends QEMU through isa-debug-exit: status 33 when its main()
# returned 0, 35 on failure or panic. Exit status 0 here only when QEMU's
# status is the wanted one and the serial log has a line matching each
# --expect (grep -E) regex. The log is printed afterwards either way.
set -u

qemu=qemu-system-x86_64
timeout=120
log=
append=
expect=
want=success

while [ $# -gt 0 ]; do
	case "$1" in
	--qemu) qemu=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--expect) expect="$expect$2
"; shift 2 ;;
	--want) want=$2; shift 2 ;;
	--) shift; break ;;
	-*) echo "run-image.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || { echo "usage: run-image.sh [options] <image> [qemu args]" >&2; exit 2; }
image=$1
shift

if ! command -v "$qemu" >/dev/null 2>&1; then
	echo "FAIL: $qemu is missing (Debian: apt-get install qemu-system-x86)"
	exit 1
fi
[ -f "$image" ] || { echo "FAIL: no image $image (build it first)"; exit 1; }
[ -n "$log" ] || log=$(mktemp)
rm -f "$log"

case "$want" in
success) want_status=33 ;;
failure) want_status=35 ;;
*) echo "run-image.sh: --want success|failure" >&2; exit 2 ;;
esac

start=$(date +%s.%N)
timeout --foreground -k 5 "$timeout" "$qemu" -accel tcg -M pc -m 128M \
	-nographic -no-reboot -monitor none -serial "file:$log" \
	-device edu -device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel "$image" ${append:+-append "$append"} "$@"
status=$?
end=$(date +%s.%N)

cat "$log" 2>/dev/null
echo
echo "run-image.sh: QEMU exited with status $status after" \
	"$(awk "BEGIN { printf \"%.2f\", $end - $start }") s"

case $status in
33) what="the program succeeded" ;;
35) what="the program failed or panicked" ;;
124 | 137) what="timeout after $timeout s (hung?)" ;;
0) what="QEMU stopped without isa-debug-exit (triple fault or shutdown)" ;;
*) what="QEMU failed to run the image" ;;
esac
if [ "$status" -ne "$want_status" ]; then
	echo "FAIL: $what; wanted $want"
	exit 1
fi
failed=0
while IFS= read -r re; do
	[ -n "$re" ] || continue
	if ! grep -Eq -- "$re" "$log"; then
		echo "FAIL: $what, but the log has no line matching '$re'"
		failed=1
	fi
done <<EOT
$expect
EOT
[ $failed -eq 0 ] || exit 1
echo "PASS: $what, and the log has what was expected"
exit 0
