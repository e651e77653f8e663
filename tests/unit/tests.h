/* tests.h — CUnit suites; each file registers one. */
#ifndef SHIKAKU_TESTS_H
#define SHIKAKU_TESTS_H

#include <CUnit/CUnit.h>

int	 suite_kv(void);
int	 suite_conf(void);
int	 suite_page(void);
int	 suite_buf(void);
int	 suite_tenant(void);
int	 suite_feature(void);
int	 suite_form(void);
int	 suite_model(void);
int	 suite_render(void);
int	 suite_html_out(void);
int	 suite_fcgi_out(void);
int	 suite_totp(void);
int	 suite_directory(void);
int	 suite_mail(void);
int	 suite_upload(void);
int	 suite_member(void);
int	 suite_recruit(void);
int	 suite_ops(void);
int	 suite_apply(void);
int	 suite_cert(void);
int	 suite_fee(void);
int	 suite_cme(void);
int	 suite_import(void);
int	 suite_admin_console(void);
int	 suite_cache(void);
int	 suite_renewal(void);
int	 suite_second(void);
int	 suite_credit(void);
int	 suite_backup(void);
int	 suite_certify(void);
int	 suite_xdate(void);
int	 suite_dbres(void);
int	 suite_owncache(void);

/* Add a table of tests to a new suite. */
struct utest {
	const char	*name;
	void		(*fn)(void);
};
int	 add_suite(const char *, const struct utest *);

#endif
