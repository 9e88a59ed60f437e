/*
 * device_if.h — the device interface's methods (FreeBSD 7, libdde).
 * FreeBSD generates this from device_if.m; libdde writes it by hand.
 */
#ifndef _DDE_FBSD_DEVICE_IF_H_
#define _DDE_FBSD_DEVICE_IF_H_

#include <sys/kobj.h>

typedef struct device *device_t;
typedef struct kobj_class driver_t;

extern struct kobjop_desc device_probe_desc;
extern struct kobjop_desc device_identify_desc;
extern struct kobjop_desc device_attach_desc;
extern struct kobjop_desc device_detach_desc;
extern struct kobjop_desc device_shutdown_desc;
extern struct kobjop_desc device_suspend_desc;
extern struct kobjop_desc device_resume_desc;

typedef int device_probe_t(device_t dev);
typedef void device_identify_t(driver_t *driver, device_t parent);
typedef int device_attach_t(device_t dev);
typedef int device_detach_t(device_t dev);
typedef int device_shutdown_t(device_t dev);
typedef int device_suspend_t(device_t dev);
typedef int device_resume_t(device_t dev);

__BEGIN_DECLS
int DEVICE_PROBE(device_t dev);
void DEVICE_IDENTIFY(driver_t *driver, device_t parent);
int DEVICE_ATTACH(device_t dev);
int DEVICE_DETACH(device_t dev);
int DEVICE_SHUTDOWN(device_t dev);
int DEVICE_SUSPEND(device_t dev);
int DEVICE_RESUME(device_t dev);
__END_DECLS

#endif /* _DDE_FBSD_DEVICE_IF_H_ */
