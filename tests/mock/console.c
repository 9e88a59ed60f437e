/*
 * console.c — console output (stderr or captured) and abort.
 *
 * Capture lets tests assert on what lib/ddekit printed. An abort that a test
 * did not expect must still end the process visibly, so the captured text is
 * written to stderr first: it usually holds the panic message.
 */
#include "mock_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t console_lock = PTHREAD_MUTEX_INITIALIZER;
static int capturing;
static char *text;
static size_t text_len, text_cap;

static _Thread_local jmp_buf *abort_env;

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n <= 0)
			return; /* the contract lets console output be dropped
			         */
		buf += n;
		len -= (size_t)n;
	}
}

/* Caller holds console_lock. Output that does not fit is dropped. */
static void append(const char *buf, size_t len)
{
	if (text_len + len + 1 > text_cap) {
		size_t cap = text_cap ? text_cap : 1024;
		char *t;

		while (text_len + len + 1 > cap)
			cap *= 2;
		t = realloc(text, cap);
		if (!t)
			return;
		text = t;
		text_cap = cap;
	}
	memcpy(text + text_len, buf, len);
	text_len += len;
	text[text_len] = '\0';
}

void ddekit_host_console_write(const char *buf, size_t len)
{
	if (!buf || !len)
		return;
	pthread_mutex_lock(&console_lock);
	if (capturing)
		append(buf, len);
	else
		write_all(STDERR_FILENO, buf, len);
	pthread_mutex_unlock(&console_lock);
}

void mock_console_capture(int on)
{
	pthread_mutex_lock(&console_lock);
	capturing = on;
	pthread_mutex_unlock(&console_lock);
}

const char *mock_console_text(void)
{
	const char *t;

	pthread_mutex_lock(&console_lock);
	t = text ? text : "";
	pthread_mutex_unlock(&console_lock);
	return t;
}

void mock_console_clear(void)
{
	pthread_mutex_lock(&console_lock);
	text_len = 0;
	if (text)
		text[0] = '\0';
	pthread_mutex_unlock(&console_lock);
}

/* Unloading ends capture and frees the captured text. */
void mock__console_reset(void)
{
	pthread_mutex_lock(&console_lock);
	capturing = 0;
	free(text);
	text = NULL;
	text_len = text_cap = 0;
	pthread_mutex_unlock(&console_lock);
}

void mock_expect_abort(jmp_buf *env)
{
	abort_env = env;
}

void ddekit_host_abort(void)
{
	jmp_buf *env = abort_env;

	if (env) {
		abort_env = NULL; /* only the next abort is expected */
		longjmp(*env, 1);
	}
	pthread_mutex_lock(&console_lock);
	if (capturing && text_len) {
		write_all(STDERR_FILENO, "mock: captured console output:\n",
		          31);
		write_all(STDERR_FILENO, text, text_len);
	}
	pthread_mutex_unlock(&console_lock);
	write_all(STDERR_FILENO, "mock: ddekit_host_abort() called\n", 33);
	fflush(NULL);
	/* the status abort() would give, without a core dump */
	_exit(134);
}
