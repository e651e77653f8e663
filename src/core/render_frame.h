/*
 * render_frame.h — the page frame kept per worker (issue 10): what a
 * frame is keyed by, the member's strings put in as sentinels, the
 * bounded cache and the splice of a frame around main's content.
 * render.c runs the transforms; nothing here knows a stylesheet.
 */
#ifndef SHIKAKU_RENDER_FRAME_H
#define SHIKAKU_RENDER_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "buf.h"

/* The per-member strings a frame shows: /page/user/name, /page/user/@csrf. */
enum { FRAME_NAME, FRAME_CSRF, FRAME_NVAL };

/* The comment the frame run writes where main's content goes. */
#define FRAME_MARK	"<!--skc-main-->"

struct frame_vals {
	xmlChar		*v[FRAME_NVAL];	/* NULL: not in the model */
};

struct frame_cache;
struct frame_ent;

struct frame_cache	*frame_new(size_t, size_t);
void			 frame_free(struct frame_cache *);
int			 frame_vals(xmlDocPtr, struct frame_vals *);
void			 frame_vals_free(struct frame_vals *);
int			 frame_escape(struct buf *, const char *);
int			 frame_key(const struct frame_cache *, struct buf *, int,
			    xmlDocPtr, const xmlChar *);
int			 frame_sentinels(const struct frame_cache *,
			    xmlDocPtr);
uint64_t		 fnv1a(const char *, size_t);
struct frame_ent	*frame_find(struct frame_cache *, const struct buf *);
struct frame_ent	*frame_put(struct frame_cache *, struct buf *,
			    xmlDocPtr, const char *, size_t);
int			 frame_usable(const struct frame_ent *);
int			 frame_splice(struct buf *, const struct frame_ent *,
			    const struct frame_vals *, const char *, size_t);
void			 frame_size(const struct frame_cache *, size_t *,
			    size_t *);

#endif
