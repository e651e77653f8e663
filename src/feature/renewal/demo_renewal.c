/*
 * demo_renewal.c — the renewal's part of `shikakuctl demo load`.
 */
#include "renewal.h"

int
demo_renewal(void *arg)
{
	(void)arg;
	return 0;
}
