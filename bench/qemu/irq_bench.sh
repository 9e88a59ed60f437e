# irq_bench.sh — shared by the irq_latency scenario scripts; installed in the
# guest as /etc/libdde/irq_bench.sh and sourced (busybox sh).
#
# Each variant runs ROUNDS times with N samples after W warm-up samples,
# pausing GAP microseconds between samples; the variants take turns within a
# round, in an order that rotates from round to round, so that drift of the
# machine during the boot falls on every variant alike.
ROUNDS=4
N=500
W=50
GAP=500
OPTS="-n $N -w $W -g $GAP"
SAMPLES=$((ROUNDS * N))

# guest_facts <bdf>: what the numbers depend on, for the serial log.
guest_facts() {
	d=/sys/bus/pci/devices/$1
	echo "guest: Linux $(uname -r), $(grep -c '^processor' /proc/cpuinfo) CPU(s)," \
		"clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
	echo "guest cpu: $(grep -m1 'model name' /proc/cpuinfo | sed 's/^[^:]*: //')"
	echo "edu $1: driver $(basename "$(readlink "$d/driver")"), sysfs irq $(cat "$d/irq")"
	echo "settings: $ROUNDS rounds x $N samples ($SAMPLES per variant)," \
		"$W warm-up samples per run, $GAP us between samples"
}

# rotated <round> <command>...: runs each command (a string, split into
# words) once, starting with command number <round> modulo their count.
rotated() {
	round=$1
	shift
	count=$#
	i=0
	while [ "$i" -lt "$count" ]; do
		k=$(((round - 1 + i) % count + 1))
		eval "cmd=\${$k}"
		# shellcheck disable=SC2086 # the words of the command
		$cmd || { echo "FAIL: '$cmd' exited with status $?"; exit 1; }
		i=$((i + 1))
	done
}
