-- The access and refresh tokens are now encrypted with a symmetric key (AES key wrap): their only reader is this
-- server (local validation), and unwrapping an RSA-OAEP key on every API request was the host's largest CPU cost
-- (issue #6's profile). The RSA key stays, to read the tokens it encrypted until they expire. For this usage the
-- `pem` column holds the key's 32 bytes in base64.
ALTER TABLE cle_oidc DROP CONSTRAINT cle_oidc_usage_check;
ALTER TABLE cle_oidc ADD CONSTRAINT cle_oidc_usage_check CHECK (usage IN ('signature', 'chiffrement', 'chiffrement_symetrique'));
