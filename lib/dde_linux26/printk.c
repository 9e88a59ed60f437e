/*
 * printk.c — console output, BUG/WARN, panic and the formatting helpers.
 */
#include <ddekit/panic.h>
#include <ddekit/printf.h>

#include <linux/kernel.h>

static const char *const level_tag[] = {
    "EMERG: ", "ALERT: ", "CRIT: ", "ERR: ", "WARNING: ", "", "", "",
};

int vprintk(const char *fmt, va_list args)
{
	char buf[1024];
	const char *tag = "";
	int n;

	/* A "<n>" prefix selects the level; drivers rely on it being eaten. */
	if (fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '7' && fmt[2] == '>') {
		tag = level_tag[fmt[1] - '0'];
		fmt += 3;
	}
	n = ddekit_vsnprintf(buf, sizeof(buf), fmt, args);
	ddekit_printf("%s%s", tag, buf);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}

void dde_linux26_bug(const char *file, int line)
{
	ddekit_panic("kernel BUG at %s:%d!", file, line);
}

void dde_linux26_warn(const char *file, int line)
{
	ddekit_printf("WARNING: at %s:%d\n", file, line);
}

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	ddekit_vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	ddekit_panic("Kernel panic: %s", buf);
}

int dde_linux26_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	return ddekit_vsnprintf(buf, size, fmt, args);
}

int dde_linux26_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = ddekit_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

int dde_linux26_sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = ddekit_vsnprintf(buf, (size_t)1 << 30, fmt, args);
	va_end(args);
	return n;
}

int dde_linux26_scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = ddekit_vsnprintf(buf, size, fmt, args);
	va_end(args);
	if (size == 0)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

unsigned long dde_linux26_simple_strtoul(const char *cp, char **endp,
                                         unsigned int base)
{
	unsigned long v = 0;
	int d;

	if (!base) {
		base = 10;
		if (cp[0] == '0') {
			base = 8;
			if ((cp[1] == 'x' || cp[1] == 'X') &&
			    digit_value(cp[2]) < 16) {
				base = 16;
				cp += 2;
			}
		}
	} else if (base == 16 && cp[0] == '0' &&
	           (cp[1] == 'x' || cp[1] == 'X')) {
		cp += 2;
	}
	while ((d = digit_value(*cp)) < (int)base) {
		v = v * base + (unsigned long)d;
		cp++;
	}
	if (endp)
		*endp = (char *)cp;
	return v;
}

long dde_linux26_simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)dde_linux26_simple_strtoul(cp + 1, endp, base);
	return (long)dde_linux26_simple_strtoul(cp, endp, base);
}
