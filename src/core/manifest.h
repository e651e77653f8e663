/*
 * manifest.h — a directory's MANIFEST: one "SHA-256  name" line per file
 * (sha256sum(1)'s format, so `sha256sum -c MANIFEST` checks it too).
 * Backups and tenant exports (OPS-4) are written with one and read only
 * after every listed file was checked against it.
 */
#ifndef SHIKAKU_MANIFEST_H
#define SHIKAKU_MANIFEST_H

#include <stddef.h>

#define MANIFEST_FILE	"MANIFEST"

struct manifest;

struct manifest	*manifest_new(const char *);
/* Hash DIR/NAME now and list it; NAME is relative ("uploads/3.pdf"). */
int		 manifest_add(struct manifest *, const char *);
size_t		 manifest_count(const struct manifest *);
/* Write DIR/MANIFEST (mode 0600), the comment lines first. */
int		 manifest_save(struct manifest *, const char *);
void		 manifest_free(struct manifest *);

/*
 * Check DIR against DIR/MANIFEST: every listed file exists and has its
 * SHA-256, every name in required[] is listed.  0, or -1 with the first
 * problem in err (naming the file).
 */
int		 manifest_verify(const char *, const char *const *, size_t,
		    char *, size_t);
/* A name a manifest may hold: relative, no "..", no odd characters. */
int		 manifest_name_ok(const char *);

#endif
