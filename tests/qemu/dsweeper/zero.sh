# qemu_dsweeper_zero_* (guest side): --zero --write --yes on the logical
# partition 5 of the MBR image, then a read-only --zero --verify of it
# (all zero now) and of partition 6 next to it (still the pattern: exit 9).
# The host checks that partition 5 is zero and every other byte of both
# images is as it made them.
set -eu
. /etc/libdde/dsweeper.sh

bind_controller
mbr=$(disk_with mbr)
gpt=$(disk_with gpt)
echo "MBR image: $mbr, GPT image: $gpt"
dsw 0 --zero --write --yes --json --partition "$mbr:5"
expect_output '^DSweeper \(WRITE mode\)'
expect_output "\"name\":\"$mbr:5\".*\"start_lba\":36864,\"sectors\":16384,.*\"bytes_written\":8388608,"
dsw 0 --zero --verify --partition "$mbr:5"
read_only_checks
dsw 9 --zero --verify --partition "$mbr:6"
read_only_checks
