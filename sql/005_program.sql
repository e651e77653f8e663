-- 005_program.sql — the training-program catalogue (BRD-1, BRD-2, BRD-12).
-- Facilities (基幹施設 / 連携施設), programs with their partner facilities
-- and rotation plans.  Every row carries the tenant slug; every query of
-- src/dbq_program.c takes it from the request's host.
--
-- Search (BRD-2) is by up to three domains and up to three prefectures,
-- plus a keyword.  The two composite keys below serve both shapes of
-- the question in index order (so a page of 20 stops after 20 rows and
-- no filesort is needed); the keyword is matched against search_text,
-- a normalized copy of the name, code and facility names, only within
-- the rows the domain/prefecture ranges select.  A keyword alone goes
-- through program_gram (two-character grams of search_text): the
-- rarest gram of the keyword, found in program_gram_df, picks the few
-- candidate rows, and search_text LIKE confirms them.

CREATE TABLE IF NOT EXISTS facility (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(200) NOT NULL,
	prefecture	CHAR(2) NOT NULL,		-- JIS X 0401, src/jp.c
	address		VARCHAR(300) NOT NULL DEFAULT '',
	beds		INT NULL,
	kind		ENUM('base','partner') NOT NULL DEFAULT 'partner',
	details		TEXT NULL,			-- 施設の詳細, shown as is
	UNIQUE KEY facility_name (tenant, name),
	KEY facility_pref (tenant, prefecture),
	CONSTRAINT facility_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS program (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	code		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	name		VARCHAR(200) NOT NULL,
	domain		CHAR(2) NOT NULL,		-- 基本領域 "01".."19"
	prefecture	CHAR(2) NOT NULL,		-- the base facility's
	base_facility_id BIGINT UNSIGNED NOT NULL,
	capacity	INT NOT NULL,			-- 募集定員
	instructors	INT NOT NULL,			-- 指導医数
	years		TINYINT NOT NULL DEFAULT 3,	-- 研修期間
	director_uid	VARCHAR(64) COLLATE utf8mb4_bin NULL,	-- 統括責任者
	director_name	VARCHAR(200) NOT NULL DEFAULT '',
	track		ENUM('regular','research') NOT NULL DEFAULT 'regular',
	booklet_upload_id BIGINT UNSIGNED NULL,		-- public PDF (upload)
	description	TEXT NULL,
	search_text	VARCHAR(2000) COLLATE utf8mb4_bin NOT NULL DEFAULT '',
	updated_at	TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
			    ON UPDATE CURRENT_TIMESTAMP,
	UNIQUE KEY program_code (tenant, code),
	KEY program_dp (tenant, track, domain, prefecture, code),
	KEY program_pd (tenant, track, prefecture, domain, code),
	KEY program_director (tenant, director_uid),
	CONSTRAINT program_tenant FOREIGN KEY (tenant) REFERENCES tenant (slug),
	CONSTRAINT program_base FOREIGN KEY (base_facility_id)
	    REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 連携施設: a facility may partner several programs, in a role each.
CREATE TABLE IF NOT EXISTS program_partner (
	program_id	BIGINT UNSIGNED NOT NULL,
	facility_id	BIGINT UNSIGNED NOT NULL,
	role		VARCHAR(200) NOT NULL DEFAULT '',
	seq		SMALLINT NOT NULL DEFAULT 0,
	PRIMARY KEY (program_id, facility_id),
	KEY partner_facility (facility_id),
	CONSTRAINT partner_program FOREIGN KEY (program_id)
	    REFERENCES program (id) ON DELETE CASCADE,
	CONSTRAINT partner_facility FOREIGN KEY (facility_id)
	    REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Rotation plan: in training year `year`, `months` at a facility.
CREATE TABLE IF NOT EXISTS program_rotation (
	program_id	BIGINT UNSIGNED NOT NULL,
	year		TINYINT NOT NULL,		-- 1..years
	seq		TINYINT NOT NULL,		-- order within the year
	facility_id	BIGINT UNSIGNED NOT NULL,
	months		TINYINT NOT NULL,
	notes		VARCHAR(300) NOT NULL DEFAULT '',
	PRIMARY KEY (program_id, year, seq),
	CONSTRAINT rotation_program FOREIGN KEY (program_id)
	    REFERENCES program (id) ON DELETE CASCADE,
	CONSTRAINT rotation_facility FOREIGN KEY (facility_id)
	    REFERENCES facility (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Keyword index for searches without a domain or prefecture: every
-- distinct two-character gram of search_text, and per gram how many
-- programs hold it (so a search starts from the rarest one).
CREATE TABLE IF NOT EXISTS program_gram (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	track		ENUM('regular','research') NOT NULL,
	gram		VARCHAR(2) COLLATE utf8mb4_bin NOT NULL,
	program_id	BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (tenant, track, gram, program_id),
	KEY gram_program (program_id),
	CONSTRAINT gram_program FOREIGN KEY (program_id)
	    REFERENCES program (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE IF NOT EXISTS program_gram_df (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	track		ENUM('regular','research') NOT NULL,
	gram		VARCHAR(2) COLLATE utf8mb4_bin NOT NULL,
	n		INT NOT NULL,
	PRIMARY KEY (tenant, track, gram)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
