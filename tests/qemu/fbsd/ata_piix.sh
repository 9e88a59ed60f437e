# qemu_fbsd_ata_piix_dma / _pio (guest side; ata_piix_<mode>.sh sets
# mode): the PIIX3 IDE function goes to uio_pci_generic (its BAR4
# bus-master registers, bus mastering); the compatibility-mode ports
# 0x1f0/0x3f6 come from ioperm. IRQ 14 is an ISA line, not the function's
# INTx, so UIO cannot deliver it: the channel polls — the bus-master status
# with DMA, the task-file status with PIO — as its mode line says. ata_piix
# is not loaded; if it was built in and took the function, dde-bind moves it.
set -eu
. /etc/libdde/posix_uio.sh

ide=$(find_function 0x8086 0x7010)
want="${mode:?set by ata_piix_dma.sh or _pio.sh}"
dde-bind --bind uio "$ide"
dde-bind
set -o pipefail
LIBDDE_PCI_DEVICES=$ide timed fbsd_ata_disks 2>&1 | tee /tmp/out
case $want in
dma) expect="bus-master DMA, polled" ;;
*) expect="PIO, polled" ;;
esac
if ! grep -q "ata0: compatibility mode, $expect" /tmp/out; then
	echo "FAIL: ata0 did not run in mode '$expect'"
	exit 1
fi
