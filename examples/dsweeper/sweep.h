/*
 * sweep.h — dsweeper's engine: overwrite, verify or just read the selected
 * bddf devices with several large requests in flight.
 *
 * The engine uses only the DDEKit ABI, bddf.h and string functions, so the
 * same code can run in a bare-metal image; the front end (options, output,
 * confirmation) lives elsewhere. It addresses nothing but the selected
 * devices, through handles opened read-only unless a write was asked for.
 */
#ifndef DSWEEPER_SWEEP_H
#define DSWEEPER_SWEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "bddf.h"
#include "chacha20.h"

enum sweep_pattern {
	SWEEP_READ,   /* no pattern: read the selection */
	SWEEP_ZERO,   /* zeros */
	SWEEP_RANDOM, /* the ChaCha20 stream of the seed */
};

enum sweep_phase { SWEEP_PHASE_WRITE, SWEEP_PHASE_VERIFY, SWEEP_PHASE_READ };

#define SWEEP_IO_MIN    (64u << 10)
#define SWEEP_IO_MAX    (16u << 20)
#define SWEEP_IO_DEF    (1u << 20)
#define SWEEP_QUEUE_MAX 32
#define SWEEP_QUEUE_DEF 4

struct sweep_progress {
	const char *name; /* the device being swept */
	int index, count; /* which of how many devices (0-based) */
	enum sweep_phase phase;
	unsigned pass, passes; /* 0-based pass of the write phase */
	uint64_t done, total;  /* bytes of the whole run */
	uint64_t elapsed_ns;   /* since the run started */
	bool final;            /* the run is over */
};

struct sweep_params {
	enum sweep_pattern pattern;
	/* Without it the devices are opened read-only and nothing is written:
	 * the selection is read once, compared with the pattern when @verify
	 * is set (a random pattern needs the seed of the run to compare
	 * with), and zero sectors are counted for SWEEP_ZERO. */
	bool write;
	bool verify; /* after the last write pass: read back, compare */
	unsigned passes;
	uint8_t seed[CHACHA20_KEY_BYTES];
	uint32_t io_bytes; /* per request: SWEEP_IO_MIN..SWEEP_IO_MAX */
	unsigned queue;    /* requests in flight: 1..SWEEP_QUEUE_MAX */
	/* Called from the thread that called sweep_run(), often: rate-limit
	 * in the callee. May be NULL. */
	void (*progress)(void *arg, const struct sweep_progress *p);
	void *arg;
};

/* One selected device: its name in, what happened out. LBAs are relative
 * to the device (partition). */
struct sweep_target {
	char name[BDDF_NAME_MAX];

	struct bddf_dev_info info;
	uint64_t bytes_written, bytes_read, bytes_verified, bytes_zero;
	uint64_t mismatches; /* sectors that differ from the pattern */
	uint64_t first_mismatch_lba;
	uint64_t errors; /* failed commands (the device stops at the first) */
	uint64_t first_error_lba;
	int error;             /* its code, 0 when none */
	enum bddf_op error_op; /* 0: the device did not open */
	uint64_t ns;
};

/**
 * sweep_check_selection() - 0 when no two targets share a sector (the same
 * device twice, a disk and one of its partitions, overlapping ranges);
 * else -DDEKIT_EEXIST with the first such pair in *@a, *@b. -DDEKIT_ENOENT
 * (with *@a) for a name bddf does not know.
 */
int sweep_check_selection(struct sweep_target *t, int n, int *a, int *b);

/**
 * sweep_nonce() - the ChaCha20 nonce for @name in write pass @pass and the
 * 256 GiB segment @segment of the device (the block counter has 32 bits).
 */
void sweep_nonce(const char *name, unsigned pass, uint32_t segment,
                 uint8_t nonce[CHACHA20_NONCE_BYTES]);

/**
 * sweep_run() - sweep the @n targets one after the other. Returns 0 when
 * the run took place (each target's outcome is in its fields: a device
 * error ends that target, the others still run), -DDEKIT_EINVAL for bad
 * parameters, -DDEKIT_EEXIST / -DDEKIT_ENOENT as sweep_check_selection(),
 * -DDEKIT_ENOMEM. Process context (a DDEKit thread); sleeps.
 */
int sweep_run(const struct sweep_params *p, struct sweep_target *t, int n);

#endif /* DSWEEPER_SWEEP_H */
