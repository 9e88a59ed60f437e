/*
 * json.h — the one JSON helper the reports need.
 */
#ifndef DSWEEPER_JSON_H
#define DSWEEPER_JSON_H

#include <stdio.h>

/** Write @s as a JSON string literal (quotes, escapes). */
void dsw_json_string(FILE *out, const char *s);

#endif /* DSWEEPER_JSON_H */
