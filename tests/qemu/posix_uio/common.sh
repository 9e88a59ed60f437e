# common.sh — helpers of the posix_uio scenario scripts, installed in the
# guest as /etc/libdde/posix_uio.sh and sourced by them (busybox sh).

# find_function <vendor> <device>: the address of the first PCI function
# with these IDs (as in sysfs: 0x1234 0x11e8).
find_function() {
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = "$1" ] && [ "$(cat "$d/device")" = "$2" ]; then
			echo "${d##*/}"
			return 0
		fi
	done
	echo "no PCI function $1:$2 in /sys/bus/pci/devices" >&2
	return 1
}

# timed <command...>: run it and print how long it took (guest clock).
timed() {
	t0=$(cut -d' ' -f1 /proc/uptime)
	set +e
	"$@"
	status=$?
	set -e
	t1=$(cut -d' ' -f1 /proc/uptime)
	echo "timing: '$1' ran $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s (status $status)"
	return $status
}

# expect_failure <what> <regex> <command...>: the command must exit
# non-zero and print a line matching the extended regex (its output is
# shown); fails the scenario otherwise.
expect_failure() {
	what=$1 regex=$2
	shift 2
	echo "---- $what: $*"
	set +e
	out=$("$@" 2>&1)
	status=$?
	set -e
	echo "$out"
	if [ "$status" -eq 0 ]; then
		echo "FAIL: $what: '$*' succeeded, want a failure"
		exit 1
	fi
	if ! echo "$out" | grep -Eq "$regex"; then
		echo "FAIL: $what: no line matches /$regex/"
		exit 1
	fi
	echo "---- ok: $what (status $status, message as documented)"
}
