/*
 * json.c — JSON string literals (json.h). Labels come from partition
 * tables, so anything may be in them: control characters are escaped,
 * other bytes (UTF-8) pass as they are.
 */
#include "json.h"

void dsw_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}
