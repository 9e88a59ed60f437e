#!/bin/sh
# smoke_disk_host.sh prepare|check — the host side of qemu_smoke_disk, run
# in the scenario's work dir: PREPARE makes disk.img with a record in sector
# 0; HOST_CHECK finds the guest's record in sector 1.
set -eu

case ${1:-} in
prepare)
	truncate -s 1M disk.img
	printf 'LIBDDE-HOST-WROTE\n' | dd of=disk.img conv=notrunc 2>/dev/null
	;;
check)
	record=$(dd if=disk.img bs=512 skip=1 count=1 2>/dev/null | head -n 1)
	if [ "$record" != LIBDDE-GUEST-WROTE ]; then
		echo "disk.img sector 1 holds '$record', not the guest's record"
		exit 1
	fi
	grep -q 'disk: wrote the guest' "$LIBDDE_QEMU_SERIAL_LOG"
	echo "disk.img holds the guest's record"
	;;
*)
	echo "usage: smoke_disk_host.sh prepare|check" >&2
	exit 2
	;;
esac
