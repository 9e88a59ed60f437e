/*
 * sweep.c — the engine (sweep.h).
 *
 * Each device is walked front to back by a window of at most p->queue
 * requests of p->io_bytes; completions (from whatever thread the driver
 * uses) only queue their slot, and the sweeping thread does everything
 * else: it checks data, counts, and refills the slot. Random data is
 * produced and checked per request from its position, so verification
 * needs nothing but the seed.
 */
#include <string.h>

#include <ddekit/condvar.h>
#include <ddekit/errno.h>
#include <ddekit/lock.h>
#include <ddekit/memory.h>
#include <ddekit/timer.h>

#include "sweep.h"

/* ChaCha20's 32-bit block counter covers 2^32 * 64 bytes. */
#define SEGMENT_SHIFT 38

struct slot {
	struct bddf_req req;
	struct sweep *sw;
	uint8_t *buf;
	uint64_t lba;
	uint32_t count;
	int status;
	bool dirty; /* holds something other than zeros */
	struct slot *next;
};

struct sweep {
	const struct sweep_params *p;
	struct sweep_target *t;
	struct bddf_dev *dev;
	uint32_t ssize;
	uint32_t io_sectors;

	ddekit_lock_t lock;
	ddekit_condvar_t *cv;
	struct slot *done; /* completed slots, under lock */

	struct slot slot[SWEEP_QUEUE_MAX];
	uint8_t *expect; /* one request of expected random data */

	struct chacha20 cc;
	bool cc_valid;
	unsigned cc_pass;
	uint32_t cc_segment;

	struct sweep_progress prog;
	uint64_t t0;
};

