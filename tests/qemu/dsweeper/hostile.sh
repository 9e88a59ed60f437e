# qemu_dsweeper_hostile_* (guest side): the first disk's MBR has a
# partition 2 that overlaps partition 1 and a partition 3 past the end of
# the disk. bddf refuses the table; dsweeper lists the disk as refused and
# refuses to select any of its partitions with exit 5 (DSW_EXIT_TABLE),
# --write or not. The host finds both images unchanged.
set -eu
. /etc/libdde/dsweeper.sh

bind_controller
dsw 0 --list
expect_output '^ad[0-9]+ +- +refused '
expect_output 'partition table refused: '
bad=$(disk_with refused)
echo "hostile image: $bad"
dsw 5 --zero --write --yes --partition "$bad:1"
expect_output "the partition table of $bad was refused"
dsw 5 --random --write --yes --partition "$bad:2"
dsw 5 --partition "$bad:3"
