-- 012_review.sql — the review chain and fees of applications (issue 9:
-- review, fees; on top of 011_apply.sql's offering, app, app_snapshot).
-- Times are DATETIME in Japan time written from clock_now(), never NOW(),
-- so the demo clock moves waiting times and reminders with everything
-- else.

-- The scopes a reviewer holds for a role beyond "*" and "uid:<uid>": the
-- 内科 society reviewer holds (society_reviewer, "domain:01").  An app
-- at a stage is theirs when they hold the stage's role (table role) and
-- its scope is "*", "uid:<their uid>" or one of these rows.
CREATE TABLE IF NOT EXISTS reviewer_scope (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	role		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	scope		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	PRIMARY KEY (tenant, uid, role, scope),
	KEY reviewer_scope_by (tenant, role, scope),
	CONSTRAINT reviewer_scope_role FOREIGN KEY (tenant, uid, role)
	    REFERENCES role (tenant, uid, role) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- An application's history, one row per action, never UPDATEd: who
-- submitted, approved, returned, rejected, reassigned, withdrew, paid,
-- at which stage, with the comment and the snapshot the action was
-- about.  'remind' rows record the reminders the sweep mailed, so each
-- goes once per period.
CREATE TABLE IF NOT EXISTS app_event (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	app_id		BIGINT UNSIGNED NOT NULL,
	kind		ENUM('submit','approve','return','reject','reassign',
			    'withdraw','pay','remind') NOT NULL,
	actor		VARCHAR(64) COLLATE utf8mb4_bin NULL,	-- NULL: the system
	stage		TINYINT UNSIGNED NULL,
	comment		TEXT NULL,
	snapshot_id	BIGINT UNSIGNED NULL,
	at		DATETIME NOT NULL,
	KEY app_event_app (app_id, id),
	KEY app_event_kind (tenant, kind, at),
	CONSTRAINT app_event_fk_app FOREIGN KEY (app_id) REFERENCES app (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DROP TRIGGER IF EXISTS app_event_no_update;
CREATE TRIGGER app_event_no_update BEFORE UPDATE ON app_event FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'app_event is append-only';

-- A fee of an application (認定料 …): created by an offering's hook,
-- confirmed by a tenant admin one by one or by a CSV import.  One fee
-- of a kind per application.
CREATE TABLE IF NOT EXISTS fee_import (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	filename	VARCHAR(255) NOT NULL,
	sha256		CHAR(64) NOT NULL,	-- of the file, hex
	nrows		INT NOT NULL,		-- fees it confirmed
	total		BIGINT NOT NULL,	-- their amounts, yen
	actor		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	at		DATETIME NOT NULL,
	KEY fee_import_tenant (tenant, id),
	CONSTRAINT fee_import_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS fee (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	app_id		BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL, -- certification, …
	amount		INT UNSIGNED NOT NULL,	-- yen
	state		ENUM('unpaid','paid') NOT NULL DEFAULT 'unpaid',
	created_at	DATETIME NOT NULL,
	paid_on		DATE NULL,		-- the payment's date
	paid_at		DATETIME NULL,		-- when it was confirmed
	confirmed_by	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	import_id	BIGINT UNSIGNED NULL,	-- NULL: confirmed by hand
	UNIQUE KEY fee_app_kind (app_id, kind),
	KEY fee_tenant_state (tenant, state, id),
	CONSTRAINT fee_fk_app FOREIGN KEY (app_id) REFERENCES app (id),
	CONSTRAINT fee_fk_import FOREIGN KEY (import_id)
	    REFERENCES fee_import (id),
	CONSTRAINT fee_paid CHECK ((state = 'unpaid' AND paid_at IS NULL) OR
	    (state = 'paid' AND paid_at IS NOT NULL AND
	    confirmed_by IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
