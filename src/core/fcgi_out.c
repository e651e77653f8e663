/*
 * fcgi_out.c — a response as FastCGI stdout records in one write.
 *
 * libfcgi copies what FCGX_PutStr() is given into an 8 KB buffer and
 * writes a record each time it fills: a 30 KB page was four writes on
 * the connection, each waking nginx to read one, and a 90 KB ledger
 * twelve.  Every entry into the kernel is dear on these machines.  A
 * long answer is framed here instead, as records of up to 64 KB, and
 * written at once; FCGX_Finish_r() then adds the end of the stream and
 * FCGI_END_REQUEST as ever (libfcgi writes those whatever went before).
 * A short one still goes through libfcgi, whose one write at the end
 * carries it with those records.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "buf.h"
#include "fcgi_out.h"

/* Content of a record: the most a header can say, kept a multiple of 8. */
#define REC_MAX		(FCGI_MAX_LENGTH & ~7)

int
fcgi_records(struct buf *out, int reqid, const char *a, size_t alen,
    const char *b, size_t blen)
{
	FCGI_Header	 h;
	size_t		 n, k, total = alen + blen;

	out->len = 0;
	while (total > 0) {
		n = total < REC_MAX ? total : REC_MAX;
		memset(&h, 0, sizeof(h));
		h.version = FCGI_VERSION_1;
		h.type = FCGI_STDOUT;
		h.requestIdB1 = (unsigned char)((reqid >> 8) & 0xff);
		h.requestIdB0 = (unsigned char)(reqid & 0xff);
		h.contentLengthB1 = (unsigned char)((n >> 8) & 0xff);
		h.contentLengthB0 = (unsigned char)(n & 0xff);
		if (buf_append(out, &h, sizeof(h)) == -1)
			return -1;
		total -= n;
		/* n bytes: what is left of a, then of b. */
		k = alen < n ? alen : n;
		if (k > 0 && buf_append(out, a, k) == -1)
			return -1;
		a += k;
		alen -= k;
		if (n > k && buf_append(out, b, n - k) == -1)
			return -1;
		b += n - k;
		blen -= n - k;
	}
	return 0;
}

int
fcgi_out(FCGX_Request *rq, const char *a, size_t alen, const char *b,
    size_t blen)
{
	struct buf	 out = { NULL, 0, 0 };
	ssize_t		 w;
	size_t		 off = 0;
	int		 rc = -1;

	/* Short: libfcgi's one write at the end carries it. */
	if (alen + blen <= FCGI_OUT_DIRECT) {
		if (alen > 0)
			FCGX_PutStr(a, (int)alen, rq->out);
		if (blen > 0)
			FCGX_PutStr(b, (int)blen, rq->out);
		return 0;
	}
	/* Nothing of ours is in libfcgi's buffer: the records go first. */
	if (FCGX_FFlush(rq->out) == -1 ||
	    fcgi_records(&out, rq->requestId, a, alen, b, blen) == -1)
		goto out;
	while (off < out.len) {
		if ((w = write(rq->ipcFd, out.data + off, out.len - off)) ==
		    -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		off += (size_t)w;
	}
	rc = 0;
out:
	buf_free(&out);
	return rc;
}
