/*
 * sys/queue.h — intrusive lists (FreeBSD 7 names, libdde implementation).
 *
 * SLIST: singly linked, O(1) head insert/remove.
 * STAILQ: singly linked with a tail pointer, O(1) append.
 * LIST: doubly linked (prev is the address of the previous link field).
 * TAILQ: doubly linked with a tail pointer, walkable in both directions.
 * All of them hold no lock; callers serialise.
 */
#ifndef _DDE_FBSD_SYS_QUEUE_H_
#define _DDE_FBSD_SYS_QUEUE_H_

#include <sys/cdefs.h>

/* ---- SLIST ---- */
#define SLIST_HEAD(name, type)                                                 \
	struct name {                                                          \
		struct type *slh_first;                                        \
	}
#define SLIST_HEAD_INITIALIZER(head)                                           \
	{                                                                      \
		NULL                                                           \
	}
#define SLIST_ENTRY(type)                                                      \
	struct {                                                               \
		struct type *sle_next;                                         \
	}
#define SLIST_FIRST(head)      ((head)->slh_first)
#define SLIST_EMPTY(head)      ((head)->slh_first == NULL)
#define SLIST_NEXT(elm, field) ((elm)->field.sle_next)
#define SLIST_INIT(head)       ((head)->slh_first = NULL)
#define SLIST_FOREACH(var, head, field)                                        \
	for ((var) = SLIST_FIRST(head); (var); (var) = SLIST_NEXT(var, field))
#define SLIST_FOREACH_SAFE(var, head, field, tvar)                             \
	for ((var) = SLIST_FIRST(head);                                        \
	     (var) && ((tvar) = SLIST_NEXT(var, field), 1); (var) = (tvar))
#define SLIST_INSERT_HEAD(head, elm, field)                                    \
	do {                                                                   \
		(elm)->field.sle_next = (head)->slh_first;                     \
		(head)->slh_first = (elm);                                     \
	} while (0)
#define SLIST_INSERT_AFTER(slistelm, elm, field)                               \
	do {                                                                   \
		(elm)->field.sle_next = (slistelm)->field.sle_next;            \
		(slistelm)->field.sle_next = (elm);                            \
	} while (0)
#define SLIST_REMOVE_HEAD(head, field)                                         \
	((head)->slh_first = (head)->slh_first->field.sle_next)
#define SLIST_REMOVE(head, elm, type, field)                                   \
	do {                                                                   \
		struct type **slist_pp_ = &(head)->slh_first;                  \
		while (*slist_pp_ != (elm))                                    \
			slist_pp_ = &(*slist_pp_)->field.sle_next;             \
		*slist_pp_ = (elm)->field.sle_next;                            \
	} while (0)

/* ---- STAILQ ---- */
#define STAILQ_HEAD(name, type)                                                \
	struct name {                                                          \
		struct type *stqh_first;                                       \
		struct type **stqh_last;                                       \
	}
#define STAILQ_HEAD_INITIALIZER(head)                                          \
	{                                                                      \
		NULL, &(head).stqh_first                                       \
	}
#define STAILQ_ENTRY(type)                                                     \
	struct {                                                               \
		struct type *stqe_next;                                        \
	}
#define STAILQ_FIRST(head)      ((head)->stqh_first)
#define STAILQ_EMPTY(head)      ((head)->stqh_first == NULL)
#define STAILQ_NEXT(elm, field) ((elm)->field.stqe_next)
#define STAILQ_INIT(head)                                                      \
	do {                                                                   \
		(head)->stqh_first = NULL;                                     \
		(head)->stqh_last = &(head)->stqh_first;                       \
	} while (0)
#define STAILQ_FOREACH(var, head, field)                                       \
	for ((var) = STAILQ_FIRST(head); (var); (var) = STAILQ_NEXT(var, field))
#define STAILQ_FOREACH_SAFE(var, head, field, tvar)                            \
	for ((var) = STAILQ_FIRST(head);                                       \
	     (var) && ((tvar) = STAILQ_NEXT(var, field), 1); (var) = (tvar))
#define STAILQ_INSERT_HEAD(head, elm, field)                                   \
	do {                                                                   \
		if (((elm)->field.stqe_next = (head)->stqh_first) == NULL)     \
			(head)->stqh_last = &(elm)->field.stqe_next;           \
		(head)->stqh_first = (elm);                                    \
	} while (0)
#define STAILQ_INSERT_TAIL(head, elm, field)                                   \
	do {                                                                   \
		(elm)->field.stqe_next = NULL;                                 \
		*(head)->stqh_last = (elm);                                    \
		(head)->stqh_last = &(elm)->field.stqe_next;                   \
	} while (0)
