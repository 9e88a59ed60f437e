# qemu_dsweeper_random_* (guest side): --random --verify --write --yes on
# partition 2 (bravo) of the GPT image: written, read back and verified;
# then a read-only --random --verify with the printed seed finds the same
# stream, and one with another seed finds none of it (exit 9). The host
# checks that every sector of the range changed, that it has the entropy
# of random data and does not compress, and that every other byte of both
# images is as it made them.
set -eu
. /etc/libdde/dsweeper.sh

bind_controller
mbr=$(disk_with mbr)
gpt=$(disk_with gpt)
echo "MBR image: $mbr, GPT image: $gpt"
dsw 0 --random --verify --write --yes --json --partition "$gpt:2"
expect_output "\"name\":\"$gpt:2\".*\"bytes_written\":8388608,\"bytes_read\":8388608,\"bytes_verified\":8388608,.*\"mismatches\":0,"
seed=$(sed -n 's/^Seed: \([0-9a-f]*\) .*/\1/p' /tmp/dsw.out)
[ ${#seed} -eq 64 ] || { echo "FAIL: no seed in the output"; exit 1; }
dsw 0 --random --verify --seed "$seed" --partition "$gpt:2"
read_only_checks
other=$(echo "$seed" | sed 's/^./0/; t; s/^/0/')
[ "$other" != "$seed" ] || other=$(echo "$seed" | sed 's/^./1/')
dsw 9 --random --verify --seed "$other" --partition "$gpt:2"
read_only_checks
