/*
 * test_l4re_backend.c — backends/l4re's use of L4Re, on the stand-in.
 *
 * Each test boots the simulated L4Re (over the mock machine "pc": edu at
 * 00:04.0 on line 11, a scratch function at 00:05.0 on line 10, COM1),
 * possibly withholding a capability, and checks what the backend does with
 * it through the DDEKit host interface.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <ddekit/ddekit.h>
#include <ddekit/host.h>

#include "l4re.h"
#include "mock.h"
#include "standin_ctl.h"

static void boot(unsigned withhold)
{
	assert_int_equal(mock_machine_load("pc"), 0);
	assert_int_equal(l4re_standin_boot(withhold), 0);
	mock_console_capture(1);
	mock_console_clear();
}

static void shutdown_clean(void)
{
	struct ddekit_l4re_counts c;
	char report[1024];
	int leaks;

	assert_int_equal(ddekit_l4re_wait_threads(1000), 0);
	ddekit_l4re_counts(&c);
	assert_int_equal(c.sync_objects, 0);
	assert_int_equal(c.mem, 0);
	assert_int_equal(c.irqs, 0);
	mock_console_capture(0);
	assert_int_equal(l4re_standin_shutdown(), 0);
	leaks = mock_leak_report(report, sizeof(report));
	if (leaks)
		print_message("%s\n", report);
	assert_int_equal(leaks, 0);
	mock_machine_unload();
}

static int setup(void **state)
{
	(void)state;
	boot(0);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ddekit_host_fini();
	shutdown_clean();
	return 0;
}

static const struct ddekit_host_pci_fn *find_fn(struct ddekit_host_pci_fn *fns,
                                                unsigned n, uint16_t device)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (fns[i].device == device)
			return &fns[i];
	return NULL;
}

/* ---- init ------------------------------------------------------------------
 */

static void test_init_fails_naming_the_vbus_when_it_is_missing(void **state)
{
	(void)state;
	boot(STANDIN_NO_VBUS);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), -DDEKIT_ENODEV);
	assert_non_null(strstr(mock_console_text(), "'vbus'"));
	assert_int_equal(l4re_standin_live_caps(), 0);
	shutdown_clean();
}

static void test_init_refuses_another_major_version(void **state)
{
	(void)state;
	boot(0);
	assert_int_equal(
	    ddekit_host_init((DDEKIT_HOST_VERSION_MAJOR + 1) << 16),
	    -DDEKIT_EPROTO);
	shutdown_clean();
}

static void test_init_binds_a_dma_space_to_the_vbus(void **state)
{
	(void)state;
	assert_int_equal(l4re_standin_dma_bound(), 1);
}

static void test_fini_gives_back_every_capability(void **state)
{
	(void)state;
	boot(0);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), 0);
	assert_true(l4re_standin_live_caps() > 0);
	ddekit_host_fini();
	assert_int_equal(l4re_standin_live_caps(), 0);
	shutdown_clean();
}

/* ---- PCI -------------------------------------------------------------------
 */

static void
test_enumerate_lists_the_pci_functions_and_skips_other_devices(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	unsigned n = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(fns[0].vendor, 0x1234);
	assert_int_equal(fns[0].device, 0x11e8);
	assert_int_equal(fns[0].dev, 4);
	assert_int_equal(fns[1].dev, 5);
	assert_int_equal(l4re_standin_bad_cfg_widths(), 0);
}

static void test_enumerate_sizes_bars_from_the_vbus_resources(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	const struct ddekit_host_pci_fn *edu;
	unsigned n = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	edu = find_fn(fns, n, 0x11e8);
	assert_non_null(edu);
	assert_int_equal(edu->bar[0].size, 1u << 20);
	assert_false(edu->bar[0].flags & DDEKIT_HOST_BAR_IO);
	assert_int_not_equal(edu->bar[0].base, 0);
}

