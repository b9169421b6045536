-- Login codes were once published in clear (daybook.user.login-code-requested.v1) and
-- recorded here as they came. The history is append-only, but a usable secret is not
-- history: each is replaced by the marker audit now writes for every sensitive field.
-- The append-only trigger is off for this statement only (same transaction).
ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update;
UPDATE audit_entries
   SET after = jsonb_set(after, '{code}', '"[sensitive]"')
 WHERE event_type = 'daybook.user.login-code-requested.v1' AND after ? 'code';
ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update;
