/*
 * options.c — dsweeper's command line (options.h). A parser of its own
 * rather than getopt_long: no global state, so tests can run it again and
 * again in one process.
 */
#include <stdlib.h>
#include <string.h>

#include "options.h"

enum opt_id {
	OPT_LIST,
	OPT_PARTITION,
	OPT_DISK,
	OPT_ZERO,
	OPT_RANDOM,
	OPT_VERIFY,
	OPT_PASSES,
	OPT_WRITE,
	OPT_YES,
	OPT_SEED,
	OPT_JSON,
	OPT_IO_SIZE,
	OPT_QUEUE,
	OPT_PROGRESS,
	OPT_HELP,
};

struct opt {
	const char *name;
	char short_name;
	bool arg;
	enum opt_id id;
};

static const struct opt opts[] = {
    {"list", 'l', false, OPT_LIST},     {"partition", 'p', true, OPT_PARTITION},
    {"disk", 'd', true, OPT_DISK},      {"zero", 'z', false, OPT_ZERO},
    {"random", 'r', false, OPT_RANDOM}, {"verify", 'v', false, OPT_VERIFY},
    {"passes", 'n', true, OPT_PASSES},  {"write", 'w', false, OPT_WRITE},
    {"yes", 'y', false, OPT_YES},       {"seed", 0, true, OPT_SEED},
    {"json", 'j', false, OPT_JSON},     {"io-size", 0, true, OPT_IO_SIZE},
    {"queue", 0, true, OPT_QUEUE},      {"progress", 0, true, OPT_PROGRESS},
    {"help", 'h', false, OPT_HELP},
};

void dsw_usage(FILE *out)
{
	fputs(
	    "usage: dsweeper --list\n"
	    "       dsweeper [--zero | --random] [--verify] [--passes N]\n"
	    "                [--write [--yes]] [--seed HEX] [--json]\n"
	    "                (--partition DISK:N | --disk DISK)...\n"
	    "\n"
	    "Read-only unless --write is given: without it nothing is ever\n"
	    "written, the selection is only read (and compared with "
	    "--verify).\n"
	    "\n"
	    "  -l, --list            list disks and partitions\n"
	    "  -p, --partition D:N   select partition N of disk D "
	    "(repeatable)\n"
	    "  -d, --disk D          select the whole disk D (repeatable)\n"
	    "  -z, --zero            the pattern is zeros\n"
	    "  -r, --random          the pattern is ChaCha20 random data\n"
	    "  -v, --verify          read back and compare with the pattern\n"
	    "  -n, --passes N        write the pattern N times (default 1)\n"
	    "  -w, --write           really write (asks on a terminal)\n"
	    "  -y, --yes             do not ask (needed without a terminal)\n"
	    "      --seed HEX        64 hex digits: the random stream's key\n"
	    "  -j, --json            final report as JSON on stdout\n"
	    "      --io-size KIB     bytes per request in KiB (default 1024)\n"
	    "      --queue N         requests in flight (default 4)\n"
	    "      --progress HOW    bar, lines or none (default: a bar on "
	    "a terminal)\n"
	    "  -h, --help            this text\n",
	    out);
}

static const struct opt *find(const char *arg, const char **value)
{
	size_t i, len;

	*value = NULL;
	if (arg[0] == '-' && arg[1] == '-') {
		const char *eq = strchr(arg + 2, '=');

		len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
			if (strlen(opts[i].name) == len &&
			    !strncmp(opts[i].name, arg + 2, len)) {
				*value = eq ? eq + 1 : NULL;
				return &opts[i];
			}
		}
		return NULL;
	}
	if (arg[0] == '-' && arg[1] && !arg[2]) {
		for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
			if (opts[i].short_name == arg[1])
				return &opts[i];
	}
	return NULL;
}

