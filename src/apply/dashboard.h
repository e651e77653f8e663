/*
 * dashboard.h — 現在の状況 (/dashboard), the platform page of every
 * tenant (issue 9 item 8): the member's applications of every feature
 * with state, next step and deadline (apply_member_apps_model(),
 * apply.h), then each enabled feature's own part (struct feature's
 * dashboard hook, e.g. recruitment's rounds), and what the member can
 * do when there is nothing yet.
 */
#ifndef SHIKAKU_DASHBOARD_H
#define SHIKAKU_DASHBOARD_H

struct page;

/* dashboard.c: its page table (page.c lists it after the home page). */
extern const struct page dashboard_pages[];

#endif
