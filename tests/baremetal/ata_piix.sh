#!/bin/sh
# ata_piix.sh — baremetal_ata_piix (and _pic): boot the ATA disk image with
# a fresh 200 GiB sparse disk on the PIIX3's primary IDE channel, then check
# the image's bytes on the host.
#
# usage: ata_piix.sh <work dir> <ata_image_check> <run-image.sh>
#                    <run-image.sh args: options, image, qemu args...>
#
# The disk is <work dir>/disk.img, attached with -drive after the given
# QEMU arguments. Passes only when run-image.sh passes (QEMU's success
# status and every --expect line) and ata_image_check finds the pattern
# the scenario wrote (tests/qemu/fbsd/ata_pattern.h) and zeros elsewhere.
# The image is removed after a pass and kept for inspection after a
# failure.
set -u

[ $# -ge 4 ] || { echo "usage: ata_piix.sh <work dir> <ata_image_check> <run-image.sh> <run-image args...>" >&2; exit 2; }
work=$1 check=$2 run_image=$3
shift 3

mkdir -p "$work" || exit 1
img=$work/disk.img
rm -f "$img"
truncate -s 200G "$img" || { echo "FAIL: cannot create $img"; exit 1; }

"$run_image" "$@" -drive "file=$img,format=raw,if=ide,cache=unsafe"
guest=$?
[ $guest -eq 0 ] || { echo "FAIL: the image did not pass; $img kept"; exit 1; }
"$check" "$img" || { echo "FAIL: the host check of $img failed; kept"; exit 1; }
rm -f "$img"
echo "PASS: written and read back on bare metal, and the image has it"
