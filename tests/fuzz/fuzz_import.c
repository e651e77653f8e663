/*
 * fuzz_import.c — the platform's CSV import (src/apply/import.c) over
 * any bytes: the header mapping, the required cells, the row callback's
 * errors and the limits, with a spec of three columns whose row() keeps
 * nothing.  No database: the parse alone, as the dry run reads a file.
 */
#include <stdint.h>
#include <string.h>

#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct import_col cols[] = {
	{ "番号", "number", 1 },
	{ "金額", "amount", 0 },
	{ "備考", "note", 0 },
};

static const char *
row(struct import_run *r, const char *const *cell, int *col,
    const char **value)
{
	(void)r;
	(void)value;
	/* Touch every cell, as a product reads them. */
	if (strlen(cell[0]) > 8 || strlen(cell[1]) + strlen(cell[2]) > 64) {
		*col = 0;
		return "import.err.too-long";
	}
	return NULL;
}

static const struct import_spec spec = {
	.name = "fuzz", .title = "title.fuzz", .cols = cols, .ncols = 3,
	.row = row, .max_rows = 200,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct import_run	*r;
	size_t			 i;

	if ((r = import_run_new(NULL, &spec, NULL, "fuzz.csv", 0)) == NULL)
		return 0;
	(void)import_run_parse(r, (const char *)data, len);
	for (i = 0; import_err_at(r, i) != NULL; i++)
		if (import_err_at(r, i)->key == NULL)
			__builtin_trap();
	if (import_nerrors(r) < i)
		__builtin_trap();
	import_run_free(r);
	return 0;
}