void sweep_nonce(const char *name, unsigned pass, uint32_t segment,
                 uint8_t nonce[CHACHA20_NONCE_BYTES])
{
	/* FNV-1a: the nonce depends on the device's name, not on its place
	 * in the selection, so a later run can check one device alone. */
	uint32_t h = 2166136261u;
	uint32_t w[3];
	int i;

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	w[0] = pass;
	w[1] = segment;
	w[2] = h;
	for (i = 0; i < 12; i++)
		nonce[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
}

/* The random pattern of @pass for the bytes [@off, @off + @len). */
static void stream_fill(struct sweep *sw, unsigned pass, uint64_t off,
                        uint8_t *buf, size_t len)
{
	uint8_t nonce[CHACHA20_NONCE_BYTES];

	while (len) {
		uint32_t seg = (uint32_t)(off >> SEGMENT_SHIFT);
		uint64_t in = off & ((1ull << SEGMENT_SHIFT) - 1);
		uint64_t room = (1ull << SEGMENT_SHIFT) - in;
		size_t n = len < room ? len : (size_t)room;

		if (!sw->cc_valid || sw->cc_pass != pass ||
		    sw->cc_segment != seg) {
			sweep_nonce(sw->t->name, pass, seg, nonce);
			chacha20_init(&sw->cc, sw->p->seed, nonce, 0);
			sw->cc_valid = true;
			sw->cc_pass = pass;
			sw->cc_segment = seg;
		}
		chacha20_keystream_at(&sw->cc, in, buf, n);
		buf += n;
		off += n;
		len -= n;
	}
}

static bool all_zero(const uint8_t *p, size_t len)
{
	return len == 0 || (p[0] == 0 && memcmp(p, p + 1, len - 1) == 0);
}

static void slot_done(struct bddf_req *req, int status)
{
	struct slot *s = req->arg;
	struct sweep *sw = s->sw;

	ddekit_lock_lock(&sw->lock);
	s->status = status;
	s->next = sw->done;
	sw->done = s;
	ddekit_condvar_signal(sw->cv);
	ddekit_lock_unlock(&sw->lock);
}

static struct slot *wait_done(struct sweep *sw)
{
	struct slot *s;

	ddekit_lock_lock(&sw->lock);
	while (!sw->done)
		ddekit_condvar_wait(sw->cv, &sw->lock);
	s = sw->done;
	sw->done = s->next;
	ddekit_lock_unlock(&sw->lock);
	return s;
}

static void report(struct sweep *sw, bool final)
{
	if (!sw->p->progress)
		return;
	sw->prog.elapsed_ns = ddekit_clock_ns() - sw->t0;
	sw->prog.final = final;
	sw->p->progress(sw->p->arg, &sw->prog);
}

/* The data a write of @pass puts at @lba, into @buf. */
static void pattern(struct sweep *sw, struct slot *s, unsigned pass)
{
	size_t len = (size_t)s->count * sw->ssize;

	if (sw->p->pattern == SWEEP_RANDOM) {
		stream_fill(sw, pass, s->lba * sw->ssize, s->buf, len);
		s->dirty = true;
	} else if (s->dirty) {
		memset(s->buf, 0, len);
		s->dirty = false;
	}
}

static void mismatch(struct sweep_target *t, uint64_t lba)
{
	if (!t->mismatches || lba < t->first_mismatch_lba)
		t->first_mismatch_lba = lba;
	t->mismatches++;
}

/* A read came back: count it, and compare it when that was asked for. */
static void check(struct sweep *sw, struct slot *s, unsigned pass)
{
	struct sweep_target *t = sw->t;
	size_t len = (size_t)s->count * sw->ssize;
	uint32_t i;

	t->bytes_read += len;
	if (sw->p->verify)
		t->bytes_verified += len;
	if (sw->p->pattern == SWEEP_RANDOM && sw->p->verify)
		stream_fill(sw, pass, s->lba * sw->ssize, sw->expect, len);
	for (i = 0; i < s->count; i++) {
		const uint8_t *got = s->buf + (size_t)i * sw->ssize;
		bool same = true;

		if (sw->p->pattern == SWEEP_ZERO) {
			same = all_zero(got, sw->ssize);
			if (same)
				t->bytes_zero += sw->ssize;
		} else if (sw->p->pattern == SWEEP_RANDOM && sw->p->verify) {
			same = !memcmp(got, sw->expect + (size_t)i * sw->ssize,
			               sw->ssize);
		}
		if (!same && sw->p->verify)
			mismatch(t, s->lba + i);
	}
}

/*
 * A request failed: find its first failing sector by doing it again one
 * sector at a time (same data, same range), so the message names an LBA
 * and not just a 1 MiB window.
 */
static uint64_t narrow(struct sweep *sw, struct slot *s, enum bddf_op op,
                       unsigned pass)
{
	uint32_t i;
	int r;

	for (i = 0; i < s->count; i++) {
		struct slot one = *s;

		one.lba = s->lba + i;
		one.count = 1;
		if (op == BDDF_OP_WRITE) {
			one.dirty = true;
			pattern(sw, &one, pass);
			r = bddf_write(sw->dev, one.lba, 1, one.buf);
		} else {
			r = bddf_read(sw->dev, one.lba, 1, one.buf);
		}
		if (r < 0)
			return one.lba;
	}
	s->dirty = true;
	return s->lba;
}

/*
 * One walk over the device: writes of @pass, or reads checked against
 * @pass's pattern. Returns false after a device error (recorded in the
 * target).
 */
static bool walk(struct sweep *sw, enum bddf_op op, unsigned pass)
{
	struct sweep_target *t = sw->t;
	uint64_t next = 0, end = t->info.sectors;
	struct slot *s, *failed = NULL;
	unsigned i, inflight = 0;
	int r;

	for (i = 0; i < sw->p->queue; i++)
		sw->slot[i].next = &sw->slot[i + 1];
	sw->slot[sw->p->queue - 1].next = NULL;
	s = &sw->slot[0];
	for (;;) {
		while (s && next < end && !failed) {
			struct slot *free_next = s->next;

			s->lba = next;
			s->count = end - next < sw->io_sectors
			               ? (uint32_t)(end - next)
			               : sw->io_sectors;
			next += s->count;
			if (op == BDDF_OP_WRITE)
				pattern(sw, s, pass);
			else
				s->dirty = true;
			memset(&s->req, 0, sizeof(s->req));
			s->req.op = op;
			s->req.lba = s->lba;
			s->req.count = s->count;
			s->req.buf = s->buf;
			s->req.done = slot_done;
			s->req.arg = s;
			r = bddf_submit(sw->dev, &s->req);
			if (r < 0) {
				s->status = r;
				failed = s;
				t->errors++;
				break;
			}
			inflight++;
			s = free_next;
		}
		if (!inflight)
			break;
		{
			struct slot *d = wait_done(sw);
			size_t len = (size_t)d->count * sw->ssize;

			inflight--;
			if (d->status < 0) {
				t->errors++;
				if (!failed || d->lba < failed->lba)
					failed = d;
			} else if (op == BDDF_OP_WRITE) {
				t->bytes_written += len;
			} else {
				check(sw, d, pass);
			}
			sw->prog.done += len;
			report(sw, false);
			if (d != failed) {
				d->next = s;
				s = d;
			}
		}
	}
	if (!failed)
		return true;
	t->error = failed->status;
	t->error_op = op;
	t->first_error_lba = narrow(sw, failed, op, pass);
	return false;
}

static void sweep_target(struct sweep *sw)
{
	const struct sweep_params *p = sw->p;
	struct sweep_target *t = sw->t;
	uint64_t t0 = ddekit_clock_ns();
	unsigned pass;
	int r;

	sw->cc_valid = false;
	r = bddf_open(t->name, p->write ? BDDF_OPEN_WRITE : BDDF_OPEN_READ,
	              &sw->dev);
	if (r < 0) {
		t->error = r;
		t->errors++;
		goto out;
	}
	sw->ssize = t->info.sector_size;
	sw->io_sectors = p->io_bytes / sw->ssize;
	sw->prog.name = t->name;
	if (p->write) {
		for (pass = 0; pass < p->passes; pass++) {
			sw->prog.phase = SWEEP_PHASE_WRITE;
			sw->prog.pass = pass;
			report(sw, false);
			if (!walk(sw, BDDF_OP_WRITE, pass))
				goto close;
		}
		r = bddf_flush(sw->dev);
		if (r < 0) {
			t->error = r;
			t->error_op = BDDF_OP_FLUSH;
			t->errors++;
			goto close;
		}
	}
	if (!p->write || p->verify) {
		/* What a write run with the same passes leaves behind. */
		pass = p->passes ? p->passes - 1 : 0;
		sw->prog.phase =
		    p->verify ? SWEEP_PHASE_VERIFY : SWEEP_PHASE_READ;
		report(sw, false);
		walk(sw, BDDF_OP_READ, pass);
	}
close:
	bddf_close(sw->dev);
	sw->dev = NULL;
out:
	t->ns = ddekit_clock_ns() - t0;
}

static bool ranges_meet(const struct bddf_dev_info *x,
                        const struct bddf_dev_info *y)
{
	if (strcmp(x->disk, y->disk))
		return false;
	return x->start_lba < y->start_lba + y->sectors &&
	       y->start_lba < x->start_lba + x->sectors;
}

static int lookup(const char *name, struct bddf_dev_info *out)
{
	struct bddf_dev_info *all;
	int n, i, r = -DDEKIT_ENOENT;

	n = bddf_devices(NULL, 0);
	if (n <= 0)
		return -DDEKIT_ENOENT;
	all = ddekit_simple_malloc((unsigned)n * sizeof(*all));
	if (!all)
		return -DDEKIT_ENOMEM;
	n = bddf_devices(all, n);
	for (i = 0; i < n; i++) {
		if (!strcmp(all[i].name, name)) {
			*out = all[i];
			r = 0;
			break;
		}
	}
	ddekit_simple_free(all);
	return r;
}

int sweep_check_selection(struct sweep_target *t, int n, int *a, int *b)
{
	int i, j, r;

	for (i = 0; i < n; i++) {
		r = lookup(t[i].name, &t[i].info);
		if (r < 0) {
			*a = i;
			return r;
		}
	}
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			if (ranges_meet(&t[i].info, &t[j].info)) {
				*a = i;
				*b = j;
				return -DDEKIT_EEXIST;
			}
		}
	}
	return 0;
}

