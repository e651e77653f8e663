-- Issue 10: the certificate issued for an application, found by index.
--
-- Several signed-in pages ask which certificate an application earned
-- (SELECT MAX(id) FROM certificate WHERE tenant = ? AND app_id = ?: the
-- fee list of 現在の状況, the review chain, the association's
-- application history).  With only certificate_issued (tenant,
-- issued_on) MariaDB walked every certificate of the tenant for each
-- fee row: 801 index rows per oncology /dashboard, 0.5 ms of its 0.9.
-- With this key it reads the one row.
ALTER TABLE certificate
	ADD KEY IF NOT EXISTS certificate_app (tenant, app_id);
