#!/bin/sh
# echo_check.sh <sizes...> (HOST_CHECK of the e1000 traffic scenarios, run
# in the work dir): stops udp_echo and checks that it echoed one datagram of
# each given size, coming from QEMU's user network (127.0.0.1).
set -eu
log=echo.log
[ -f "$log" ] || { echo "echo_check: no $log: udp_echo never started"; exit 1; }
pid=$(sed -n 's/^pid \([0-9]*\)$/\1/p' "$log")
[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
cat "$log"
for size in "$@"; do
	grep -q "^echo $size bytes from 127\.0\.0\.1:" "$log" ||
		{ echo "echo_check: the host never echoed a $size-byte datagram"; exit 1; }
done
echo "echo_check: the host echoed all $# datagrams"