#define STAILQ_INSERT_AFTER(head, tqelm, elm, field)                           \
	do {                                                                   \
		if (((elm)->field.stqe_next = (tqelm)->field.stqe_next) ==     \
		    NULL)                                                      \
			(head)->stqh_last = &(elm)->field.stqe_next;           \
		(tqelm)->field.stqe_next = (elm);                              \
	} while (0)
#define STAILQ_REMOVE_HEAD(head, field)                                        \
	do {                                                                   \
		if (((head)->stqh_first =                                      \
		         (head)->stqh_first->field.stqe_next) == NULL)         \
			(head)->stqh_last = &(head)->stqh_first;               \
	} while (0)
#define STAILQ_REMOVE(head, elm, type, field)                                  \
	do {                                                                   \
		struct type **stq_pp_ = &(head)->stqh_first;                   \
		while (*stq_pp_ != (elm))                                      \
			stq_pp_ = &(*stq_pp_)->field.stqe_next;                \
		if ((*stq_pp_ = (elm)->field.stqe_next) == NULL)               \
			(head)->stqh_last = stq_pp_;                           \
	} while (0)

/* ---- LIST ---- */
#define LIST_HEAD(name, type)                                                  \
	struct name {                                                          \
		struct type *lh_first;                                         \
	}
#define LIST_HEAD_INITIALIZER(head)                                            \
	{                                                                      \
		NULL                                                           \
	}
#define LIST_ENTRY(type)                                                       \
	struct {                                                               \
		struct type *le_next;                                          \
		struct type **le_prev;                                         \
	}
#define LIST_FIRST(head)      ((head)->lh_first)
#define LIST_EMPTY(head)      ((head)->lh_first == NULL)
#define LIST_NEXT(elm, field) ((elm)->field.le_next)
#define LIST_INIT(head)       ((head)->lh_first = NULL)
#define LIST_FOREACH(var, head, field)                                         \
	for ((var) = LIST_FIRST(head); (var); (var) = LIST_NEXT(var, field))
#define LIST_FOREACH_SAFE(var, head, field, tvar)                              \
	for ((var) = LIST_FIRST(head);                                         \
	     (var) && ((tvar) = LIST_NEXT(var, field), 1); (var) = (tvar))
#define LIST_INSERT_HEAD(head, elm, field)                                     \
	do {                                                                   \
		if (((elm)->field.le_next = (head)->lh_first) != NULL)         \
			(head)->lh_first->field.le_prev =                      \
			    &(elm)->field.le_next;                             \
		(head)->lh_first = (elm);                                      \
		(elm)->field.le_prev = &(head)->lh_first;                      \
	} while (0)
#define LIST_INSERT_AFTER(listelm, elm, field)                                 \
	do {                                                                   \
		if (((elm)->field.le_next = (listelm)->field.le_next) != NULL) \
			(listelm)->field.le_next->field.le_prev =              \
			    &(elm)->field.le_next;                             \
		(listelm)->field.le_next = (elm);                              \
		(elm)->field.le_prev = &(listelm)->field.le_next;              \
	} while (0)
#define LIST_INSERT_BEFORE(listelm, elm, field)                                \
	do {                                                                   \
		(elm)->field.le_prev = (listelm)->field.le_prev;               \
		(elm)->field.le_next = (listelm);                              \
		*(listelm)->field.le_prev = (elm);                             \
		(listelm)->field.le_prev = &(elm)->field.le_next;              \
	} while (0)
#define LIST_REMOVE(elm, field)                                                \
	do {                                                                   \
		if ((elm)->field.le_next != NULL)                              \
			(elm)->field.le_next->field.le_prev =                  \
			    (elm)->field.le_prev;                              \
		*(elm)->field.le_prev = (elm)->field.le_next;                  \
	} while (0)

/* ---- TAILQ ---- */
#define TAILQ_HEAD(name, type)                                                 \
	struct name {                                                          \
		struct type *tqh_first;                                        \
		struct type **tqh_last;                                        \
	}
#define TAILQ_HEAD_INITIALIZER(head)                                           \
	{                                                                      \
		NULL, &(head).tqh_first                                        \
	}
#define TAILQ_ENTRY(type)                                                      \
	struct {                                                               \
		struct type *tqe_next;                                         \
		struct type **tqe_prev;                                        \
	}
