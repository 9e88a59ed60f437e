# qemu_smoke_disk (guest side): a disk image made on the host by PREPARE is
# the guest's /dev/vda; the guest checks the host's record in sector 0 and
# writes its own to sector 1, which HOST_CHECK then finds in the image.
set -eu

[ -b /dev/vda ] || { echo "no /dev/vda (virtio-blk)"; exit 1; }
record=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | head -n 1)
[ "$record" = LIBDDE-HOST-WROTE ] || { echo "sector 0 holds '$record'"; exit 1; }
echo "disk: found the host's record"
printf 'LIBDDE-GUEST-WROTE\n' | dd of=/dev/vda bs=512 seek=1 conv=sync 2>/dev/null
sync
echo "disk: wrote the guest's record"
