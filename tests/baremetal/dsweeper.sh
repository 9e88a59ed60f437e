#!/bin/sh
# dsweeper.sh — baremetal_dsweeper_*: boot DSweeper's bare-metal image with
# two disks made by tests/qemu/dsweeper's dsw_mkimage on the PIIX3's primary
# IDE channel (master, slave), then check them on the host with that
# scenario's host.sh (byte for byte against regenerated images, and the
# hashes of every range the run must not touch).
#
# usage: dsweeper.sh <work dir> <dsw_mkimage> <host.sh> <run-image.sh>
#                    <spec0> <spec1> <run-image args: options, image, qemu args...>
#
# <spec> as host.sh takes it: <kind> (must come out unchanged) or
# <kind>:<zero|random>:<N> (partition N swept). Passes only when
# run-image.sh passes (QEMU's success status and every --expect line) and
# host.sh's check passes. The images are removed after a pass and kept for
# inspection after a failure.
set -u

[ $# -ge 7 ] || { echo "usage: dsweeper.sh <work dir> <dsw_mkimage> <host.sh> <run-image.sh> <spec0> <spec1> <run-image args...>" >&2; exit 2; }
work=$1 mk=$2 host=$3 run_image=$4 spec0=$5 spec1=$6
shift 6

mkdir -p "$work" && cd "$work" || exit 1
rm -f ./*.img hashes.before hashes.after
"$host" "$mk" prepare "$spec0" "$spec1" || { echo "FAIL: cannot make the images"; exit 1; }

"$run_image" "$@" \
	-drive "file=$work/${spec0%%:*}.img,format=raw,if=ide,index=0,cache=unsafe" \
	-drive "file=$work/${spec1%%:*}.img,format=raw,if=ide,index=1,cache=unsafe" ||
	{ echo "FAIL: the image did not pass; the disk images are kept in $work"; exit 1; }
"$host" "$mk" check "$spec0" "$spec1" ||
	{ echo "FAIL: the host check failed; the disk images are kept in $work"; exit 1; }
rm -f ./*.img
echo "PASS: DSweeper on bare metal, and the disk images are as expected"
