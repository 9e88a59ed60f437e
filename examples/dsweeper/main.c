/*
 * main.c — dsweeper as a posix_uio driver server: DDEKit on the host,
 * bddf, and the FreeBSD emulation whose ATA driver attaches to the
 * controllers bound to uio_pci_generic/vfio-pci and announces their disks
 * to bddf through disk(9). Then the front end runs, and everything comes
 * down again in reverse order.
 */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <ddekit/ddekit.h>
#include <ddekit/errno.h>

#include "bddf.h"
#include "dsweeper.h"
#include "exitcodes.h"
#include "options.h"

#ifdef DSWEEPER_HAVE_ATA
#include "dde_fbsd.h"
#define NO_DISKS_HINT                                                          \
	"no IDE/AHCI controller with a disk is bound to uio_pci_generic "      \
	"or vfio-pci (see dde-bind)"
#else
#define NO_DISKS_HINT                                                          \
	"this dsweeper was built without a disk driver (drivers/fbsd/ata "     \
	"was not part of the build)"
#endif

static int read_line(void *ctx, char *buf, size_t len)
{
	(void)ctx;
	return fgets(buf, (int)len, stdin) ? 0 : -1;
}

static int entropy(void *ctx, void *buf, size_t len)
{
	uint8_t *p = buf;

	(void)ctx;
	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#ifdef DSWEEPER_HAVE_ATA
static int drivers_up(void)
{
	int r = dde_fbsd_init();

	if (r < 0) {
		fprintf(stderr, "dsweeper: FreeBSD emulation: %s\n",
		        ddekit_strerror(r));
		return r;
	}
	return dde_fbsd_disks_settle();
}

static void drivers_down(void)
{
	dde_fbsd_exit();
}
#else
static int drivers_up(void)
{
	return 0;
}

static void drivers_down(void)
{
}
#endif

int main(int argc, char **argv)
{
	struct dsweeper_io io = {
	    .out = stdout,
	    .err = stderr,
	    .interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO),
	    .progress_tty = isatty(STDERR_FILENO),
	    .read_line = read_line,
	    .entropy = entropy,
	    .no_disks_hint = NO_DISKS_HINT,
	};
	struct dsw_options o;
	int r, code = DSW_EXIT_FAILURE;

	/* Usage errors and --help need no hardware. */
	if (dsw_parse(argc, argv, &o, stderr) < 0)
		return DSW_EXIT_USAGE;
	if (o.help) {
		dsw_usage(stdout);
		return DSW_EXIT_OK;
	}
	r = ddekit_init_checked();
	if (r < 0) {
		fprintf(stderr, "dsweeper: DDEKit: %s\n", ddekit_strerror(r));
		return DSW_EXIT_FAILURE;
	}
	r = bddf_init();
	if (r < 0) {
		fprintf(stderr, "dsweeper: bddf: %s\n", ddekit_strerror(r));
		goto deinit;
	}
	if (drivers_up() < 0)
		goto drivers;
	code = dsweeper_run(argc, argv, &io);
drivers:
	drivers_down();
	bddf_exit();
deinit:
	ddekit_deinit();
	return code;
}
