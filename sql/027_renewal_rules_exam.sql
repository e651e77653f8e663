-- 027_renewal_rules_exam.sql — the oncology renewal's credit rules as
-- the society's data, and the written exam (issue 12, ONC-2, ONC-3,
-- ONC-13, ONC-14, seed 003; src/feature/renewal/).

-- The credit rules of a tenant (ONC-13, ONC-14): the total of 業績単位
-- needed, which kinds count and each kind's cap (0: none), edited by
-- the society's office at /admin/renewal/rules.  No row: tenant.conf's
-- renewal.* settings, which stay the defaults a new tenant starts with.
-- Every completion check reads the row through the worker's reference
-- cache (refcache.c), hence the triggers below.
CREATE TABLE IF NOT EXISTS renewal_rules (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
	needed		SMALLINT UNSIGNED NOT NULL,
	count_meeting	TINYINT(1) NOT NULL,
	count_paper	TINYINT(1) NOT NULL,
	count_seminar	TINYINT(1) NOT NULL,
	cap_meeting	SMALLINT UNSIGNED NOT NULL,
	cap_paper	SMALLINT UNSIGNED NOT NULL,
	cap_seminar	SMALLINT UNSIGNED NOT NULL,
	updated_at	DATETIME NOT NULL,
	updated_by	VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	CONSTRAINT renewal_rules_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug),
	CONSTRAINT renewal_rules_range CHECK (needed <= 1000 AND
	    cap_meeting <= 1000 AND cap_paper <= 1000 AND cap_seminar <= 1000
	    AND count_meeting IN (0, 1) AND count_paper IN (0, 1) AND
	    count_seminar IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DROP TRIGGER IF EXISTS refver_renewal_rules_ins;
CREATE TRIGGER refver_renewal_rules_ins AFTER INSERT ON renewal_rules FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_renewal_rules_upd;
CREATE TRIGGER refver_renewal_rules_upd AFTER UPDATE ON renewal_rules FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_renewal_rules_del;
CREATE TRIGGER refver_renewal_rules_del AFTER DELETE ON renewal_rules FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;

-- 筆記試験 (seed 003): one sitting per member and fiscal year, applied
-- for with the documents (書類審査・筆記試験同時のお申込み), alone the year
-- before (筆記試験のみのお申込み) or later from 申請トップ (追加お申込み).
-- A member who passed in the renewal year or the year before applies
-- for the documents only.  受験料 is owed from the application (fee,
-- yen, fixed then) and confirmed by the office (paid_*); the result is
-- recorded by the office one by one or by CSV (result_*).  受験番号 is
-- the year and the id.
CREATE TABLE IF NOT EXISTS renewal_exam (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	year		SMALLINT NOT NULL,
	fee		INT UNSIGNED NOT NULL,
	created_at	DATETIME NOT NULL,
	paid_on		DATE NULL,
	paid_at		DATETIME NULL,
	paid_by		VARCHAR(64) COLLATE utf8mb4_bin NULL,
	result		ENUM('pending','pass','fail','absent') NOT NULL
			    DEFAULT 'pending',
	score		SMALLINT UNSIGNED NULL,
	result_at	DATETIME NULL,
	result_by	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	UNIQUE KEY renewal_exam_year (tenant, uid, year),
	KEY renewal_exam_list (tenant, year, id),
	CONSTRAINT renewal_exam_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug),
	CONSTRAINT renewal_exam_paid CHECK ((paid_at IS NULL AND
	    paid_by IS NULL) OR (paid_at IS NOT NULL AND paid_on IS NOT NULL
	    AND paid_by IS NOT NULL)),
	CONSTRAINT renewal_exam_score CHECK (score IS NULL OR score <= 100)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
