/*
 * fdt_main.c — prints the hardware description the backend booted with
 * (built in, or the Multiboot module that replaced it), as a program sees
 * it: through baremetal_isa_device() and directly with libfdt.
 * tests/baremetal checks the lines for the built-in machine.dts and for
 * override.dts passed with -initrd.
 */
#include <libfdt.h>

#include <ddekit/errno.h>
#include <ddekit/printf.h>

#include "baremetal.h"

static int list(const char *compatible)
{
	struct baremetal_isa_device d;
	unsigned i, k;
	int r;

	for (i = 0; (r = baremetal_isa_device(compatible, i, &d)) == 0; i++) {
		char ports[80];
		int n = 0;

		for (k = 0; k < d.nports; k++)
			n += ddekit_snprintf(ports + n, sizeof(ports) - n,
			                     " 0x%x+%u", d.port[k].base,
			                     d.port[k].len);
		ddekit_printf("%s %u: %s ports%s irq %d\n", compatible, i,
		              d.name, ports, d.irq);
	}
	if (r != -DDEKIT_ENOENT) {
		ddekit_printf("%s %u: malformed (%d)\n", compatible, i, r);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const void *fdt = baremetal_fdt();
	const char *model;

	(void)argc;
	(void)argv;
	if (!fdt || fdt_check_header(fdt) != 0) {
		ddekit_printf("fdt: no valid description\n");
		return 1;
	}
	model = fdt_getprop(fdt, 0, "model", NULL);
	ddekit_printf("fdt: %s, model \"%s\", %u bytes\n",
	              baremetal_fdt_from_module() ? "from a Multiboot module"
	                                          : "built in",
	              model ? model : "", fdt_totalsize(fdt));
	if (list("ns16550a") || list("libdde,legacy-ide"))
		return 1;
	return 0;
}
