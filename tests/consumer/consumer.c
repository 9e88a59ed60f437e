/*
 * consumer.c — the smallest driver-server-shaped program built against an
 * installed libdde: bring DDEKit up, let a worker thread arm a timer, wait
 * for the timer to signal the main thread, tear everything down again.
 *
 * tests/consumer_test.cmake builds it with CMake (find_package) and with
 * make (pkg-config) against a fresh `cmake --install` tree and expects the
 * line "consumer: OK" on its output and exit status 0.
 */
#include <ddekit/ddekit.h>
#include <ddekit/errno.h>
#include <ddekit/printf.h>
#include <ddekit/semaphore.h>
#include <ddekit/thread.h>
#include <ddekit/timer.h>
#include <ddekit/version.h>

#define TIMER_DELAY_JIFFIES (DDEKIT_HZ / 50)
/* Generous: the wait only fails if the timer never fires. */
#define WAIT_LIMIT_MS  5000
#define DEINIT_RETRIES 1000

static void timer_fired(void *arg)
{
	ddekit_sem_up(arg);
}

static void worker(void *arg)
{
	if (ddekit_add_timer(timer_fired, arg,
	                     ddekit_jiffies() + TIMER_DELAY_JIFFIES) < 0)
		ddekit_printf("consumer: could not add a timer\n");
}

static int abi_compatible(void)
{
	unsigned lib = ddekit_abi_version();

	/* Same major; the library may be newer in its minor (version.h). */
	return (lib >> 16) == DDEKIT_ABI_VERSION_MAJOR &&
	       lib >= DDEKIT_ABI_VERSION;
}

/*
 * The worker returns right after arming the timer, but its record is only
 * released once the host thread has really ended; until then
 * ddekit_deinit() answers -DDEKIT_EBUSY and changes nothing.
 */
static int deinit(void)
{
	int tries = DEINIT_RETRIES;
	int err;

	while ((err = ddekit_deinit()) == -DDEKIT_EBUSY && --tries > 0)
		ddekit_thread_msleep(1);
	return err;
}

int main(void)
{
	unsigned long long start;
	ddekit_sem_t *sem;
	int ret = 1;
	int err;

	if (!abi_compatible()) {
		ddekit_printf("consumer: library ABI %#x, headers %#x\n",
		              ddekit_abi_version(), DDEKIT_ABI_VERSION);
		return 1;
	}

	ddekit_init();

	sem = ddekit_sem_init(0);
	if (!sem) {
		ddekit_printf("consumer: no memory for a semaphore\n");
		goto out_deinit;
	}

	start = ddekit_jiffies();
	if (!ddekit_thread_create(worker, sem, "worker")) {
		ddekit_printf("consumer: could not start the worker\n");
		goto out_sem;
	}

	if (ddekit_sem_down_timed(sem, WAIT_LIMIT_MS) != 0) {
		ddekit_printf("consumer: timer did not fire within %d ms\n",
		              WAIT_LIMIT_MS);
		/* The timer may still fire into @sem: it must outlive the
		 * timer thread, which ddekit_deinit() ends. */
		goto out_deinit;
	}

	ddekit_printf("consumer: OK (ABI %u.%u, woken by a timer after %llu "
	              "jiffies at HZ=%d)\n",
	              ddekit_abi_version() >> 16,
	              ddekit_abi_version() & 0xffffu, ddekit_jiffies() - start,
	              DDEKIT_HZ);
	ret = 0;

out_sem:
	ddekit_sem_deinit(sem);
out_deinit:
	err = deinit();
	if (err) {
		ddekit_printf("consumer: ddekit_deinit() failed: %s\n",
		              ddekit_strerror(err));
		ret = 1;
	}
	return ret;
}
