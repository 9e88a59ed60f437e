#!/bin/sh
# ata_check.sh <kind> — HOST_CHECK of the ATA benchmark: the serial log must
# hold every BENCH line of both sides; prints them and the ratios
# (libdde / kernel driver: throughput, and CPU time per byte), so that
# `ctest -V` shows the numbers. Passes on complete results, never on speed.
set -eu
kind=$1
log=${LIBDDE_QEMU_SERIAL_LOG:-serial.log}
lines=$(tr -d '\r' <"$log" | grep '^BENCH ' || true)
printf '%s\n' "$lines"
for want in "native write" "native read" "ddekit read-native-data" \
	"ddekit write" "ddekit read"; do
	printf '%s\n' "$lines" | grep -q "^BENCH $want " ||
		{ echo "ata_check.sh: no 'BENCH $want' line in $log"; exit 1; }
done
printf '%s\n' "$lines" | awk -v kind="$kind" '
	{ for (i = 4; i <= NF; i++) { split($i, kv, "="); v[$2 "," $3 "," kv[1]] = kv[2] } }
	END {
		for (k = 1; k <= 2; k++) {
			op = k == 1 ? "write" : "read"
			printf "RATIO %s %s: throughput libdde/kernel %.2f (%.1f vs %.1f MB/s); " \
			       "guest CPU busy per byte libdde/kernel %.2f; process CPU %.3f s vs %.3f s\n",
			       kind, op, v["ddekit," op ",MB/s"] / v["native," op ",MB/s"],
			       v["ddekit," op ",MB/s"], v["native," op ",MB/s"],
			       v["ddekit," op ",sys_busy_s"] / v["native," op ",sys_busy_s"],
			       v["ddekit," op ",cpu_s"], v["native," op ",cpu_s"]
		}
	}'
