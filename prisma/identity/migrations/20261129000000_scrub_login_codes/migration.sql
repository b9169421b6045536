-- Login codes were once published in clear (daybook.user.login-code-requested.v1), and
-- the outbox keeps sent events for days. Those copies lose the code now rather than at
-- the retention sweep. Nothing consumes v1 any more, so a row still pending goes out
-- without it too.
UPDATE outbox_events
   SET cloud_event = jsonb_set(cloud_event, '{data,code}', '"[sensitive]"')
 WHERE type = 'daybook.user.login-code-requested.v1' AND cloud_event -> 'data' ? 'code';
