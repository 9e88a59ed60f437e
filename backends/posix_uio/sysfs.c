/*
 * sysfs.c — what /sys/bus/pci tells about PCI functions: the list of
 * functions, the driver each is bound to, its IOMMU group and UIO device.
 */
#include "posix_uio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCI_DEVICES "/sys/bus/pci/devices"

int pu_sysfs_read(const char *bdf, const char *attr, char *buf, size_t len)
{
	char path[128];
	ssize_t n;
	int fd, rc;

	if (len == 0)
		return -DDEKIT_EINVAL;
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/%s", bdf, attr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return pu_err(errno);
	n = read(fd, buf, len - 1);
	rc = n < 0 ? pu_err(errno) : 0;
	close(fd);
	if (rc < 0)
		return rc;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return (int)n;
}

/* The last component of the symbolic link @bdf/@link, "" if absent. */
static void link_name(const char *bdf, const char *link, char *buf, size_t len)
{
	char path[128], target[256];
	const char *base;
	ssize_t n;

	buf[0] = '\0';
	snprintf(path, sizeof(path), PCI_DEVICES "/%s/%s", bdf, link);
	n = readlink(path, target, sizeof(target) - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	base = strrchr(target, '/');
	snprintf(buf, len, "%s", base ? base + 1 : target);
}

void pu_sysfs_driver(const char *bdf, char *buf, size_t len)
{
	link_name(bdf, "driver", buf, len);
}

int pu_sysfs_iommu_group(const char *bdf)
{
	char name[32], *end;
	long n;

	link_name(bdf, "iommu_group", name, sizeof(name));
	if (!name[0])
		return -1;
	n = strtol(name, &end, 10);
	return *end || n < 0 ? -1 : (int)n;
}

int pu_sysfs_uio_index(const char *bdf)
{
	char path[128];
	struct dirent *e;
	DIR *dir;
	int index = -1;

	snprintf(path, sizeof(path), PCI_DEVICES "/%s/uio", bdf);
	dir = opendir(path);
	if (!dir)
		return -1;
	while ((e = readdir(dir))) {
		char *end;
		long n;

		if (strncmp(e->d_name, "uio", 3) != 0)
			continue;
		n = strtol(e->d_name + 3, &end, 10);
		if (!*end && e->d_name[3] && n >= 0) {
			index = (int)n;
			break;
		}
	}
	closedir(dir);
	return index;
}

static int bdf_compare(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* A name of the form dddd:bb:dd.f (lower-case hex, as sysfs writes it). */
static bool is_bdf(const char *s)
{
	static const char shape[] = "xxxx:xx:xx.x";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++) {
		bool hex = (s[i] >= '0' && s[i] <= '9') ||
		           (s[i] >= 'a' && s[i] <= 'f');

		if (shape[i] == 'x' ? !hex : s[i] != shape[i])
			return false;
	}
	return true;
}

int pu_sysfs_scan(char (**out)[16])
{
	char(*list)[16] = NULL, (*bigger)[16];
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *dir;
	int rc = 0;

	*out = NULL;
	dir = opendir(PCI_DEVICES);
	if (!dir)
		return errno == ENOENT ? 0 : pu_err(errno);
	while ((e = readdir(dir))) {
		if (!is_bdf(e->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 32;
			bigger = realloc(list, cap * sizeof(*list));
			if (!bigger) {
				rc = -DDEKIT_ENOMEM;
				goto out;
			}
			list = bigger;
		}
		/* is_bdf() checked the length: 12 characters and the NUL. */
		memcpy(list[n++], e->d_name, sizeof("dddd:bb:dd.f"));
	}
	qsort(list, n, sizeof(*list), bdf_compare);
out:
	closedir(dir);
	if (rc < 0) {
		free(list);
		return rc;
	}
	*out = list;
	return (int)n;
}