static void test_enumerate_routes_intx_to_its_icu_line(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	const struct ddekit_host_pci_fn *edu;
	unsigned n = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	edu = find_fn(fns, n, 0x11e8);
	assert_int_equal(edu->irq_pin, 1);
	assert_int_equal(edu->irq_line, 11);
}

static void test_cfg_access_passes_widths_in_bits(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	unsigned n = 0;
	uint32_t v = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	assert_int_equal(ddekit_host_pci_cfg_read(&fns[0], 0, 2, &v), 0);
	assert_int_equal(v, 0x1234);
	assert_int_equal(ddekit_host_pci_cfg_read(&fns[0], 2, 2, &v), 0);
	assert_int_equal(v, 0x11e8);
	assert_int_equal(ddekit_host_pci_cfg_read(&fns[0], 0, 1, &v), 0);
	assert_int_equal(v, 0x34);
	assert_int_equal(l4re_standin_bad_cfg_widths(), 0);
}

static void test_cfg_access_rejects_bad_width_and_misalignment(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	unsigned n = 0;
	uint32_t v;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	assert_int_equal(ddekit_host_pci_cfg_read(&fns[0], 0, 3, &v),
	                 -DDEKIT_EINVAL);
	assert_int_equal(ddekit_host_pci_cfg_read(&fns[0], 1, 2, &v),
	                 -DDEKIT_EINVAL);
	assert_int_equal(ddekit_host_pci_cfg_write(&fns[0], 4094, 4, 0),
	                 -DDEKIT_EINVAL);
}

static void test_pci_enable_turns_on_memory_decoding(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	const struct ddekit_host_pci_fn *edu;
	unsigned n = 0;
	uint32_t cmd;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	edu = find_fn(fns, n, 0x11e8);
	assert_int_equal(ddekit_host_pci_cfg_write(edu, 4, 2, 0), 0);
	assert_int_equal(ddekit_host_pci_enable(edu), 0);
	assert_int_equal(ddekit_host_pci_cfg_read(edu, 4, 2, &cmd), 0);
	assert_true(cmd & 2);
}

/* ---- interrupts
 * ---------------------------------------------------------------- */

struct waiter {
	struct ddekit_host_irq *irq;
	int result;
	struct ddekit_host_event *done;
};

static void wait_once(void *p)
{
	struct waiter *w = p;

	w->result = ddekit_host_irq_wait(w->irq);
	ddekit_host_event_signal(w->done);
}

static void start_waiter(struct waiter *w, struct ddekit_host_irq *irq)
{
	w->irq = irq;
	w->result = 0;
	assert_int_equal(ddekit_host_event_create(&w->done), 0);
	assert_int_equal(ddekit_host_thread_start(
	                     "waiter", DDEKIT_HOST_PRIO_IRQ, wait_once, w),
	                 0);
}

static int finish_waiter(struct waiter *w)
{
	int rc = ddekit_host_event_wait(w->done,
	                                ddekit_host_clock_ns() + 2000000000ull);

	ddekit_host_event_destroy(w->done);
	return rc;
}

static void test_irq_attach_binds_an_irq_object_at_the_icu_line(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 11, NULL, &irq), 0);
	assert_int_equal(l4re_standin_icu_bound(11), 1);
	ddekit_host_irq_detach(irq);
	assert_int_equal(l4re_standin_icu_bound(11), 0);
}

static void test_irq_attach_twice_is_busy(void **state)
{
	struct ddekit_host_irq *a, *b;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 11, NULL, &a), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 11, NULL, &b),
	    -DDEKIT_EBUSY);
	ddekit_host_irq_detach(a);
}

static void test_irq_attach_without_icu_fails_naming_it(void **state)
{
	struct ddekit_host_irq *irq;

	(void)state;
	boot(STANDIN_NO_ICU);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 11, NULL, &irq),
	    -DDEKIT_ENODEV);
	assert_non_null(strstr(mock_console_text(), "ICU"));
	ddekit_host_fini();
	shutdown_clean();
}

