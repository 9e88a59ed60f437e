#!/usr/bin/env bash
# libdde.sh — the two commands of the README, for a Debian (12) machine.
#
#   ./libdde.sh demo            install missing build dependencies, build the
#                               "default" preset, summarise the DDEKit
#                               conformance suite on the simulated machine,
#                               then in QEMU guests: DSweeper (FreeBSD ATA
#                               driver) listing and sweeping partitions
#                               read-only, and the Linux 2.6 e1000 driver
#                               doing DHCP, ARP and UDP
#   ./libdde.sh test [preset…]  install missing build dependencies, then for
#                               each preset (default: default clang asan tsan)
#                               configure, build and ctest; check the C files'
#                               formatting; print a summary; exit non-zero if
#                               anything failed
#
# Installing packages needs root: run as root, or with sudo available.
# LIBDDE_JOBS (default 2) sets build and test parallelism.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

JOBS=${LIBDDE_JOBS:-2}
ALL_PRESETS=(default clang asan tsan)

# Exactly what building and testing needs. clang's sanitizer runtimes come in
# a package named after clang's major version; ensure_deps adds it. The QEMU
# tests (tests/qemu) need QEMU, a static busybox, cpio and kmod (depmod) to
# build and boot their guest, and xz-utils to unpack its kernel; they fetch
# that kernel themselves with apt-get download.
DEPS=(build-essential cmake ninja-build clang pkg-config libcmocka-dev
      libfdt-dev device-tree-compiler uthash-dev libpciaccess-dev clang-format
      qemu-system-x86 busybox-static cpio kmod xz-utils)

if [ -t 1 ]; then
	BOLD=$'\033[1m' PLAIN=$'\033[0m'
else
	BOLD='' PLAIN=''
fi
say() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$PLAIN"; }
die() { printf 'libdde.sh: %s\n' "$*" >&2; exit 1; }

usage() {
	sed -n '2,14s/^# \{0,1\}//p' "$0"
	exit 2
}

# ---- dependencies ------------------------------------------------------------

missing_packages() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q ' installed$' || printf '%s\n' "$p"
	done
}

install_packages() {
	local apt=(apt-get install -y --no-install-recommends "$@")
	local sudo=()

	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			printf 'libdde.sh: missing packages: %s\n' "$*" >&2
			printf 'Run as root:\n  apt-get update && %s\n' "${apt[*]}" >&2
			exit 1
		fi
		sudo=(sudo)
	fi
	say "installing: $*"
	if [ -z "${APT_UPDATED:-}" ]; then
		"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
		APT_UPDATED=1
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive "${apt[@]}"
}

ensure_deps() {
	local missing major

	command -v dpkg-query >/dev/null 2>&1 ||
		die "not a Debian-like system; install the equivalents of: ${DEPS[*]}"
	mapfile -t missing < <(missing_packages "${DEPS[@]}")
	if [ "${#missing[@]}" -gt 0 ]; then
		install_packages "${missing[@]}"
	fi

	# clang only recommends its runtimes; -fsanitize needs them.
	major=$(clang -dumpversion | cut -d. -f1)
	mapfile -t missing < <(missing_packages "libclang-rt-$major-dev")
	if [ "${#missing[@]}" -gt 0 ]; then
		install_packages "${missing[@]}"
	fi

	# The QEMU tests resolve and download the guest kernel package
	# (linux-image-amd64's dependency): that needs current package lists.
	if [ -z "${APT_UPDATED:-}" ] && ! kernel_package_known; then
		update_package_lists
	fi
}

kernel_package_known() {
	local deps
	deps=$(apt-cache depends linux-image-amd64 2>/dev/null) || return 1
	grep -q 'Depends: linux-image-[0-9]' <<<"$deps"
}

update_package_lists() {
	local sudo=()

	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			printf 'libdde.sh: the package lists do not know linux-image-amd64, which the QEMU tests download; run as root: apt-get update\n' >&2
			return 0
		fi
		sudo=(sudo)
	fi
	say "apt-get update (the QEMU tests download the guest kernel package)"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
	APT_UPDATED=1
}

# ---- helpers -------------------------------------------------------------------

# Sanitizer runtimes need a fixed memory layout; some kernels randomise the
# address space more than those runtimes tolerate (vm.mmap_rnd_bits > 28),
# which makes TSan/ASan programs die at start. Running without address space
# randomisation avoids that and changes nothing else for the tests.
norandom() {
	if setarch "$(uname -m)" -R true >/dev/null 2>&1; then
		setarch "$(uname -m)" -R "$@"
	else
		"$@"
	fi
}

duration() {
	printf '%dm%02ds' $(($1 / 60)) $(($1 % 60))
}

# The repository's C sources (never the build trees).
c_sources() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -co --exclude-standard -- '*.c' '*.h' |
			grep -v '^build/' || true
	else
		find . \( -path ./build -o -path ./.git \) -prune -o \
			-type f \( -name '*.c' -o -name '*.h' \) -print |
			sed 's|^\./||'
	fi
}

# ---- demo ----------------------------------------------------------------------

