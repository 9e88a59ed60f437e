/*
 * test_busdma.c — bus_dma(9): tag rules, dmamem, segment splitting, and
 * the errors that replace bounce buffers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fbsd_fixture.h"

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/bus.h>
#include <sys/malloc.h>
#include <machine/bus.h>

struct load_result {
	int called, nseg, error;
	bus_dma_segment_t segs[16];
};

static void load_cb(void *arg, bus_dma_segment_t *segs, int nseg, int error)
{
	struct load_result *r = arg;
	int i;

	r->called++;
	r->nseg = nseg;
	r->error = error;
	for (i = 0; i < nseg && i < 16; i++)
		r->segs[i] = segs[i];
}

static bus_dma_tag_t make_tag(bus_size_t align, bus_size_t boundary,
                              bus_addr_t lowaddr, bus_size_t maxsize, int nsegs,
                              bus_size_t maxsegsz)
{
	bus_dma_tag_t t = NULL;

	assert_int_equal(bus_dma_tag_create(NULL, align, boundary, lowaddr,
	                                    BUS_SPACE_MAXADDR, NULL, NULL,
	                                    maxsize, nsegs, maxsegsz, 0, NULL,
	                                    NULL, &t),
	                 0);
	return t;
}

static void test_tag_with_a_filter_function_is_refused(void **state)
{
	bus_dma_tag_t t = NULL;

	(void)state;
	assert_int_equal(bus_dma_tag_create(NULL, 1, 0, BUS_SPACE_MAXADDR,
	                                    BUS_SPACE_MAXADDR,
	                                    (bus_dma_filter_t *)1, NULL, 4096,
	                                    1, 4096, 0, NULL, NULL, &t),
	                 EINVAL);
	assert_null(t);
}

static void test_dmamem_meets_alignment_and_boundary(void **state)
{
	bus_dma_tag_t t =
	    make_tag(8192, 65536, BUS_SPACE_MAXADDR_32BIT, 8192, 1, 8192);
	struct load_result r = {0};
	bus_dmamap_t map;
	uint8_t *p;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(t, (void **)&p,
	                                  BUS_DMA_WAITOK | BUS_DMA_ZERO, &map),
	                 0);
	assert_int_equal(p[100], 0);
	assert_int_equal(bus_dmamap_load(t, map, p, 8192, load_cb, &r, 0), 0);
	assert_int_equal(r.called, 1);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.nseg, 1);
	assert_int_equal(r.segs[0].ds_addr % 8192, 0);
	assert_int_equal(r.segs[0].ds_len, 8192);
	assert_true(r.segs[0].ds_addr / 65536 ==
	            (r.segs[0].ds_addr + 8191) / 65536);
	assert_true(r.segs[0].ds_addr + 8191 <= BUS_SPACE_MAXADDR_32BIT);
	bus_dmamap_sync(t, map, BUS_DMASYNC_PREWRITE);
	bus_dmamap_unload(t, map);
	bus_dmamem_free(t, p, map);
	assert_int_equal(bus_dma_tag_destroy(t), 0);
}

static void test_load_splits_by_maxsegsz(void **state)
{
	bus_dma_tag_t t = make_tag(4096, 0, BUS_SPACE_MAXADDR, 16384, 8, 4096);
	struct load_result r = {0};
	bus_dmamap_t map;
	void *p;
	int i;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(t, &p, BUS_DMA_NOWAIT, &map), 0);
	bus_dmamap_load(t, map, p, 16384, load_cb, &r, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.nseg, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(r.segs[i].ds_len, 4096);
		assert_int_equal(r.segs[i].ds_addr,
		                 r.segs[0].ds_addr + 4096u * i);
	}
	bus_dmamap_unload(t, map);
	bus_dmamem_free(t, p, map);
	bus_dma_tag_destroy(t);
}

static void test_load_splits_at_the_boundary(void **state)
{
	bus_dma_tag_t mem = make_tag(4096, 0, BUS_SPACE_MAXADDR, 8192, 1, 8192);
	bus_dma_tag_t t = make_tag(1, 4096, BUS_SPACE_MAXADDR, 8192, 4, 4096);
	struct load_result r = {0};
	bus_dmamap_t mmap, map;
	uint8_t *p;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(mem, (void **)&p, 0, &mmap), 0);
	assert_int_equal(bus_dmamap_create(t, 0, &map), 0);
	/* 4 KiB starting 1 KiB before a 4 KiB boundary: two pieces. */
	bus_dmamap_load(t, map, p + 3072, 4096, load_cb, &r, 0);
	assert_int_equal(r.error, 0);
	assert_int_equal(r.nseg, 2);
	assert_int_equal(r.segs[0].ds_len, 1024);
	assert_int_equal(r.segs[1].ds_len, 3072);
	assert_int_equal(r.segs[1].ds_addr % 4096, 0);
	assert_int_equal(r.segs[0].ds_addr + 1024, r.segs[1].ds_addr);
	bus_dmamap_unload(t, map);
	bus_dmamap_destroy(t, map);
	bus_dmamem_free(mem, p, mmap);
	bus_dma_tag_destroy(t);
	bus_dma_tag_destroy(mem);
}

static void test_too_few_segments_give_efbig(void **state)
{
	bus_dma_tag_t t = make_tag(4096, 0, BUS_SPACE_MAXADDR, 16384, 2, 4096);
	struct load_result r = {0};
	bus_dmamap_t map;
	void *p;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(t, &p, 0, &map), 0);
	mock_console_capture(1);
	assert_int_equal(bus_dmamap_load(t, map, p, 16384, load_cb, &r, 0), 0);
	mock_console_capture(0);
	assert_int_equal(r.called, 1);
	assert_int_equal(r.error, EFBIG);
	assert_int_equal(r.nseg, 0);
	bus_dmamem_free(t, p, map);
	bus_dma_tag_destroy(t);
}

