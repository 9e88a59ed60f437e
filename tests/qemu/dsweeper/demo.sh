# qemu_dsweeper_demo (guest side): the README's demo. dsweeper lists the
# disks of two generated images and sweeps two partitions read-only with
# --zero (it reports how much is zero already), the progress bar forced
# onto the serial console. Nothing is written; the host checks.
set -eu
. /etc/libdde/dsweeper.sh

bind_controller
dsw 0 --list
mbr=$(disk_with mbr)
gpt=$(disk_with gpt)
dsw 0 --zero --progress bar --partition "$mbr:5" --partition "$gpt:3"
read_only_checks
expect_output '\[#{30}\] 100\.0%'
