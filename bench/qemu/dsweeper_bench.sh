# qemu_dsweeper_bench_ahci / _piix (guest side): the same 128 MiB partition
# first through the kernel's driver (ahci or ata_piix + sd_mod), then
# through dsweeper on the FreeBSD ATA driver in user space. Each variant
# runs ROUNDS times and the best round counts (TCG timing is noisy, the
# best run is the least disturbed). Prints one BENCH line per variant and
# the ratios; never judges a speed.
set -eu
. /etc/libdde/dsweeper.sh
ROUNDS=3

# now: microseconds of the guest's clock.
now() {
	echo "${EPOCHREALTIME/./}"
}

# mbs <bytes> <microseconds>
mbs() {
	awk -v b="$1" -v u="$2" 'BEGIN { printf "%.1f", b / u }'
}

# best <variant> <MB/s>: keep the highest value per variant.
best() {
	f=/tmp/best.$1
	if [ ! -f "$f" ] || awk -v a="$2" -v b="$(cat "$f")" 'BEGIN { exit !(a > b) }'; then
		echo "$2" >"$f"
	fi
}

i=0
while [ ! -b /dev/sda1 ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -b /dev/sda1 ] || { echo "FAIL: the kernel's driver made no /dev/sda1"; exit 1; }
ctl=$(basename "$(readlink /sys/block/sda/device)")
drv=$(basename "$(readlink /sys/block/sda/device/../../../driver 2>/dev/null || true)")
bytes=$(($(cat /sys/class/block/sda1/size) * 512))
mib=$((bytes / 1048576))
if [ -d /sys/module/ahci ]; then name=dsweeper_ahci; else name=dsweeper_piix; fi
echo "$name: guest Linux $(uname -r), $(grep -c '^processor' /proc/cpuinfo) CPU(s); /dev/sda1 $mib MiB (SCSI $ctl)"

r=1
while [ $r -le $ROUNDS ]; do
	t0=$(now)
	dd if=/dev/zero of=/dev/sda1 bs=1M count=$mib oflag=direct 2>/dev/null
	t1=$(now)
	dd if=/dev/sda1 of=/dev/null bs=1M count=$mib iflag=direct 2>/dev/null
	t2=$(now)
	w=$(mbs "$bytes" $((t1 - t0)))
	rd=$(mbs "$bytes" $((t2 - t1)))
	echo "round $r: native dd write $w MB/s, read $rd MB/s"
	best native_zero "$w"
	best native_read "$rd"
	r=$((r + 1))
done

bind_controller
DSW_QUIET=1
dev=ad0:1
# seconds from the JSON report: the sweep of the device alone, without
# dsweeper's start-up (driver attach, partition tables).
json_mbs() {
	secs=$(sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' /tmp/dsw.out)
	awk -v b="$bytes" -v s="$secs" 'BEGIN { printf "%.1f", b / s / 1e6 }'
}
r=1
while [ $r -le $ROUNDS ]; do
	dsw 0 --zero --write --yes --json --progress none --partition $dev
	z=$(json_mbs)
	dsw 0 --random --verify --write --yes --json --progress none --partition $dev
	grep -q '"mismatches":0,' /tmp/dsw.out || { cat /tmp/dsw.out; echo "FAIL: verification"; exit 1; }
	v=$(json_mbs)
	echo "round $r: dsweeper --zero --write $z MB/s, --random --verify --write $v MB/s"
	best dsweeper_zero "$z"
	best dsweeper_random_verify "$v"
	r=$((r + 1))
done

nz=$(cat /tmp/best.native_zero) nr=$(cat /tmp/best.native_read)
dz=$(cat /tmp/best.dsweeper_zero) dv=$(cat /tmp/best.dsweeper_random_verify)
echo "$name: best of $ROUNDS rounds, $mib MiB, MB/s = 10^6 bytes/s"
for v in native_zero native_read dsweeper_zero dsweeper_random_verify; do
	echo "BENCH name=$name variant=$v unit=MB/s value=$(cat /tmp/best.$v)"
done
# random --verify writes and reads every byte once: its native
# counterpart is one dd write plus one dd read.
echo "$name: ratio zero dsweeper/native $(awk -v a="$dz" -v b="$nz" 'BEGIN { printf "%.2f", a / b }')"
echo "$name: ratio random+verify dsweeper/native(write+read) $(awk -v a="$dv" -v w="$nz" -v r="$nr" 'BEGIN { printf "%.2f", a * (1 / w + 1 / r) }')"