static void test_irq_msi_is_not_supported(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	struct ddekit_host_irq *irq;
	unsigned n = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_MSI, 0, &fns[0], &irq),
	    -DDEKIT_ENOSYS);
}

static void
test_irq_wait_reports_a_raised_line_from_another_thread(void **state)
{
	struct ddekit_host_irq *irq;
	struct waiter w;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 4, NULL, &irq), 0);
	start_waiter(&w, irq);
	mock_irq_raise(4);
	assert_int_equal(finish_waiter(&w), 0);
	assert_int_equal(w.result, 1);
	assert_int_equal(mock_irq_masked(4), 1);
	assert_int_equal(ddekit_host_irq_unmask(irq), 0);
	assert_int_equal(mock_irq_masked(4), 0);
	ddekit_host_irq_detach(irq);
}

static void test_irq_cancel_ends_a_blocked_wait(void **state)
{
	struct ddekit_host_irq *irq;
	struct waiter w;

	(void)state;
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_LINE, 4, NULL, &irq), 0);
	start_waiter(&w, irq);
	ddekit_host_irq_cancel(irq);
	assert_int_equal(finish_waiter(&w), 0);
	assert_int_equal(w.result, -DDEKIT_ECANCELED);
	ddekit_host_irq_detach(irq);
}

static void test_irq_intx_uses_the_line_io_routed(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	const struct ddekit_host_pci_fn *edu;
	struct ddekit_host_irq *irq;
	unsigned n = 0;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	edu = find_fn(fns, n, 0x11e8);
	assert_int_equal(
	    ddekit_host_irq_attach(DDEKIT_HOST_IRQ_PCI_INTX, 0, edu, &irq), 0);
	assert_int_equal(l4re_standin_icu_bound(11), 1);
	ddekit_host_irq_detach(irq);
}

/* ---- memory
 * ------------------------------------------------------------------- */

static void test_dma_memory_is_mapped_into_the_dma_space(void **state)
{
	struct ddekit_host_mem_req req = {.size = 3 * 4096,
	                                  .bus_high = UINT64_MAX,
	                                  .flags = DDEKIT_HOST_MEM_DMA |
	                                           DDEKIT_HOST_MEM_CONTIG};
	uint64_t bus = 0;
	void *virt = NULL;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &virt, NULL, &bus), 0);
	assert_non_null(virt);
	assert_int_not_equal(bus, 0);
	assert_int_equal(l4re_standin_dma_mappings(), 1);
	assert_int_equal(((unsigned char *)virt)[3 * 4096 - 1], 0);
	ddekit_host_mem_free(virt, req.size);
	assert_int_equal(l4re_standin_dma_mappings(), 0);
}

static void test_dma_memory_outside_the_bus_limits_is_erange(void **state)
{
	struct ddekit_host_mem_req req = {.size = 4096,
	                                  .bus_low = UINT64_MAX - 0xffff,
	                                  .bus_high = UINT64_MAX,
	                                  .flags = DDEKIT_HOST_MEM_DMA |
	                                           DDEKIT_HOST_MEM_CONTIG};
	uint64_t bus;
	void *virt;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, &virt, NULL, &bus),
	                 -DDEKIT_ERANGE);
	assert_int_equal(l4re_standin_dma_mappings(), 0);
}

static void test_dma_memory_without_dma_domain_is_enosys(void **state)
{
	struct ddekit_host_mem_req req = {.size = 4096,
	                                  .bus_high = UINT64_MAX,
	                                  .flags = DDEKIT_HOST_MEM_DMA |
	                                           DDEKIT_HOST_MEM_CONTIG};
	uint64_t bus;
	void *virt;

	(void)state;
	boot(STANDIN_NO_DMA_DOMAIN);
	assert_int_equal(ddekit_host_init(DDEKIT_HOST_VERSION), 0);
	assert_int_equal(ddekit_host_mem_alloc(&req, &virt, NULL, &bus),
	                 -DDEKIT_ENOSYS);
	assert_non_null(strstr(mock_console_text(), "DMA"));
	ddekit_host_fini();
	shutdown_clean();
}

