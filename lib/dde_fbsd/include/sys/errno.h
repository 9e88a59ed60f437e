/*
 * sys/errno.h — FreeBSD error numbers (libdde). The values are FreeBSD's,
 * not the host's: drivers return them through newbus and bus_dma.
 */
#ifndef _DDE_FBSD_SYS_ERRNO_H_
#define _DDE_FBSD_SYS_ERRNO_H_

#undef EPERM
#undef ENOENT
#undef EINTR
#undef EIO
#undef ENXIO
#undef E2BIG
#undef ENOMEM
#undef EACCES
#undef EFAULT
#undef EBUSY
#undef EEXIST
#undef ENODEV
#undef EINVAL
#undef ENOTTY
#undef EFBIG
#undef ENOSPC
#undef EROFS
#undef ERANGE
#undef EAGAIN
#undef EWOULDBLOCK
#undef EINPROGRESS
#undef EOPNOTSUPP
#undef ETIMEDOUT
#undef EDEADLK
#undef ENOSYS
#undef ECANCELED
#undef ENOTSUP
#define EPERM       1
#define ENOENT      2
#define EINTR       4
#define EIO         5
#define ENXIO       6
#define E2BIG       7
#define ENOMEM      12
#define EACCES      13
#define EFAULT      14
#define EBUSY       16
#define EEXIST      17
#define ENODEV      19
#define EINVAL      22
#define ENOTTY      25
#define EFBIG       27
#define ENOSPC      28
#define EROFS       30
#define ERANGE      34
#define EAGAIN      35
#define EWOULDBLOCK EAGAIN
#define EINPROGRESS 36
#define EOPNOTSUPP  45
#define ENOTSUP     EOPNOTSUPP
#define ETIMEDOUT   60
#define EDEADLK     11
#define ENOSYS      78
#define ECANCELED   85
#define ERESTART    (-1)
#define EJUSTRETURN (-2)

#endif /* _DDE_FBSD_SYS_ERRNO_H_ */
