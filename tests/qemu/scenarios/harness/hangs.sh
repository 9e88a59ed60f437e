# A scenario that never ends: the host must kill QEMU.
sleep 600
