/*
 * linux/skbuff.h — socket buffers (libdde emulation of Linux 2.6.24).
 *
 * An sk_buff owns one linear buffer [head, end) with the data in
 * [data, tail); skb_shinfo() sits at end, as in Linux. head/data/tail/end
 * and the header marks are pointers (Linux's 32-bit layout), so both
 * skb->tail arithmetic and skb_tail_pointer() work.
 * skb_put()/skb_push()/__skb_pull()/skb_reserve() beyond the buffer are a
 * BUG() with a message naming the skb ("skb_over_panic"/"skb_under_panic");
 * skb_pull() past the data returns NULL, as in Linux.
 * dev_kfree_skb_irq()/dev_kfree_skb_any() free at once: interrupt handlers
 * are threads here and kfree() is safe in every context, so nothing needs
 * deferring to the NET_TX softirq.
 * Knowingly missing: paged data and fragment lists (nr_frags is always 0,
 * never set NETIF_F_SG), clones and copies (skb_clone, skb_copy,
 * skb_share_check, skb_cow), checksum helpers, struct sock.
 */
#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <asm/atomic.h>

struct net_device;
struct sock;
struct page;

#define CHECKSUM_NONE        0
#define CHECKSUM_UNNECESSARY 1
#define CHECKSUM_COMPLETE    2
#define CHECKSUM_PARTIAL     3

#define PACKET_HOST      0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3
#define PACKET_OUTGOING  4
#define PACKET_LOOPBACK  5

/* Headroom dev_alloc_skb()/netdev_alloc_skb() leave in front of the data. */
#define NET_SKB_PAD 16

/* What drivers skb_reserve() in receive buffers so that the IP header
 * behind the 14-byte Ethernet header is 4-byte aligned (x86 value). */
#define NET_IP_ALIGN 2

#define SMP_CACHE_BYTES 64
#define SKB_DATA_ALIGN(x)                                                      \
	(((x) + (SMP_CACHE_BYTES - 1)) & ~(SMP_CACHE_BYTES - 1))

#define MAX_SKB_FRAGS (65536 / PAGE_SIZE + 2)

typedef unsigned char *sk_buff_data_t;

typedef struct skb_frag_struct {
	struct page *page;
	__u32 page_offset;
	__u32 size;
} skb_frag_t;

struct skb_shared_info {
	atomic_t dataref;
	unsigned short nr_frags;
	unsigned short gso_size;
	unsigned short gso_segs;
	unsigned short gso_type;
	__be32 ip6_frag_id;
	struct sk_buff *frag_list;
	skb_frag_t frags[MAX_SKB_FRAGS];
};

enum {
	SKB_GSO_TCPV4 = 1 << 0,
	SKB_GSO_UDP = 1 << 1,
	SKB_GSO_DODGY = 1 << 2,
	SKB_GSO_TCP_ECN = 1 << 3,
	SKB_GSO_TCPV6 = 1 << 4,
};

struct sk_buff {
	/* First: an sk_buff_head's next/prev alias these. */
	struct sk_buff *next;
	struct sk_buff *prev;

	struct sock *sk;
	struct net_device *dev;
	char cb[48];

	unsigned int len;
	unsigned int data_len; /* always 0: no paged data */
	__u16 mac_len;
	__u16 hdr_len;
	union {
		__wsum csum;
		struct {
			__u16 csum_start;
			__u16 csum_offset;
		};
	};
	__u32 priority;
	__u8 local_df : 1, cloned : 1, ip_summed : 2, nohdr : 1, nfctinfo : 3;
	__u8 pkt_type : 3, fclone : 2, ipvs_property : 1, peeked : 1,
	    nf_trace : 1;
	__be16 protocol;

	void (*destructor)(struct sk_buff *skb);
	__u32 mark;

	sk_buff_data_t transport_header;
	sk_buff_data_t network_header;
	sk_buff_data_t mac_header;
	sk_buff_data_t tail;
	sk_buff_data_t end;
	unsigned char *head;
	unsigned char *data;
	unsigned int truesize;
	atomic_t users;
};

struct sk_buff_head {
	/* First: they alias an sk_buff's next/prev (the list's sentinel). */
	struct sk_buff *next;
	struct sk_buff *prev;

	__u32 qlen;
	spinlock_t lock;
};

_Static_assert(offsetof(struct sk_buff, next) == 0 &&
                   offsetof(struct sk_buff, prev) == sizeof(void *) &&
                   offsetof(struct sk_buff_head, next) == 0 &&
                   offsetof(struct sk_buff_head, prev) == sizeof(void *),
               "queue links must alias between sk_buff and sk_buff_head");

struct sk_buff *alloc_skb(unsigned int size, gfp_t priority);
struct sk_buff *__dev_alloc_skb(unsigned int length, gfp_t gfp_mask);
struct sk_buff *dev_alloc_skb(unsigned int length);
struct sk_buff *__netdev_alloc_skb(struct net_device *dev, unsigned int length,
                                   gfp_t gfp_mask);
static inline struct sk_buff *netdev_alloc_skb(struct net_device *dev,
                                               unsigned int length)
{
	return __netdev_alloc_skb(dev, length, GFP_ATOMIC);
}

void kfree_skb(struct sk_buff *skb);
#define dev_kfree_skb(a) kfree_skb(a)
void dev_kfree_skb_irq(struct sk_buff *skb);
void dev_kfree_skb_any(struct sk_buff *skb);

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	atomic_inc(&skb->users);
	return skb;
}

/* The BUG()s behind put/push/pull/reserve overruns; @here is the caller. */
void skb_over_panic(struct sk_buff *skb, int len, void *here)
    __attribute__((noreturn));
