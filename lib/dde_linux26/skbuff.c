/*
 * skbuff.c — socket buffer allocation, data-area arithmetic and queues.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>

/* One block holds the data area and, behind it, the shared info. */
static unsigned char *alloc_data(unsigned int size, gfp_t gfp,
                                 unsigned char **end)
{
	unsigned char *data;

	size = SKB_DATA_ALIGN(size);
	data =
	    kmalloc(size + sizeof(struct skb_shared_info), gfp & ~__GFP_ZERO);
	if (!data)
		return NULL;
	*end = data + size;
	memset(*end, 0, sizeof(struct skb_shared_info));
	atomic_set(&((struct skb_shared_info *)*end)->dataref, 1);
	return data;
}

struct sk_buff *alloc_skb(unsigned int size, gfp_t priority)
{
	struct sk_buff *skb;
	unsigned char *data, *end;

	skb = kzalloc(sizeof(*skb), priority);
	if (!skb)
		return NULL;
	data = alloc_data(size, priority, &end);
	if (!data) {
		kfree(skb);
		return NULL;
	}
	skb->head = skb->data = skb->tail = data;
	skb->end = end;
	skb->truesize = (unsigned int)(end - data) + sizeof(*skb);
	atomic_set(&skb->users, 1);
	return skb;
}

struct sk_buff *__dev_alloc_skb(unsigned int length, gfp_t gfp_mask)
{
	struct sk_buff *skb = alloc_skb(length + NET_SKB_PAD, gfp_mask);

	if (skb)
		skb_reserve(skb, NET_SKB_PAD);
	return skb;
}

struct sk_buff *dev_alloc_skb(unsigned int length)
{
	return __dev_alloc_skb(length, GFP_ATOMIC);
}

struct sk_buff *__netdev_alloc_skb(struct net_device *dev, unsigned int length,
                                   gfp_t gfp_mask)
{
	struct sk_buff *skb = __dev_alloc_skb(length, gfp_mask);

	if (skb)
		skb->dev = dev;
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (unlikely(!skb))
		return;
	if (atomic_read(&skb->users) != 1 && !atomic_dec_and_test(&skb->users))
		return;
	if (skb->destructor)
		skb->destructor(skb);
	kfree(skb->head);
	kfree(skb);
}

void dev_kfree_skb_irq(struct sk_buff *skb)
{
	kfree_skb(skb);
}

void dev_kfree_skb_any(struct sk_buff *skb)
{
	kfree_skb(skb);
}

static const char *skb_dev_name(const struct sk_buff *skb)
{
	return skb->dev && skb->dev->name[0] ? skb->dev->name : "<NULL>";
}

void skb_over_panic(struct sk_buff *skb, int len, void *here)
{
	printk(KERN_EMERG "skb_over_panic: text:%p len:%u put:%d head:%p "
	                  "data:%p tail:%p end:%p dev:%s\n",
	       here, skb->len, len, skb->head, skb->data, skb->tail, skb->end,
	       skb_dev_name(skb));
	BUG();
}

void skb_under_panic(struct sk_buff *skb, int len, void *here)
{
	printk(KERN_EMERG "skb_under_panic: text:%p len:%u put:%d head:%p "
	                  "data:%p tail:%p end:%p dev:%s\n",
	       here, skb->len, len, skb->head, skb->data, skb->tail, skb->end,
	       skb_dev_name(skb));
	BUG();
}

unsigned char *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *old = skb->tail;

	if (unlikely(len > (unsigned int)skb_tailroom(skb)))
		skb_over_panic(skb, (int)len, __builtin_return_address(0));
	skb->tail += len;
	skb->len += len;
	return old;
}

unsigned char *skb_push(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb_headroom(skb)))
		skb_under_panic(skb, (int)len, __builtin_return_address(0));
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

unsigned char *__skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		skb_under_panic(skb, -(int)len, __builtin_return_address(0));
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

unsigned char *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

void skb_reserve(struct sk_buff *skb, int len)
{
	/* Linux does not check; a clear BUG beats a corrupted heap later. */
	if (unlikely(len < 0 ? (unsigned int)-len > skb_headroom(skb)
	                     : len > skb_tailroom(skb)))
		skb_over_panic(skb, len, __builtin_return_address(0));
	skb->data += len;
	skb->tail += len;
}

int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail, gfp_t gfp_mask)
{
	unsigned int size, used;
	unsigned char *data, *end;
	long off;

	if (nhead < 0 || ntail < 0 || atomic_read(&skb->users) != 1)
		BUG();
	size = (unsigned int)(skb->end - skb->head) + (unsigned int)nhead +
	       (unsigned int)ntail;
	data = alloc_data(size, gfp_mask, &end);
	if (!data)
		return -ENOMEM;
	used = (unsigned int)(skb->tail - skb->head);
	memcpy(data + nhead, skb->head, used);
	memcpy(end, skb->end, sizeof(struct skb_shared_info));
	off = (data + nhead) - skb->head;
	kfree(skb->head);
	skb->head = data;
	skb->end = end;
	skb->data += off;
	skb->tail += off;
	if (skb->mac_header)
		skb->mac_header += off;
	if (skb->network_header)
		skb->network_header += off;
	if (skb->transport_header)
		skb->transport_header += off;
	skb->truesize = (unsigned int)(end - data) + sizeof(*skb);
	return 0;
}

int skb_pad(struct sk_buff *skb, int pad)
{
	int room = skb_tailroom(skb);

	if (likely(room >= pad)) {
		memset(skb->tail, 0, (size_t)pad);
		return 0;
	}
	if (pskb_expand_head(skb, 0, pad - room, GFP_ATOMIC)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	memset(skb->tail, 0, (size_t)pad);
	return 0;
}

void skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_tail(list, newsk);
	spin_unlock_irqrestore(&list->lock, flags);
}

void skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_queue_head(list, newsk);
	spin_unlock_irqrestore(&list->lock, flags);
}

struct sk_buff *skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	skb = __skb_dequeue(list);
	spin_unlock_irqrestore(&list->lock, flags);
	return skb;
}

struct sk_buff *skb_dequeue_tail(struct sk_buff_head *list)
{
	struct sk_buff *skb;
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	skb = __skb_dequeue_tail(list);
	spin_unlock_irqrestore(&list->lock, flags);
	return skb;
}

void skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	unsigned long flags;

	spin_lock_irqsave(&list->lock, flags);
	__skb_unlink(skb, list);
	spin_unlock_irqrestore(&list->lock, flags);
}

void skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}
