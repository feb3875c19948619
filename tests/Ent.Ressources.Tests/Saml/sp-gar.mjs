// An independent SAML 2.0 service provider standing in for the GAR: @node-saml/node-saml (client-app's dev
// dependency), driven by SamlNodeSamlTests. One process per exchange, so that its request cache checks InResponseTo:
//   stdin line 1: the configuration as JSON { entryPoint, issuer, callbackUrl, idpCert, privateKey }
//   stdout line 1: { "url": the signed HTTP-Redirect address of the AuthnRequest }
//   stdin line 2: the SAMLResponse the IdP posted (base64)
//   stdout line 2: { "profile": … } once validated, or { "erreur": "…" }
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import path from 'node:path';

const racine = process.argv[2];
const require = createRequire(path.join(racine, 'client-app', 'package.json'));
const { SAML } = require('@node-saml/node-saml');

const lignes = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const config = JSON.parse((await lignes.next()).value);
const saml = new SAML({
  entryPoint: config.entryPoint,
  issuer: config.issuer,
  callbackUrl: config.callbackUrl,
  idpCert: config.idpCert,
  privateKey: config.privateKey,
  signatureAlgorithm: 'sha256',
  digestAlgorithm: 'sha256',
  audience: config.issuer,
  wantAssertionsSigned: true,
  wantAuthnResponseSigned: true,
  validateInResponseTo: 'always',
  identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  acceptedClockSkewMs: 5000,
});
const url = await saml.getAuthorizeUrlAsync('relais-gar', undefined, {});
console.log(JSON.stringify({ url }));
const reponse = (await lignes.next()).value;
try {
  const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: reponse });
  console.log(JSON.stringify({ profile }));
} catch (e) {
  console.log(JSON.stringify({ erreur: String(e?.message ?? e) }));
}
process.exit(0);
