/*
 * machine.c — loading a machine description (.dtb) and the device registry.
 *
 * The tree format is documented in tests/mock/machines/pc.dts. Loading is
 * strict: anything the mock cannot simulate faithfully (a missing property,
 * an unknown model, a BAR that is not a power of two) is refused with a
 * message, because a test running on a half-understood machine would test
 * nothing.
 */
#include "mock_internal.h"

#include <errno.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef LIBDDE_MOCK_MACHINE_DIR
#define LIBDDE_MOCK_MACHINE_DIR "."
#endif

struct mock_machine *mock__machine;

static const struct mock_model *const models[] = {
    &mock_model_edu,
    &mock_model_uart,
    &mock_model_scratch,
    &mock_model_e1000,
    NULL,
};

struct loader {
	const char *path;
	const void *fdt;
	struct mock_machine *m;
	unsigned cap;
};

static void load_error(const struct loader *ld, int node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void load_error(const struct loader *ld, int node, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mock: machine %s", ld->path);
	if (node > 0)
		fprintf(stderr, ", node %s", fdt_get_name(ld->fdt, node, NULL));
	fprintf(stderr, ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
}

static const struct mock_model *find_model(const char *compatible)
{
	for (unsigned i = 0; models[i]; i++)
		if (strcmp(models[i]->compatible, compatible) == 0)
			return models[i];
	return NULL;
}

/* Reads @n cells of property @prop; returns false (with a message) when it
 * is missing or has another length. */
static bool get_cells(const struct loader *ld, int node, const char *prop,
                      uint32_t *out, int n)
{
	const fdt32_t *v;
	int len;

	v = fdt_getprop(ld->fdt, node, prop, &len);
	if (!v) {
		load_error(ld, node, "property \"%s\" is missing", prop);
		return false;
	}
	if (len != n * (int)sizeof(fdt32_t)) {
		load_error(ld, node, "property \"%s\" must have %d cell(s)",
		           prop, n);
		return false;
	}
	for (int i = 0; i < n; i++)
		out[i] = fdt32_to_cpu(v[i]);
	return true;
}

static bool get_u32_max(const struct loader *ld, int node, const char *prop,
                        uint32_t max, uint32_t *out)
{
	if (!get_cells(ld, node, prop, out, 1))
		return false;
	if (*out > max) {
		load_error(ld, node, "\"%s\" = 0x%x is larger than 0x%x", prop,
		           *out, max);
		return false;
	}
	return true;
}

static bool get_u64(const struct loader *ld, int node, const char *prop,
                    uint64_t *out)
{
	uint32_t c[2];

	if (!get_cells(ld, node, prop, c, 2))
		return false;
	*out = (uint64_t)c[0] << 32 | c[1];
	return true;
}

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

static int add_device(struct loader *ld, int node, bool pci,
                      struct mock_device **out)
{
	struct mock_machine *m = ld->m;
	const char *compat = fdt_getprop(ld->fdt, node, "compatible", NULL);
	const struct mock_model *model;
	struct mock_device *dev;
	pthread_mutexattr_t attr;

	if (!compat) {
		load_error(ld, node, "property \"compatible\" is missing");
		return -DDEKIT_EINVAL;
	}
	model = find_model(compat);
	if (!model) {
		load_error(ld, node, "no device model for compatible \"%s\"",
		           compat);
		return -DDEKIT_ENODEV;
	}
	if (m->ndev == ld->cap) {
		unsigned cap = ld->cap ? 2 * ld->cap : 8;
		struct mock_device **d = realloc(m->dev, cap * sizeof(*d));

		if (!d)
			return -DDEKIT_ENOMEM;
		m->dev = d;
		ld->cap = cap;
	}
	dev = calloc(1, sizeof(*dev));
	if (!dev)
		return -DDEKIT_ENOMEM;
	dev->name = strdup(fdt_get_name(ld->fdt, node, NULL));
	if (!dev->name) {
		free(dev);
		return -DDEKIT_ENOMEM;
	}
	dev->model = model;
	dev->pci = pci;
	dev->line = 0xff;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&dev->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	m->dev[m->ndev++] = dev;
	*out = dev;
	return 0;
}

static int parse_bar(struct loader *ld, struct mock_device *dev, int node)
{
	const char *type = fdt_getprop(ld->fdt, node, "type", NULL);
	uint32_t index;
	uint64_t base, size;
	struct mock_bar *b;

	if (!get_u32_max(ld, node, "index", 5, &index) ||
	    !get_u64(ld, node, "base", &base) ||
	    !get_u64(ld, node, "size", &size))
		return -DDEKIT_EINVAL;
	if (!type) {
		load_error(ld, node, "property \"type\" is missing");
		return -DDEKIT_EINVAL;
	}
	b = &dev->bar[index];
	if (b->size ||
	    (index > 0 && dev->bar[index - 1].flags & DDEKIT_HOST_BAR_MEM64)) {
		load_error(ld, node, "BAR %u is defined twice", index);
		return -DDEKIT_EINVAL;
	}
	if (strcmp(type, "io") == 0) {
		b->flags = DDEKIT_HOST_BAR_IO;
		if (size < 4 || size > 256 || base + size > 0x10000) {
			load_error(ld, node,
			           "I/O BARs are 4..256 bytes below 0x10000");
			return -DDEKIT_EINVAL;
		}
	} else if (strcmp(type, "mem64") == 0) {
		b->flags = DDEKIT_HOST_BAR_MEM64;
		if (index == 5) {
			load_error(ld, node, "a 64-bit BAR cannot be BAR 5");
			return -DDEKIT_EINVAL;
		}
	} else if (strcmp(type, "mem") == 0) {
		if (size > 0x80000000u || base + size > 0x100000000u) {
			load_error(ld, node,
			           "a 32-bit BAR must lie below 4 GiB");
			return -DDEKIT_EINVAL;
		}
	} else {
		load_error(ld, node, "type \"%s\" is not mem, mem64 or io",
		           type);
		return -DDEKIT_EINVAL;
	}
	if (!(b->flags & DDEKIT_HOST_BAR_IO) && size < 16) {
		load_error(ld, node, "memory BARs are at least 16 bytes");
		return -DDEKIT_EINVAL;
	}
	if (!is_pow2(size) || (base & (size - 1))) {
		load_error(
		    ld, node,
		    "size must be a power of two and base aligned to it");
		return -DDEKIT_EINVAL;
	}
	if (index < 5 && (b->flags & DDEKIT_HOST_BAR_MEM64) &&
	    dev->bar[index + 1].size) {
		load_error(ld, node, "BAR %u is defined twice", index + 1);
		return -DDEKIT_EINVAL;
	}
	b->base = base;
	b->size = size;
	return 0;
}

static int parse_pci(struct loader *ld, int node)
{
	struct mock_device *dev;
	struct ddekit_host_pci_fn *fn;
	uint32_t reg[3], v;
	int child, rc;

	rc = add_device(ld, node, true, &dev);
	if (rc < 0)
		return rc;
	fn = &dev->fn;
	if (!get_cells(ld, node, "reg", reg, 3))
		return -DDEKIT_EINVAL;
	if (reg[0] > 255 || reg[1] > 31 || reg[2] > 7) {
		load_error(ld, node,
		           "reg must be <bus 0..255 slot 0..31 "
		           "function 0..7>");
		return -DDEKIT_EINVAL;
	}
	fn->bus = (uint8_t)reg[0];
	fn->dev = (uint8_t)reg[1];
	fn->fn = (uint8_t)reg[2];

	if (!get_u32_max(ld, node, "vendor-id", 0xfffe, &v))
		return -DDEKIT_EINVAL;
	fn->vendor = (uint16_t)v;
	if (!get_u32_max(ld, node, "device-id", 0xffff, &v))
		return -DDEKIT_EINVAL;
	fn->device = (uint16_t)v;
	if (!get_u32_max(ld, node, "subsystem-vendor-id", 0xffff, &v))
		return -DDEKIT_EINVAL;
	fn->subvendor = (uint16_t)v;
	if (!get_u32_max(ld, node, "subsystem-id", 0xffff, &v))
		return -DDEKIT_EINVAL;
	fn->subdevice = (uint16_t)v;
	if (!get_u32_max(ld, node, "class-code", 0xffffff, &fn->class_code))
		return -DDEKIT_EINVAL;
	if (!get_u32_max(ld, node, "revision", 0xff, &v))
		return -DDEKIT_EINVAL;
	fn->revision = (uint8_t)v;
	if (!get_u32_max(ld, node, "interrupt-line", 0xff, &v))
		return -DDEKIT_EINVAL;
	fn->irq_line = (uint8_t)v;
	if (!get_u32_max(ld, node, "interrupt-pin", 4, &v))
		return -DDEKIT_EINVAL;
	fn->irq_pin = (uint8_t)v;
	dev->line = fn->irq_pin ? fn->irq_line : 0xff;
	if (fdt_getprop(ld->fdt, node, "msi-vectors", NULL)) {
		if (!get_u32_max(ld, node, "msi-vectors", 32, &v))
			return -DDEKIT_EINVAL;
		if (v && !is_pow2(v)) {
			load_error(ld, node,
			           "msi-vectors must be a power of "
			           "two (1..32)");
			return -DDEKIT_EINVAL;
		}
		dev->msi_vectors = v;
	}

	fdt_for_each_subnode(child, ld->fdt, node)
	{
		rc = parse_bar(ld, dev, child);
		if (rc < 0)
			return rc;
	}
	for (unsigned i = 0; i < 6; i++) {
		fn->bar[i].base = dev->bar[i].base;
		fn->bar[i].size = dev->bar[i].size;
		fn->bar[i].flags = dev->bar[i].flags;
	}
	fn->host = dev;
	mock__pci_setup(dev);
	return 0;
}

static int parse_isa(struct loader *ld, int node)
{
	struct mock_device *dev;
	uint32_t reg[2], line;
	int rc;

	rc = add_device(ld, node, false, &dev);
	if (rc < 0)
		return rc;
	if (!get_cells(ld, node, "reg", reg, 2))
		return -DDEKIT_EINVAL;
	if (reg[1] == 0 || reg[0] + (uint64_t)reg[1] > 0x10000) {
		load_error(ld, node, "reg must be <port count> below 0x10000");
		return -DDEKIT_EINVAL;
	}
	dev->port = reg[0];
	dev->nports = reg[1];
	if (fdt_getprop(ld->fdt, node, "interrupts", NULL)) {
		if (!get_u32_max(ld, node, "interrupts", 255, &line))
			return -DDEKIT_EINVAL;
		dev->line = line;
	}
	return 0;
}

static int cmp_bdf(const void *a, const void *b)
{
	const struct mock_device *x = *(struct mock_device *const *)a;
	const struct mock_device *y = *(struct mock_device *const *)b;
	unsigned kx = x->fn.bus << 8 | x->fn.dev << 3 | x->fn.fn;
	unsigned ky = y->fn.bus << 8 | y->fn.dev << 3 | y->fn.fn;

	return (kx > ky) - (kx < ky);
}

static int check_overlaps(struct loader *ld)
{
	struct mock_machine *m = ld->m;

	for (unsigned i = 1; i < m->npci; i++) {
		if (cmp_bdf(&m->dev[i - 1], &m->dev[i]) == 0) {
			load_error(ld, 0, "%s and %s have the same address",
			           m->dev[i - 1]->name, m->dev[i]->name);
			return -DDEKIT_EINVAL;
		}
	}
	return 0;
}

static int parse_tree(struct loader *ld)
{
	const void *fdt = ld->fdt;
	int bus, node, rc;

	if (fdt_node_check_compatible(fdt, 0, "libdde,mock-machine") != 0) {
		load_error(ld, 0,
		           "the root is not compatible with "
		           "\"libdde,mock-machine\"");
		return -DDEKIT_EINVAL;
	}
	bus = fdt_subnode_offset(fdt, 0, "pci");
	if (bus >= 0) {
		fdt_for_each_subnode(node, fdt, bus)
		{
			rc = parse_pci(ld, node);
			if (rc < 0)
				return rc;
		}
	}
	ld->m->npci = ld->m->ndev;
	if (ld->m->npci)
		qsort(ld->m->dev, ld->m->npci, sizeof(*ld->m->dev), cmp_bdf);
	rc = check_overlaps(ld);
	if (rc < 0)
		return rc;
	bus = fdt_subnode_offset(fdt, 0, "isa");
	if (bus >= 0) {
		fdt_for_each_subnode(node, fdt, bus)
		{
			rc = parse_isa(ld, node);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* Models are created only once the whole tree parsed, each with its node. */
static int create_models(struct loader *ld)
{
	struct mock_machine *m = ld->m;

	for (unsigned i = 0; i < m->ndev; i++) {
		struct mock_device *dev = m->dev[i];
		char path[128];
		int node, rc;

		snprintf(path, sizeof(path), "/%s/%s", dev->pci ? "pci" : "isa",
		         dev->name);
		node = fdt_path_offset(ld->fdt, path);
		if (!dev->model->create)
			continue;
		rc = dev->model->create(dev, ld->fdt, node);
		if (rc < 0) {
			load_error(ld, node, "model %s refused it (%d)",
			           dev->model->compatible, rc);
			/* destroy() must not run for a model never created */
			dev->model = NULL;
			return rc;
		}
	}
	return 0;
}

static void free_machine(struct mock_machine *m)
{
	if (!m)
		return;
	for (unsigned i = 0; i < m->ndev; i++) {
		struct mock_device *dev = m->dev[i];

		if (dev->model && dev->model->destroy)
			dev->model->destroy(dev);
		pthread_mutex_destroy(&dev->lock);
		free(dev->name);
		free(dev);
	}
	free(m->dev);
	free(m->name);
	free(m);
}

static int read_file(const char *path, void **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;
	int rc = 0;

	if (!f) {
		rc = errno == ENOENT ? -DDEKIT_ENOENT : -DDEKIT_EIO;
		fprintf(stderr, "mock: cannot open machine %s: %s\n", path,
		        strerror(errno));
		return rc;
	}
	for (;;) {
		if (n == cap) {
			char *b;

			cap = cap ? 2 * cap : 4096;
			b = realloc(buf, cap);
			if (!b) {
				rc = -DDEKIT_ENOMEM;
				goto out;
			}
			buf = b;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "mock: cannot read machine %s\n", path);
		rc = -DDEKIT_EIO;
	}
out:
	fclose(f);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out = buf;
	*len = n;
	return 0;
}

static int machine_path(const char *name, char *path, size_t len)
{
	size_t n = strlen(name);
	const char *dir;

	if (n > 4 && strcmp(name + n - 4, ".dtb") == 0)
		dir = NULL;
	else if (strchr(name, '/') || n == 0) {
		fprintf(stderr,
		        "mock: \"%s\" is neither a machine name nor a "
		        ".dtb path\n",
		        name);
		return -DDEKIT_EINVAL;
	} else {
		dir = getenv("LIBDDE_MOCK_MACHINES");
		if (!dir || !*dir)
			dir = LIBDDE_MOCK_MACHINE_DIR;
	}
	if ((size_t)snprintf(path, len, "%s%s%s%s", dir ? dir : "",
	                     dir ? "/" : "", name, dir ? ".dtb" : "") >= len) {
		fprintf(stderr, "mock: machine path too long: %s\n", name);
		return -DDEKIT_EINVAL;
	}
	return 0;
}

/*
 * Loading over a loaded machine unloads it first. Settings made while no
 * machine is loaded (mock_set_iommu(), mock_io_deny(), console capture,
 * mock_fail_alloc_after()) are kept, so a test may make them before or after
 * loading; mock_machine_unload() restores every default.
 */
int mock_machine_load(const char *name)
{
	struct loader ld = {0};
	char path[4096];
	void *fdt = NULL;
	size_t len;
	int rc;

	if (mock__machine)
		mock_machine_unload();
	mock__trace_reset();
	mock__irq_reset();
	if (!name)
		return -DDEKIT_EINVAL;
	rc = machine_path(name, path, sizeof(path));
	if (rc < 0)
		return rc;
	rc = read_file(path, &fdt, &len);
	if (rc < 0)
		return rc;
	ld.path = path;
	ld.fdt = fdt;
	if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) != 0 ||
	    fdt_totalsize(fdt) > len) {
		load_error(&ld, 0, "not a valid flattened device tree (.dtb)");
		rc = -DDEKIT_EINVAL;
		goto out;
	}
	ld.m = calloc(1, sizeof(*ld.m));
	if (!ld.m) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	ld.m->name = strdup(name);
	if (!ld.m->name) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	rc = parse_tree(&ld);
	if (rc == 0)
		rc = create_models(&ld);
	if (rc == 0) {
		mock__machine = ld.m;
		ld.m = NULL;
	}
out:
	free_machine(ld.m);
	free(fdt);
	return rc;
}

void mock_machine_unload(void)
{
	mock__irq_reset();
	mock__mmio_reset();
	mock__io_reset();
	mock__memory_reset();
	mock__trace_reset();
	mock__console_reset();
	mock__host_reset();
	free_machine(mock__machine);
	mock__machine = NULL;
}

struct mock_device *mock__device_of(const struct ddekit_host_pci_fn *fn)
{
	struct mock_machine *m = mock__machine;

	if (!fn || !m)
		return NULL;
	for (unsigned i = 0; i < m->npci; i++)
		if (m->dev[i] == fn->host)
			return m->dev[i];
	return NULL;
}

void mock__device_lock(struct mock_device *dev)
{
	pthread_mutex_lock(&dev->lock);
}

void mock__device_unlock(struct mock_device *dev)
{
	pthread_mutex_unlock(&dev->lock);
}

void mock_device_set_priv(struct mock_device *dev, void *priv)
{
	dev->priv = priv;
}

void *mock_device_priv(struct mock_device *dev)
{
	return dev->priv;
}

const char *mock_device_name(struct mock_device *dev)
{
	return dev->name;
}
