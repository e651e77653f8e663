-- 006_recruit.sql — recruitment rounds and applications (BRD-3 to
-- BRD-10, CORE-18, CORE-19).  Times are DATETIME in Japan time; the
-- portal compares them with clock_now() passed in as a parameter, never
-- with NOW(), so the demo clock moves every window at once.

-- A recruitment year (the year training starts: 2027年度) per track;
-- the clinical research course (臨床研究医コース) recruits separately.
CREATE TABLE IF NOT EXISTS recruit_year (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	year		SMALLINT NOT NULL,
	track		ENUM('regular','research') NOT NULL,
	PRIMARY KEY (tenant, year, track),
	CONSTRAINT recruit_year_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A round: 1次募集 (first), 2次募集 (second), 最終調整 (final).  The
-- confirmation period (募集実施確認期間) is when an accepted applicant
-- may still decline; without one, until the training year starts.
CREATE TABLE IF NOT EXISTS recruit_round (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	year		SMALLINT NOT NULL,
	track		ENUM('regular','research') NOT NULL,
	kind		ENUM('first','second','final') NOT NULL,
	apply_open	DATETIME NOT NULL,
	apply_close	DATETIME NOT NULL,
	adjust_open	DATETIME NOT NULL,
	adjust_close	DATETIME NOT NULL,
	notify_at	DATETIME NOT NULL,
	confirm_open	DATETIME NULL,
	confirm_close	DATETIME NULL,
	UNIQUE KEY round_kind (tenant, year, track, kind),
	KEY round_apply (tenant, apply_open),
	CONSTRAINT round_year FOREIGN KEY (tenant, year, track)
	    REFERENCES recruit_year (tenant, year, track),
	CONSTRAINT round_order CHECK (apply_open < apply_close AND
	    apply_close <= adjust_open AND adjust_open < adjust_close AND
	    adjust_close <= notify_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An application.  `live` is 1 while the application is applied or
-- accepted and NULL otherwise: with UNIQUE (tenant, round_id, uid,
-- live) the database itself holds BRD-5 (at most one live application
-- per applicant per round), whatever arrives at the same moment.
CREATE TABLE IF NOT EXISTS application (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	round_id	BIGINT UNSIGNED NOT NULL,
	year		SMALLINT NOT NULL,		-- the round's, for BRD-9
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	program_id	BIGINT UNSIGNED NOT NULL,
	system		ENUM('program','curriculum') NOT NULL,
	curriculum_reason VARCHAR(32) NULL,		-- a reason code
	curriculum_detail TEXT NULL,
	prior_domain	CHAR(2) NULL,			-- earlier basic-domain training
	prior_status	ENUM('completed','expected','withdrawn','suspended') NULL,
	prior_ym	CHAR(7) NULL,			-- YYYY-MM
	state		ENUM('applied','cancelled','accepted','rejected',
			    'declined') NOT NULL DEFAULT 'applied',
	live		TINYINT NULL DEFAULT 1,
	created_at	DATETIME NOT NULL,
	cancelled_at	DATETIME NULL,
	decided_at	DATETIME NULL,
	decided_by	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	declined_at	DATETIME NULL,
	decline_reason	TEXT NULL,
	director_contacted TINYINT(1) NOT NULL DEFAULT 0,
	result_mailed_at DATETIME NULL,
	UNIQUE KEY application_live (tenant, round_id, uid, live),
	KEY application_user (tenant, uid, year),
	KEY application_program (tenant, program_id, round_id),
	KEY application_round_state (tenant, round_id, state),
	CONSTRAINT application_fk_round FOREIGN KEY (round_id)
	    REFERENCES recruit_round (id),
	CONSTRAINT application_fk_program FOREIGN KEY (program_id)
	    REFERENCES program (id),
	CONSTRAINT application_live_state CHECK (
	    (state IN ('applied','accepted') AND live = 1) OR
	    (state IN ('cancelled','rejected','declined') AND live IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The training-system choice (研修制度の選択) between pages of the
-- applying flow: saved on every step so nothing typed is lost (CORE-12).
CREATE TABLE IF NOT EXISTS recruit_draft (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	system		ENUM('program','curriculum') NOT NULL,
	curriculum_reason VARCHAR(32) NULL,
	curriculum_detail TEXT NULL,
	prior_domain	CHAR(2) NULL,
	prior_status	ENUM('completed','expected','withdrawn','suspended') NULL,
	prior_ym	CHAR(7) NULL,
	updated_at	DATETIME NOT NULL,
	PRIMARY KEY (tenant, uid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
