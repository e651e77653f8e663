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
	FT_PDF,		/* %PDF-1.x header early, %%EOF near the end */
};

enum ftkind	 filetype_sniff(const void *, size_t);
const char	*filetype_mime(enum ftkind);	/* NULL for FT_UNKNOWN */
const char	*filetype_ext(enum ftkind);	/* "png", "jpg", "pdf" */

#endif
