-- 024_admin.sql — the tenant admin's console (ADM-1): the member page
-- reads the audit lines a member did or that name them, and the mails
-- sent to their address; the audit search filters by actor and object.
-- Indexes so those stay lookups on a tenant of many members.

ALTER TABLE audit
	ADD KEY IF NOT EXISTS audit_actor (tenant, actor, at),
	ADD KEY IF NOT EXISTS audit_object (tenant, object, at);

ALTER TABLE outbox
	ADD KEY IF NOT EXISTS outbox_rcpt (tenant, rcpt, created_at);
