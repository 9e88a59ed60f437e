/*
 * conf_main.c — what every backend's conformance main() shares: the
 * command line and the closing report on teardown (suite.h).
 */
#include <string.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "suite.h"

/* A number in C notation (0x… hex, else decimal); -1 unless all of @s is
 * one and it is not 0. */
static int parse_port(const char *s, unsigned long *out)
{
	unsigned long v = 0, base = 10;
	int digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++, digits++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (unsigned)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (unsigned)(*s - 'A' + 10);
		else
			return -1;
		if (v > 0xffff)
			return -1;
		v = v * base + d;
	}
	if (!digits || !v || v > 0xffff)
		return -1;
	*out = v;
	return 0;
}

int ddekit_conformance_args(int argc, char **argv,
                            struct ddekit_conf_config *cfg,
                            const char **machine)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--quick") == 0) {
			cfg->quick = 1;
		} else if (strcmp(a, "--msi") == 0) {
			cfg->msi = 1;
		} else if (strcmp(a, "--no-msi") == 0) {
			cfg->msi = 0;
		} else if (strcmp(a, "--only") == 0 && v) {
			cfg->only = argv[++i];
		} else if (strcmp(a, "--backend-name") == 0 && v) {
			cfg->backend = argv[++i];
		} else if (strcmp(a, "--port") == 0 && v &&
		           parse_port(v, &cfg->port_base) == 0) {
			i++;
		} else if (strcmp(a, "--machine") == 0 && v && machine) {
			*machine = argv[++i];
		} else {
			ddekit_printf("%s: bad argument \"%s\"; usage: %s "
			              "[--quick] [--msi | --no-msi] [--only "
			              "<area[.test]>] [--backend-name <name>] "
			              "[--port <port>]%s\n",
			              argv[0], a, argv[0],
			              machine ? " [--machine <name>]" : "");
			return -1;
		}
	}
	return 0;
}

int ddekit_conformance_teardown(int failures, int deinit_result,
                                const char *leftovers)
{
	int clean = deinit_result == 0 && !leftovers;

	if (deinit_result < 0)
		ddekit_printf("teardown: ddekit_deinit() returned %d (%s)\n",
		              deinit_result, ddekit_errname(deinit_result));
	if (leftovers)
		ddekit_printf("teardown: still alive after deinit: %s\n",
		              leftovers);
	if (clean)
		ddekit_printf("teardown: clean (ddekit_deinit ok, no host "
		              "objects alive)\n");
	return failures || !clean ? 1 : 0;
}