#define TAILQ_FIRST(head)      ((head)->tqh_first)
#define TAILQ_EMPTY(head)      ((head)->tqh_first == NULL)
#define TAILQ_NEXT(elm, field) ((elm)->field.tqe_next)
/*
 * The last element's link field is what tqh_last points to; its tqe_prev
 * points at the link field before it, which (both being {next, prev} pairs
 * laid out like the head) leads back to the element itself.
 */
#define TAILQ_LAST(head, headname)                                             \
	(*(((struct headname *)((head)->tqh_last))->tqh_last))
#define TAILQ_PREV(elm, headname, field)                                       \
	(*(((struct headname *)((elm)->field.tqe_prev))->tqh_last))
#define TAILQ_INIT(head)                                                       \
	do {                                                                   \
		(head)->tqh_first = NULL;                                      \
		(head)->tqh_last = &(head)->tqh_first;                         \
	} while (0)
#define TAILQ_FOREACH(var, head, field)                                        \
	for ((var) = TAILQ_FIRST(head); (var); (var) = TAILQ_NEXT(var, field))
#define TAILQ_FOREACH_SAFE(var, head, field, tvar)                             \
	for ((var) = TAILQ_FIRST(head);                                        \
	     (var) && ((tvar) = TAILQ_NEXT(var, field), 1); (var) = (tvar))
#define TAILQ_FOREACH_REVERSE(var, head, headname, field)                      \
	for ((var) = TAILQ_LAST(head, headname); (var);                        \
	     (var) = TAILQ_PREV(var, headname, field))
#define TAILQ_FOREACH_REVERSE_SAFE(var, head, headname, field, tvar)           \
	for ((var) = TAILQ_LAST(head, headname);                               \
	     (var) && ((tvar) = TAILQ_PREV(var, headname, field), 1);          \
	     (var) = (tvar))
#define TAILQ_INSERT_HEAD(head, elm, field)                                    \
	do {                                                                   \
		if (((elm)->field.tqe_next = (head)->tqh_first) != NULL)       \
			(head)->tqh_first->field.tqe_prev =                    \
			    &(elm)->field.tqe_next;                            \
		else                                                           \
			(head)->tqh_last = &(elm)->field.tqe_next;             \
		(head)->tqh_first = (elm);                                     \
		(elm)->field.tqe_prev = &(head)->tqh_first;                    \
	} while (0)
#define TAILQ_INSERT_TAIL(head, elm, field)                                    \
	do {                                                                   \
		(elm)->field.tqe_next = NULL;                                  \
		(elm)->field.tqe_prev = (head)->tqh_last;                      \
		*(head)->tqh_last = (elm);                                     \
		(head)->tqh_last = &(elm)->field.tqe_next;                     \
	} while (0)
#define TAILQ_INSERT_AFTER(head, listelm, elm, field)                          \
	do {                                                                   \
		if (((elm)->field.tqe_next = (listelm)->field.tqe_next) !=     \
		    NULL)                                                      \
			(elm)->field.tqe_next->field.tqe_prev =                \
			    &(elm)->field.tqe_next;                            \
		else                                                           \
			(head)->tqh_last = &(elm)->field.tqe_next;             \
		(listelm)->field.tqe_next = (elm);                             \
		(elm)->field.tqe_prev = &(listelm)->field.tqe_next;            \
	} while (0)
#define TAILQ_INSERT_BEFORE(listelm, elm, field)                               \
	do {                                                                   \
		(elm)->field.tqe_prev = (listelm)->field.tqe_prev;             \
		(elm)->field.tqe_next = (listelm);                             \
		*(listelm)->field.tqe_prev = (elm);                            \
		(listelm)->field.tqe_prev = &(elm)->field.tqe_next;            \
	} while (0)
#define TAILQ_REMOVE(head, elm, field)                                         \
	do {                                                                   \
		if ((elm)->field.tqe_next != NULL)                             \
			(elm)->field.tqe_next->field.tqe_prev =                \
			    (elm)->field.tqe_prev;                             \
		else                                                           \
			(head)->tqh_last = (elm)->field.tqe_prev;              \
		*(elm)->field.tqe_prev = (elm)->field.tqe_next;                \
	} while (0)
#define TAILQ_CONCAT(head1, head2, field)                                      \
	do {                                                                   \
		if (!TAILQ_EMPTY(head2)) {                                     \
			*(head1)->tqh_last = (head2)->tqh_first;               \
			(head2)->tqh_first->field.tqe_prev =                   \
			    (head1)->tqh_last;                                 \
			(head1)->tqh_last = (head2)->tqh_last;                 \
			TAILQ_INIT(head2);                                     \
		}                                                              \
	} while (0)

#endif /* _DDE_FBSD_SYS_QUEUE_H_ */
