/*
 * stdio.c — <stdio.h> for dsweeper's bare-metal image (include/stdio.h).
 *
 * stdout and stderr are the one console, so they share one line buffer:
 * what the front end writes comes out in the order it wrote it, a line at
 * a time. Formatting is DDEKit's (one conversion at a time, so that the
 * C99 flags, widths and lengths behave exactly as there) plus %f, which
 * DDEKit does not have; this file is built with SSE for it and runs in the
 * thread that claimed the FPU (main_baremetal.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ddekit/printf.h>

struct dsw_bm_file {
	int unused;
};

static struct dsw_bm_file out_file, err_file;
FILE *const stdout = &out_file;
FILE *const stderr = &err_file;

static char line[1024];
static size_t line_len;

static void flush_line(void)
{
	if (line_len)
		ddekit_printf("%.*s", (int)line_len, line);
	line_len = 0;
}

static void put(const char *s, size_t n)
{
	while (n--) {
		line[line_len++] = *s;
		if (*s++ == '\n' || line_len == sizeof(line))
			flush_line();
	}
}

/* Every character is counted, only what fits is stored (C99 snprintf). */
struct sink {
	char *buf;
	size_t size, len;
};

static char *room(struct sink *o, size_t *left)
{
	*left = o->len < o->size ? o->size - o->len : 0;
	return *left ? o->buf + o->len : NULL;
}

static void emit(struct sink *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->size)
			o->buf[o->len] = s[i];
}

static void emit_pad(struct sink *o, char c, int n)
{
	while (n-- > 0)
		emit(o, &c, 1);
}

struct conv {
	char flags[8];
	int width; /* -1: none */
	int prec;  /* -1: none */
	char len[3];
	char conv;
};

/* %f with width, precision and the '-', '+', ' ' and '0' flags. */
static void emit_double(struct sink *o, const struct conv *c, double v)
{
	int prec = c->prec < 0 ? 6 : c->prec > 9 ? 9 : c->prec;
	const char *sign = "";
	char digits[48];
	uint64_t scale = 1, n;
	int len, pad;

	for (int i = 0; i < prec; i++)
		scale *= 10;
	if (v < 0) {
		sign = "-";
		v = -v;
	} else if (strchr(c->flags, '+')) {
		sign = "+";
	} else if (strchr(c->flags, ' ')) {
		sign = " ";
	}
	if (v != v)
		len = ddekit_snprintf(digits, sizeof(digits), "nan");
	else if (v * (double)scale >= 1.8e19)
		len = ddekit_snprintf(digits, sizeof(digits), "inf");
	else if (!prec)
		len = ddekit_snprintf(digits, sizeof(digits), "%llu",
		                      (unsigned long long)(v + 0.5));
	else {
		n = (uint64_t)(v * (double)scale + 0.5);
		len = ddekit_snprintf(digits, sizeof(digits), "%llu.%0*llu",
		                      (unsigned long long)(n / scale), prec,
		                      (unsigned long long)(n % scale));
	}
	pad = c->width - len - (int)strlen(sign);
	if (strchr(c->flags, '-')) {
		emit(o, sign, strlen(sign));
		emit(o, digits, (size_t)len);
		emit_pad(o, ' ', pad);
	} else if (strchr(c->flags, '0') && digits[0] >= '0' &&
	           digits[0] <= '9') {
		emit(o, sign, strlen(sign));
		emit_pad(o, '0', pad);
		emit(o, digits, (size_t)len);
	} else {
		emit_pad(o, ' ', pad);
		emit(o, sign, strlen(sign));
		emit(o, digits, (size_t)len);
	}
}

