-- 013_certificate.sql — verifiable certificates (issue 9 item 7).
--
-- A certificate has a number per tenant (seq, printed as number) and a
-- verification code: 128 random bits from getrandom() in base32, 26
-- characters (src/pdf/cert.c), unique everywhere, printed in groups of
-- four and put in the QR code of https://<tenant host>/verify/<code>.
-- The public page finds a code on its own tenant only: another
-- tenant's code is as unknown as a made-up one.  A certificate is never
-- deleted: revoking sets revoked_at, revoke_reason and revoked_by in the
-- transaction of its audit line (src/pdf/cert_admin.c).
CREATE TABLE IF NOT EXISTS certificate (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	seq		INT UNSIGNED NOT NULL,
	number		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	code		CHAR(26) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	holder		VARCHAR(200) NOT NULL,
	kind		VARCHAR(100) CHARACTER SET ascii NOT NULL, -- i18n key
	issued_on	DATE NOT NULL,
	expires_on	DATE NULL,			-- NULL: no end
	app_id		BIGINT UNSIGNED NULL,		-- the application
	revoked_at	DATETIME NULL,
	revoke_reason	VARCHAR(1000) NULL,
	revoked_by	VARCHAR(64) COLLATE utf8mb4_bin NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	UNIQUE KEY certificate_code (code),
	UNIQUE KEY certificate_seq (tenant, seq),
	UNIQUE KEY certificate_number (tenant, number),
	KEY certificate_holder (tenant, uid),
	KEY certificate_issued (tenant, issued_on),
	CONSTRAINT certificate_tenant FOREIGN KEY (tenant)
	    REFERENCES tenant (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
