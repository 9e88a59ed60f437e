/*
 * printf.c — the backend's own small formatter for its messages (boot,
 * panics, leak reports). lib/ddekit has a full printf, but the backend sits
 * below it and must print before it exists.
 *
 * Supports %s %c %d %i %u %x %p %% with the l/ll/z modifiers, a field width
 * and the 0 flag: all the backend uses.
 */
#include "bm.h"

struct out {
	char buf[128];
	size_t n;
};

static void flush(struct out *o)
{
	bm_serial_write(o->buf, o->n);
	o->n = 0;
}

static void emit(struct out *o, char c)
{
	if (o->n == sizeof(o->buf))
		flush(o);
	o->buf[o->n++] = c;
}

static void number(struct out *o, uint64_t v, unsigned base, int neg, int width,
                   char pad)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[n++] = '-';
	while (width-- > n)
		emit(o, pad);
	while (n)
		emit(o, tmp[--n]);
}

void bm_vprintf(const char *fmt, va_list ap)
{
	struct out o = {.n = 0};
	int longs, width;
	char pad;
	uint64_t u;
	int64_t s;
	const char *str;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			emit(&o, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (longs = 0; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
		case 'i':
			s = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			number(&o, s < 0 ? -(uint64_t)s : (uint64_t)s, 10,
			       s < 0, width, pad);
			break;
		case 'u':
		case 'x':
			u = longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned);
			number(&o, u, *fmt == 'u' ? 10 : 16, 0, width, pad);
			break;
		case 'p':
			emit(&o, '0');
			emit(&o, 'x');
			number(&o, (uintptr_t)va_arg(ap, void *), 16, 0, 0,
			       ' ');
			break;
		case 'c':
			emit(&o, (char)va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			for (str = str ? str : "(null)"; *str; str++)
				emit(&o, *str);
			break;
		case '%':
			emit(&o, '%');
			break;
		default: /* unknown: print it, so the mistake shows */
			emit(&o, '%');
			if (!*fmt)
				goto out;
			emit(&o, *fmt);
		}
	}
out:
	flush(&o);
}

void bm_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bm_vprintf(fmt, ap);
	va_end(ap);
}
