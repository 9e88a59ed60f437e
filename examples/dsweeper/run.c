/*
 * run.c — dsweeper_run(): from the command line to the exit code
 * (dsweeper.h). Everything is decided before the first request: names,
 * tables, overlap, seed, confirmation; then the engine runs and the
 * outcome is reported.
 */
#include <stdlib.h>
#include <string.h>

#include <ddekit/errno.h>

#include "dsweeper.h"
#include "exitcodes.h"
#include "options.h"
#include "progress.h"
#include "report.h"

struct run {
	const struct dsweeper_io *io;
	struct dsw_options opt;
	FILE *msg; /* human output: stdout, stderr under --json */
	struct bddf_dev_info *dev;
	int ndev;
	struct sweep_target *t;
};

static const struct bddf_dev_info *find_dev(const struct run *r,
                                            const char *name)
{
	int i;

	for (i = 0; i < r->ndev; i++)
		if (!strcmp(r->dev[i].name, name))
			return &r->dev[i];
	return NULL;
}

static int load_devices(struct run *r)
{
	int n = bddf_devices(NULL, 0);

	if (n <= 0) {
		fprintf(r->io->err, "dsweeper: no disks found%s%s\n",
		        r->io->no_disks_hint ? ": " : "",
		        r->io->no_disks_hint ? r->io->no_disks_hint : "");
		return DSW_EXIT_NO_DISKS;
	}
	r->dev = calloc((size_t)n, sizeof(*r->dev));
	if (!r->dev)
		return DSW_EXIT_FAILURE;
	/* A disk may come or go meanwhile: take what fits. */
	r->ndev = bddf_devices(r->dev, n);
	if (r->ndev > n)
		r->ndev = n;
	return DSW_EXIT_OK;
}

/* Why a --partition name does not resolve, with the most useful reason. */
static int unknown_partition(struct run *r, const char *name)
{
	char disk[BDDF_NAME_MAX];
	const struct bddf_dev_info *d;

	snprintf(disk, sizeof(disk), "%.*s", (int)strcspn(name, ":"), name);
	d = find_dev(r, disk);
	if (d && d->table_error) {
		fprintf(r->io->err,
		        "dsweeper: %s: the partition table of %s was refused "
		        "(%s): %s\n",
		        name, disk, ddekit_errname(d->table_error),
		        d->table_msg);
		return DSW_EXIT_TABLE;
	}
	if (d && d->table == BDDF_TABLE_NONE)
		fprintf(r->io->err, "dsweeper: %s: %s has no partition table\n",
		        name, disk);
	else if (d)
		fprintf(r->io->err, "dsweeper: %s: %s has no partition %s\n",
		        name, disk, name + strlen(disk) + 1);
	else
		fprintf(r->io->err,
		        "dsweeper: %s: no such disk (--list shows "
		        "them)\n",
		        name);
	return DSW_EXIT_UNKNOWN;
}

static int resolve(struct run *r)
{
	struct dsw_options *o = &r->opt;
	int i, a = 0, b = 0, err;

	r->t = calloc((size_t)o->ntargets, sizeof(*r->t));
	if (!r->t)
		return DSW_EXIT_FAILURE;
	for (i = 0; i < o->ntargets; i++) {
		if (!find_dev(r, o->target[i])) {
			if (!o->target_is_disk[i])
				return unknown_partition(r, o->target[i]);
			fprintf(r->io->err,
			        "dsweeper: %s: no such disk (--list shows "
			        "them)\n",
			        o->target[i]);
			return DSW_EXIT_UNKNOWN;
		}
		strcpy(r->t[i].name, o->target[i]);
	}
	err = sweep_check_selection(r->t, o->ntargets, &a, &b);
	if (err == -DDEKIT_EEXIST) {
		fprintf(r->io->err,
		        "dsweeper: %s and %s overlap: select each sector "
		        "once\n",
		        r->t[a].name, r->t[b].name);
		return DSW_EXIT_OVERLAP;
	}
	if (err < 0) {
		fprintf(r->io->err, "dsweeper: %s: %s\n", r->t[a].name,
		        ddekit_strerror(err));
		return err == -DDEKIT_ENOENT ? DSW_EXIT_UNKNOWN
		                             : DSW_EXIT_FAILURE;
	}
	return DSW_EXIT_OK;
}

static int make_seed(struct run *r)
{
	struct dsw_options *o = &r->opt;
	char hex[2 * CHACHA20_KEY_BYTES + 1];

	if (o->sweep.pattern != SWEEP_RANDOM)
		return DSW_EXIT_OK;
	if (!o->seed_given &&
	    (!r->io->entropy ||
	     r->io->entropy(r->io->ctx, o->sweep.seed, CHACHA20_KEY_BYTES))) {
		fputs("dsweeper: no entropy from the host for the seed\n",
		      r->io->err);
		return DSW_EXIT_FAILURE;
	}
	dsw_fmt_seed(hex, o->sweep.seed);
	fprintf(r->msg, "Seed: %s (repeat it with --seed)\n", hex);
	return DSW_EXIT_OK;
}

static bool answer_is_yes(char *line)
{
	size_t n = strcspn(line, "\r\n");

	line[n] = 0;
	return !strcmp(line, "yes");
}

