/*
 * pci.c — the PCI functions a posix_uio driver server owns.
 *
 * A function is owned when it is bound to uio_pci_generic or vfio-pci at
 * ddekit_host_init() (and named in LIBDDE_PCI_DEVICES, when that is set).
 * Functions bound to UIO are described and configured through libpciaccess;
 * functions bound to VFIO through their VFIO config region, because VFIO
 * virtualises parts of config space (interrupt state, BARs) that a write
 * behind its back through sysfs would confuse.
 */
#include "posix_uio.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <pciaccess.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Linux resource flags in the sysfs "resource" file. */
#define RES_IO     0x00000100ull
#define RES_MEM    0x00000200ull
#define RES_PREF   0x00002000ull
#define RES_MEM_64 0x00100000ull

#define CFG_VENDOR    0x00
#define CFG_REVISION  0x08
#define CFG_SUBVENDOR 0x2c
#define CFG_IRQ_PIN   0x3d

static atomic_bool none_told;

/* ---- finding the functions ----------------------------------------------- */

/* Normalises one LIBDDE_PCI_DEVICES entry to dddd:bb:dd.f; false if it
 * has another shape. */
static bool normalise_bdf(const char *in, size_t len, char out[16])
{
	char tmp[16];
	size_t i;

	if (len == 7) { /* bb:dd.f */
		if (len + 5 >= sizeof(tmp))
			return false;
		memcpy(tmp, "0000:", 5);
		memcpy(tmp + 5, in, len);
		len += 5;
	} else if (len == 12) {
		memcpy(tmp, in, len);
	} else {
		return false;
	}
	tmp[len] = '\0';
	for (i = 0; i < len; i++)
		tmp[i] = (char)tolower((unsigned char)tmp[i]);
	if (tmp[4] != ':' || tmp[7] != ':' || tmp[10] != '.')
		return false;
	memcpy(out, tmp, len + 1);
	return true;
}

/* Is @bdf named in the filter list @filter (NULL: no filter)? */
static bool filter_has(const char *filter, const char *bdf)
{
	const char *p = filter;

	if (!filter)
		return true;
	while (*p) {
		size_t len = strcspn(p, ", ");
		char name[16];

		if (len && normalise_bdf(p, len, name) && !strcmp(name, bdf))
			return true;
		p += len;
		p += strspn(p, ", ");
	}
	return false;
}

/* Warns about filter entries that are malformed or name no function. */
static void check_filter(const char *filter, char (*list)[16], int n)
{
	const char *p = filter;
	int i;

	while (*p) {
		size_t len = strcspn(p, ", ");
		char name[16];
		bool found = false;

		if (len && !normalise_bdf(p, len, name)) {
			posix_uio_log(
			    "posix_uio: LIBDDE_PCI_DEVICES: '%.*s' is "
			    "not a PCI address (want "
			    "0000:00:04.0 or 00:04.0)\n",
			    (int)len, p);
		} else if (len) {
			for (i = 0; i < n && !found; i++)
				found = !strcmp(list[i], name);
			if (!found)
				posix_uio_log("posix_uio: LIBDDE_PCI_DEVICES "
				              "names %s, but there is no such "
				              "PCI function\n",
				              name);
		}
		p += len;
		p += strspn(p, ", ");
	}
}

/* ---- describing a function ----------------------------------------------- */

static unsigned irq_line(struct pu_dev *d)
{
	char buf[32], *end;
	unsigned long n;

	if (!d->rec.irq_pin ||
	    pu_sysfs_read(d->bdf, "irq", buf, sizeof(buf)) <= 0)
		return 0xff;
	n = strtoul(buf, &end, 10);
	/* 0 means "none" to Linux; 0xff is the record's "none". */
	return *end || n == 0 || n >= 0xff ? 0xff : (unsigned)n;
}