static bool params_ok(const struct sweep_params *p)
{
	if (p->queue < 1 || p->queue > SWEEP_QUEUE_MAX)
		return false;
	if (p->io_bytes < SWEEP_IO_MIN || p->io_bytes > SWEEP_IO_MAX)
		return false;
	if (p->pattern == SWEEP_READ && (p->write || p->verify))
		return false;
	return p->passes >= 1;
}

static uint64_t planned(const struct sweep_params *p,
                        const struct sweep_target *t)
{
	uint64_t size = t->info.sectors * t->info.sector_size;

	if (!p->write)
		return size;
	return size * p->passes + (p->verify ? size : 0);
}

int sweep_run(const struct sweep_params *p, struct sweep_target *t, int n)
{
	struct sweep sw;
	int i, a = 0, b = 0, r;

	if (!params_ok(p) || n < 0)
		return -DDEKIT_EINVAL;
	r = sweep_check_selection(t, n, &a, &b);
	if (r < 0)
		return r;
	memset(&sw, 0, sizeof(sw));
	sw.p = p;
	for (i = 0; i < n; i++) {
		if (t[i].info.sector_size > p->io_bytes)
			return -DDEKIT_EINVAL;
		sw.prog.total += planned(p, &t[i]);
	}
	ddekit_lock_init(&sw.lock);
	sw.cv = ddekit_condvar_init();
	r = -DDEKIT_ENOMEM;
	if (!sw.lock || !sw.cv)
		goto out;
	for (i = 0; i < (int)p->queue; i++) {
		sw.slot[i].sw = &sw;
		sw.slot[i].buf = ddekit_large_malloc((int)p->io_bytes);
		if (!sw.slot[i].buf)
			goto out;
	}
	if (p->pattern == SWEEP_RANDOM && p->verify) {
		sw.expect = ddekit_simple_malloc(p->io_bytes);
		if (!sw.expect)
			goto out;
	}
	sw.t0 = ddekit_clock_ns();
	sw.prog.count = n;
	sw.prog.passes = p->passes;
	for (i = 0; i < n; i++) {
		sw.t = &t[i];
		sw.prog.index = i;
		sweep_target(&sw);
	}
	report(&sw, true);
	r = 0;
out:
	ddekit_simple_free(sw.expect);
	for (i = 0; i < SWEEP_QUEUE_MAX; i++)
		ddekit_large_free(sw.slot[i].buf);
	if (sw.cv)
		ddekit_condvar_deinit(sw.cv);
	if (sw.lock)
		ddekit_lock_deinit(&sw.lock);
	return r;
}
