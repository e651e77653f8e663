/*
 * demo_certify.c — the society's demo data (`shikakuctl demo load`).
 */
#include <stddef.h>

#include "certify.h"
#include "second.h"

int
demo_certify(void *arg)
{
	(void)arg;
	return demo_second(arg);	/* pal2: 二次申請's members */
}
