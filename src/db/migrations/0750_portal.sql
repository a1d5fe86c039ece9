-- The customer portal: one-time sign-in links (emailed on request; single use, 15 minutes) and
-- portal sessions, both kept only as the SHA-256 of their secret. A portal session is a customer's,
-- never a staff user's: the tables are apart from sessions/password_resets on purpose. Both are
-- tenant tables keyed (org_id, token_hash): the secret handed out carries its organization
-- ("ORG.SECRET"), so every lookup names the organization (one shard under Citus).
CREATE TABLE portal_sign_in_links (
  org_id       bigint NOT NULL,
  token_hash   text NOT NULL,
  customer_id  bigint NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  PRIMARY KEY (org_id, token_hash),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_sign_in_links_customer_idx ON portal_sign_in_links (org_id, customer_id);

CREATE TABLE portal_sessions (
  org_id       bigint NOT NULL,
  token_hash   text NOT NULL,
  customer_id  bigint NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (org_id, token_hash),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX portal_sessions_customer_idx ON portal_sessions (org_id, customer_id);