static int setup_uio(struct pu_dev *d)
{
	struct pci_device *pa;
	int err, i;

	if (!pu.pciaccess) {
		err = pci_system_init();
		if (err) {
			posix_uio_log("posix_uio: libpciaccess cannot read the "
			              "PCI bus: %s\n",
			              strerror(err));
			return pu_err(err);
		}
		pu.pciaccess = true;
	}
	pa = pci_device_find_by_slot(d->rec.segment, d->rec.bus, d->rec.dev,
	                             d->rec.fn);
	if (!pa) {
		posix_uio_log("posix_uio: libpciaccess does not list %s\n",
		              d->bdf);
		return -DDEKIT_ENODEV;
	}
	err = pci_device_probe(pa);
	if (err) {
		posix_uio_log("posix_uio: reading the BARs of %s failed: %s\n",
		              d->bdf, strerror(err));
		return pu_err(err);
	}
	d->pa = pa;
	d->uio_index = pu_sysfs_uio_index(d->bdf);
	d->rec.vendor = pa->vendor_id;
	d->rec.device = pa->device_id;
	d->rec.subvendor = pa->subvendor_id;
	d->rec.subdevice = pa->subdevice_id;
	d->rec.class_code = pa->device_class & 0xffffffu;
	d->rec.revision = pa->revision;
	for (i = 0; i < 6; i++) {
		const struct pci_mem_region *r = &pa->regions[i];
		struct ddekit_host_pci_bar *bar = &d->rec.bar[i];

		if (!r->size)
			continue;
		bar->base = r->base_addr;
		bar->size = r->size;
		bar->flags = r->is_IO ? DDEKIT_HOST_BAR_IO : 0;
		if (!r->is_IO && r->is_64)
			bar->flags |= DDEKIT_HOST_BAR_MEM64;
		if (!r->is_IO && r->is_prefetchable)
			bar->flags |= DDEKIT_HOST_BAR_PREFETCH;
	}
	return 0;
}

/* BAR addresses of a VFIO function come from the kernel's resource table:
 * VFIO's virtual config space shows only what the user wrote there. */
