/*
 * golden.c — render a model file through the real renderer (the same
 * security prefs, loader and sk:t() catalogue as the daemon) and write
 * the HTML: `golden DATADIR MODEL.xml OUT.html`.  The tenant is the
 * model's /page/site/@slug; "ops" and none pick the shared and neutral
 * stylesheets.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "buf.h"
#include "render.h"
#include "tenant.h"

int
main(int argc, char *argv[])
{
	struct tenants		*ts = NULL;
	struct render		*r = NULL;
	const struct tenant	*t = NULL;
	struct buf		 out = { NULL, 0, 0 };
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 n;
	xmlChar			*slug = NULL;
	FILE			*f;
	char			 err[512];
	size_t			 i;
	int			 ops = 0, rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: golden datadir model.xml out.html\n");
		return 2;
	}
	if ((ts = tenants_load(argv[1], err, sizeof(err))) == NULL ||
	    (r = render_new(argv[1], ts, err, sizeof(err))) == NULL) {
		fprintf(stderr, "golden: %s\n", err);
		goto out;
	}
	if ((doc = xmlReadFile(argv[2], NULL, XML_PARSE_NONET)) == NULL)
		goto out;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "site") == 0)
			slug = xmlGetProp(n, (const xmlChar *)"slug");
	if (slug != NULL) {
		ops = strcmp((char *)slug, "ops") == 0;
		for (i = 0; i < ts->n; i++)
			if (strcmp(ts->t[i].slug, (char *)slug) == 0)
				t = &ts->t[i];
	}
	if (render_page(r, t, ops, doc, &out) == -1) {
		fprintf(stderr, "golden: %s: transform failed\n", argv[2]);
		goto out;
	}
	if ((f = fopen(argv[3], "w")) == NULL)
		goto out;
	fwrite(out.data, 1, out.len, f);
	rc = fclose(f) == 0 ? 0 : 1;
out:
	xmlFree(slug);
	xmlFreeDoc(doc);
	render_free(r);
	tenants_free(ts);
	buf_free(&out);
	return rc;
}