static void test_heap_memory_is_zeroed_and_aligned(void **state)
{
	struct ddekit_host_mem_req req = {.size = 100, .align = 64};
	unsigned char *p;
	int i;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, (void **)&p, NULL, NULL),
	                 0);
	assert_int_equal((uintptr_t)p % 64, 0);
	for (i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	ddekit_host_mem_free(p, 100);
	assert_int_equal(l4re_standin_dma_mappings(), 0);
}

static void test_plain_memory_of_a_page_or_more_maps_and_unmaps(void **state)
{
	struct ddekit_host_mem_req req = {.size = 2 * DDEKIT_HOST_PAGE_SIZE};
	unsigned char *p;
	uint64_t bus = 0;

	(void)state;
	assert_int_equal(ddekit_host_mem_alloc(&req, (void **)&p, NULL, NULL),
	                 0);
	assert_int_equal(ddekit_host_dma_map(p + 4100, 100, &bus), 0);
	assert_true(bus != 0);
	assert_int_equal(bus % DDEKIT_HOST_PAGE_SIZE,
	                 4100 % DDEKIT_HOST_PAGE_SIZE);
	assert_int_equal(l4re_standin_dma_mappings(), 1);
	assert_int_equal(ddekit_host_dma_unmap(bus, 100), 0);
	assert_int_equal(l4re_standin_dma_mappings(), 0);
	ddekit_host_mem_free(p, req.size);
}

static void test_dma_map_of_small_heap_objects_is_efault(void **state)
{
	static unsigned char buf[256] __attribute__((aligned(64)));
	uint64_t bus = 0;

	(void)state;
	assert_int_equal(ddekit_host_dma_map(buf + 8, 100, &bus),
	                 -DDEKIT_EFAULT);
	assert_int_equal(l4re_standin_dma_mappings(), 0);
}

static void test_dma_unmap_of_nothing_is_enoent(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_dma_unmap(0x1000, 4096), -DDEKIT_ENOENT);
}

/* ---- ports and device memory
 * ---------------------------------------------------- */

static void test_io_ports_work_after_request(void **state)
{
	(void)state;
	assert_int_equal(ddekit_host_io_request(0x3f8, 8), 0);
	ddekit_host_io_write(0x3ff, 1, 0x5a);
	assert_int_equal(ddekit_host_io_read(0x3ff, 1), 0x5a);
	ddekit_host_io_release(0x3f8, 8);
}

static void test_io_request_refused_names_the_ports(void **state)
{
	(void)state;
	mock_io_deny(0x3f8, 8);
	assert_int_equal(ddekit_host_io_request(0x3f8, 8), -DDEKIT_EACCES);
	assert_non_null(strstr(mock_console_text(), "0x3f8"));
}

static void test_mmio_map_reaches_the_edu_registers(void **state)
{
	struct ddekit_host_pci_fn fns[8];
	const struct ddekit_host_pci_fn *edu;
	unsigned n = 0;
	void *regs;

	(void)state;
	assert_int_equal(ddekit_host_pci_enumerate(fns, 8, &n), 0);
	edu = find_fn(fns, n, 0x11e8);
	assert_int_equal(ddekit_host_pci_enable(edu), 0);
	/* Not page aligned: the backend maps whole pages around it. */
	assert_int_equal(ddekit_host_mmio_map(edu->bar[0].base + 4, 8, &regs),
	                 0);
	/* edu register 0x04 returns the inverse of what was written. */
	ddekit_host_mmio_write(regs, 4, 0x0f0f0f0f);
	assert_int_equal(ddekit_host_mmio_read(regs, 4), 0xf0f0f0f0);
	ddekit_host_mmio_unmap(regs, 8);
}