static void vfio_bars(struct pu_dev *d)
{
	char buf[1024], *line;
	int i;

	if (pu_sysfs_read(d->bdf, "resource", buf, sizeof(buf)) <= 0)
		return;
	line = buf;
	for (i = 0; i < 6 && line; i++) {
		struct ddekit_host_pci_bar *bar = &d->rec.bar[i];
		unsigned long long start, end, flags;

		if (sscanf(line, "%llx %llx %llx", &start, &end, &flags) == 3 &&
		    end > start && (flags & (RES_IO | RES_MEM)) &&
		    d->bar[i].size) {
			bar->base = start;
			bar->size = end - start + 1;
			bar->flags = flags & RES_IO ? DDEKIT_HOST_BAR_IO : 0;
			if (flags & RES_MEM && flags & RES_MEM_64)
				bar->flags |= DDEKIT_HOST_BAR_MEM64;
			if (flags & RES_MEM && flags & RES_PREF)
				bar->flags |= DDEKIT_HOST_BAR_PREFETCH;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
}

static int setup_vfio(struct pu_dev *d)
{
	uint32_t id, rev, sub, pin;
	int rc;

	rc = pu_vfio_open(d);
	if (rc < 0)
		return rc;
	if (pu_cfg_read(d, CFG_VENDOR, 4, &id) < 0 ||
	    pu_cfg_read(d, CFG_REVISION, 4, &rev) < 0 ||
	    pu_cfg_read(d, CFG_SUBVENDOR, 4, &sub) < 0 ||
	    pu_cfg_read(d, CFG_IRQ_PIN, 1, &pin) < 0) {
		posix_uio_log("posix_uio: reading the config space of %s "
		              "through VFIO failed\n",
		              d->bdf);
		pu_vfio_close(d);
		return -DDEKIT_EIO;
	}
	d->rec.vendor = id & 0xffff;
	d->rec.device = id >> 16;
	d->rec.revision = rev & 0xff;
	d->rec.class_code = rev >> 8;
	d->rec.subvendor = sub & 0xffff;
	d->rec.subdevice = sub >> 16;
	vfio_bars(d);
	return 0;
}

static int setup(struct pu_dev *d, const char *bdf, enum pu_driver drv)
{
	unsigned seg, bus, dev, fn;
	uint32_t pin = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	snprintf(d->bdf, sizeof(d->bdf), "%s", bdf);
	d->drv = drv;
	d->vfio_fd = -1;
	d->uio_index = -1;
	if (sscanf(bdf, "%x:%x:%x.%x", &seg, &bus, &dev, &fn) != 4)
		return -DDEKIT_EINVAL;
	d->rec.segment = (uint16_t)seg;
	d->rec.bus = (uint8_t)bus;
	d->rec.dev = (uint8_t)dev;
	d->rec.fn = (uint8_t)fn;
	d->rec.host = d;
	rc = drv == PU_DRV_UIO ? setup_uio(d) : setup_vfio(d);
	if (rc < 0)
		return rc;
	if (pu_cfg_read(d, CFG_IRQ_PIN, 1, &pin) < 0)
		pin = 0;
	d->rec.irq_pin = pin <= 4 ? (uint8_t)pin : 0;
	d->rec.irq_line = (uint8_t)irq_line(d);
	if (pthread_mutex_init(&d->lock, NULL) != 0) {
		if (drv == PU_DRV_VFIO)
			pu_vfio_close(d);
		return -DDEKIT_ENOMEM;
	}
	return 0;
}

int pu_pci_init(void)
{
	const char *filter = getenv("LIBDDE_PCI_DEVICES");
	char(*list)[16] = NULL;
	int *drv = NULL; /* per function: its enum pu_driver, or -1 */
	int n, i, rc = 0;
	unsigned want = 0;

	if (filter && !*filter)
		filter = NULL;
	n = pu_sysfs_scan(&list);
	if (n < 0) {
		posix_uio_log("posix_uio: cannot list /sys/bus/pci/devices: "
		              "%s\n",
		              ddekit_strerror(n));
		return n;
	}
	if (filter)
		check_filter(filter, list, n);
	drv = calloc((size_t)n + 1, sizeof(*drv));
	if (!drv) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		char name[64];

		drv[i] = -1;
		if (!filter_has(filter, list[i]))
			continue;
		pu_sysfs_driver(list[i], name, sizeof(name));
		if (!strcmp(name, PU_UIO_DRIVER)) {
			drv[i] = PU_DRV_UIO;
		} else if (!strcmp(name, PU_VFIO_DRIVER)) {
			drv[i] = PU_DRV_VFIO;
		} else if (filter) {
			posix_uio_log(
			    "posix_uio: %s is %s%s, not to uio_pci_generic "
			    "or vfio-pci; bind it first: dde-bind --bind uio "
			    "%s (or --bind vfio)\n",
			    list[i],
			    name[0] ? "bound to " : "bound to no driver", name,
			    list[i]);
			continue;
		} else {
			continue;
		}
		want++;
	}
	pu.devs = calloc(want ? want : 1, sizeof(*pu.devs));
	if (!pu.devs) {
		rc = -DDEKIT_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (drv[i] < 0)
			continue;
		/* A function that cannot be set up was explained on the
		 * console; the others stay usable. */
		if (setup(&pu.devs[pu.ndevs], list[i],
		          (enum pu_driver)drv[i]) == 0)
			pu.ndevs++;
		else
			pu.unusable++;
	}
out:
	free(drv);
	free(list);
	return rc;
}

void pu_pci_fini(void)
{
	unsigned i;

	for (i = 0; i < pu.ndevs; i++) {
		struct pu_dev *d = &pu.devs[i];

		if (d->drv == PU_DRV_VFIO)
			pu_vfio_close(d);
		pthread_mutex_destroy(&d->lock);
	}
	free(pu.devs);
	pu.devs = NULL;
	pu.ndevs = 0;
	if (pu.pciaccess)
		pci_system_cleanup();
	pu.pciaccess = false;
}

struct pu_dev *pu_dev_of(const struct ddekit_host_pci_fn *fn)
{
	struct pu_dev *d;

	if (!fn || !pu.devs)
		return NULL;
	d = fn->host;
	for (unsigned i = 0; i < pu.ndevs; i++)
		if (d == &pu.devs[i])
			return d;
	return NULL;
}

/* ---- config space -------------------------------------------------------- */

static int cfg_check(unsigned off, unsigned width)
{
	if (width != 1 && width != 2 && width != 4)
		return -DDEKIT_EINVAL;
	if (off % width || off + width > PU_CFG_SIZE)
		return -DDEKIT_EINVAL;
	return 0;
}

int pu_cfg_read(struct pu_dev *d, unsigned off, unsigned width, uint32_t *val)
{
	uint8_t b[4] = {0};
	pciaddr_t got = 0;
	ssize_t n;
	int rc = cfg_check(off, width);

	if (rc < 0)
		return rc;
	if (d->drv == PU_DRV_UIO) {
		if (pci_device_cfg_read(d->pa, b, off, width, &got) ||
		    got != width)
			return -DDEKIT_EIO;
	} else {
		if (off + width > d->cfg.size)
			return -DDEKIT_EINVAL;
		n = pread(d->vfio_fd, b, width, (off_t)(d->cfg.offset + off));
		if (n != (ssize_t)width)
			return -DDEKIT_EIO;
	}
	/* Config space is little-endian. */
	*val = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
	return 0;
}

int pu_cfg_write(struct pu_dev *d, unsigned off, unsigned width, uint32_t val)
{
	uint8_t b[4] = {(uint8_t)val, (uint8_t)(val >> 8), (uint8_t)(val >> 16),
	                (uint8_t)(val >> 24)};
	pciaddr_t put = 0;
	ssize_t n;
	int rc = cfg_check(off, width);

	if (rc < 0)
		return rc;
	if (d->drv == PU_DRV_UIO) {
		if (pci_device_cfg_write(d->pa, b, off, width, &put) ||
		    put != width)
			return -DDEKIT_EIO;
	} else {
		if (off + width > d->cfg.size)
			return -DDEKIT_EINVAL;
		n = pwrite(d->vfio_fd, b, width, (off_t)(d->cfg.offset + off));
		if (n != (ssize_t)width)
			return -DDEKIT_EIO;
	}
	return 0;
}

/* ---- the host interface -------------------------------------------------- */

int ddekit_host_pci_enumerate(struct ddekit_host_pci_fn *fns, unsigned max,
                              unsigned *count)
{
	unsigned i;

	if (!count || (max && !fns))
		return -DDEKIT_EINVAL;
	if (!pu.ndevs && pu.unusable)
		posix_uio_log_once(&none_told,
		                   "posix_uio: the PCI functions bound to "
		                   "uio_pci_generic or vfio-pci cannot be used "
		                   "(see above why), so this driver server has "
		                   "no PCI device\n");
	else if (!pu.ndevs)
		posix_uio_log_once(
		    &none_told,
		    "posix_uio: no PCI function is bound to uio_pci_generic "
		    "or vfio-pci, so this driver server has no PCI device; "
		    "run 'dde-bind' to list the functions and bind one with "
		    "'dde-bind --bind uio <bdf>' or 'dde-bind --bind vfio "
		    "<bdf>'\n");
	for (i = 0; i < pu.ndevs && i < max; i++)
		fns[i] = pu.devs[i].rec;
	*count = pu.ndevs;
	return 0;
}

int ddekit_host_pci_cfg_read(const struct ddekit_host_pci_fn *fn, unsigned off,
                             unsigned width, uint32_t *val)
{
	struct pu_dev *d = pu_dev_of(fn);

	if (!d)
		return -DDEKIT_ENODEV;
	if (!val)
		return -DDEKIT_EINVAL;
	return pu_cfg_read(d, off, width, val);
}

/*
 * While posix_uio owns a UIO function's INTx, the INTx-disable bit of its
 * command register is the interrupt mask (the kernel sets it, irq.c clears
 * it). A caller's read-modify-write of the register (bus mastering) may
 * carry a stale copy of the bit; the current one is kept instead, so the
 * line is neither left masked for good nor unmasked too early. Caller
 * holds d->lock.
 */
static int keep_intx_mask(struct pu_dev *d, unsigned off, unsigned width,
                          uint32_t *val)
{
	const unsigned byte = PU_CFG_COMMAND + 1; /* holds bit 10 */
	uint32_t cmd, bit;
	int rc;

	if (d->drv != PU_DRV_UIO || !d->intx_attached || off > byte ||
	    off + width <= byte)
		return 0;
	rc = pu_cfg_read(d, PU_CFG_COMMAND, 2, &cmd);
	if (rc < 0)
		return rc;
	/* The register starts at byte 4 of the access, or byte 5 starts
	 * the access. */
	if (off <= PU_CFG_COMMAND) {
		bit = PU_CMD_INTX_DISABLE << 8 * (PU_CFG_COMMAND - off);
		cmd <<= 8 * (PU_CFG_COMMAND - off);
	} else {
		bit = PU_CMD_INTX_DISABLE >> 8;
		cmd >>= 8;
	}
	*val = (*val & ~bit) | (cmd & bit);
	return 0;
}

int ddekit_host_pci_cfg_write(const struct ddekit_host_pci_fn *fn, unsigned off,
                              unsigned width, uint32_t val)
{
	struct pu_dev *d = pu_dev_of(fn);
	int rc;

	if (!d)
		return -DDEKIT_ENODEV;
	pthread_mutex_lock(&d->lock);
	rc = keep_intx_mask(d, off, width, &val);
	if (rc == 0)
		rc = pu_cfg_write(d, off, width, val);
	pthread_mutex_unlock(&d->lock);
	return rc;
}

int ddekit_host_pci_enable(const struct ddekit_host_pci_fn *fn)
{
	struct pu_dev *d = pu_dev_of(fn);
	uint32_t cmd, want = 0;
	int rc, i;

	if (!d)
		return -DDEKIT_ENODEV;
	/* The kernel driver (uio_pci_generic's probe, or VFIO when the
	 * device file was opened) has powered the function up; what is
	 * left is decoding of the BARs it has. */
	for (i = 0; i < 6; i++) {
		if (!d->rec.bar[i].size)
			continue;
		want |= d->rec.bar[i].flags & DDEKIT_HOST_BAR_IO
		            ? PU_CMD_IO
		            : PU_CMD_MEMORY;
	}
	pthread_mutex_lock(&d->lock);
	rc = pu_cfg_read(d, PU_CFG_COMMAND, 2, &cmd);
	if (rc == 0 && (cmd & want) != want)
		rc = pu_cfg_write(d, PU_CFG_COMMAND, 2, cmd | want);
	pthread_mutex_unlock(&d->lock);
	return rc;
}