void skb_under_panic(struct sk_buff *skb, int len, void *here)
    __attribute__((noreturn));

unsigned char *skb_put(struct sk_buff *skb, unsigned int len);
unsigned char *skb_push(struct sk_buff *skb, unsigned int len);
unsigned char *skb_pull(struct sk_buff *skb, unsigned int len);
unsigned char *__skb_pull(struct sk_buff *skb, unsigned int len);
void skb_reserve(struct sk_buff *skb, int len);
#define __skb_put(skb, len)  skb_put(skb, len)
#define __skb_push(skb, len) skb_push(skb, len)

int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, gfp_t gfp_mask);
/* Zero @pad bytes after the data, growing the buffer if needed; on failure
 * the skb is freed and -ENOMEM returned (2.6.24 semantics). */
int skb_pad(struct sk_buff *skb, int pad);

static inline int skb_padto(struct sk_buff *skb, unsigned int len)
{
	if (likely(skb->len >= len))
		return 0;
	return skb_pad(skb, (int)(len - skb->len));
}

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)skb->end;
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline int skb_is_nonlinear(const struct sk_buff *skb)
{
	return skb->data_len != 0;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline int skb_tailroom(const struct sk_buff *skb)
{
	return (int)(skb->end - skb->tail);
}

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->tail;
}

static inline void skb_reset_tail_pointer(struct sk_buff *skb)
{
	skb->tail = skb->data;
}

static inline void skb_set_tail_pointer(struct sk_buff *skb, int offset)
{
	skb->tail = skb->data + offset;
}

static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb->end;
}

static inline void __skb_trim(struct sk_buff *skb, unsigned int len)
{
	skb->len = len;
	skb->tail = skb->data + len;
}

static inline void skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len)
		__skb_trim(skb, len);
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->mac_header;
}
static inline int skb_mac_header_was_set(const struct sk_buff *skb)
{
	return skb->mac_header != NULL;
}
static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = skb->data;
}
static inline void skb_set_mac_header(struct sk_buff *skb, int offset)
{
	skb->mac_header = skb->data + offset;
}
static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->network_header;
}
static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = skb->data;
}
static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb->network_header = skb->data + offset;
}
static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)(skb->network_header - skb->data);
}
static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->transport_header;
}
static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = skb->data;
}
static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb->transport_header = skb->data + offset;
}
static inline int skb_transport_offset(const struct sk_buff *skb)
{
	return (int)(skb->transport_header - skb->data);
}

static inline void skb_copy_from_linear_data(const struct sk_buff *skb,
                                             void *to, const unsigned int len)
{
	memcpy(to, skb->data, len);
}

static inline void skb_copy_from_linear_data_offset(const struct sk_buff *skb,
                                                    const int offset, void *to,
                                                    const unsigned int len)
{
	memcpy(to, skb->data + offset, len);
}

static inline void skb_copy_to_linear_data(struct sk_buff *skb,
                                           const void *from,
                                           const unsigned int len)
{
	memcpy(skb->data, from, len);
}

static inline void skb_copy_to_linear_data_offset(struct sk_buff *skb,
                                                  const int offset,
                                                  const void *from,
                                                  const unsigned int len)
{
	memcpy(skb->data + offset, from, len);
}

/* --- queues: the locked forms take the queue lock with interrupts off --- */

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	spin_lock_init(&list->lock);
	list->prev = list->next = (struct sk_buff *)list;
	list->qlen = 0;
}

static inline __u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

static inline int skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)list;
}

static inline struct sk_buff *skb_peek(struct sk_buff_head *list)
{
	struct sk_buff *s = list->next;

	return s == (struct sk_buff *)list ? NULL : s;
}

static inline struct sk_buff *skb_peek_tail(struct sk_buff_head *list)
{
	struct sk_buff *s = list->prev;

	return s == (struct sk_buff *)list ? NULL : s;
}

/*
 * The queue head doubles as the list's sentinel, so a link may belong to
 * an sk_buff_head rather than an sk_buff: links are reached through their
 * own type only, never through the (larger) struct sk_buff.
 */
#define __skb_next(p) (*(struct sk_buff **)(void *)(p))
#define __skb_prev(p) (*((struct sk_buff **)(void *)(p) + 1))

static inline void __skb_insert(struct sk_buff *newsk, struct sk_buff *prev,
                                struct sk_buff *next, struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	__skb_prev(next) = newsk;
	__skb_next(prev) = newsk;
	list->qlen++;
}

static inline void __skb_queue_tail(struct sk_buff_head *list,
                                    struct sk_buff *newsk)
{
	__skb_insert(newsk, list->prev, (struct sk_buff *)list, list);
}

static inline void __skb_queue_head(struct sk_buff_head *list,
                                    struct sk_buff *newsk)
{
	__skb_insert(newsk, (struct sk_buff *)list, list->next, list);
}

static inline void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	list->qlen--;
	__skb_prev(skb->next) = skb->prev;
	__skb_next(skb->prev) = skb->next;
	skb->next = skb->prev = NULL;
}

static inline struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

static inline struct sk_buff *__skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek_tail(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

static inline void __skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk);
void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk);
struct sk_buff *skb_dequeue(struct sk_buff_head *list);
struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list);
void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
void skb_queue_purge(struct sk_buff_head *list);

#define skb_queue_walk(queue, skb)                                             \
	for (skb = (queue)->next; skb != (struct sk_buff *)(queue);            \
	     skb = skb->next)
#define skb_queue_walk_safe(queue, skb, tmp)                                   \
	for (skb = (queue)->next, tmp = skb->next;                             \
	     skb != (struct sk_buff *)(queue); skb = tmp, tmp = skb->next)

#endif /* _LINUX_SKBUFF_H */
