#!/bin/sh
# dsweeper_check.sh <name> <variant>... — HOST_CHECK of the dsweeper bench
# scenarios, run in the work dir after the guest passed: the serial log
# must hold a "BENCH name=<name> variant=<variant> unit=MB/s value=<x>" line
# for every variant. Prints the QEMU version and the guest's table, so that
# `ctest -V` shows the numbers.
set -eu
name=$1
shift
log=${LIBDDE_QEMU_SERIAL_LOG:-serial.log}

qemu-system-x86_64 --version | head -n 1
tr -d '\r' <"$log" | grep -E "^($name:|BENCH name=$name )" || true
for v in "$@"; do
	if ! tr -d '\r' <"$log" |
		grep -Eq "^BENCH name=$name variant=$v unit=MB/s value=[0-9]+\.[0-9]+$"; then
		echo "dsweeper_check.sh: no 'BENCH name=$name variant=$v' line with a value in $log"
		exit 1
	fi
done
echo "dsweeper_check.sh: $# variants measured"
