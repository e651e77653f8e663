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
int		 render_page(struct render *, const struct tenant *, int,
		    xmlDocPtr, struct buf *);
xmlDocPtr	 render_print(struct render *, const struct tenant *,
		    const char *, xmlDocPtr, const char *const *);

#endif
