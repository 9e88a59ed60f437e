# common.sh — shared by the dsweeper scenario scripts; installed in the
# guest as /etc/libdde/dsweeper.sh and sourced (busybox sh). The machine
# decides the controller: an AHCI function added with -device ahci (q35;
# not the built-in one at 00:1f.2, which shares its IOMMU group with the
# LPC bridge) goes to vfio-pci, otherwise the PIIX3 IDE function (pc) goes
# to uio_pci_generic. The kernel's own ahci/ata_piix are never loaded.
. /etc/libdde/posix_uio.sh

# bind_controller: bind it and export LIBDDE_PCI_DEVICES for dsweeper.
bind_controller() {
	ctl=
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = 0x8086 ] &&
		   [ "$(cat "$d/device")" = 0x2922 ] &&
		   [ "${d##*/}" != 0000:00:1f.2 ]; then
			ctl=${d##*/}
		fi
	done
	if [ -n "$ctl" ]; then
		dde-bind --bind vfio "$ctl"
		echo "controller: AHCI $ctl on vfio-pci"
	else
		ctl=$(find_function 0x8086 0x7010)
		dde-bind --bind uio "$ctl"
		echo "controller: PIIX IDE $ctl on uio_pci_generic"
	fi
	export LIBDDE_PCI_DEVICES=$ctl
}

# Extra options for every dsweeper run; empty: the defaults (1 MiB requests,
# four in flight), which bddf splits into the driver's 128 KiB transfers,
# issuing the later parts from the completion of earlier ones — on AHCI the
# driver's interrupt thread.
DSW_IO=""

# dsw <status> <args...>: run dsweeper (with $DSW_IO), show its output
# (stdout and stderr, also kept in /tmp/dsw.out) and fail the scenario
# unless it exited with <status>. With DSW_QUIET set it prints nothing
# unless the status is wrong.
dsw() {
	want=$1
	shift
	[ -n "${DSW_QUIET:-}" ] || echo "---- dsweeper $DSW_IO $*"
	set +e
	# shellcheck disable=SC2086 # the words of $DSW_IO
	dsweeper $DSW_IO "$@" >/tmp/dsw.out 2>&1
	status=$?
	set -e
	if [ -n "${DSW_QUIET:-}" ] && [ "$status" -eq "$want" ]; then
		return 0
	fi
	cat /tmp/dsw.out
	if [ "$status" -ne "$want" ]; then
		echo "FAIL: 'dsweeper $*' exited with status $status, want $want"
		exit 1
	fi
	echo "---- dsweeper exited with status $status, as it should"
}

# expect_output <extended regex>: the last dsw run printed a matching line.
expect_output() {
	if ! grep -Eq "$1" /tmp/dsw.out; then
		echo "FAIL: dsweeper printed no line matching /$1/"
		exit 1
	fi
}

# disk_with <mbr|gpt|refused>: the disk whose partition table is that, from
# `dsweeper --list` (the names depend on probe order, the tables do not).
disk_with() {
	name=$(dsweeper --list 2>/dev/null |
		awk -v t="$1" '$2 == "-" && $3 == t { print $1; exit }')
	if [ -z "$name" ]; then
		echo "FAIL: no disk with a partition table '$1' in dsweeper --list" >&2
		exit 1
	fi
	echo "$name"
}

# read_only_checks: the read-only promises of the last run.
read_only_checks() {
	expect_output '^DSweeper \(read-only\)'
	expect_output 'nothing was written'
}