static void test_mmio_map_outside_any_device_is_enodev(void **state)
{
	void *v;

	(void)state;
	assert_int_equal(ddekit_host_mmio_map(0x1000, 4096, &v),
	                 -DDEKIT_ENODEV);
}

/* ---- time and events
 * ------------------------------------------------------------- */

static void test_clock_comes_from_the_kip_in_microseconds(void **state)
{
	uint64_t a, b;

	(void)state;
	a = ddekit_host_clock_ns();
	b = ddekit_host_clock_ns();
	assert_true(b >= a);
	assert_int_equal(a % 1000, 0);
}

static void test_event_wait_times_out_not_before_the_deadline(void **state)
{
	struct ddekit_host_event *e;
	uint64_t deadline;

	(void)state;
	assert_int_equal(ddekit_host_event_create(&e), 0);
	deadline = ddekit_host_clock_ns() + 20000000ull;
	assert_int_equal(ddekit_host_event_wait(e, deadline),
	                 -DDEKIT_ETIMEDOUT);
	assert_true(ddekit_host_clock_ns() >= deadline);
	ddekit_host_event_destroy(e);
}

static void test_event_signals_do_not_count(void **state)
{
	struct ddekit_host_event *e;

	(void)state;
	assert_int_equal(ddekit_host_event_create(&e), 0);
	ddekit_host_event_signal(e);
	ddekit_host_event_signal(e);
	assert_int_equal(ddekit_host_event_wait(e, 0), 0);
	assert_int_equal(ddekit_host_event_wait(e, 0), -DDEKIT_ETIMEDOUT);
	ddekit_host_event_destroy(e);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
	        test_init_fails_naming_the_vbus_when_it_is_missing),
	    cmocka_unit_test(test_init_refuses_another_major_version),
	    T(test_init_binds_a_dma_space_to_the_vbus),
	    cmocka_unit_test(test_fini_gives_back_every_capability),
	    T(test_enumerate_lists_the_pci_functions_and_skips_other_devices),
	    T(test_enumerate_sizes_bars_from_the_vbus_resources),
	    T(test_enumerate_routes_intx_to_its_icu_line),
	    T(test_cfg_access_passes_widths_in_bits),
	    T(test_cfg_access_rejects_bad_width_and_misalignment),
	    T(test_pci_enable_turns_on_memory_decoding),
	    T(test_irq_attach_binds_an_irq_object_at_the_icu_line),
	    T(test_irq_attach_twice_is_busy),
	    cmocka_unit_test(test_irq_attach_without_icu_fails_naming_it),
	    T(test_irq_msi_is_not_supported),
	    T(test_irq_wait_reports_a_raised_line_from_another_thread),
	    T(test_irq_cancel_ends_a_blocked_wait),
	    T(test_irq_intx_uses_the_line_io_routed),
	    T(test_dma_memory_is_mapped_into_the_dma_space),
	    T(test_dma_memory_outside_the_bus_limits_is_erange),
	    cmocka_unit_test(test_dma_memory_without_dma_domain_is_enosys),
	    T(test_heap_memory_is_zeroed_and_aligned),
	    T(test_plain_memory_of_a_page_or_more_maps_and_unmaps),
	    T(test_dma_map_of_small_heap_objects_is_efault),
	    T(test_dma_unmap_of_nothing_is_enoent),
	    T(test_io_ports_work_after_request),
	    T(test_io_request_refused_names_the_ports),
	    T(test_mmio_map_reaches_the_edu_registers),
	    T(test_mmio_map_outside_any_device_is_enodev),
	    T(test_clock_comes_from_the_kip_in_microseconds),
	    T(test_event_wait_times_out_not_before_the_deadline),
	    T(test_event_signals_do_not_count),
	};

	return cmocka_run_group_tests_name("l4re backend on the stand-in",
	                                   tests, NULL, NULL);
}
