/*
 * qemu_edu_probe — the static binary of the harness smoke scenarios. It shows
 * that a binary built in this tree runs in the guest and reaches QEMU's edu
 * device there:
 *
 *   qemu_edu_probe mmio <bdf>   BAR0 mapped through sysfs (resource0)
 *   qemu_edu_probe vfio <bdf>   BAR0 mapped through VFIO: container, viable
 *                               IOMMU group, type1 IOMMU, device fd; then a
 *                               DMA round trip through the IOMMU
 *
 * Either way the identification register must read 0x010000ed and the
 * liveness register must return the complement of what was written. The DMA
 * round trip copies 2 KiB from one page into the device's buffer and back
 * into another page, both mapped only through VFIO, and compares. Exit
 * status 0 on success, 1 with a message otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/vfio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define EDU_BAR0_SIZE  (1u << 20)
#define EDU_ID         0x010000edu
#define EDU_REG_ID     0x00
#define EDU_REG_LIVE   0x04
#define EDU_DMA_SRC    0x80
#define EDU_DMA_DST    0x88
#define EDU_DMA_CNT    0x90
#define EDU_DMA_CMD    0x98
#define EDU_DMA_START  0x01u
#define EDU_DMA_TO_RAM 0x02u
#define EDU_BUF        0x40000u

/* Bus addresses of the two pages: below edu's 28-bit DMA mask. */
#define IOVA_OUT 0x100000u
#define IOVA_IN  0x101000u
#define PAGE     4096u
/*
 * Less than the 4 KiB buffer: QEMU 7.2's edu rejects a transfer that ends
 * exactly at the buffer's end as out of bounds and stops the whole machine.
 */
#define DMA_LEN 2048u

static int complain(const char *what)
{
	fprintf(stderr, "qemu_edu_probe: %s: %s\n", what, strerror(errno));
	return 1;
}

static uint32_t rd32(volatile uint8_t *bar, unsigned int off)
{
	return *(volatile uint32_t *)(bar + off);
}

static void wr32(volatile uint8_t *bar, unsigned int off, uint32_t val)
{
	*(volatile uint32_t *)(bar + off) = val;
}

static void wr64(volatile uint8_t *bar, unsigned int off, uint64_t val)
{
	*(volatile uint64_t *)(bar + off) = val;
}

static int check_registers(volatile uint8_t *bar, const char *how)
{
	uint32_t id = rd32(bar, EDU_REG_ID);
	uint32_t live;

	if (id != EDU_ID) {
		fprintf(stderr,
		        "qemu_edu_probe: %s: id register 0x%08x, not 0x%08x\n",
		        how, id, EDU_ID);
		return 1;
	}
	wr32(bar, EDU_REG_LIVE, 0x12345678u);
	live = rd32(bar, EDU_REG_LIVE);
	if (live != ~0x12345678u) {
		fprintf(
		    stderr,
		    "qemu_edu_probe: %s: liveness read 0x%08x, not 0x%08x\n",
		    how, live, ~0x12345678u);
		return 1;
	}
	printf("qemu_edu_probe: %s: edu id 0x%08x, liveness ok\n", how, id);
	return 0;
}

static int probe_mmio(const char *bdf)
{
	char path[PATH_MAX];
	void *bar = MAP_FAILED;
	int fd, ret = 1;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource0", bdf);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0)
		return complain(path);
	bar = mmap(NULL, EDU_BAR0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	           0);
	if (bar == MAP_FAILED) {
		ret = complain("mmap resource0");
		goto out;
	}
	ret = check_registers(bar, "sysfs resource0");
out:
	if (bar != MAP_FAILED)
		munmap(bar, EDU_BAR0_SIZE);
	close(fd);
	return ret;
}

/* One edu DMA transfer; the device clears the start bit when it is done. */
static int edu_dma(volatile uint8_t *bar, uint64_t src, uint64_t dst,
                   uint32_t cmd)
{
	int i;

	wr64(bar, EDU_DMA_SRC, src);
	wr64(bar, EDU_DMA_DST, dst);
	wr64(bar, EDU_DMA_CNT, DMA_LEN);
	wr32(bar, EDU_DMA_CMD, cmd | EDU_DMA_START);
	for (i = 0; i < 400; i++) {
		if (!(rd32(bar, EDU_DMA_CMD) & EDU_DMA_START))
			return 0;
		usleep(10000);
	}
	fprintf(stderr, "qemu_edu_probe: DMA did not complete within 4 s\n");
	return 1;
}

static int map_dma(int container, void *vaddr, uint64_t iova)
{
	struct vfio_iommu_type1_dma_map map = {
	    .argsz = sizeof(map),
	    .flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
	    .vaddr = (uintptr_t)vaddr,
	    .iova = iova,
	    .size = PAGE,
	};

	return ioctl(container, VFIO_IOMMU_MAP_DMA, &map);
}

