// Independent check of an mlperf-audit signature with @sigstore/verify, fully offline.
// usage: node sigstore-verify.js SIGNED_FILE PUBLIC_KEY_PEM
// SIGNED_FILE is either our report.sigstore.json (a Sigstore bundle v0.3 with a public-key hint) or a bare
// DSSE envelope (report.dsse.json), which is wrapped into such a bundle here. The key is trusted under the
// bundle's hint (our kid). Exits 0 and prints OK on success; throws (non-zero exit) otherwise.
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { toSignedEntity, toTrustMaterial, Verifier } = require('@sigstore/verify');

const signed = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pem = fs.readFileSync(process.argv[3], 'utf8');
const spki = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
const kid = crypto.createHash('sha256').update(spki).digest('hex');

const bundleJson = signed.mediaType
  ? signed
  : {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { publicKey: { hint: kid }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } },
      dsseEnvelope: { payload: signed.payload, payloadType: signed.payloadType, signatures: signed.signatures },
    };
const bundle = bundleFromJSON(bundleJson);
const hint = bundleJson.verificationMaterial.publicKey.hint;
if (hint !== kid) {
  throw new Error(`bundle names key ${hint}, the given key is ${kid}`);
}

const emptyRoot = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
};
const trusted = { [kid]: { rawBytes: spki, keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: new Date(0) } } };
const verifier = new Verifier(toTrustMaterial(emptyRoot, trusted), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
verifier.verify(toSignedEntity(bundle));

const statement = JSON.parse(Buffer.from(bundleJson.dsseEnvelope.payload, 'base64'));
console.log(`@sigstore/verify OK key ${kid} ${statement.predicateType} ${statement.predicate.verificationResult}`);
