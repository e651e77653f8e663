-- 019_certify.sql — the palliative society's certification (issue 11,
-- PAL-1..PAL-12, seed 002; feature "certify", src/feature/certify/):
-- the staff's registries (exam sites, certified facilities with their
-- certification kinds and periods, supervisors with their certification
-- period), the membership facts the requirements read (joined, dues,
-- exemptions), and the members' case reports with their approval.
-- Applications themselves are the platform's (sql/011_apply.sql).

-- 筆記試験の会場: the choices of 一次申請's 受験希望地, in sort order.
CREATE TABLE IF NOT EXISTS certify_exam_site (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	code		VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(100) NOT NULL,
	sort		INT NOT NULL DEFAULT 0,
	active		TINYINT NOT NULL DEFAULT 1,
	UNIQUE KEY certify_exam_site_code (tenant, code),
	CONSTRAINT certify_exam_site_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 認定施設: a facility, and each certification it holds (one facility
-- may hold several kinds, each for its own period).
CREATE TABLE IF NOT EXISTS certify_facility (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	code		VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,	-- 施設番号
	name		VARCHAR(200) NOT NULL,
	kana		VARCHAR(200) NOT NULL DEFAULT '',
	pref		CHAR(2) NOT NULL DEFAULT '',
	UNIQUE KEY certify_facility_code (tenant, code),
	KEY certify_facility_name (tenant, name),
	CONSTRAINT certify_facility_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS certify_facility_cert (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	facility_id	BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,	-- certify.fkind.*
	valid_from	DATE NOT NULL,
	valid_to	DATE NOT NULL,
	UNIQUE KEY certify_facility_cert_one (facility_id, kind, valid_from),
	KEY certify_facility_cert_tenant (tenant, kind),
	CONSTRAINT certify_facility_cert_facility FOREIGN KEY (facility_id)
	    REFERENCES certify_facility (id) ON DELETE CASCADE,
	CONSTRAINT certify_facility_cert_period CHECK (valid_from <= valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 指導医: certification number, names, the certification period; uid
-- links the supervisor's account (症例承認), NULL until they have one.
CREATE TABLE IF NOT EXISTS certify_supervisor (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	number		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,	-- 認定番号
	name		VARCHAR(100) NOT NULL,
	kana		VARCHAR(100) NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NULL,
	facility_id	BIGINT UNSIGNED NULL,
	valid_from	DATE NOT NULL,
	valid_to	DATE NOT NULL,
	UNIQUE KEY certify_supervisor_number (tenant, number),
	UNIQUE KEY certify_supervisor_uid (tenant, uid),
	KEY certify_supervisor_kana (tenant, kana),
	CONSTRAINT certify_supervisor_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug),
	CONSTRAINT certify_supervisor_facility FOREIGN KEY (facility_id)
	    REFERENCES certify_facility (id) ON DELETE SET NULL,
	CONSTRAINT certify_supervisor_period CHECK (valid_from <= valid_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What the requirements read of a member beyond the member record: the
-- date they joined (two years counted to 31 July), the recorded
-- exemptions from the 20 case reports and from the written exam.
CREATE TABLE IF NOT EXISTS certify_membership (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	joined_on	DATE NOT NULL,
	case_exempt	TINYINT NOT NULL DEFAULT 0,
	exam_exempt	TINYINT NOT NULL DEFAULT 0,
	PRIMARY KEY (tenant, uid),
	CONSTRAINT certify_membership_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 会費: one row per member and fiscal year paid (the dues import).
CREATE TABLE IF NOT EXISTS certify_dues (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	fy		SMALLINT NOT NULL,
	paid_on		DATE NOT NULL,
	amount		INT NOT NULL DEFAULT 0,
	PRIMARY KEY (tenant, uid, fy),
	CONSTRAINT certify_dues_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- 症例報告書: what a case report needs, the supervisor who approves it,
-- and where it stands: submitted (承認待ち), returned (差し戻し, with the
-- supervisor's comment; the member edits and resubmits), approved.
CREATE TABLE IF NOT EXISTS certify_case (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	supervisor_id	BIGINT UNSIGNED NOT NULL,
	age_band	VARCHAR(8) COLLATE utf8mb4_bin NOT NULL,	-- certify.age.*
	sex		ENUM('m','f','o') NOT NULL,
	diagnosis	VARCHAR(200) NOT NULL,
	setting		VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,	-- certify.setting.*
	period_from	CHAR(7) NOT NULL,				-- YYYY-MM
	period_to	CHAR(7) NOT NULL,
	summary		TEXT NOT NULL,
	state		ENUM('submitted','returned','approved') NOT NULL
			    DEFAULT 'submitted',
	comment		TEXT NULL,
	created_at	DATETIME NOT NULL,
	updated_at	DATETIME NOT NULL,
	decided_at	DATETIME NULL,
	KEY certify_case_member (tenant, uid, state),
	KEY certify_case_queue (tenant, supervisor_id, state, updated_at),
	CONSTRAINT certify_case_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug),
	CONSTRAINT certify_case_supervisor FOREIGN KEY (supervisor_id)
	    REFERENCES certify_supervisor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The exam sites are read by every 一次申請 page: kept per worker.
DROP TRIGGER IF EXISTS refver_exam_site_ins;
CREATE TRIGGER refver_exam_site_ins AFTER INSERT ON certify_exam_site FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_exam_site_upd;
CREATE TRIGGER refver_exam_site_upd AFTER UPDATE ON certify_exam_site FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_exam_site_del;
CREATE TRIGGER refver_exam_site_del AFTER DELETE ON certify_exam_site FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
