-- 020_renewal.sql — the oncology society's specialist renewal (issue
-- 12, ONC-1..ONC-14, seed 003; src/feature/renewal/).  The documents
-- themselves are the platform's application sections (011_apply.sql),
-- the certification record the platform's certificate table (kind
-- cert.kind.specialist, 013_certificate.sql), the fees the platform's
-- fee table (012_review.sql) and the seminars the credit service's
-- tables (018_credit.sql); only what no platform table holds is here.

-- The society's own facts of a member that 履歴書 shows (ONC-5): where
-- the society writes to (連絡先: 自宅 or 勤務先 — a member whose contact
-- is the home may not ask for the home address to be withheld), the
-- date of joining (JSMO入会日, 会員歴) and the specialty (専門分野).
CREATE TABLE IF NOT EXISTS renewal_member (
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	contact		ENUM('home','work') NOT NULL DEFAULT 'work',
	joined_on	DATE NULL,
	specialty	VARCHAR(100) NULL,
	PRIMARY KEY (tenant, uid),
	CONSTRAINT renewal_member_member FOREIGN KEY (tenant, uid)
	    REFERENCES member (tenant, uid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- お申込み (ONC-2): the way a member entered a renewal year — documents
-- and the written exam together ('both') or the exam alone ('exam', the
-- year before the renewal year).  One per member and year; 申請トップ's
-- 筆記試験: 申込済 reads it.
CREATE TABLE IF NOT EXISTS renewal_entry (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	year		SMALLINT NOT NULL,
	way		ENUM('both','exam') NOT NULL,
	created_at	DATETIME NOT NULL,
	UNIQUE KEY renewal_entry_year (tenant, uid, year),
	CONSTRAINT renewal_entry_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