static const char *parse(const char *p, struct conv *c, va_list *ap)
{
	size_t nf = 0, nl = 0;

	memset(c, 0, sizeof(*c));
	c->width = c->prec = -1;
	while (strchr("-+ #0", *p) && *p && nf < sizeof(c->flags) - 1)
		c->flags[nf++] = *p++;
	if (*p == '*') {
		c->width = va_arg(*ap, int);
		if (c->width < 0) { /* a negative width is '-' and its size */
			c->width = -c->width;
			if (nf < sizeof(c->flags) - 1)
				c->flags[nf++] = '-';
		}
		p++;
	} else {
		for (; *p >= '0' && *p <= '9'; p++)
			c->width =
			    (c->width < 0 ? 0 : c->width * 10) + *p - '0';
	}
	if (*p == '.') {
		p++;
		c->prec = 0;
		if (*p == '*') {
			c->prec = va_arg(*ap, int);
			if (c->prec < 0)
				c->prec = -1;
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			c->prec = c->prec * 10 + *p - '0';
	}
	while (strchr("hlzjtL", *p) && *p && nl < sizeof(c->len) - 1)
		c->len[nl++] = *p++;
	c->conv = *p;
	return *p ? p + 1 : p;
}

/* The conversion as DDEKit's formatter takes it: stars resolved, and
 * integers always passed as long long with @len. */
static void spec_text(char *s, size_t n, const struct conv *c, const char *len)
{
	char w[16] = "", pr[16] = "";

	if (c->width >= 0)
		ddekit_snprintf(w, sizeof(w), "%d", c->width);
	if (c->prec >= 0)
		ddekit_snprintf(pr, sizeof(pr), ".%d", c->prec);
	ddekit_snprintf(s, n, "%%%s%s%s%s%c", c->flags, w, pr, len, c->conv);
}

static long long signed_arg(const struct conv *c, va_list *ap)
{
	if (!strcmp(c->len, "hh"))
		return (signed char)va_arg(*ap, int);
	if (!strcmp(c->len, "h"))
		return (short)va_arg(*ap, int);
	if (!strcmp(c->len, "ll"))
		return va_arg(*ap, long long);
	if (c->len[0] == 'l' || c->len[0] == 'z' || c->len[0] == 'j' ||
	    c->len[0] == 't')
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static unsigned long long unsigned_arg(const struct conv *c, va_list *ap)
{
	if (!strcmp(c->len, "hh"))
		return (unsigned char)va_arg(*ap, unsigned);
	if (!strcmp(c->len, "h"))
		return (unsigned short)va_arg(*ap, unsigned);
	if (!strcmp(c->len, "ll"))
		return va_arg(*ap, unsigned long long);
	if (c->len[0] == 'l' || c->len[0] == 'z' || c->len[0] == 'j' ||
	    c->len[0] == 't')
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned);
}

static void format(struct sink *o, const char *fmt, va_list *ap)
{
	char spec[64], *at;
	struct conv c;
	size_t left;

	while (*fmt) {
		if (*fmt != '%') {
			emit(o, fmt++, 1);
			continue;
		}
		fmt = parse(fmt + 1, &c, ap);
		at = room(o, &left);
		switch (c.conv) {
		case '%':
			emit(o, "%", 1);
			continue;
		case 'f':
		case 'F':
		case 'e':
		case 'g':
			emit_double(o, &c, va_arg(*ap, double));
			continue;
		case 'd':
		case 'i':
			spec_text(spec, sizeof(spec), &c, "ll");
			o->len += (size_t)ddekit_snprintf(at, left, spec,
			                                  signed_arg(&c, ap));
			continue;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			spec_text(spec, sizeof(spec), &c, "ll");
			o->len += (size_t)ddekit_snprintf(at, left, spec,
			                                  unsigned_arg(&c, ap));
			continue;
		case 'c':
			spec_text(spec, sizeof(spec), &c, "");
			o->len += (size_t)ddekit_snprintf(at, left, spec,
			                                  va_arg(*ap, int));
			continue;
		case 's':
			spec_text(spec, sizeof(spec), &c, "");
			o->len += (size_t)ddekit_snprintf(
			    at, left, spec, va_arg(*ap, const char *));
			continue;
		case 'p':
			spec_text(spec, sizeof(spec), &c, "");
			o->len += (size_t)ddekit_snprintf(at, left, spec,
			                                  va_arg(*ap, void *));
			continue;
		default: /* unknown (or %n): printed as written */
			emit(o, "%", 1);
			emit(o, &c.conv, c.conv ? 1 : 0);
			continue;
		}
	}
	if (o->size)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink o = {buf, size, 0};
	va_list aq;

	va_copy(aq, ap);
	format(&o, fmt, &aq);
	va_end(aq);
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	char small[512], *buf = small;
	va_list aq;
	int n;

	(void)f;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n >= (int)sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (!buf)
			return EOF;
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	}
	put(buf, (size_t)n);
	if (buf != small)
		free(buf);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fputs(const char *s, FILE *f)
{
	(void)f;
	put(s, strlen(s));
	return 0;
}

int fputc(int c, FILE *f)
{
	char ch = (char)c;

	(void)f;
	put(&ch, 1);
	return (unsigned char)ch;
}

int fflush(FILE *f)
{
	(void)f;
	flush_line();
	return 0;
}
