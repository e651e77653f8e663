/*
 * t_fcgi_out.c — a long response framed as FastCGI stdout records
 * (src/core/fcgi_out.c, issue 10): the records read back give the
 * bytes given, in order, for every way the two parts can fall across
 * the 64 KB a record holds.
 */
#include <stdlib.h>
#include <string.h>

#include <fastcgi.h>

#include "buf.h"
#include "fcgi_out.h"
#include "tests.h"

/* The records in r read back into out; -1 when one is malformed. */
static int
unframe(const struct buf *r, int reqid, struct buf *out, size_t *nrec)
{
	const unsigned char	*p = (const unsigned char *)r->data;
	size_t			 off = 0, n;

	*nrec = 0;
	while (off < r->len) {
		if (r->len - off < 8 || p[off] != FCGI_VERSION_1 ||
		    p[off + 1] != FCGI_STDOUT ||
		    (p[off + 2] << 8 | p[off + 3]) != reqid || p[off + 6] != 0)
			return -1;
		n = (size_t)(p[off + 4] << 8 | p[off + 5]);
		/* An empty record would end the stream before its time. */
		if (n == 0 || r->len - off - 8 < n)
			return -1;
		if (buf_append(out, p + off + 8, n) == -1)
			return -1;
		off += 8 + n;
		(*nrec)++;
	}
	return 0;
}

static void
t_records(void)
{
	static const size_t	 sizes[][2] = { { 0, 0 }, { 5, 0 },
	    { 0, 9000 }, { 120, 30000 }, { 65528, 0 }, { 65527, 1 },
	    { 65528, 1 }, { 3, 70000 }, { 70000, 5 }, { 300, 200000 } };
	struct buf		 r = { NULL, 0, 0 }, back = { NULL, 0, 0 };
	char			*a, *b;
	size_t			 i, k, nrec, want;

	a = malloc(200000);
	b = malloc(200000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	for (k = 0; k < 200000; k++) {
		a[k] = (char)('a' + k % 26);
		b[k] = (char)('0' + k % 10);
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		back.len = 0;
		CU_ASSERT_EQUAL(fcgi_records(&r, 0x1234, a, sizes[i][0], b,
		    sizes[i][1]), 0);
		CU_ASSERT_EQUAL(unframe(&r, 0x1234, &back, &nrec), 0);
		CU_ASSERT_EQUAL(back.len, sizes[i][0] + sizes[i][1]);
		if (back.len == sizes[i][0] + sizes[i][1]) {
			CU_ASSERT(memcmp(back.data, a, sizes[i][0]) == 0);
			CU_ASSERT(memcmp(back.data + sizes[i][0], b,
			    sizes[i][1]) == 0);
		}
		/* As few records as 65,528 bytes each allow. */
		want = (sizes[i][0] + sizes[i][1] + 65527) / 65528;
		CU_ASSERT_EQUAL(nrec, want);
	}
	free(a);
	free(b);
	buf_free(&r);
	buf_free(&back);
}

int
suite_fcgi_out(void)
{
	static const struct utest t[] = {
		{ "CORE-10 a long answer's stdout records give back the bytes",
		    t_records },
		{ NULL, NULL },
	};
	return add_suite("fcgi_out", t);
}
