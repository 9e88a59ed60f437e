#!/bin/sh
# host.sh — host side of the dsweeper scenarios (PREPARE and HOST_CHECK),
# run in the scenario's work dir.
#
#   host.sh <dsw_mkimage> prepare <spec>...
#   host.sh <dsw_mkimage> check <spec>...
#
# <spec> is <kind> (the image <kind>.img must come out unchanged) or
# <kind>:<zero|random>:<N> (partition N is swept with that pattern, the
# rest must come out unchanged). prepare makes the images and records the
# SHA-256 of each image and, for a swept one, of the ranges before and
# after the partition (hashes.before); check hashes the same ranges again,
# compares, and has dsw_mkimage compare every byte with a regenerated
# image (and judge the swept range). For random data it also reports how
# well the range compresses with gzip and fails if it shrinks by 1 % or
# more.
set -eu
mk=$1 step=$2
shift 2
[ $# -gt 0 ] || {
	echo "usage: host.sh <dsw_mkimage> prepare|check <spec>..." >&2
	exit 2
}

# hashes <spec>...: one line per range: "<file> <first> <count> <sha256>".
hashes() {
	for spec in "$@"; do
		kind=${spec%%:*}
		img=$kind.img
		total=$(($(stat -c %s "$img") / 512))
		case $spec in
		*:*:*)
			set -- $(echo "$spec" | tr : ' ')
			set -- $("$mk" range "$kind" "$3")
			start=$1 count=$2
			end=$((start + count))
			echo "$img 0 $start $(head -c $((start * 512)) "$img" | sha256sum | cut -d' ' -f1)"
			echo "$img $end $((total - end)) $(tail -c +$((end * 512 + 1)) "$img" | sha256sum | cut -d' ' -f1)"
			;;
		*)
			echo "$img 0 $total $(sha256sum <"$img" | cut -d' ' -f1)"
			;;
		esac
	done
}

case $step in
prepare)
	for spec in "$@"; do
		"$mk" make "${spec%%:*}" "${spec%%:*}.img"
	done
	hashes "$@" >hashes.before
	cat hashes.before
	;;
check)
	hashes "$@" >hashes.after
	if ! cmp -s hashes.before hashes.after; then
		echo "FAIL: ranges outside the selection changed (file first count sha256):"
		diff hashes.before hashes.after || true
		exit 1
	fi
	echo "host.sh: $(wc -l <hashes.after) untouched range(s), hashes as before"
	for spec in "$@"; do
		kind=${spec%%:*}
		case $spec in
		*:*:*)
			mode=${spec#*:}
			"$mk" check "$kind" "$kind.img" "${mode%%:*}" "${mode#*:}"
			;;
		*) "$mk" check "$kind" "$kind.img" ;;
		esac
		case $spec in
		*:random:*)
			set -- $("$mk" range "$kind" "${spec##*:}")
			raw=$(($2 * 512))
			packed=$(dd if="$kind.img" bs=512 skip="$1" count="$2" status=none | gzip -c | wc -c)
			echo "gzip: partition ${spec##*:}: $raw bytes -> $packed"
			if [ $((packed * 100)) -lt $((raw * 99)) ]; then
				echo "FAIL: the random range compresses (to $packed of $raw bytes)"
				exit 1
			fi
			;;
		esac
	done
	;;
*)
	echo "host.sh: step '$step'?" >&2
	exit 2
	;;
esac
