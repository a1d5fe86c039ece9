-- Recording a sent text looks its conversation line up by outbox row (the staff answer's line
-- exists already; another gets inserted): without this index each record statement scanned the
-- whole table, and the send window a kill -9 doubles grew with every text sent.
CREATE INDEX sms_conversation_message_idx ON sms_conversation (org_id, message_id) WHERE message_id IS NOT NULL;
