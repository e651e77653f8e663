/*
 * t_model.c — the model writer (CORE-3): whatever a model holds, what
 * is written is well-formed XML 1.0; the form model never carries a
 * password back and says it must be typed again.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "ctx.h"
#include "form.h"
#include "tests.h"

/* The document as written, parsed again strictly: 1 well-formed. */
static int
well_formed(xmlDocPtr doc)
{
	xmlChar		*x = NULL;
	xmlDocPtr	 back;
	int		 n = 0, ok;

	xmlDocDumpFormatMemoryEnc(doc, &x, &n, "UTF-8", 0);
	if (x == NULL)
		return 0;
	back = xmlReadMemory((const char *)x, n, NULL, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	ok = back != NULL;
	xmlFreeDoc(back);
	xmlFree(x);
	return ok;
}

/* What stored rows and echoed input can hold (issue 7 item 3). */
static const char *const bad[] = {
	"a\x01" "b", "\x0b", "連絡先\xef\xbf\xbe", "\xef\xbf\xbf",
	"not utf-8 \xff\xfe", "cut \xe3\x81", NULL,
};

static void
t_clean(void)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n;
	xmlChar		*v;
	size_t		 i;

	for (i = 0; bad[i] != NULL; i++) {
		doc = xmlNewDoc((const xmlChar *)"1.0");
		root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
		xmlDocSetRootElement(doc, root);
		n = model_text(root, "contact", bad[i]);
		model_attr(n, "reason", bad[i]);
		xmlNewTextChild(root, NULL, (const xmlChar *)"raw",
		    (const xmlChar *)bad[i]);
		/* Escaping alone cannot write these (what went wrong). */
		CU_ASSERT_FALSE(well_formed(doc));
		CU_ASSERT_EQUAL(model_clean(doc), 0);
		CU_ASSERT_TRUE(well_formed(doc));
		/* Replaced, visibly, not silently dropped. */
		v = xmlNodeGetContent(n);
		CU_ASSERT_PTR_NOT_NULL(v != NULL ?
		    strstr((const char *)v, "\xef\xbf\xbd") : NULL);
		xmlFree(v);
		v = xmlGetProp(n, (const xmlChar *)"reason");
		CU_ASSERT_PTR_NOT_NULL(v != NULL ?
		    strstr((const char *)v, "\xef\xbf\xbd") : NULL);
		xmlFree(v);
		xmlFreeDoc(doc);
	}
}

/* Clean text is left as it was, tab and line breaks included. */
static void
t_clean_keeps(void)
{
	xmlDocPtr	 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr	 root, n;
	xmlChar		*v;

	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(doc, root);
	n = model_text(root, "t", "山田 太郎\t\r\n<&>\"'");
	CU_ASSERT_EQUAL(model_clean(doc), 0);
	v = xmlNodeGetContent(n);
	CU_ASSERT_STRING_EQUAL((const char *)v, "山田 太郎\t\r\n<&>\"'");
	xmlFree(v);
	CU_ASSERT_TRUE(well_formed(doc));
	xmlFreeDoc(doc);
}

/*
 * A refused field is shown with what was typed: the form model echoes
 * the bad value, the writer cleans it; a password is never echoed, and
 * after an error the field says it must be typed again.
 */
