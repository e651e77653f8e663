/*
 * cert_feature.c — verifiable certificates on every tenant: the holder's
 * PDF (listed on 現在の状況), the public /verify page and the admins'
 * list (issue 9 item 7).
 * A platform service (layer 1) listed in features[] so its pages and
 * stylesheet are found like a product's; it has no settings.
 */
#include <stddef.h>

#include "cert.h"
#include "ctx.h"
#include "feature.h"

static const struct page *const member_pages[] = { verify_pages,
    cert_pages, NULL };
static const struct page *const staff_pages[] = { cert_admin_pages, NULL };

const struct feature feature_cert = {
	.name = "cert",
	.always = 1,
	.pages = { [FS_MEMBER] = member_pages, [FS_STAFF] = staff_pages },
	/* 認定証 on 現在の状況: drawn by the page itself, read with its fees
	 * in one statement (apply/dashboard.c, issue 10). */
	.stylesheet = "pdf/cert.xsl",
	.session_sql = CERT_SESSION_SQL,
};
