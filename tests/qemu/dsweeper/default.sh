# qemu_dsweeper_default_* (guest side): without flags besides the
# selection dsweeper only reads: the whole of both disks, then partitions
# of each; a read-only --zero --verify finds the pattern (not zeros) and
# says so with exit 9 (DSW_EXIT_MISMATCH) without writing. The host then
# finds both images byte-identical to what it made.
set -eu
. /etc/libdde/dsweeper.sh

bind_controller
dsw 0 --list
expect_output '^ad[0-9]+ +- +mbr '
expect_output '^ad[0-9]+:5 +5 +0x83 +36864 '
expect_output '^ad[0-9]+:3 +3 +0fc63daf-8483-4772-8e79-3d69d8477de4 +34816 .*charlie'
mbr=$(disk_with mbr)
gpt=$(disk_with gpt)
echo "MBR image: $mbr, GPT image: $gpt"
dsw 0 --disk "$mbr" --disk "$gpt"
read_only_checks
dsw 0 --partition "$mbr:1" --partition "$mbr:6" --partition "$gpt:3"
read_only_checks
dsw 9 --zero --verify --partition "$mbr:5"
read_only_checks
expect_output 'verification failed: 16384 sectors differ, the first at LBA 0 \(disk LBA 36864\)'
