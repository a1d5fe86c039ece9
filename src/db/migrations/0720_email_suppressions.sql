-- Addresses that asked for no more mail but are not a customer in the file (a visitor who booked
-- by email and clicked unsubscribe). Customers are flagged do_not_mail instead. The address is
-- stored lowercased; the send path cancels customer-audience mail to a suppressed address.
CREATE TABLE email_suppressions (
  org_id      bigint NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email       text NOT NULL CHECK (email = lower(email)),
  source      text NOT NULL,
  message_id  bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, email)
);
