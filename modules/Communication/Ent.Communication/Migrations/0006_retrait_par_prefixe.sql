-- Withdrawing an absence's messages finds them by the prefix of their key (LIKE 'absence:<id>:%'). The database's ICU
-- collation keeps the unique indexes from serving a LIKE prefix: the benchmark (#6) measured full scans of both tables
-- at every roll call with an absence (1.4 s per absence at 50 lycées). Pattern indexes serve it (0.2 ms).
CREATE INDEX message_sortant_cle_prefixe_ix ON message_sortant (cle_idempotence text_pattern_ops);
CREATE INDEX notification_cle_prefixe_ix ON notification (cle text_pattern_ops);
