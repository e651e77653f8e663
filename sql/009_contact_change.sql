-- 009_contact_change.sql — a member's new contact address takes effect
-- only once the new address has said yes (ACC-4, issue 7 item 9).
--
-- /member/contact asks for the current password, stores the wanted
-- address here with the SHA-256 of the token mailed to it (the token
-- itself is never stored), and tells the old address.  Opening the link
-- before expires_at changes member.email and the directory's mail
-- together and deletes the row: a link works once.  One pending change
-- per member: asking again replaces the row, so an older link dies.
-- Expired rows are swept by housekeep.c.
CREATE TABLE IF NOT EXISTS email_change (
	token_hash	CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL
			    PRIMARY KEY,
	tenant		VARCHAR(32) COLLATE utf8mb4_bin NOT NULL,
	uid		VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
	new_email	VARCHAR(254) NOT NULL,
	created_at	DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	expires_at	DATETIME NOT NULL,
	UNIQUE KEY email_change_member (tenant, uid),
	KEY email_change_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
