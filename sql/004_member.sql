-- 004_member.sql — registration, legacy migration and member records
-- (ACC-1 to ACC-4, CORE-12).  Every row carries the tenant slug; every
-- statement of src/dbq_member.c takes it from the request's host.
--
-- Dates typed by members are DATE once validated; a registration draft
-- keeps what was typed as text, valid or not yet, so that nothing typed
-- is lost (CORE-12).

-- A registration (or migration) in progress, keyed by the SHA-256 of the
-- browser's `draft` cookie; the cookie's token itself is never stored.
-- The password waits here encrypted with a key derived from that token
-- (src/dbq_member.c), so the table alone cannot reveal it, and the row
-- is deleted when the account is made.
CREATE TABLE IF NOT EXISTS register_draft (
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
			    PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	kind		ENUM('register','migrate') NOT NULL,
	step		TINYINT NOT NULL,	-- furthest step reached (member.h)
	terms_version	INT NOT NULL DEFAULT 0,
	email		VARCHAR(254) NULL,
	-- The mailed link (verification, or the migration URL): its
	-- token's SHA-256, until when it is good, and when it was opened.
	link_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
	link_expires	DATETIME NULL,
	verified_at	DATETIME NULL,
	legacy_id	BIGINT UNSIGNED NULL,	-- migration: legacy_record.id
	regno		VARCHAR(16) NULL,
	regno_date	VARCHAR(10) NULL,
	licence_upload_id BIGINT UNSIGNED NULL,
	name_kanji	VARCHAR(100) NULL,
	name_kana	VARCHAR(100) NULL,
	birth_date	VARCHAR(10) NULL,
	sex		VARCHAR(1) NULL,
	training_program VARCHAR(200) NULL,
	training_done_on VARCHAR(10) NULL,
	phone		VARCHAR(20) NULL,
	postal_code	VARCHAR(8) NULL,
	pref		VARCHAR(2) NULL,
	address		VARCHAR(300) NULL,
	desired_domain	VARCHAR(2) NULL,
	pw_enc		VARBINARY(400) NULL,	-- AES, key from the cookie token
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at	DATETIME NOT NULL,
	UNIQUE KEY register_draft_link (link_hash),
	KEY register_draft_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A registered member of a tenant (ACC-1).  One account per medical
-- registration number within a tenant (ACC-3): the unique key is the
-- guard, and registration inserts this row first in its transaction so
-- concurrent attempts with one number wait on each other here.  Sign-in
-- is refused until the login URL mailed at registration was opened
-- (activated_at; src/login.c asks member_activation_pending()).
CREATE TABLE IF NOT EXISTS member (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	regno		VARCHAR(16) COLLATE utf8mb4_bin NOT NULL,	-- 医籍登録番号
	regno_date	DATE NOT NULL,				-- 医籍登録日
	licence_upload_id BIGINT UNSIGNED NULL,			-- upload.id
	name_kanji	VARCHAR(100) NOT NULL,
	name_kana	VARCHAR(100) NOT NULL,
	birth_date	DATE NOT NULL,
	sex		ENUM('m','f') NOT NULL,
	training_program VARCHAR(200) NOT NULL,	-- 修了した臨床研修プログラム
	training_done_on DATE NOT NULL,		-- its 修了年月日
	phone		VARCHAR(20) NOT NULL,
	postal_code	CHAR(8) NOT NULL,	-- 123-4567
	pref		CHAR(2) NOT NULL,	-- JIS X 0401, src/jp.c
	address		VARCHAR(300) NOT NULL,	-- 市区町村・番地・建物名
	desired_domain	CHAR(2) NOT NULL,	-- 基本領域 "01".."19"
	email		VARCHAR(254) NOT NULL,
	activation_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
	activated_at	DATETIME NULL,
	legacy_user_id	VARCHAR(64) NULL,	-- migrated from the old system
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (tenant, uid),
	UNIQUE KEY member_regno (tenant, regno),
	UNIQUE KEY member_activation (activation_hash),
	UNIQUE KEY member_legacy (tenant, legacy_user_id),
	CONSTRAINT member_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Identity changes wait for a tenant admin (ACC-4): one row per field.
-- open_key is 1 while pending, else NULL, so the unique key allows one
-- pending request per member and field and any number of decided ones.
CREATE TABLE IF NOT EXISTS member_change (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	field		VARCHAR(32) CHARACTER SET ascii NOT NULL,
	old_value	VARCHAR(200) NOT NULL,
	new_value	VARCHAR(200) NOT NULL,
	reason		VARCHAR(1000) NOT NULL,
	state		ENUM('pending','approved','rejected') NOT NULL
			    DEFAULT 'pending',
	requested_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	decided_by	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	decided_at	DATETIME NULL,
	comment		VARCHAR(1000) NULL,
	open_key	TINYINT AS (IF(state = 'pending', 1, NULL)) PERSISTENT,
	UNIQUE KEY member_change_open (tenant, uid, field, open_key),
	KEY member_change_state (tenant, state, requested_at),
	CONSTRAINT member_change_member FOREIGN KEY (tenant, uid)
	    REFERENCES member (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Records of the old system, imported with `shikakuctl legacy import`
-- (ACC-2, BRD-12).  Matched by old user ID, e-mail address and birth
-- date, all three; a record migrates once (migrated_uid).
CREATE TABLE IF NOT EXISTS legacy_record (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	legacy_user_id	VARCHAR(64) NOT NULL,
	email		VARCHAR(254) NOT NULL,
	birth_date	DATE NOT NULL,
	name_kanji	VARCHAR(100) NOT NULL,
	name_kana	VARCHAR(100) NOT NULL DEFAULT '',
	sex		ENUM('m','f') NULL,
	regno		VARCHAR(16) NULL,
	regno_date	DATE NULL,
	training_program VARCHAR(200) NOT NULL DEFAULT '',
	training_done_on DATE NULL,
	phone		VARCHAR(20) NOT NULL DEFAULT '',
	postal_code	VARCHAR(8) NOT NULL DEFAULT '',
	pref		CHAR(2) NULL,
	address		VARCHAR(300) NOT NULL DEFAULT '',
	desired_domain	CHAR(2) NULL,
	migrated_uid	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	migrated_at	DATETIME NULL,
	imported_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY legacy_user (tenant, legacy_user_id),
	KEY legacy_match (tenant, email, birth_date),
	CONSTRAINT legacy_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Status codes of a training period, shared by both tables below and by
-- the recruitment feature (BRD-4): completed 修了, expected 修了見込,
-- withdrawn 中途辞退, suspended 中断.  Year-months are 'YYYY-MM'.
CREATE TABLE IF NOT EXISTS legacy_training (
	legacy_id	BIGINT UNSIGNED NOT NULL,
	seq		INT NOT NULL,
	domain		CHAR(2) NOT NULL,
	facility	VARCHAR(200) NOT NULL DEFAULT '',
	started_ym	CHAR(7) NOT NULL,
	ended_ym	CHAR(7) NULL,
	status		ENUM('completed','expected','withdrawn','suspended')
			    NOT NULL,
	PRIMARY KEY (legacy_id, seq),
	CONSTRAINT legacy_training_record FOREIGN KEY (legacy_id)
	    REFERENCES legacy_record (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A member's past specialty training (専門研修歴), read by recruitment
-- (カリキュラム制: earlier basic-domain training).  Rows come from the
-- old system at migration (source 'legacy') or from the member.
CREATE TABLE IF NOT EXISTS training_history (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	domain		CHAR(2) NOT NULL,
	facility	VARCHAR(200) NOT NULL DEFAULT '',
	started_ym	CHAR(7) NOT NULL,
	ended_ym	CHAR(7) NULL,
	status		ENUM('completed','expected','withdrawn','suspended')
			    NOT NULL,
	source		ENUM('legacy','member') NOT NULL DEFAULT 'member',
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	KEY training_history_member (tenant, uid, started_ym),
	CONSTRAINT training_history_member FOREIGN KEY (tenant, uid)
	    REFERENCES member (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
