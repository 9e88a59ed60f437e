/*
 * printf.c — DDEKit's own formatter and console output.
 *
 * The formatter needs no C library, so every host (bare metal included) gets
 * the same output for the same format. It implements the C99 subset listed
 * in <ddekit/printf.h>; %n is deliberately absent (format strings can come
 * from drivers), and unknown conversions are printed as written.
 */
#include "internal.h"

#include <ddekit/printf.h>

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* Every character is counted, but only those that fit are stored. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

#define FLAG_LEFT  0x01u /* '-' */
#define FLAG_ZERO  0x02u /* '0' */
#define FLAG_PLUS  0x04u /* '+' */
#define FLAG_SPACE 0x08u /* ' ' */
#define FLAG_ALT   0x10u /* '#' */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
	unsigned flags;
	int width;
	int prec; /* -1: not given */
	enum length len;
	char conv;
};

static void put(struct out *o, char c)
{
	if (o->size && o->len < o->size - 1)
		o->buf[o->len] = c;
	o->len++;
}

static void put_n(struct out *o, const char *s, size_t n)
{
	while (n--)
		put(o, *s++);
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Width/precision digits; saturates instead of overflowing on silly input. */
static int parse_num(const char **p)
{
	int v = 0;

	while (**p >= '0' && **p <= '9') {
		int d = **p - '0';

		v = v > (INT_MAX - d) / 10 ? INT_MAX : v * 10 + d;
		(*p)++;
	}
	return v;
}

static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
	s->flags = 0;
	s->width = 0;
	s->prec = -1;
	s->len = LEN_NONE;

	for (;; p++) {
		if (*p == '-')
			s->flags |= FLAG_LEFT;
		else if (*p == '0')
			s->flags |= FLAG_ZERO;
		else if (*p == '+')
			s->flags |= FLAG_PLUS;
		else if (*p == ' ')
			s->flags |= FLAG_SPACE;
		else if (*p == '#')
			s->flags |= FLAG_ALT;
		else
			break;
	}

	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		/* A negative width argument means '-' with its magnitude. */
		if (w < 0) {
			s->flags |= FLAG_LEFT;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		s->width = w;
	} else {
		s->width = parse_num(&p);
	}

	if (*p == '.') {
		p++;
		if (*p == '*') {
			int pr = va_arg(*ap, int);

			p++;
			s->prec = pr < 0 ? -1 : pr;
		} else {
			s->prec = parse_num(&p);
		}
	}

	switch (*p) {
	case 'h':
		p++;
		s->len = LEN_H;
		if (*p == 'h') {
			p++;
			s->len = LEN_HH;
		}
		break;
	case 'l':
		p++;
		s->len = LEN_L;
		if (*p == 'l') {
			p++;
			s->len = LEN_LL;
		}
		break;
	case 'z':
		p++;
		s->len = LEN_Z;
		break;
	case 't':
		p++;
		s->len = LEN_T;
		break;
	case 'j':
		p++;
		s->len = LEN_J;
		break;
	default:
		break;
	}

	s->conv = *p;
	return p;
}

