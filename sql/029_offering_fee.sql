-- 029_offering_fee.sql — each offering year's fees (issue 12, ONC-14:
-- "offerings per year with windows and fees"; a platform service, used
-- by every feature whose offerings declare fees: training's 認定料,
-- renewal's 認定料, 審査料 and 受験料).
--
-- An offering declares its kinds of fee in code (struct apply_fee in its
-- struct apply_offering: the word, the i18n key, the default amount or
-- the tenant.conf key that holds it).  A row here is the tenant staff's
-- amount for one year of one offering (/admin/offerings, beside the
-- window); no row: the default.  Read when a fee is created (review
-- chain's approval, renewal's 審査料 on create, 受験料 on the exam
-- application); a fee already created keeps its amount.  The member's
-- pages read it through the worker's copy of the offerings
-- (dbq_offerings(), refcache.c), hence the triggers below.
CREATE TABLE IF NOT EXISTS offering_fee (
	offering_id	BIGINT UNSIGNED NOT NULL,
	kind		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	amount		INT UNSIGNED NOT NULL,		-- yen
	updated_at	DATETIME NOT NULL,
	updated_by	VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	PRIMARY KEY (offering_id, kind),
	CONSTRAINT offering_fee_offering FOREIGN KEY (offering_id)
	    REFERENCES offering (id),
	CONSTRAINT offering_fee_amount CHECK (amount <= 1000000)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

DROP TRIGGER IF EXISTS refver_offering_fee_ins;
CREATE TRIGGER refver_offering_fee_ins AFTER INSERT ON offering_fee FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_offering_fee_upd;
CREATE TRIGGER refver_offering_fee_upd AFTER UPDATE ON offering_fee FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
DROP TRIGGER IF EXISTS refver_offering_fee_del;
CREATE TRIGGER refver_offering_fee_del AFTER DELETE ON offering_fee FOR EACH ROW UPDATE refdata_version SET version = version + 1 WHERE id = 1;