/* Bus mastering on, in the config region: edu's DMA is dropped without it. */
static int enable_bus_master(int device)
{
	struct vfio_region_info cfg = {
	    .argsz = sizeof(cfg),
	    .index = VFIO_PCI_CONFIG_REGION_INDEX,
	};
	uint16_t command;

	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &cfg) < 0 ||
	    pread(device, &command, 2, (off_t)cfg.offset + 4) != 2)
		return -1;
	command |= 0x4;
	return pwrite(device, &command, 2, (off_t)cfg.offset + 4) == 2 ? 0 : -1;
}

static int dma_round_trip(int container, int device, volatile uint8_t *bar)
{
	uint8_t *pages;
	unsigned int i;
	int ret = 1;

	pages = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
	             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED)
		return complain("mmap of the DMA pages");
	for (i = 0; i < PAGE; i++)
		pages[i] = (uint8_t)(i * 7 + 1);
	if (map_dma(container, pages, IOVA_OUT) < 0 ||
	    map_dma(container, pages + PAGE, IOVA_IN) < 0) {
		ret = complain("VFIO_IOMMU_MAP_DMA");
		goto out;
	}
	if (enable_bus_master(device) < 0) {
		ret = complain("enabling bus mastering");
		goto out;
	}
	if (edu_dma(bar, IOVA_OUT, EDU_BUF, 0) ||
	    edu_dma(bar, EDU_BUF, IOVA_IN, EDU_DMA_TO_RAM))
		goto out;
	if (memcmp(pages, pages + PAGE, DMA_LEN)) {
		fprintf(stderr,
		        "qemu_edu_probe: DMA round trip: data differs\n");
		goto out;
	}
	printf(
	    "qemu_edu_probe: DMA round trip through the IOMMU: %u bytes ok\n",
	    DMA_LEN);
	ret = 0;
out:
	munmap(pages, 2 * PAGE);
	return ret;
}

/* The number of the IOMMU group holding <bdf>, from its sysfs link. */
static int iommu_group(const char *bdf)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *slash;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group",
	         bdf);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -1;
	target[n] = '\0';
	slash = strrchr(target, '/');
	return slash ? atoi(slash + 1) : -1;
}

static int probe_vfio(const char *bdf)
{
	struct vfio_group_status status = {.argsz = sizeof(status)};
	struct vfio_region_info region = {
	    .argsz = sizeof(region),
	    .index = VFIO_PCI_BAR0_REGION_INDEX,
	};
	int container = -1, group = -1, device = -1, nr, ret = 1;
	char path[64];
	void *bar = MAP_FAILED;

	nr = iommu_group(bdf);
	if (nr < 0) {
		ret = complain("no iommu_group link (IOMMU off?)");
		goto out;
	}
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0) {
		ret = complain("/dev/vfio/vfio");
		goto out;
	}
	if (ioctl(container, VFIO_GET_API_VERSION) != VFIO_API_VERSION ||
	    ioctl(container, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) <= 0) {
		fprintf(stderr, "qemu_edu_probe: VFIO without type1 IOMMU\n");
		goto out;
	}
	snprintf(path, sizeof(path), "/dev/vfio/%d", nr);
	group = open(path, O_RDWR);
	if (group < 0) {
		ret = complain(path);
		goto out;
	}
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &status) < 0) {
		ret = complain("VFIO_GROUP_GET_STATUS");
		goto out;
	}
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		fprintf(stderr, "qemu_edu_probe: group %d not viable\n", nr);
		goto out;
	}
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) < 0 ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU) < 0) {
		ret = complain("attaching the group to a type1 container");
		goto out;
	}
	device = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, bdf);
	if (device < 0) {
		ret = complain("VFIO_GROUP_GET_DEVICE_FD");
		goto out;
	}
	if (ioctl(device, VFIO_DEVICE_GET_REGION_INFO, &region) < 0) {
		ret = complain("VFIO_DEVICE_GET_REGION_INFO");
		goto out;
	}
	if (region.size != EDU_BAR0_SIZE ||
	    !(region.flags & VFIO_REGION_INFO_FLAG_MMAP)) {
		fprintf(stderr,
		        "qemu_edu_probe: BAR0 region: size 0x%llx flags 0x%x\n",
		        (unsigned long long)region.size, region.flags);
		goto out;
	}
	bar = mmap(NULL, EDU_BAR0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
	           device, (off_t)region.offset);
	if (bar == MAP_FAILED) {
		ret = complain("mmap of the VFIO BAR0 region");
		goto out;
	}
	printf("qemu_edu_probe: %s in viable IOMMU group %d\n", bdf, nr);
	ret = check_registers(bar, "VFIO BAR0");
	if (!ret)
		ret = dma_round_trip(container, device, bar);
out:
	if (bar != MAP_FAILED)
		munmap(bar, EDU_BAR0_SIZE);
	if (device >= 0)
		close(device);
	if (group >= 0)
		close(group);
	if (container >= 0)
		close(container);
	return ret;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "mmio"))
		return probe_mmio(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "vfio"))
		return probe_vfio(argv[2]);
	fprintf(stderr, "usage: qemu_edu_probe mmio|vfio <pci address>\n");
	return 2;
}
