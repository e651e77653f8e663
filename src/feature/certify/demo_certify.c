/*
 * demo_certify.c — the society's demo data (`shikakuctl demo load`).
 */
#include <stddef.h>

#include "certify.h"

int
demo_certify(void *arg)
{
	(void)arg;
	return 0;
}
