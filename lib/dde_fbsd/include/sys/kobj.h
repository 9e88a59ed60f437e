/*
 * sys/kobj.h — method tables (FreeBSD 7 names; libdde's small dispatch).
 *
 * A class (driver_t) is a name, a method table and an instance size. A
 * method is looked up by the address of its description; a class that does
 * not implement it gets the description's default.
 */
#ifndef _DDE_FBSD_SYS_KOBJ_H_
#define _DDE_FBSD_SYS_KOBJ_H_

#include <sys/types.h>

/* void (*)(void) is the function-pointer type every other one converts to. */
typedef void (*kobjop_t)(void);

struct kobjop_desc {
	const char *name;
	kobjop_t deflt;
};

typedef struct kobj_method {
	struct kobjop_desc *desc;
	kobjop_t func;
} kobj_method_t;

struct kobj_class {
	const char *name;
	kobj_method_t *methods;
	size_t size; /* softc size */
};

typedef struct kobj_class *kobj_class_t;

#define KOBJMETHOD(NAME, FUNC)                                                 \
	{                                                                      \
		&NAME##_desc, (kobjop_t)(FUNC)                                 \
	}
#define KOBJMETHOD_END                                                         \
	{                                                                      \
		NULL, NULL                                                     \
	}

__BEGIN_DECLS
/** kobj_lookup_method() - @cls's implementation of @desc, else its default
 * (which may be NULL). */
kobjop_t kobj_lookup_method(kobj_class_t cls, struct kobjop_desc *desc);
int kobj_error_method(void);
__END_DECLS

#endif /* _DDE_FBSD_SYS_KOBJ_H_ */
