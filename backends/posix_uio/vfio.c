/*
 * vfio.c — the VFIO side of posix_uio: one container with the type1 IOMMU,
 * the groups of the owned functions, their device file descriptors, regions
 * and interrupt index setup.
 *
 * Every group joins the one container, so one set of IOMMU mappings (the
 * DMA memory of memory.c) serves every owned function, as DDEKit's single
 * bus address space for a driver server requires.
 */
#include "posix_uio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/vfio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct pu_vfio_group {
	struct pu_vfio_group *next;
	int number;
	int fd;
	unsigned users;
};

static int container = -1;
static int iommu_type; /* VFIO_TYPE1v2_IOMMU / VFIO_TYPE1_IOMMU once set */
static struct pu_vfio_group *groups;

static int open_container(void)
{
	int fd, rc;

	if (container >= 0)
		return 0;
	fd = open("/dev/vfio/vfio", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = pu_err(errno);
		if (errno == ENOENT)
			posix_uio_log("posix_uio: no /dev/vfio/vfio: load the "
			              "VFIO modules (modprobe vfio-pci) or "
			              "bind the device to uio_pci_generic "
			              "instead (dde-bind --bind uio <bdf>)\n");
		else
			posix_uio_log("posix_uio: cannot open /dev/vfio/vfio: "
			              "%s%s\n",
			              strerror(errno),
			              errno == EACCES ? " (run as root)" : "");
		return rc;
	}
	if (ioctl(fd, VFIO_GET_API_VERSION) != VFIO_API_VERSION) {
		posix_uio_log("posix_uio: /dev/vfio/vfio speaks another VFIO "
		              "API version than this build expects (%d)\n",
		              VFIO_API_VERSION);
		close(fd);
		return -DDEKIT_EPROTO;
	}
	if (ioctl(fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0) {
		iommu_type = VFIO_TYPE1v2_IOMMU;
	} else if (ioctl(fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) > 0) {
		iommu_type = VFIO_TYPE1_IOMMU;
	} else {
		posix_uio_log("posix_uio: VFIO offers no type1 IOMMU: load "
		              "vfio_iommu_type1 (modprobe vfio_iommu_type1)\n");
		close(fd);
		return -DDEKIT_ENOSYS;
	}
	container = fd;
	return 0;
}

/* Lists the members of group @n with their drivers, for the "not viable"
 * message. */
static void log_group_members(int n)
{
	char path[64], drv[64];
	struct dirent *e;
	DIR *dir;

	snprintf(path, sizeof(path), "/sys/kernel/iommu_groups/%d/devices", n);
	dir = opendir(path);
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		pu_sysfs_driver(e->d_name, drv, sizeof(drv));
		posix_uio_log("posix_uio:   group %d member %s: %s\n", n,
		              e->d_name, drv[0] ? drv : "no driver");
	}
	closedir(dir);
}

static int group_get(int n, struct pu_vfio_group **out)
{
	struct vfio_group_status status = {.argsz = sizeof(status)};
	struct pu_vfio_group *g;
	char path[32];
	int rc;

	for (g = groups; g; g = g->next) {
		if (g->number == n) {
			g->users++;
			*out = g;
			return 0;
		}
	}
	g = calloc(1, sizeof(*g));
	if (!g)
		return -DDEKIT_ENOMEM;
	g->number = n;
	snprintf(path, sizeof(path), "/dev/vfio/%d", n);
	g->fd = open(path, O_RDWR | O_CLOEXEC);
	if (g->fd < 0) {
		rc = pu_err(errno);
		posix_uio_log("posix_uio: cannot open %s: %s%s\n", path,
		              strerror(errno),
		              errno == EACCES   ? " (run as root, or give the "
		                                  "user the group's device file)"
		              : errno == EBUSY  ? " (another process uses the "
		                                  "group)"
		              : errno == ENOENT ? " (is vfio-pci loaded?)"
		                                : "");
		goto out_free;
	}
	if (ioctl(g->fd, VFIO_GROUP_GET_STATUS, &status) < 0) {
		rc = pu_err(errno);
		posix_uio_log("posix_uio: VFIO_GROUP_GET_STATUS on %s: %s\n",
		              path, strerror(errno));
		goto out_close;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		posix_uio_log(
		    "posix_uio: IOMMU group %d not viable: bind "
		    "every device of the group to vfio-pci or unbind "
		    "it (dde-bind --bind vfio <bdf> / --unbind <bdf>)\n",
		    n);
		log_group_members(n);
		rc = -DDEKIT_EBUSY;
		goto out_close;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) &&
	    ioctl(g->fd, VFIO_GROUP_SET_CONTAINER, &container) < 0) {
		rc = pu_err(errno);
		posix_uio_log("posix_uio: adding IOMMU group %d to the VFIO "
		              "container failed: %s\n",
		              n, strerror(errno));
		goto out_close;
	}
	/* The IOMMU model is chosen once, after the first group joined. */
	if (!groups && ioctl(container, VFIO_SET_IOMMU, iommu_type) < 0) {
		rc = pu_err(errno);
		posix_uio_log("posix_uio: VFIO_SET_IOMMU failed: %s\n",
		              strerror(errno));
		ioctl(g->fd, VFIO_GROUP_UNSET_CONTAINER);
		goto out_close;
	}
	g->users = 1;
	g->next = groups;
	groups = g;
	*out = g;
	return 0;

