-- 022_second.sql — 専門医新規申請（二次申請） (issue 11, PAL-5..PAL-11,
-- seed 002; src/feature/certify/second*.c).  The application, its
-- sections and rows are the platform's (sql/011_apply.sql); this holds
-- what the submission carries besides them: the four 「本申請に7月時点の
-- 見込み実績を含む」 checkboxes and the dues' 「手続き中」, chosen on the
-- top page right before 申請 (the top page keeps no draft: seed 002)
-- and stored in the submission's transaction, before its snapshot.
CREATE TABLE IF NOT EXISTS second_expect (
	app_id		BIGINT UNSIGNED NOT NULL PRIMARY KEY,
	experience	TINYINT NOT NULL DEFAULT 0,	-- 5年以上の緩和医療の臨床経験
	certificate	TINYINT NOT NULL DEFAULT 0,	-- 臨床研修修了証明書
	achievements	TINYINT NOT NULL DEFAULT 0,	-- 業績書
	course		TINYINT NOT NULL DEFAULT 0,	-- 緩和ケア研修会・指導者研修会の受講
	dues_pending	TINYINT NOT NULL DEFAULT 0,	-- 当該年度会費: 手続き中
	updated_at	DATETIME NOT NULL,
	CONSTRAINT second_expect_app FOREIGN KEY (app_id) REFERENCES app (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 二次申請's certificate form reads the certified facilities and the
-- supervisors on every showing: the worker keeps them (refcache.h), so
-- any change to them bumps the reference-data version (sql/015).
DROP TRIGGER IF EXISTS refver_second_fac_ins;
CREATE TRIGGER refver_second_fac_ins AFTER INSERT ON certify_facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_fac_upd;
CREATE TRIGGER refver_second_fac_upd AFTER UPDATE ON certify_facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_fac_del;
CREATE TRIGGER refver_second_fac_del AFTER DELETE ON certify_facility FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_fcert_ins;
CREATE TRIGGER refver_second_fcert_ins AFTER INSERT ON certify_facility_cert FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_fcert_upd;
CREATE TRIGGER refver_second_fcert_upd AFTER UPDATE ON certify_facility_cert FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_fcert_del;
CREATE TRIGGER refver_second_fcert_del AFTER DELETE ON certify_facility_cert FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_sup_ins;
CREATE TRIGGER refver_second_sup_ins AFTER INSERT ON certify_supervisor FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_sup_upd;
CREATE TRIGGER refver_second_sup_upd AFTER UPDATE ON certify_supervisor FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_second_sup_del;
CREATE TRIGGER refver_second_sup_del AFTER DELETE ON certify_supervisor FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
