/*
 * apply_pages.c — the member's pages of an application (CORE-12,
 * CORE-18, CORE-19), the same for every offering:
 *
 *   /application/<kind>                       申請トップ
 *   /application/<kind>/<section>             one form, or its rows
 *   /application/<kind>/<section>/<row|new>   one row
 *   /application/<kind>/<section>/<row>/delete (POST)
 *   /application/<kind>/confirm               confirm (GET), submit (POST)
 *   /application/<kind>/withdraw              withdraw, where allowed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "ctx.h"
#include "feature.h"

const struct page apply_pages[] = {
	{ .name = "apply", .methods = M_GET | M_POST,
	    .path = "/application/", .flags = PAGE_TENANT | PAGE_AUTH |
	    PAGE_PREFIX, .get = apply_page_get, .post = apply_page_post,
	    .roles = ROLE_MEMBER },
	{ .name = NULL },
};

enum result
apply_page_get(struct ctx *c)
{
	(void)c;
	return RES_NOTFOUND;
}

enum result
apply_page_post(struct ctx *c)
{
	(void)c;
	return RES_NOTFOUND;
}