out_close:
	close(g->fd);
out_free:
	free(g);
	return rc;
}

static void group_put(struct pu_vfio_group *g)
{
	struct pu_vfio_group **pp;

	if (--g->users)
		return;
	for (pp = &groups; *pp; pp = &(*pp)->next) {
		if (*pp == g) {
			*pp = g->next;
			break;
		}
	}
	ioctl(g->fd, VFIO_GROUP_UNSET_CONTAINER);
	close(g->fd);
	free(g);
	if (!groups && container >= 0) {
		close(container);
		container = -1;
	}
}

static int region_info(struct pu_dev *d, unsigned index, struct pu_region *r)
{
	struct vfio_region_info info = {.argsz = sizeof(info), .index = index};

	memset(r, 0, sizeof(*r));
	if (ioctl(d->vfio_fd, VFIO_DEVICE_GET_REGION_INFO, &info) < 0)
		return pu_err(errno);
	r->offset = info.offset;
	r->size = info.size;
	r->flags = info.flags;
	return 0;
}

unsigned pu_vfio_irq_count(struct pu_dev *d, unsigned index)
{
	struct vfio_irq_info info = {.argsz = sizeof(info), .index = index};

	if (ioctl(d->vfio_fd, VFIO_DEVICE_GET_IRQ_INFO, &info) < 0)
		return 0;
	if (!(info.flags & VFIO_IRQ_INFO_EVENTFD))
		return 0;
	return info.count;
}

int pu_vfio_open(struct pu_dev *d)
{
	struct vfio_device_info info = {.argsz = sizeof(info)};
	int n, rc, i;

	d->vfio_fd = -1;
	n = pu_sysfs_iommu_group(d->bdf);
	if (n < 0) {
		posix_uio_log("posix_uio: %s is bound to vfio-pci but has no "
		              "IOMMU group: there is no IOMMU (enable VT-d or "
		              "AMD-Vi in the firmware; Intel also needs the "
		              "kernel argument intel_iommu=on), or bind it to "
		              "uio_pci_generic instead (dde-bind --bind uio "
		              "%s)\n",
		              d->bdf, d->bdf);
		return -DDEKIT_ENODEV;
	}
	rc = open_container();
	if (rc < 0)
		return rc;
	rc = group_get(n, &d->group);
	if (rc < 0)
		goto out_container;
	d->vfio_fd = ioctl(d->group->fd, VFIO_GROUP_GET_DEVICE_FD, d->bdf);
	if (d->vfio_fd < 0) {
		rc = pu_err(errno);
		posix_uio_log("posix_uio: VFIO gives no device file for %s: "
		              "%s\n",
		              d->bdf, strerror(errno));
		goto out_group;
	}
	if (ioctl(d->vfio_fd, VFIO_DEVICE_GET_INFO, &info) < 0 ||
	    !(info.flags & VFIO_DEVICE_FLAGS_PCI) ||
	    info.num_regions <= VFIO_PCI_CONFIG_REGION_INDEX) {
		posix_uio_log("posix_uio: %s does not look like a VFIO PCI "
		              "device\n",
		              d->bdf);
		rc = -DDEKIT_ENODEV;
		goto out_device;
	}
	rc = region_info(d, VFIO_PCI_CONFIG_REGION_INDEX, &d->cfg);
	if (rc < 0)
		goto out_device;
	for (i = 0; i < 6; i++)
		region_info(d, VFIO_PCI_BAR0_REGION_INDEX + (unsigned)i,
		            &d->bar[i]);
	d->has_intx = pu_vfio_irq_count(d, VFIO_PCI_INTX_IRQ_INDEX) > 0;
	d->msi[0].count = pu_vfio_irq_count(d, VFIO_PCI_MSI_IRQ_INDEX);
	d->msi[1].count = pu_vfio_irq_count(d, VFIO_PCI_MSIX_IRQ_INDEX);
	return 0;

out_device:
	close(d->vfio_fd);
	d->vfio_fd = -1;
out_group:
	group_put(d->group);
	d->group = NULL;
	return rc;
out_container:
	if (!groups && container >= 0) {
		close(container);
		container = -1;
	}
	return rc;
}

