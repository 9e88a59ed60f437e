# qemu_irq_latency_uio (guest side): interrupt round-trip latency of the edu
# on the pc machine, bound to uio_pci_generic: the native way (irq_native
# uio: one blocking read of /dev/uioN, INTx re-enabled through the command
# register) against DDEKit (irq_latency intx: ddekit_interrupt_attach() on
# the edu's line, a handler thread, a semaphore), interleaved in rounds. A
# third variant (irq_native -t) builds DDEKit's structure natively: a thread
# blocked in the read posts a POSIX semaphore the raising thread waits on.
# irq_latency -m also counts how often INTx was still masked when main woke.
# Passes when all three produced all their samples; the table and BENCH
# lines go to the serial log. Never judges a speed.
set -eu
. /etc/libdde/posix_uio.sh
. /etc/libdde/irq_bench.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind uio "$edu"
guest_facts "$edu"
rm -f /tmp/native_uio /tmp/native_uio_thr /tmp/ddekit_intx
round=1
while [ "$round" -le "$ROUNDS" ]; do
	echo "-- round $round of $ROUNDS"
	rotated "$round" \
		"irq_native uio $edu $OPTS -o /tmp/native_uio" \
		"irq_native uio $edu -t $OPTS -o /tmp/native_uio_thr" \
		"irq_latency intx $OPTS -o /tmp/ddekit_intx -m $edu"
	round=$((round + 1))
done
irq_native report -e "$SAMPLES" -t irq_uio \
	native_uio=/tmp/native_uio native_uio_thr=/tmp/native_uio_thr \
	ddekit_intx=/tmp/ddekit_intx \
	-r ddekit_intx/native_uio -r ddekit_intx/native_uio_thr
