/*
 * report.c — the final summary and the --json report (report.h).
 */
#include <ddekit/errno.h>

#include "report.h"
#include "json.h"

char *dsw_fmt_size(char *buf, size_t len, uint64_t bytes)
{
	static const char *const unit[] = {"B",   "KiB", "MiB",
	                                   "GiB", "TiB", "PiB"};
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%llu B", (unsigned long long)bytes);
	else
		snprintf(buf, len, "%.1f %s", v, unit[u]);
	return buf;
}

void dsw_fmt_seed(char buf[2 * CHACHA20_KEY_BYTES + 1],
                  const uint8_t seed[CHACHA20_KEY_BYTES])
{
	int i;

	for (i = 0; i < CHACHA20_KEY_BYTES; i++)
		snprintf(buf + 2 * i, 3, "%02x", seed[i]);
}

static const char *pattern_name(enum sweep_pattern p)
{
	return p == SWEEP_ZERO ? "zero" : p == SWEEP_RANDOM ? "random" : "none";
}

static const char *op_name(enum bddf_op op)
{
	return op == BDDF_OP_WRITE   ? "write"
	       : op == BDDF_OP_FLUSH ? "flush"
	       : op == BDDF_OP_READ  ? "read"
	                             : "open";
}

static void target_text(FILE *out, const struct dsw_options *o,
                        const struct sweep_target *t)
{
	char a[32], b[32], c[32];
	double s = (double)t->ns / 1e9;
	uint64_t moved = t->bytes_written + t->bytes_read;

	fprintf(out, "  %-10s ", t->name);
	if (o->sweep.write)
		fprintf(out, "written %s",
		        dsw_fmt_size(a, sizeof(a), t->bytes_written));
	else
		fprintf(out, "read %s",
		        dsw_fmt_size(a, sizeof(a), t->bytes_read));
	if (o->sweep.verify)
		fprintf(out, ", verified %s, %llu mismatching sectors",
		        dsw_fmt_size(b, sizeof(b), t->bytes_verified),
		        (unsigned long long)t->mismatches);
	if (!o->sweep.write && o->sweep.pattern == SWEEP_ZERO)
		fprintf(out, ", %s already zero",
		        dsw_fmt_size(c, sizeof(c), t->bytes_zero));
	fprintf(out, ", %llu errors, %.2f s", (unsigned long long)t->errors, s);
	if (s > 0 && moved)
		fprintf(out, ", %.1f MB/s", (double)moved / s / 1e6);
	fputc('\n', out);
}

void dsw_report_text(FILE *out, const struct dsw_options *o,
                     const struct sweep_target *t, int n)
{
	uint64_t written = 0;
	char sz[32];
	int i;

	fputs("Summary:\n", out);
	for (i = 0; i < n; i++) {
		target_text(out, o, &t[i]);
		written += t[i].bytes_written;
	}
	if (!o->sweep.write)
		fputs("Read-only run: nothing was written.\n", out);
	else
		fprintf(out, "Wrote %s in total.\n",
		        dsw_fmt_size(sz, sizeof(sz), written));
}

static void lba_or_null(FILE *out, bool have, uint64_t lba)
{
	if (have)
		fprintf(out, "%llu", (unsigned long long)lba);
	else
		fputs("null", out);
}

static void target_json(FILE *out, const struct sweep_target *t)
{
	fputs("{\"name\":", out);
	dsw_json_string(out, t->name);
	fputs(",\"disk\":", out);
	dsw_json_string(out, t->info.disk);
	fprintf(out,
	        ",\"partition\":%d,\"start_lba\":%llu,\"sectors\":%llu,"
	        "\"sector_size\":%u,\"bytes_written\":%llu,"
	        "\"bytes_read\":%llu,\"bytes_verified\":%llu,"
	        "\"bytes_zero\":%llu,\"mismatches\":%llu,"
	        "\"first_mismatch_lba\":",
	        t->info.partition, (unsigned long long)t->info.start_lba,
	        (unsigned long long)t->info.sectors, t->info.sector_size,
	        (unsigned long long)t->bytes_written,
	        (unsigned long long)t->bytes_read,
	        (unsigned long long)t->bytes_verified,
	        (unsigned long long)t->bytes_zero,
	        (unsigned long long)t->mismatches);
	lba_or_null(out, t->mismatches, t->first_mismatch_lba);
	fprintf(out, ",\"errors\":%llu,\"first_error_lba\":",
	        (unsigned long long)t->errors);
	lba_or_null(out,
	            t->error && (t->error_op == BDDF_OP_READ ||
	                         t->error_op == BDDF_OP_WRITE),
	            t->first_error_lba);
	fputs(",\"error\":", out);
	if (t->error) {
		fputc('{', out);
		fputs("\"op\":", out);
		dsw_json_string(out, op_name(t->error_op));
		fputs(",\"code\":", out);
		dsw_json_string(out, ddekit_errname(t->error));
		fputs(",\"message\":", out);
		dsw_json_string(out, ddekit_strerror(t->error));
		fputc('}', out);
	} else {
		fputs("null", out);
	}
	fprintf(out, ",\"seconds\":%.6f}", (double)t->ns / 1e9);
}

void dsw_report_json(FILE *out, const struct dsw_options *o,
                     const struct sweep_target *t, int n, int exit_code)
{
	char seed[2 * CHACHA20_KEY_BYTES + 1];
	int i;

	fprintf(out,
	        "{\"mode\":\"%s\",\"pattern\":\"%s\",\"verify\":%s,"
	        "\"passes\":%u,\"seed\":",
	        o->sweep.write ? "write" : "read-only",
	        pattern_name(o->sweep.pattern),
	        o->sweep.verify ? "true" : "false", o->sweep.passes);
	if (o->sweep.pattern == SWEEP_RANDOM) {
		dsw_fmt_seed(seed, o->sweep.seed);
		dsw_json_string(out, seed);
	} else {
		fputs("null", out);
	}
	fputs(",\"devices\":[", out);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		target_json(out, &t[i]);
	}
	fprintf(out, "],\"nothing_written\":%s,\"exit_code\":%d}\n",
	        o->sweep.write ? "false" : "true", exit_code);
}
