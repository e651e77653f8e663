-- Mail that carries a secret (a password reset link, another link holding a
-- token) is flagged when it is queued; its body is emptied once it has
-- been sent (or has failed) for the tenant's mail_secret_days, and the
-- row keeps its metadata (who, what, when, outcome) like the audit does.
ALTER TABLE outbox
	ADD COLUMN IF NOT EXISTS secret TINYINT(1) NOT NULL DEFAULT 0
	    AFTER body,
	ADD COLUMN IF NOT EXISTS purged_at DATETIME NULL AFTER sent_at,
	ADD KEY IF NOT EXISTS outbox_purge (secret, purged_at, tenant);

-- Rows queued before the flag existed, by the templates that carry one.
UPDATE outbox SET secret = 1
    WHERE template IN ('temp_password', 'password_reset', 'register_verify',
	'migrate_link', 'email_change_confirm', 'verify_email');
