#!/bin/sh
# e1000_traffic.sh — baremetal_e1000_traffic (and _pic): boot the e1000
# traffic image with an e1000 on QEMU's user network, with the host's UDP
# echo service running, and check both sides.
#
# usage: e1000_traffic.sh <work dir> <udp_echo> <echo_check.sh> <run-image.sh>
#                         <sizes> <run-image.sh args: options, image, qemu args...>
#
# <sizes> is the list of datagram sizes the scenario sends, separated by
# spaces (tests/qemu/linux26/e1000_traffic.c). udp_echo starts first (it
# writes its ephemeral port to echo_port in the work dir and detaches); the
# image gets "--echo-port <port>" on its command line. Passes only when
# run-image.sh passes (QEMU's success status and every --expect line) and
# echo_check.sh finds each size in the echo log. The echo service is
# stopped on every path (echo_check.sh stops it; the trap covers the rest).
set -u

[ $# -ge 6 ] || { echo "usage: e1000_traffic.sh <work dir> <udp_echo> <echo_check.sh> <run-image.sh> <sizes> <run-image args...>" >&2; exit 2; }
work=$1 echo_bin=$2 echo_check=$3 run_image=$4 sizes=$5
shift 5

mkdir -p "$work" || exit 1
rm -f "$work/echo.log" "$work/echo_port"

stop_echo() {
	pid=$(sed -n 's/^pid \([0-9]*\)$/\1/p' "$work/echo.log" 2>/dev/null)
	[ -z "$pid" ] || kill "$pid" 2>/dev/null || true
}
trap stop_echo EXIT
trap 'exit 1' INT TERM HUP

# The lifetime bounds a service whose stop was missed (a killed ctest).
"$echo_bin" --port-file "$work/echo_port" --log "$work/echo.log" \
	--lifetime 300 || { echo "FAIL: udp_echo did not start"; exit 1; }
port=$(cat "$work/echo_port")

"$run_image" --append "--echo-port $port" "$@"
guest=$?
# shellcheck disable=SC2086 # the sizes are separate arguments
(cd "$work" && sh "$echo_check" $sizes)
host=$?
[ $guest -eq 0 ] && [ $host -eq 0 ]