static void test_buffer_above_lowaddr_is_refused_not_bounced(void **state)
{
	bus_dma_tag_t mem = make_tag(4096, 0, BUS_SPACE_MAXADDR, 4096, 1, 4096);
	bus_dma_tag_t t = make_tag(1, 0, 0, 4096, 1, 4096);
	struct load_result r = {0};
	bus_dmamap_t mmap, map;
	void *p;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(mem, &p, 0, &mmap), 0);
	assert_int_equal(bus_dmamap_create(t, 0, &map), 0);
	mock_console_capture(1);
	mock_console_clear();
	bus_dmamap_load(t, map, p, 4096, load_cb, &r, 0);
	assert_non_null(strstr(mock_console_text(), "no bounce buffers"));
	mock_console_capture(0);
	assert_int_equal(r.error, EINVAL);
	assert_int_equal(r.nseg, 0);
	bus_dmamap_destroy(t, map);
	bus_dmamem_free(mem, p, mmap);
	bus_dma_tag_destroy(t);
	bus_dma_tag_destroy(mem);
}

static void test_misaligned_buffer_is_refused(void **state)
{
	bus_dma_tag_t t = make_tag(4096, 0, BUS_SPACE_MAXADDR, 8192, 4, 8192);
	struct load_result r = {0};
	bus_dmamap_t mmap, map;
	uint8_t *p;

	(void)state;
	assert_int_equal(bus_dmamem_alloc(t, (void **)&p, 0, &mmap), 0);
	assert_int_equal(bus_dmamap_create(t, 0, &map), 0);
	mock_console_capture(1);
	bus_dmamap_load(t, map, p + 8, 512, load_cb, &r, 0);
	mock_console_capture(0);
	assert_int_equal(r.error, EINVAL);
	bus_dmamap_destroy(t, map);
	bus_dmamem_free(t, p, mmap);
	bus_dma_tag_destroy(t);
}

static void test_heap_buffer_is_mapped_and_unmapped(void **state)
{
	bus_dma_tag_t t = make_tag(1, 0, BUS_SPACE_MAXADDR, 65536, 32, 65536);
	struct load_result r = {0};
	bus_dmamap_t map;
	char *buf = malloc(10000, M_TEMP, M_WAITOK);
	bus_size_t total = 0;
	int i;

	(void)state;
	assert_int_equal(bus_dmamap_create(t, 0, &map), 0);
	bus_dmamap_load(t, map, buf, 10000, load_cb, &r, 0);
	assert_int_equal(r.error, 0);
	assert_true(r.nseg >= 1);
	for (i = 0; i < r.nseg; i++)
		total += r.segs[i].ds_len;
	assert_int_equal(total, 10000);
	bus_dmamap_sync(t, map, BUS_DMASYNC_PREWRITE);
	bus_dmamap_sync(t, map, BUS_DMASYNC_POSTREAD);
	/* A loaded map cannot be destroyed; the tag has a map. */
	assert_int_equal(bus_dmamap_destroy(t, map), EBUSY);
	assert_int_equal(bus_dma_tag_destroy(t), EBUSY);
	bus_dmamap_unload(t, map);
	assert_int_equal(bus_dmamap_destroy(t, map), 0);
	assert_int_equal(bus_dma_tag_destroy(t), 0);
	free(buf, M_TEMP);
}

static void test_child_tag_inherits_the_stricter_lowaddr(void **state)
{
	bus_dma_tag_t parent = make_tag(1, 0, 0, 4096, 1, 4096), child = NULL;
	bus_dma_tag_t mem = make_tag(4096, 0, BUS_SPACE_MAXADDR, 4096, 1, 4096);
	struct load_result r = {0};
	bus_dmamap_t mmap, map;
	void *p;

	(void)state;
	assert_int_equal(bus_dma_tag_create(parent, 1, 0, BUS_SPACE_MAXADDR,
	                                    BUS_SPACE_MAXADDR, NULL, NULL, 4096,
	                                    1, 4096, 0, NULL, NULL, &child),
	                 0);
	assert_int_equal(bus_dma_tag_destroy(parent), EBUSY);
	assert_int_equal(bus_dmamem_alloc(mem, &p, 0, &mmap), 0);
	assert_int_equal(bus_dmamap_create(child, 0, &map), 0);
	mock_console_capture(1);
	bus_dmamap_load(child, map, p, 4096, load_cb, &r, 0);
	mock_console_capture(0);
	assert_int_equal(r.error, EINVAL);
	bus_dmamap_destroy(child, map);
	bus_dmamem_free(mem, p, mmap);
	bus_dma_tag_destroy(mem);
	assert_int_equal(bus_dma_tag_destroy(child), 0);
	assert_int_equal(bus_dma_tag_destroy(parent), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FBSD(test_tag_with_a_filter_function_is_refused),
	    FBSD(test_dmamem_meets_alignment_and_boundary),
	    FBSD(test_load_splits_by_maxsegsz),
	    FBSD(test_load_splits_at_the_boundary),
	    FBSD(test_too_few_segments_give_efbig),
	    FBSD(test_buffer_above_lowaddr_is_refused_not_bounced),
	    FBSD(test_misaligned_buffer_is_refused),
	    FBSD(test_heap_buffer_is_mapped_and_unmapped),
	    FBSD(test_child_tag_inherits_the_stricter_lowaddr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