static intmax_t fetch_signed(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		/* The signed type of size_t's width (what %zd means). */
		return (ptrdiff_t)va_arg(*ap, size_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uintmax_t fetch_unsigned(enum length len, va_list *ap)
{
	switch (len) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_J:
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

/*
 * One integer: [padding][sign or prefix][zeros][digits][padding].
 * @prefix is the sign ("-", "+", " ") or the radix prefix ("0x"), or "".
 */
static void emit_int(struct out *o, const struct spec *s, uintmax_t v,
                     unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[sizeof(uintmax_t) * 3 + 1]; /* octal needs the most */
	size_t ndig = 0;
	size_t plen = strlen(prefix);
	long long body;
	int zeros, fill;

	while (v) {
		tmp[ndig++] = digits[v % base];
		v /= base;
	}
	/* C99: precision 0 with value 0 prints no digits; otherwise at least
	 * one digit. */
	if (ndig == 0 && s->prec != 0)
		tmp[ndig++] = '0';

	zeros = s->prec > (int)ndig ? s->prec - (int)ndig : 0;
	/* '#' with %o makes the first digit a zero. */
	if (s->conv == 'o' && (s->flags & FLAG_ALT) && zeros == 0 &&
	    (ndig == 0 || tmp[ndig - 1] != '0'))
		zeros = 1;

	/* In long long: width and precision may both be near INT_MAX. */
	body = (long long)plen + zeros + (long long)ndig;
	fill = s->width > body ? (int)(s->width - body) : 0;
	/* The '0' flag is ignored with '-' and with an explicit precision. */
	if ((s->flags & FLAG_ZERO) && !(s->flags & FLAG_LEFT) && s->prec < 0) {
		zeros += fill;
		fill = 0;
	}

	if (!(s->flags & FLAG_LEFT))
		pad(o, ' ', fill);
	put_n(o, prefix, plen);
	pad(o, '0', zeros);
	while (ndig)
		put(o, tmp[--ndig]);
	if (s->flags & FLAG_LEFT)
		pad(o, ' ', fill);
}

static void emit_str(struct out *o, const struct spec *s, const char *str)
{
	size_t n = 0;
	int fill;

	if (!str)
		str = "(null)";
	/* Never read past the precision: the string may be unterminated. */
	while ((s->prec < 0 || n < (size_t)s->prec) && str[n])
		n++;
	fill = s->width > (int)n ? s->width - (int)n : 0;
	if (!(s->flags & FLAG_LEFT))
		pad(o, ' ', fill);
	put_n(o, str, n);
	if (s->flags & FLAG_LEFT)
		pad(o, ' ', fill);
}

static void emit_signed(struct out *o, const struct spec *s, va_list *ap)
{
	intmax_t v = fetch_signed(s->len, ap);
	uintmax_t mag = v < 0 ? 0u - (uintmax_t)v : (uintmax_t)v;
	const char *sign = "";

	if (v < 0)
		sign = "-";
	else if (s->flags & FLAG_PLUS)
		sign = "+";
	else if (s->flags & FLAG_SPACE)
		sign = " ";
	emit_int(o, s, mag, 10, false, sign);
}

static void emit_unsigned(struct out *o, const struct spec *s, va_list *ap)
{
	uintmax_t v = fetch_unsigned(s->len, ap);
	const char *prefix = "";
	unsigned base = 10;

	if (s->conv == 'o') {
		base = 8;
	} else if (s->conv == 'x' || s->conv == 'X') {
		base = 16;
		if ((s->flags & FLAG_ALT) && v)
			prefix = s->conv == 'x' ? "0x" : "0X";
	}
	emit_int(o, s, v, base, s->conv == 'X', prefix);
}

static void emit_pointer(struct out *o, const struct spec *s, va_list *ap)
{
	void *p = va_arg(*ap, void *);
	struct spec ps = *s;

	if (!p) {
		ps.prec = -1;
		emit_str(o, &ps, "(nil)");
		return;
	}
	ps.conv = 'x';
	emit_int(o, &ps, (uintptr_t)p, 16, false, "0x");
}

static void emit_char(struct out *o, const struct spec *s, va_list *ap)
{
	char c = (char)va_arg(*ap, int);
	int fill = s->width > 1 ? s->width - 1 : 0;

	if (!(s->flags & FLAG_LEFT))
		pad(o, ' ', fill);
	put(o, c);
	if (s->flags & FLAG_LEFT)
		pad(o, ' ', fill);
}

int ddekit_vsnprintf(char *buf, size_t size, const char *fmt, va_list va)
{
	struct out o = {.buf = buf, .size = size, .len = 0};
	const char *p = fmt;
	struct spec s;
	va_list ap;

	va_copy(ap, va);
	while (*p) {
		const char *start = p;

		if (*p != '%') {
			put(&o, *p++);
			continue;
		}
		p = parse_spec(p + 1, &s, &ap);
		switch (s.conv) {
		case 'd':
		case 'i':
			emit_signed(&o, &s, &ap);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			emit_unsigned(&o, &s, &ap);
			break;
		case 'c':
			emit_char(&o, &s, &ap);
			break;
		case 's':
			emit_str(&o, &s, va_arg(ap, const char *));
			break;
		case 'p':
			emit_pointer(&o, &s, &ap);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			/* A lone '%' at the end is printed as is. */
			put_n(&o, start, (size_t)(p - start));
			continue;
		default:
			put_n(&o, start, (size_t)(p - start) + 1);
			break;
		}
		p++;
	}
	va_end(ap);

	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int ddekit_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list va;
	int n;

	va_start(va, fmt);
	n = ddekit_vsnprintf(buf, size, fmt, va);
	va_end(va);
	return n;
}

int ddekit_vprintf(const char *fmt, va_list va)
{
	char buf[1024];
	int n = ddekit_vsnprintf(buf, sizeof(buf), fmt, va);

	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	/* One write per call keeps concurrent callers' lines whole. */
	if (n > 0)
		ddekit_host_console_write(buf, (size_t)n);
	return n;
}

int ddekit_printf(const char *fmt, ...)
{
	va_list va;
	int n;

	va_start(va, fmt);
	n = ddekit_vprintf(fmt, va);
	va_end(va);
	return n;
}

int ddekit_print(const char *msg)
{
	size_t n = strlen(msg);

	ddekit_host_console_write(msg, n);
	return n > INT_MAX ? INT_MAX : (int)n;
}
