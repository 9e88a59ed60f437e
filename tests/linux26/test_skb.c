/*
 * test_skb.c — sk_buff data-area arithmetic, overrun BUGs, queues.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/if_ether.h>
#include <linux/skbuff.h>

#include "l26_fixture.h"

static void test_alloc_skb_starts_empty_with_all_room_at_the_tail(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	(void)state;
	assert_non_null(skb);
	assert_int_equal(skb->len, 0);
	assert_int_equal(skb->data_len, 0);
	assert_int_equal(skb_headroom(skb), 0);
	assert_true(skb_tailroom(skb) >= 100);
	assert_ptr_equal(skb->data, skb->head);
	assert_ptr_equal(skb_tail_pointer(skb), skb->data);
	assert_int_equal(skb_shinfo(skb)->nr_frags, 0);
	kfree_skb(skb);
}

static void test_skb_reserve_moves_room_from_tail_to_head(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);
	int room = skb_tailroom(skb);

	(void)state;
	skb_reserve(skb, 16);
	assert_int_equal(skb_headroom(skb), 16);
	assert_int_equal(skb_tailroom(skb), room - 16);
	assert_int_equal(skb->len, 0);
	kfree_skb(skb);
}

static void
test_skb_put_appends_at_the_tail_and_returns_the_old_tail(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);
	unsigned char *old_tail;
	int room;

	(void)state;
	skb_reserve(skb, 10);
	room = skb_tailroom(skb);
	old_tail = skb_tail_pointer(skb);
	assert_ptr_equal(skb_put(skb, 30), old_tail);
	assert_int_equal(skb->len, 30);
	assert_int_equal(skb_tailroom(skb), room - 30);
	assert_int_equal(skb_headroom(skb), 10);
	assert_ptr_equal(skb_tail_pointer(skb), skb->data + 30);
	kfree_skb(skb);
}

static void test_skb_push_prepends_into_the_headroom(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);
	unsigned char *data;

	(void)state;
	skb_reserve(skb, 20);
	skb_put(skb, 10);
	data = skb->data;
	assert_ptr_equal(skb_push(skb, 14), data - 14);
	assert_int_equal(skb->len, 24);
	assert_int_equal(skb_headroom(skb), 6);
	kfree_skb(skb);
}

static void test_skb_pull_consumes_from_the_front(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);
	unsigned char *data;
	int room;

	(void)state;
	skb_put(skb, 40);
	data = skb->data;
	room = skb_tailroom(skb);
	assert_ptr_equal(skb_pull(skb, 14), data + 14);
	assert_int_equal(skb->len, 26);
	assert_int_equal(skb_headroom(skb), 14);
	assert_int_equal(skb_tailroom(skb), room);
	kfree_skb(skb);
}

static void
test_skb_pull_past_the_data_returns_null_and_changes_nothing(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);
	unsigned char *data;

	(void)state;
	skb_put(skb, 10);
	data = skb->data;
	assert_null(skb_pull(skb, 11));
	assert_int_equal(skb->len, 10);
	assert_ptr_equal(skb->data, data);
	kfree_skb(skb);
}

static void test_skb_trim_shortens_but_never_lengthens(void **state)
{
	struct sk_buff *skb = alloc_skb(100, GFP_KERNEL);

	(void)state;
	skb_put(skb, 50);
	skb_trim(skb, 20);
	assert_int_equal(skb->len, 20);
	assert_ptr_equal(skb_tail_pointer(skb), skb->data + 20);
	skb_trim(skb, 40);
	assert_int_equal(skb->len, 20);
	kfree_skb(skb);
}

static void test_dev_alloc_skb_leaves_net_skb_pad_of_headroom(void **state)
{
	struct sk_buff *skb = dev_alloc_skb(1518);

	(void)state;
	assert_non_null(skb);
	assert_int_equal(skb_headroom(skb), NET_SKB_PAD);
	assert_true(skb_tailroom(skb) >= 1518);
	assert_int_equal(skb->len, 0);
	kfree_skb(skb);
}

static void
test_reserving_net_ip_align_puts_the_ip_header_on_4_bytes(void **state)
{
	struct sk_buff *skb = dev_alloc_skb(1518 + NET_IP_ALIGN);

	(void)state;
	assert_non_null(skb);
	skb_reserve(skb, NET_IP_ALIGN);
	assert_int_equal(NET_IP_ALIGN, 2);
	assert_int_equal(((uintptr_t)skb->data + ETH_HLEN) % 4, 0);
	assert_true(skb_tailroom(skb) >= 1518);
	kfree_skb(skb);
}

static void
test_netdev_alloc_skb_leaves_headroom_and_sets_the_device(void **state)
{
	struct net_device *dev = (struct net_device *)&dev;
	struct sk_buff *skb = netdev_alloc_skb(dev, 64);

	(void)state;
	assert_non_null(skb);
	assert_int_equal(skb_headroom(skb), NET_SKB_PAD);
	assert_ptr_equal(skb->dev, dev);
	skb->dev = NULL;
	kfree_skb(skb);
}

static void
test_skb_put_beyond_the_tailroom_is_a_bug_naming_skb_over_panic(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	unsigned int room = (unsigned int)skb_tailroom(skb);

	(void)state;
	skb_put(skb, room);
	assert_true(fixture_panics(skb_put(skb, 1)));
	assert_non_null(strstr(mock_console_text(), "skb_over_panic"));
	assert_int_equal(skb->len, room);
	kfree_skb(skb);
}

static void
test_skb_push_beyond_the_headroom_is_a_bug_naming_skb_under_panic(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	(void)state;
	skb_reserve(skb, 8);
	skb_push(skb, 8);
	assert_true(fixture_panics(skb_push(skb, 1)));
	assert_non_null(strstr(mock_console_text(), "skb_under_panic"));
	assert_int_equal(skb->len, 8);
	kfree_skb(skb);
}

static void test___skb_pull_beyond_the_data_is_a_bug(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	(void)state;
	skb_put(skb, 4);
	assert_true(fixture_panics(__skb_pull(skb, 5)));
	assert_non_null(strstr(mock_console_text(), "skb_under_panic"));
	kfree_skb(skb);
}

static void test_skb_reserve_beyond_the_tailroom_is_a_bug(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	int room = skb_tailroom(skb);

	(void)state;
	assert_true(fixture_panics(skb_reserve(skb, room + 1)));
	assert_int_equal(skb_headroom(skb), 0);
	kfree_skb(skb);
}

static void test_linear_data_copies_round_trip(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);
	const char msg[] = "0123456789";
	char out[sizeof(msg)] = {0};

	(void)state;
	skb_put(skb, sizeof(msg));
	skb_copy_to_linear_data(skb, msg, 4);
	skb_copy_to_linear_data_offset(skb, 4, msg + 4, sizeof(msg) - 4);
	assert_memory_equal(skb->data, msg, sizeof(msg));
	skb_copy_from_linear_data_offset(skb, 2, out, 3);
	assert_memory_equal(out, "234", 3);
	skb_copy_from_linear_data(skb, out, sizeof(msg));
	assert_string_equal(out, msg);
	kfree_skb(skb);
}

static void
test_skb_padto_zero_fills_and_grows_the_buffer_when_needed(void **state)
{
	struct sk_buff *skb = alloc_skb(20, GFP_KERNEL);
	unsigned char *p;
	int i;

	(void)state;
	p = skb_put(skb, 20);
	memset(p, 0xab, 20);
	skb_trim(skb, 10);
	memset(skb_tail_pointer(skb), 0xcd, (size_t)skb_tailroom(skb));
	assert_int_equal(skb_padto(skb, 200), 0);
	assert_int_equal(skb->len, 10);
	assert_true(skb_tailroom(skb) >= 190);
	for (i = 0; i < 10; i++)
		assert_int_equal(skb->data[i], 0xab);
	for (i = 10; i < 200; i++)
		assert_int_equal(skb->data[i], 0);
	kfree_skb(skb);
}

static int destroyed;

static void count_destructor(struct sk_buff *skb)
{
	(void)skb;
	destroyed++;
}

static void test_kfree_skb_frees_only_after_the_last_user(void **state)
{
	struct sk_buff *skb = alloc_skb(64, GFP_KERNEL);

	(void)state;
	destroyed = 0;
	skb->destructor = count_destructor;
	skb_get(skb);
	kfree_skb(skb);
	assert_int_equal(destroyed, 0);
	dev_kfree_skb_any(skb);
	assert_int_equal(destroyed, 1);
}

static struct sk_buff *numbered(unsigned char n)
{
	struct sk_buff *skb = alloc_skb(8, GFP_KERNEL);

	*skb_put(skb, 1) = n;
	return skb;
}

static void test_skb_queue_is_fifo_and_counts_its_buffers(void **state)
{
	struct sk_buff_head q;
	struct sk_buff *skb;
	unsigned char i;

	(void)state;
	skb_queue_head_init(&q);
	assert_true(skb_queue_empty(&q));
	assert_null(skb_dequeue(&q));
	for (i = 0; i < 5; i++)
		skb_queue_tail(&q, numbered(i));
	assert_int_equal(skb_queue_len(&q), 5);
	for (i = 0; i < 5; i++) {
		skb = skb_dequeue(&q);
		assert_non_null(skb);
		assert_int_equal(skb->data[0], i);
		assert_int_equal(skb_queue_len(&q), 4 - i);
		kfree_skb(skb);
	}
	assert_true(skb_queue_empty(&q));
}

static void test_skb_queue_head_puts_a_buffer_first(void **state)
{
	struct sk_buff_head q;
	struct sk_buff *skb;

	(void)state;
	skb_queue_head_init(&q);
	skb_queue_tail(&q, numbered(1));
	skb_queue_head(&q, numbered(0));
	skb = skb_dequeue(&q);
	assert_int_equal(skb->data[0], 0);
	kfree_skb(skb);
	skb = skb_dequeue_tail(&q);
	assert_int_equal(skb->data[0], 1);
	kfree_skb(skb);
	assert_int_equal(skb_queue_len(&q), 0);
}

static void test_skb_queue_purge_frees_and_empties(void **state)
{
	struct sk_buff_head q;
	int i;

	(void)state;
	skb_queue_head_init(&q);
	for (i = 0; i < 7; i++)
		skb_queue_tail(&q, numbered((unsigned char)i));
	skb_queue_purge(&q);
	assert_int_equal(skb_queue_len(&q), 0);
	assert_true(skb_queue_empty(&q));
	/* Teardown's leak check proves the buffers were freed. */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    L26(test_alloc_skb_starts_empty_with_all_room_at_the_tail),
	    L26(test_skb_reserve_moves_room_from_tail_to_head),
	    L26(test_skb_put_appends_at_the_tail_and_returns_the_old_tail),
	    L26(test_skb_push_prepends_into_the_headroom),
	    L26(test_skb_pull_consumes_from_the_front),
	    L26(test_skb_pull_past_the_data_returns_null_and_changes_nothing),
	    L26(test_skb_trim_shortens_but_never_lengthens),
	    L26(test_dev_alloc_skb_leaves_net_skb_pad_of_headroom),
	    L26(test_netdev_alloc_skb_leaves_headroom_and_sets_the_device),
	    L26(test_reserving_net_ip_align_puts_the_ip_header_on_4_bytes),
	    L26(test_skb_put_beyond_the_tailroom_is_a_bug_naming_skb_over_panic),
	    L26(test_skb_push_beyond_the_headroom_is_a_bug_naming_skb_under_panic),
	    L26(test___skb_pull_beyond_the_data_is_a_bug),
	    L26(test_skb_reserve_beyond_the_tailroom_is_a_bug),
	    L26(test_linear_data_copies_round_trip),
	    L26(test_skb_padto_zero_fills_and_grows_the_buffer_when_needed),
	    L26(test_kfree_skb_frees_only_after_the_last_user),
	    L26(test_skb_queue_is_fifo_and_counts_its_buffers),
	    L26(test_skb_queue_head_puts_a_buffer_first),
	    L26(test_skb_queue_purge_frees_and_empties),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
