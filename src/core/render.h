/* render.h — XML model to HTML through the tenant's compiled stylesheet. */
#ifndef SHIKAKU_RENDER_H
#define SHIKAKU_RENDER_H

#include <libxml/tree.h>

#include "buf.h"

struct tenants;
struct tenant;
struct render;

#define RENDER_NS	"urn:shikaku:xslt"

struct render	*render_new(const char *, const struct tenants *, char *,
		    size_t);
void		 render_free(struct render *);
int		 render_has_message(const struct render *, const char *,
		    const char *);
const char	*render_message(const struct render *, const char *,
		    const char *);
void		 render_stats(const struct render *, unsigned long long *,
		    unsigned long long *);

/* Counters of the frames kept per worker (issue 10, render_split()). */
struct render_frames {
	unsigned long long	 hits;		/* spliced from a kept frame */
	unsigned long long	 misses;	/* frame rendered, then kept */
	unsigned long long	 full;		/* rendered in full instead */
	size_t			 entries;	/* frames kept now */
	size_t			 bytes;
};

void		 render_frame_stats(const struct render *,
		    struct render_frames *);
#define RENDER_FULL		0
#define RENDER_SPLIT		1
#define RENDER_SPLIT_ONLY	2
void		 render_set_split(struct render *, int);
void		 render_set_cpass(struct render *, int);
int		 render_page(struct render *, const struct tenant *, int,
		    xmlDocPtr, struct buf *);
xmlDocPtr	 render_print(struct render *, const struct tenant *,
		    const char *, xmlDocPtr, const char *const *);

#endif