static int confirm(struct run *r)
{
	const struct dsweeper_io *io = r->io;
	char size[32], line[64];
	int i;

	if (!r->opt.sweep.write || r->opt.yes)
		return DSW_EXIT_OK;
	if (!io->interactive || !io->read_line) {
		fputs("dsweeper: not confirmed: --write without a terminal "
		      "needs --yes\n",
		      io->err);
		return DSW_EXIT_NOT_CONFIRMED;
	}
	fprintf(io->err, "This OVERWRITES, with %s data:\n",
	        r->opt.sweep.pattern == SWEEP_ZERO ? "zero" : "random");
	for (i = 0; i < r->opt.ntargets; i++)
		fprintf(io->err, "  %-10s %s from disk LBA %llu\n",
		        r->t[i].name,
		        dsw_fmt_size(size, sizeof(size),
		                     r->t[i].info.sectors *
		                         r->t[i].info.sector_size),
		        (unsigned long long)r->t[i].info.start_lba);
	fputs("Type 'yes' to go on: ", io->err);
	fflush(io->err);
	if (io->read_line(io->ctx, line, sizeof(line)) < 0 ||
	    !answer_is_yes(line)) {
		fputs("dsweeper: not confirmed, nothing was written\n",
		      io->err);
		return DSW_EXIT_NOT_CONFIRMED;
	}
	return DSW_EXIT_OK;
}

/* One message per device that failed, and the exit code of the worst. */
static int outcome(struct run *r)
{
	int i, code = DSW_EXIT_OK;

	for (i = 0; i < r->opt.ntargets; i++) {
		const struct sweep_target *t = &r->t[i];

		if (t->error && !t->error_op) {
			fprintf(r->io->err, "dsweeper: %s: cannot open: %s\n",
			        t->name, ddekit_strerror(t->error));
			code = DSW_EXIT_DEVICE;
		} else if (t->error) {
			fprintf(r->io->err,
			        "dsweeper: %s: device error (%s) on %s",
			        t->name, ddekit_strerror(t->error),
			        t->error_op == BDDF_OP_WRITE   ? "write"
			        : t->error_op == BDDF_OP_FLUSH ? "flush"
			                                       : "read");
			if (t->error_op != BDDF_OP_FLUSH)
				fprintf(
				    r->io->err, " at LBA %llu (disk LBA %llu)",
				    (unsigned long long)t->first_error_lba,
				    (unsigned long long)(t->info.start_lba +
				                         t->first_error_lba));
			fputc('\n', r->io->err);
			code = DSW_EXIT_DEVICE;
		} else if (t->mismatches) {
			fprintf(r->io->err,
			        "dsweeper: %s: verification failed: %llu "
			        "sectors differ, the first at LBA %llu (disk "
			        "LBA %llu)\n",
			        t->name, (unsigned long long)t->mismatches,
			        (unsigned long long)t->first_mismatch_lba,
			        (unsigned long long)(t->info.start_lba +
			                             t->first_mismatch_lba));
			if (code == DSW_EXIT_OK)
				code = DSW_EXIT_MISMATCH;
		}
	}
	return code;
}

static int sweep(struct run *r)
{
	struct dsw_progress pg;
	int err, code;

	dsw_progress_init(
	    &pg, r->io->err,
	    r->opt.progress == DSW_PROGRESS_BAR ||
	        (r->opt.progress == DSW_PROGRESS_AUTO && r->io->progress_tty));
	if (r->opt.progress != DSW_PROGRESS_NONE) {
		r->opt.sweep.progress = dsw_progress_cb;
		r->opt.sweep.arg = &pg;
	}
	err = sweep_run(&r->opt.sweep, r->t, r->opt.ntargets);
	if (err == -DDEKIT_ENOMEM) {
		/* The buffers are DMA memory: pinned, and on a host without
		 * an IOMMU made of huge pages. */
		fprintf(r->io->err,
		        "dsweeper: no DMA memory for %u requests of %u KiB "
		        "(fewer with --queue, smaller with --io-size)\n",
		        r->opt.sweep.queue, r->opt.sweep.io_bytes >> 10);
		return DSW_EXIT_FAILURE;
	}
	if (err < 0) {
		fprintf(r->io->err, "dsweeper: %s\n", ddekit_strerror(err));
		return DSW_EXIT_FAILURE;
	}
	code = outcome(r);
	dsw_report_text(r->msg, &r->opt, r->t, r->opt.ntargets);
	if (r->opt.json)
		dsw_report_json(r->io->out, &r->opt, r->t, r->opt.ntargets,
		                code);
	return code;
}

int dsweeper_run(int argc, char **argv, const struct dsweeper_io *io)
{
	struct run r;
	int code;

	memset(&r, 0, sizeof(r));
	r.io = io;
	if (dsw_parse(argc, argv, &r.opt, io->err) < 0)
		return DSW_EXIT_USAGE;
	if (r.opt.help) {
		dsw_usage(io->out);
		return DSW_EXIT_OK;
	}
	r.msg = r.opt.json ? io->err : io->out;
	fprintf(r.msg, "DSweeper (%s)\n",
	        r.opt.sweep.write ? "WRITE mode" : "read-only");
	/* Before the drivers' start-up messages, which bypass stdio. */
	fflush(r.msg);
	code = load_devices(&r);
	if (code)
		goto out;
	if (r.opt.list) {
		if (r.opt.json && !r.opt.ntargets)
			dsw_list_json(io->out, r.dev, r.ndev);
		else
			dsw_list_text(r.msg, r.dev, r.ndev);
	}
	if (!r.opt.ntargets)
		goto out;
	code = resolve(&r);
	if (!code)
		code = make_seed(&r);
	if (!code)
		code = confirm(&r);
	if (!code)
		code = sweep(&r);
out:
	fflush(io->out);
	fflush(io->err);
	free(r.t);
	free(r.dev);
	return code;
}
