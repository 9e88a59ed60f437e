# qemu_irq_latency_vfio (guest side): interrupt round-trip latency of the edu
# on q35 behind the emulated Intel IOMMU, bound to vfio-pci: the native way
# (irq_native vfio-intx / vfio-msi: an eventfd per source, one blocking read;
# INTx unmasked with VFIO_IRQ_SET_ACTION_UNMASK) against DDEKit (irq_latency
# intx / msi: ddekit_interrupt_attach() on the line,
# ddekit_interrupt_attach_pci() for MSI), interleaved in rounds. The _thr
# variants (irq_native -t) build DDEKit's structure natively: a thread
# blocked in the read posts a POSIX semaphore the raising thread waits on.
# Passes when all six produced all their samples; the table and BENCH lines
# go to the serial log. Never judges a speed.
set -eu
. /etc/libdde/posix_uio.sh
. /etc/libdde/irq_bench.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind vfio "$edu"
guest_facts "$edu"
rm -f /tmp/native_intx /tmp/native_intx_thr /tmp/ddekit_intx \
	/tmp/native_msi /tmp/native_msi_thr /tmp/ddekit_msi
round=1
while [ "$round" -le "$ROUNDS" ]; do
	echo "-- round $round of $ROUNDS"
	rotated "$round" \
		"irq_native vfio-intx $edu $OPTS -o /tmp/native_intx" \
		"irq_native vfio-intx $edu -t $OPTS -o /tmp/native_intx_thr" \
		"irq_latency intx $OPTS -o /tmp/ddekit_intx" \
		"irq_native vfio-msi $edu $OPTS -o /tmp/native_msi" \
		"irq_native vfio-msi $edu -t $OPTS -o /tmp/native_msi_thr" \
		"irq_latency msi $OPTS -o /tmp/ddekit_msi"
	round=$((round + 1))
done
irq_native report -e "$SAMPLES" -t irq_vfio \
	native_intx=/tmp/native_intx native_intx_thr=/tmp/native_intx_thr \
	ddekit_intx=/tmp/ddekit_intx \
	native_msi=/tmp/native_msi native_msi_thr=/tmp/native_msi_thr \
	ddekit_msi=/tmp/ddekit_msi \
	-r ddekit_intx/native_intx -r ddekit_intx/native_intx_thr \
	-r ddekit_msi/native_msi -r ddekit_msi/native_msi_thr
