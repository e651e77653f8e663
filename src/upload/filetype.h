/*
 * filetype.h — what a file is, from its bytes alone (CORE-13).  Names
 * and declared types are the sender's word; the content is not.
 */
#ifndef SHIKAKU_FILETYPE_H
#define SHIKAKU_FILETYPE_H

#include <stddef.h>

enum ftkind {
	FT_UNKNOWN = 0,
	FT_PNG,		/* signature and a well-formed IHDR chunk */
	FT_JPEG,	/* SOI followed by a segment that fits */
	FT_PDF,		/* %PDF-1.x header first, %%EOF near the end */
};

enum ftkind	 filetype_sniff(const void *, size_t);
const char	*filetype_mime(enum ftkind);	/* NULL for FT_UNKNOWN */
const char	*filetype_ext(enum ftkind);	/* "png", "jpg", "pdf" */

/*
 * name as the file is served: with the extension of kind k ("bin" for
 * FT_UNKNOWN), whatever the sender called it.  An extension the kind
 * may carry (".JPEG" for a JPEG) is kept; another short one (".html")
 * is replaced; a name without one gets it appended.  out holds at most
 * outlen - 1 bytes (the name cut on a UTF-8 boundary to make room).
 * 0, or -1 when outlen cannot hold even the extension.
 */
int		 filetype_name(const char *, enum ftkind, char *, size_t);

#endif
