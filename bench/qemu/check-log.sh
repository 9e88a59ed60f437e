#!/bin/sh
# check-log.sh <name> <samples> <variant>... — HOST_CHECK of the irq_latency
# scenarios, run in the work dir after the guest passed: the serial log must
# hold a "BENCH name=<name> variant=<variant> ... samples=<samples>" line for
# every variant (the guest printed its results in full). Prints the QEMU
# version and the guest's table, so that `ctest -V` shows the numbers.
set -eu
name=$1 samples=$2
shift 2
log=${LIBDDE_QEMU_SERIAL_LOG:-serial.log}

qemu-system-x86_64 --version | head -n 1
# The report is the script's last output.
tr -d '\r' <"$log" |
	sed -n "/^$name: interrupt latency/,/^LIBDDE-SCENARIO:/p" |
	grep -v '^LIBDDE-SCENARIO:' || true
for v in "$@"; do
	if ! tr -d '\r' <"$log" |
		grep -q "^BENCH name=$name variant=$v unit=us samples=$samples "; then
		echo "check-log.sh: no 'BENCH name=$name variant=$v' line with $samples samples in $log"
		exit 1
	fi
done
echo "check-log.sh: $# variants with $samples samples each"
