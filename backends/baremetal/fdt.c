/*
 * fdt.c — the hardware description: what cannot be enumerated (COM1, the
 * legacy IDE channels) as a flattened device tree. machine.dts is built in
 * (fdt_blob.S); a valid FDT passed as a Multiboot module replaces it
 * (qemu -kernel <image> -initrd <file.dtb>). Read with Debian's libfdt.a,
 * which needs only the string functions of libc/ and stack_guard.c; it
 * keeps nothing below %rsp (no red zone use in its code), so it may run
 * with interrupts on, on any thread.
 */
#include <libfdt.h>

#include <ddekit/errno.h>

#include "baremetal.h"
#include "bm.h"

extern const char bm_fdt_builtin[], bm_fdt_builtin_end[];

static const void *fdt;
static int fdt_module = -1;

/* The first module that is an FDT, or -1. One that claims to be (magic)
 * but is damaged stops the boot: running on the built-in description
 * instead would hide the mistake. */
static int find_module(void)
{
	unsigned i;

	for (i = 0; i < bm_module_count; i++) {
		const struct bm_module *m = &bm_modules[i];
		int r;

		if (m->len < sizeof(struct fdt_header) ||
		    fdt_magic(m->data) != FDT_MAGIC)
			continue;
		r = fdt_check_header(m->data);
		if (r == 0 && fdt_totalsize(m->data) > m->len)
			r = -FDT_ERR_TRUNCATED;
		if (r != 0)
			bm_panic("Multiboot module %u is a damaged FDT: %s", i,
			         fdt_strerror(r));
		return (int)i;
	}
	return -1;
}

/* /chosen/stdout-path ("path[:options]") -> its UART, if it is one. */
static void console_from_fdt(void)
{
	const char *path, *colon;
	const fdt32_t *reg, *speed;
	int node, len;
	unsigned baud = 115200;

	node = fdt_path_offset(fdt, "/chosen");
	path = node < 0 ? NULL : fdt_getprop(fdt, node, "stdout-path", &len);
	if (!path || len < 2) {
		bm_printf("bare metal: no /chosen/stdout-path; console stays "
		          "on COM1\n");
		return;
	}
	for (colon = path; *colon && *colon != ':'; colon++)
		;
	node = fdt_path_offset_namelen(fdt, path, (int)(colon - path));
	reg = node < 0 ? NULL : fdt_getprop(fdt, node, "reg", &len);
	if (!reg || len < 8 ||
	    fdt_node_check_compatible(fdt, node, "ns16550a") != 0 ||
	    fdt32_to_cpu(reg[0]) > 0xfff8) {
		bm_printf("bare metal: stdout-path %s is not an ns16550a with "
		          "an I/O port; console stays on COM1\n",
		          path);
		return;
	}
	speed = fdt_getprop(fdt, node, "current-speed", &len);
	if (speed && len == 4 && fdt32_to_cpu(*speed) != 0 &&
	    fdt32_to_cpu(*speed) <= 115200)
		baud = fdt32_to_cpu(*speed);
	bm_printf("bare metal: console on %s (port 0x%x, %u baud)\n", path,
	          fdt32_to_cpu(reg[0]), baud);
	bm_serial_setup((uint16_t)fdt32_to_cpu(reg[0]), 115200 / baud);
}

void bm_fdt_init(void)
{
	const char *model;
	int r;

	fdt_module = find_module();
	fdt = fdt_module >= 0 ? bm_modules[fdt_module].data
	                      : (const void *)bm_fdt_builtin;
	r = fdt_check_header(fdt);
	if (r != 0)
		bm_panic("the built-in FDT is damaged: %s", fdt_strerror(r));
	model = fdt_getprop(fdt, 0, "model", NULL);
	if (fdt_module >= 0)
		bm_printf("bare metal: hardware description from Multiboot "
		          "module %d: %s\n",
		          fdt_module, model ? model : "(no model)");
	else
		bm_printf("bare metal: hardware description built in: %s\n",
		          model ? model : "(no model)");
	console_from_fdt();
}

const void *baremetal_fdt(void)
{
	return fdt;
}

int baremetal_fdt_from_module(void)
{
	return fdt_module >= 0;
}

int baremetal_isa_device(const char *compatible, unsigned index,
                         struct baremetal_isa_device *out)
{
	const fdt32_t *reg, *irq;
	int isa, node, len, i;

	isa = fdt_path_offset(fdt, "/isa");
	if (isa < 0)
		return -DDEKIT_ENOENT;
	fdt_for_each_subnode(node, fdt, isa)
	{
		if (fdt_node_check_compatible(fdt, node, compatible) != 0)
			continue;
		if (index-- > 0)
			continue;
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (!reg || len <= 0 || len % 8 != 0 ||
		    len / 8 > BAREMETAL_ISA_MAX_RANGES)
			return -DDEKIT_EINVAL;
		out->nports = (unsigned)(len / 8);
		for (i = 0; i < len / 8; i++) {
			uint32_t base = fdt32_to_cpu(reg[2 * i]);
			uint32_t n = fdt32_to_cpu(reg[2 * i + 1]);

			if (base > 0xffff || n == 0 || n > 0x10000 - base)
				return -DDEKIT_EINVAL;
			out->port[i].base = (uint16_t)base;
			out->port[i].len = n;
		}
		irq = fdt_getprop(fdt, node, "interrupts", &len);
		if (irq && (len != 4 || fdt32_to_cpu(*irq) > 15))
			return -DDEKIT_EINVAL;
		out->irq = irq ? (int)fdt32_to_cpu(*irq) : -1;
		out->name = fdt_get_name(fdt, node, NULL);
		return 0;
	}
	return -DDEKIT_ENOENT;
}
