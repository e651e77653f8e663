/*
 * fcgi_out.h — a response's stdout in one write (fcgi_out.c).
 */
#ifndef SHIKAKU_FCGI_OUT_H
#define SHIKAKU_FCGI_OUT_H
#include <stddef.h>
#include <fcgiapp.h>
#include "buf.h"

/* Longer than this (libfcgi's buffer less a record header) is ours. */
#define FCGI_OUT_DIRECT	(8192 - 8)

/*
 * fcgi_records(): a then b as FCGI_STDOUT records of request reqid
 * into out (emptied first); -1 when memory ran out.
 * fcgi_out(): a then b to the request's connection, through libfcgi
 * when short, else as fcgi_records() in one write; -1 when the write
 * failed (the peer is gone: libfcgi's own writes fail alike).
 */
int	fcgi_records(struct buf *, int, const char *, size_t, const char *,
	    size_t);
int	fcgi_out(FCGX_Request *, const char *, size_t, const char *, size_t);
#endif
