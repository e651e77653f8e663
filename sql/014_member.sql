-- 014_member.sql — the member record on every tenant (issue 9 item 8,
-- ACC-4).  The member table was the board's registration alone
-- (sql/004_member.sql): its board-only columns become nullable, so a
-- society's member has a record without a 医籍登録番号 or a 研修
-- programme, and the record gains what every product reads: the member
-- number (会員番号), the workplace (勤務先) and certification numbers.
-- src/identity/member_record.c serves it; the register feature still
-- fills the board's columns at registration and migration.

ALTER TABLE member
	MODIFY regno		VARCHAR(16) COLLATE utf8mb4_bin NULL,
	MODIFY regno_date	DATE NULL,
	MODIFY sex		ENUM('m','f') NULL,
	MODIFY training_program	VARCHAR(200) NULL,
	MODIFY training_done_on	DATE NULL,
	MODIFY desired_domain	CHAR(2) NULL,
	ADD COLUMN IF NOT EXISTS member_no VARCHAR(32) COLLATE utf8mb4_bin
	    NULL AFTER uid,				-- 会員番号
	ADD COLUMN IF NOT EXISTS work_name VARCHAR(200) NULL,	-- 勤務先名称
	ADD COLUMN IF NOT EXISTS work_dept VARCHAR(100) NULL,	-- 所属部署
	ADD COLUMN IF NOT EXISTS work_postal CHAR(8) NULL,	-- 123-4567
	ADD COLUMN IF NOT EXISTS work_address VARCHAR(300) NULL,
	ADD COLUMN IF NOT EXISTS work_phone VARCHAR(20) NULL,
	ADD UNIQUE KEY IF NOT EXISTS member_no (tenant, member_no);

-- Certification numbers (認定番号), read-only to the member: written by
-- the tenant's products (or the demo loader) and shown on /member.
CREATE TABLE IF NOT EXISTS member_cert (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	kind		VARCHAR(100) NOT NULL,	-- e.g. 緩和医療認定医
	number		VARCHAR(64) NOT NULL,
	certified_on	DATE NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY member_cert_kind (tenant, uid, kind),
	CONSTRAINT member_cert_member FOREIGN KEY (tenant, uid)
	    REFERENCES member (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