static int number(const char *s, unsigned long min, unsigned long max,
                  unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_seed(const char *s, uint8_t seed[CHACHA20_KEY_BYTES])
{
	int i;

	if (strlen(s) != 2 * CHACHA20_KEY_BYTES)
		return -1;
	for (i = 0; i < CHACHA20_KEY_BYTES; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		seed[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/* "ad0:5" for --partition, "ad0" for --disk. */
static int target_ok(const char *v, bool disk)
{
	const char *colon = strchr(v, ':');
	unsigned long n;

	if (!*v || strlen(v) >= BDDF_NAME_MAX || colon == v)
		return -1;
	if (disk)
		return colon ? -1 : 0;
	if (!colon)
		return -1;
	return number(colon + 1, 1, 1000000, &n);
}

static int add_target(struct dsw_options *o, const char *v, bool disk,
                      FILE *err)
{
	if (target_ok(v, disk) < 0) {
		fprintf(err,
		        disk ? "dsweeper: --disk wants a disk name such as "
		               "ad0, not '%s'\n"
		             : "dsweeper: --partition wants DISK:N such as "
		               "ad0:1, not '%s'\n",
		        v);
		return -1;
	}
	if (o->ntargets == DSW_MAX_TARGETS) {
		fprintf(err, "dsweeper: at most %d devices at once\n",
		        DSW_MAX_TARGETS);
		return -1;
	}
	strcpy(o->target[o->ntargets], v);
	o->target_is_disk[o->ntargets++] = disk;
	return 0;
}

static int apply(struct dsw_options *o, const struct opt *opt, const char *v,
                 FILE *err)
{
	unsigned long n;

	switch (opt->id) {
	case OPT_LIST:
		o->list = true;
		return 0;
	case OPT_PARTITION:
		return add_target(o, v, false, err);
	case OPT_DISK:
		return add_target(o, v, true, err);
	case OPT_ZERO:
	case OPT_RANDOM: {
		enum sweep_pattern p =
		    opt->id == OPT_ZERO ? SWEEP_ZERO : SWEEP_RANDOM;

		if (o->sweep.pattern != SWEEP_READ && o->sweep.pattern != p) {
			fputs("dsweeper: --zero and --random exclude each "
			      "other\n",
			      err);
			return -1;
		}
		o->sweep.pattern = p;
		return 0;
	}
	case OPT_VERIFY:
		o->sweep.verify = true;
		return 0;
	case OPT_PASSES:
		if (number(v, 1, 1000, &n) < 0)
			goto bad;
		o->sweep.passes = (unsigned)n;
		return 0;
	case OPT_WRITE:
		o->sweep.write = true;
		return 0;
	case OPT_YES:
		o->yes = true;
		return 0;
	case OPT_SEED:
		if (parse_seed(v, o->sweep.seed) < 0)
			goto bad;
		o->seed_given = true;
		return 0;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_IO_SIZE:
		if (number(v, SWEEP_IO_MIN >> 10, SWEEP_IO_MAX >> 10, &n) < 0)
			goto bad;
		o->sweep.io_bytes = (uint32_t)n << 10;
		return 0;
	case OPT_QUEUE:
		if (number(v, 1, SWEEP_QUEUE_MAX, &n) < 0)
			goto bad;
		o->sweep.queue = (unsigned)n;
		return 0;
	case OPT_PROGRESS:
		if (!strcmp(v, "bar"))
			o->progress = DSW_PROGRESS_BAR;
		else if (!strcmp(v, "lines"))
			o->progress = DSW_PROGRESS_LINES;
		else if (!strcmp(v, "none"))
			o->progress = DSW_PROGRESS_NONE;
		else
			goto bad;
		return 0;
	case OPT_HELP:
		o->help = true;
		return 0;
	}
bad:
	fprintf(err, "dsweeper: bad value '%s' for --%s%s\n", v, opt->name,
	        opt->id == OPT_SEED ? " (64 hex digits)" : "");
	return -1;
}

/* Combinations that cannot mean anything, refused before touching a
 * disk. */
static int consistent(const struct dsw_options *o, FILE *err)
{
	const char *why = NULL;

	if (o->help)
		return 0;
	if (o->sweep.write && o->sweep.pattern == SWEEP_READ)
		why = "--write needs a pattern: --zero or --random";
	else if (o->sweep.verify && o->sweep.pattern == SWEEP_READ)
		why = "--verify needs a pattern: --zero or --random";
	else if (o->seed_given && o->sweep.pattern != SWEEP_RANDOM)
		why = "--seed goes with --random";
	else if (!o->sweep.write && o->sweep.verify &&
	         o->sweep.pattern == SWEEP_RANDOM && !o->seed_given)
		why = "read-only --random --verify compares with an earlier "
		      "run: give its --seed";
	else if (!o->list && !o->ntargets)
		why = "nothing selected: --list shows the disks, choose with "
		      "--partition DISK:N or --disk DISK";
	if (!why)
		return 0;
	fprintf(err, "dsweeper: %s\n", why);
	return -1;
}

int dsw_parse(int argc, char **argv, struct dsw_options *o, FILE *err)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->sweep.pattern = SWEEP_READ;
	o->sweep.passes = 1;
	o->sweep.io_bytes = SWEEP_IO_DEF;
	o->sweep.queue = SWEEP_QUEUE_DEF;
	for (i = 1; i < argc; i++) {
		const char *v;
		const struct opt *opt = find(argv[i], &v);

		if (!opt) {
			fprintf(err, "dsweeper: unknown option '%s'\n",
			        argv[i]);
			goto usage;
		}
		if (opt->arg && !v) {
			if (i + 1 == argc) {
				fprintf(err, "dsweeper: --%s needs a value\n",
				        opt->name);
				goto usage;
			}
			v = argv[++i];
		} else if (!opt->arg && v) {
			fprintf(err, "dsweeper: --%s takes no value\n",
			        opt->name);
			goto usage;
		}
		if (apply(o, opt, v, err) < 0)
			goto usage;
	}
	if (consistent(o, err) < 0)
		goto usage;
	return 0;
usage:
	fputs("Try 'dsweeper --help'.\n", err);
	return -1;
}
