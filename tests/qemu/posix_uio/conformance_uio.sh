# qemu_posix_uio_conformance_uio (guest side): the DDEKit conformance suite
# on posix_uio with QEMU's edu bound to uio_pci_generic on the pc machine (no
# IOMMU). Interrupts are INTx through /dev/uioN, re-enabled through the
# command register; DMA memory has physical bus addresses from
# /proc/self/pagemap (huge pages from hugepages= on the kernel command line;
# mem=256M keeps all RAM within the edu's 28-bit DMA reach); the port tests
# use the COM1 scratch register 0x3ff.
set -eu
. /etc/libdde/posix_uio.sh

edu=$(find_function 0x1234 0x11e8)
dde-bind --bind uio "$edu"
dde-bind
grep HugePages_ /proc/meminfo
timed ddekit_conformance_posix --backend-name "posix_uio (uio_pci_generic, pc)"
