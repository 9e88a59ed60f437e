/*
 * list.c — the device list of --list (report.h).
 */
#include "json.h"
#include "report.h"

static const char *table_name(enum bddf_table t)
{
	return t == BDDF_TABLE_MBR   ? "mbr"
	       : t == BDDF_TABLE_GPT ? "gpt"
	                             : "none";
}

/* Labels and models come from the disk: keep control characters out of
 * the terminal. */
static void safe_text(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, out);
}

void dsw_list_text(FILE *out, const struct bddf_dev_info *d, int n)
{
	char size[32];
	int i;

	fprintf(out, "%-10s %4s  %-36s %12s %10s  %s\n", "DEVICE", "PART",
	        "TYPE", "START LBA", "SIZE", "LABEL");
	for (i = 0; i < n; i++) {
		dsw_fmt_size(size, sizeof(size),
		             d[i].sectors * d[i].sector_size);
		if (d[i].partition == 0) {
			fprintf(out, "%-10s %4s  %-36s %12llu %10s  ",
			        d[i].name, "-",
			        d[i].table_error ? "refused"
			                         : table_name(d[i].table),
			        (unsigned long long)d[i].start_lba, size);
			safe_text(out, d[i].model);
			fputc('\n', out);
			if (d[i].table_error) {
				fputs("           partition table refused: ",
				      out);
				safe_text(out, d[i].table_msg);
				fputc('\n', out);
			}
			continue;
		}
		fprintf(out, "%-10s %4d  %-36s %12llu %10s  ", d[i].name,
		        d[i].partition, d[i].type,
		        (unsigned long long)d[i].start_lba, size);
		safe_text(out, d[i].label);
		fputc('\n', out);
	}
}

void dsw_list_json(FILE *out, const struct bddf_dev_info *d, int n)
{
	int i;

	fputs("{\"devices\":[", out);
	for (i = 0; i < n; i++) {
		fputs(i ? ",{\"name\":" : "{\"name\":", out);
		dsw_json_string(out, d[i].name);
		fputs(",\"disk\":", out);
		dsw_json_string(out, d[i].disk);
		fprintf(out,
		        ",\"partition\":%d,\"start_lba\":%llu,\"sectors\":%llu,"
		        "\"sector_size\":%u,\"table\":\"%s\",\"type\":",
		        d[i].partition, (unsigned long long)d[i].start_lba,
		        (unsigned long long)d[i].sectors, d[i].sector_size,
		        table_name(d[i].table));
		dsw_json_string(out, d[i].type);
		fputs(",\"label\":", out);
		dsw_json_string(out, d[i].label);
		fputs(",\"model\":", out);
		dsw_json_string(out, d[i].model);
		fputs(",\"table_error\":", out);
		if (d[i].table_error)
			dsw_json_string(out, d[i].table_msg);
		else
			fputs("null", out);
		fputc('}', out);
	}
	fputs("]}\n", out);
}