void pu_vfio_close(struct pu_dev *d)
{
	unsigned k;

	for (k = 0; k < 2; k++) {
		free(d->msi[k].fds);
		d->msi[k].fds = NULL;
	}
	if (d->vfio_fd >= 0)
		close(d->vfio_fd);
	d->vfio_fd = -1;
	if (d->group)
		group_put(d->group);
	d->group = NULL;
}

unsigned pu_vfio_iova_ranges(uint64_t (*ranges)[2], unsigned max)
{
	struct vfio_iommu_type1_info probe = {.argsz = sizeof(probe)};
	struct vfio_iommu_type1_info *info = NULL;
	struct vfio_info_cap_header *cap;
	unsigned n = 0, i;
	uint32_t off;

	if (container < 0 || !max)
		return 0;
	if (ioctl(container, VFIO_IOMMU_GET_INFO, &probe) < 0)
		return 0;
	/* Without the capability the whole 64-bit space is usable. */
	if (!(probe.flags & VFIO_IOMMU_INFO_CAPS) ||
	    probe.argsz <= sizeof(probe))
		goto whole;
	info = calloc(1, probe.argsz);
	if (!info)
		goto whole;
	info->argsz = probe.argsz;
	if (ioctl(container, VFIO_IOMMU_GET_INFO, info) < 0)
		goto whole;
	for (off = info->cap_offset; off && off + sizeof(*cap) <= info->argsz;
	     off = cap->next) {
		struct vfio_iommu_type1_info_cap_iova_range *r;

		cap = (struct vfio_info_cap_header *)((char *)info + off);
		if (cap->id != VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE)
			continue;
		r = (struct vfio_iommu_type1_info_cap_iova_range *)cap;
		for (i = 0; i < r->nr_iovas && n < max; i++) {
			ranges[n][0] = r->iova_ranges[i].start;
			ranges[n][1] = r->iova_ranges[i].end;
			n++;
		}
		break;
	}
	if (n) {
		free(info);
		return n;
	}
whole:
	free(info);
	ranges[0][0] = 0;
	ranges[0][1] = UINT64_MAX;
	return 1;
}

int pu_vfio_map_dma(void *virt, uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_map map = {
	    .argsz = sizeof(map),
	    .flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
	    .vaddr = (uintptr_t)virt,
	    .iova = iova,
	    .size = size,
	};
	int rc;

	if (container < 0)
		return -DDEKIT_ENOSYS;
	if (ioctl(container, VFIO_IOMMU_MAP_DMA, &map) == 0)
		return 0;
	rc = pu_err(errno);
	posix_uio_log("posix_uio: VFIO_IOMMU_MAP_DMA of %llu bytes at IOVA "
	              "0x%llx failed: %s%s\n",
	              (unsigned long long)size, (unsigned long long)iova,
	              strerror(errno),
	              errno == ENOMEM ? " (pinning needs CAP_IPC_LOCK or a "
	                                "larger 'ulimit -l')"
	                              : "");
	return rc;
}

int pu_vfio_unmap_dma(uint64_t iova, uint64_t size)
{
	struct vfio_iommu_type1_dma_unmap unmap = {
	    .argsz = sizeof(unmap),
	    .iova = iova,
	    .size = size,
	};

	if (container < 0)
		return -DDEKIT_ENOSYS;
	if (ioctl(container, VFIO_IOMMU_UNMAP_DMA, &unmap) < 0)
		return pu_err(errno);
	return 0;
}

int pu_vfio_irq_trigger(struct pu_dev *d, unsigned index, unsigned start,
                        unsigned count, const int *fds)
{
	size_t size = sizeof(struct vfio_irq_set) + count * sizeof(int32_t);
	struct vfio_irq_set *set = calloc(1, size);
	int rc = 0;

	if (!set)
		return -DDEKIT_ENOMEM;
	set->argsz = (uint32_t)size;
	set->index = index;
	set->start = start;
	set->count = fds ? count : 0;
	set->flags = VFIO_IRQ_SET_ACTION_TRIGGER |
	             (fds ? VFIO_IRQ_SET_DATA_EVENTFD : VFIO_IRQ_SET_DATA_NONE);
	if (fds)
		memcpy(set->data, fds, count * sizeof(int32_t));
	else
		set->argsz = sizeof(*set);
	if (ioctl(d->vfio_fd, VFIO_DEVICE_SET_IRQS, set) < 0)
		rc = pu_err(errno);
	free(set);
	return rc;
}

int pu_vfio_irq_unmask(struct pu_dev *d, unsigned index)
{
	struct vfio_irq_set set = {
	    .argsz = sizeof(set),
	    .flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_UNMASK,
	    .index = index,
	    .start = 0,
	    .count = 1,
	};

	if (ioctl(d->vfio_fd, VFIO_DEVICE_SET_IRQS, &set) < 0)
		return pu_err(errno);
	return 0;
}
