/*
 * ctl_credit.c — `shikakuctl credit …`: what the credit service tells
 * products (credit.h), asked from the command line: an office checking
 * a member's seminar credits (ONC-9, ONC-13), attendance (PAL-5), or the
 * sums of the CME ledger (CME-1).  "-" stands for "none" in KIND,
 * SERIES, FROM and TO.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "credit.h"
#include "ctl.h"
#include "tenant.h"

static const char *
opt(int argc, char **argv, int i)
{
	return i < argc && strcmp(argv[i], "-") != 0 ? argv[i] : NULL;
}

static const struct tenant *
credit_tenant(struct ctl *c, const char *slug)
{
	size_t	 i;

	for (i = 0; i < c->tenants->n; i++)
		if (strcmp(c->tenants->t[i].slug, slug) == 0)
			return &c->tenants->t[i];
	fprintf(stderr, "shikakuctl: no tenant %s\n", slug);
	return NULL;
}

/* credit sum TENANT UID [KIND [FROM [TO]]]: "units<TAB>events". */
int
cmd_credit_sum(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	double			 units;
	long long		 events;

	if (argc < 2 || argc > 5) {
		fprintf(stderr, "usage: shikakuctl credit sum TENANT UID "
		    "[KIND [FROM [TO]]]\n");
		return 2;
	}
	if ((t = credit_tenant(c, argv[0])) == NULL ||
	    credit_sum(c->db, t->slug, argv[1], opt(argc, argv, 2),
	    opt(argc, argv, 3), opt(argc, argv, 4), &units, &events) < 0)
		return 1;
	printf("%.1f\t%lld\n", units, events);
	return 0;
}

/* credit series TENANT UID KIND SERIES [FROM [TO]]: 1 or 0. */
int
cmd_credit_series(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	int			 k;

	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: shikakuctl credit series TENANT UID "
		    "KIND SERIES [FROM [TO]]\n");
		return 2;
	}
	if ((t = credit_tenant(c, argv[0])) == NULL ||
	    (k = credit_series_attended(c->db, t->slug, argv[1],
	    opt(argc, argv, 2), opt(argc, argv, 3), opt(argc, argv, 4),
	    opt(argc, argv, 5))) < 0)
		return 1;
	printf("%d\n", k);
	return 0;
}

/* credit attended TENANT UID [KIND [FROM [TO]]]: the model, as XML. */
int
cmd_credit_attended(struct ctl *c, int argc, char **argv)
{
	const struct tenant	*t;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	int			 rc = 1;

	if (argc < 2 || argc > 5) {
		fprintf(stderr, "usage: shikakuctl credit attended TENANT UID "
		    "[KIND [FROM [TO]]]\n");
		return 2;
	}
	if ((t = credit_tenant(c, argv[0])) == NULL ||
	    (doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL)
		return 1;
	doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	root = xmlNewNode(NULL, (const xmlChar *)"credit");
	xmlDocSetRootElement(doc, root);
	if (credit_attended_model(c->db, root, t->slug, argv[1],
	    opt(argc, argv, 2), opt(argc, argv, 3), opt(argc, argv, 4)) >= 0) {
		xmlElemDump(stdout, doc, root->children);
		printf("\n");
		rc = 0;
	}
	xmlFreeDoc(doc);
	return rc;
}
