#!/bin/busybox sh
# /init of a libdde QEMU scenario guest (tests/qemu/init.sh, copied as is by
# mkinitramfs.sh). It prepares a minimal system, loads the scenario's modules,
# runs /scenario.sh and reports its exit status on the serial console as one
# marker line that run-scenario.sh reads on the host:
#
#   LIBDDE-SCENARIO: START (uptime <s>)   /scenario.sh begins
#   LIBDDE-SCENARIO: PASS                 it exited 0
#   LIBDDE-SCENARIO: FAIL (status <n>)    it exited n; 126: a module did not
#                                         load, 127: /scenario.sh missing
#
# then powers the machine off. Nothing after the marker matters to the host.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TERM=dumb

# --install finds busybox through /proc/self/exe.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t sysfs sysfs /sys
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if grep -qw hugetlbfs /proc/filesystems; then
	mkdir -p /dev/hugepages
	mount -t hugetlbfs hugetlbfs /dev/hugepages
fi
hostname libdde-guest

uptime_s() {
	cut -d' ' -f1 /proc/uptime
}

finish() {
	if [ "$1" -eq 0 ]; then
		echo "LIBDDE-SCENARIO: PASS"
	else
		echo "---- dmesg (last 40 lines) ----"
		dmesg | tail -n 40
		echo "-------------------------------"
		echo "LIBDDE-SCENARIO: FAIL (status $1)"
	fi
	sync
	poweroff -f
	# Not reached unless power-off failed; a panic ends QEMU (-no-reboot).
	echo o >/proc/sysrq-trigger
	exit "$1"
}

echo "libdde-init: scenario '$(cat /etc/libdde/scenario)', kernel $(uname -r), init at uptime $(uptime_s) s"

# Module parameters come from the kernel command line as <module>.<param>=...,
# which is what modprobe does for loadable modules (the kernel only applies
# them to built-in ones).
module_params() {
	local m=$1 word params=''
	for word in $(cat /proc/cmdline); do
		case $word in
		"$m".*) params="$params ${word#"$m".}" ;;
		esac
	done
	echo "$params"
}

release=$(uname -r)
while read -r mod; do
	[ -n "$mod" ] || continue
	name=${mod##*/}
	name=${name%.ko}
	name=$(echo "$name" | tr - _)
	if ! insmod "/lib/modules/$release/$mod" $(module_params "$name"); then
		echo "libdde-init: loading module $name ($mod) failed"
		finish 126
	fi
done </etc/libdde/modules

if [ ! -f /scenario.sh ]; then
	echo "libdde-init: /scenario.sh is missing"
	finish 127
fi

cd /
echo "LIBDDE-SCENARIO: START (uptime $(uptime_s) s)"
sh /scenario.sh </dev/null
status=$?
echo "libdde-init: /scenario.sh exited with status $status at uptime $(uptime_s) s"
finish "$status"