static void
t_form_echo(void)
{
	static const struct field fs[] = {
		{ "name", F_TEXT, 1, 50, "k", NULL },
		{ "password", F_PASSWORD, 1, 128, "k", NULL },
		{ "at", F_DATETIME, 1, 19, "k", NULL },
	};
	struct kvlist		 in = { NULL, 0, 0 };
	struct kvlimits		 lim = { 16, 64, 1024 };
	struct form_result	 res;
	const char		*q = "name=a%01b%0B%EF%BF%BF&password=secret-1"
	    "&at=2026%2F11%2F01+12%3A00";
	xmlDocPtr		 doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr		 root, f, fld, c;
	xmlChar			*x = NULL;
	int			 n = 0;

	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"page", NULL);
	xmlDocSetRootElement(doc, root);
	CU_ASSERT_EQUAL_FATAL(kv_parse_urlencoded(&in, q, strlen(q), &lim), 0);
	CU_ASSERT_EQUAL(form_validate(fs, 3, &in, &res), -1);
	CU_ASSERT_EQUAL_FATAL(res.nerr, 1);
	CU_ASSERT_STRING_EQUAL(res.err[0].key, "err.char");
	f = form_model(root, "f", "/f", fs, 3, &in, &res);
	CU_ASSERT_EQUAL(model_clean(doc), 0);
	CU_ASSERT_TRUE(well_formed(doc));
	xmlDocDumpFormatMemoryEnc(doc, &x, &n, "UTF-8", 0);
	CU_ASSERT_PTR_NULL(strstr((const char *)x, "secret-1"));
	xmlFree(x);
	fld = form_field(f, "password");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fld);
	x = xmlGetProp(fld, (const xmlChar *)"retype");
	CU_ASSERT_STRING_EQUAL((const char *)x, "1");
	xmlFree(x);
	for (c = fld->children; c != NULL; c = c->next)
		CU_ASSERT_FALSE(xmlStrEqual(c->name, (const xmlChar *)"value"));
	/* datetime-local shows only 2026-11-01T12:00. */
	fld = form_field(f, "at");
	x = xmlGetProp(fld, (const xmlChar *)"type");
	CU_ASSERT_STRING_EQUAL((const char *)x, "datetime-local");
	xmlFree(x);
	x = xmlNodeGetContent(fld->last);
	CU_ASSERT_STRING_EQUAL((const char *)x, "2026-11-01T12:00");
	xmlFree(x);
	kv_free(&in);
	xmlFreeDoc(doc);
}

/*
 * model_attr() in one walk: a new name is appended after the others, a
 * name already there is replaced in place; model_attrn() writes what
 * "%lld" would.  The serialised element says both.
 */
static void
t_attrs(void)
{
	static const long long	 nums[] = { 0, 7, -7, 10, 99999999,
	    9223372036854775807LL, -9223372036854775807LL - 1 };
	xmlDocPtr	 doc;
	xmlNodePtr	 n;
	xmlBufferPtr	 b;
	xmlChar		*v;
	char		 want[64], name[8];
	size_t		 i;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	n = xmlNewDocNode(doc, NULL, (const xmlChar *)"row", NULL);
	xmlDocSetRootElement(doc, n);
	model_attr(n, "a", "1");
	model_attr(n, "b", "x&<\"");
	model_attr(n, "a", "2");
	model_attr(n, "c", "");
	model_attr(n, "d", NULL);
	b = xmlBufferCreate();
	xmlNodeDump(b, doc, n, 0, 0);
	CU_ASSERT_STRING_EQUAL((const char *)xmlBufferContent(b),
	    "<row a=\"2\" b=\"x&amp;&lt;&quot;\" c=\"\"/>");
	xmlBufferFree(b);
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		snprintf(name, sizeof(name), "n%zu", i);
		model_attrn(n, name, nums[i]);
		snprintf(want, sizeof(want), "%lld", nums[i]);
		v = xmlGetProp(n, (const xmlChar *)name);
		CU_ASSERT_PTR_NOT_NULL(v);
		if (v != NULL)
			CU_ASSERT_STRING_EQUAL((const char *)v, want);
		xmlFree(v);
	}
	xmlFreeDoc(doc);
}

int
suite_model(void)
{
	static const struct utest t[] = {
		{ "CORE-3 the written model is well-formed whatever it holds",
		    t_clean },
		{ "CORE-3 clean text is written as it was", t_clean_keeps },
		{ "CORE-3 CORE-21 a refused form echoes cleanly, never a "
		    "password", t_form_echo },
		{ "CORE-3 CORE-10 attributes in one walk; numbers without printf",
		    t_attrs },
		{ NULL, NULL },
	};
	return add_suite("model", t);
}