# demo_scenario <ctest name> <headline…>: run one QEMU scenario and show the
# guest's part of its output (and the host check's verdict).
demo_scenario() {
	local name=$1 out status
	shift
	say "$*"
	set +e
	out=$(ctest --preset default -R "^$name\$" -V 2>&1)
	status=$?
	set -e
	printf '%s\n' "$out" | sed -n 's/^[0-9]*: //; /---- guest: scenario output/,/'"$name"': /p' |
		grep -v '^LIBDDE-SCENARIO: START\|^(whole serial log\|reboot: Power down\|^HOST_CHECK:\|^-----*$\|^---- guest'
	[ "$status" -eq 0 ] || {
		printf '%s\n' "$out" | tail -n 40
		die "the demo scenario $name failed (output above)"
	}
}

cmd_demo() {
	local bin

	ensure_deps
	say "configure and build (preset default)"
	cmake --preset default
	cmake --build --preset default --parallel "$JOBS"

	bin=build/default/tests/conformance/ddekit_conformance_mock
	[ -x "$bin" ] || die "$bin was not built"
	say "DDEKit conformance suite on the simulated machine (tests/mock), summary"
	LIBDDE_MOCK_MACHINES="$ROOT/build/default/tests/mock/machines" "$bin" 2>&1 |
		grep -E '^([a-z]+: [0-9]+ passed|[0-9]+ passed|CONFORMANCE|teardown)' ||
		die "the conformance suite failed: run $bin for its report"

	echo
	echo "The next two run in a Linux guest under QEMU (TCG), on QEMU's emulated hardware;"
	echo "the guest kernel is downloaded once (apt-get download)."
	demo_scenario qemu_dsweeper_demo \
		"DSweeper: the FreeBSD ATA driver (drivers/fbsd/ata) on dde_fbsd and posix_uio lists two" \
		"disks' partitions (MBR with logical partitions, GPT) and sweeps two of them read-only"
	demo_scenario qemu_linux26_e1000_uio \
		"the Linux 2.6 e1000 driver (drivers/linux26/net/e1000) on dde_linux26 and posix_uio: DHCP," \
		"ARP and UDP round trips with QEMU's user network and an echo service on this machine"
}

# ---- test ----------------------------------------------------------------------

declare -A RESULT
FAILED=0

# record <preset> <step> <command…>: run a step, remember PASS/FAIL and time.
record() {
	local preset=$1 step=$2 start=$SECONDS
	shift 2
	if "$@"; then
		RESULT[$preset.$step]=PASS
	else
		RESULT[$preset.$step]=FAIL
		FAILED=1
	fi
	RESULT[$preset.time]=$((${RESULT[$preset.time]:-0} + SECONDS - start))
	[ "${RESULT[$preset.$step]}" = PASS ]
}

run_preset() {
	local p=$1 run=()

	case $p in
	asan | tsan) run=(norandom) ;;
	esac
	RESULT[$p.configure]=- RESULT[$p.build]=- RESULT[$p.test]=-
	say "preset $p: configure"
	record "$p" configure cmake --preset "$p" || return 0
	say "preset $p: build"
	record "$p" build cmake --build --preset "$p" --parallel "$JOBS" ||
		return 0
	say "preset $p: test"
	record "$p" test "${run[@]}" ctest --preset "$p" --parallel "$JOBS" ||
		return 0
}

check_format() {
	local f bad=()

	say "clang-format check ($(clang-format --version | head -n1))"
	while IFS= read -r f; do
		clang-format --style=file "$f" | cmp -s - "$f" || bad+=("$f")
	done < <(c_sources)
	if [ "${#bad[@]}" -gt 0 ]; then
		printf 'Not formatted (run clang-format -i on them):\n'
		printf '  %s\n' "${bad[@]}"
		return 1
	fi
	echo "all C files formatted"
}

cmd_test() {
	local presets=("$@") p start=$SECONDS

	[ "${#presets[@]}" -gt 0 ] || presets=("${ALL_PRESETS[@]}")
	ensure_deps
	for p in "${presets[@]}"; do
		run_preset "$p"
	done
	record format check check_format || true

	say "summary"
	printf '%-12s %-10s %-6s %-6s %s\n' preset configure build test time
	for p in "${presets[@]}"; do
		printf '%-12s %-10s %-6s %-6s %s\n' "$p" "${RESULT[$p.configure]}" \
			"${RESULT[$p.build]}" "${RESULT[$p.test]}" \
			"$(duration "${RESULT[$p.time]:-0}")"
	done
	printf '%-12s %-24s %s\n' clang-format "${RESULT[format.check]}" \
		"$(duration "${RESULT[format.time]}")"
	printf 'total %s: %s\n' "$(duration $((SECONDS - start)))" \
		"$([ "$FAILED" -eq 0 ] && echo PASS || echo FAIL)"
	return "$FAILED"
}

case ${1:-} in
demo)
	shift
	[ $# -eq 0 ] || usage
	cmd_demo
	;;
test)
	shift
	for p in "$@"; do
		case " ${ALL_PRESETS[*]} " in
		*" $p "*) ;;
		*) die "unknown preset '$p' (presets: ${ALL_PRESETS[*]})" ;;
		esac
	done
	cmd_test "$@"
	;;
*) usage ;;
esac
