/*
 * sys/module.h — modules (FreeBSD 7, libdde).
 *
 * DECLARE_MODULE registers a SYSINIT that sends MOD_LOAD to the module's
 * event handler and a SYSUNINIT that sends MOD_UNLOAD (at dde_fbsd_exit()).
 * Versions and dependencies are recorded nowhere: all code is linked in.
 */
#ifndef _DDE_FBSD_SYS_MODULE_H_
#define _DDE_FBSD_SYS_MODULE_H_

#include <sys/types.h>
#include <sys/kernel.h>

typedef enum modeventtype {
	MOD_LOAD,
	MOD_UNLOAD,
	MOD_SHUTDOWN,
	MOD_QUIESCE,
} modeventtype_t;

typedef struct module *module_t;
typedef int (*modeventhand_t)(module_t, int, void *);

typedef struct moduledata {
	const char *name;
	modeventhand_t evhand;
	void *priv;
} moduledata_t;

struct module {
	moduledata_t *data;
	int loaded;
};

__BEGIN_DECLS
void module_register_init(const void *data);
void module_register_uninit(const void *data);
const char *module_getname(module_t mod);
__END_DECLS

#define DECLARE_MODULE(name, data, sub, order)                                 \
	static struct module name##_dde_module = {&(data), 0};                 \
	SYSINIT(name##module, sub, order, module_register_init,                \
	        &name##_dde_module);                                           \
	SYSUNINIT(name##module, sub, order, module_register_uninit,            \
	          &name##_dde_module)

#define MODULE_VERSION(module, version)                   struct __hack
#define MODULE_DEPEND(module, mdepend, vmin, vpref, vmax) struct __hack

#endif /* _DDE_FBSD_SYS_MODULE_H_ */
