"""Independent check of an mlperf-audit report envelope with Debian's python3-securesystemslib (0.26).

usage: /usr/bin/python3 sslib-verify.py ENVELOPE PUBLIC_KEY_PEM [REPORT_JSON [BUNDLE_FILE]]

Rebuilds the DSSE PAE from the envelope, verifies the ECDSA P-256 DER signature with securesystemslib's
SSlibKey, then (when given) checks the report and bundle SHA-256 against the signed statement.
Exits 0 and prints OK lines when everything verifies; raises (non-zero exit) otherwise.
"""
import base64
import hashlib
import json
import sys

from securesystemslib.signer import Signature, SSlibKey

REPORT_EXT = "https://mlperf-audit.dev/attestation/report/v1"


def b64(text):
    text = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def main(argv):
    envelope = json.load(open(argv[1], "rb"))
    pem = open(argv[2]).read()
    payload_type = envelope["payloadType"].encode()
    body = b64(envelope["payload"])
    pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type, len(body), body)
    signature = envelope["signatures"][0]
    keyid = signature["keyid"]
    key = SSlibKey(keyid, "ecdsa", "ecdsa-sha2-nistp256", {"public": pem})
    key.verify_signature(Signature(keyid, b64(signature["sig"]).hex()), pae)
    print("signature OK, keyid", keyid)

    statement = json.loads(body)
    assert statement["_type"] == "https://in-toto.io/Statement/v1", statement["_type"]
    assert statement["predicateType"] == "https://slsa.dev/verification_summary/v1", statement["predicateType"]
    print("verificationResult", statement["predicate"]["verificationResult"])
    if len(argv) > 3:
        expected = statement["predicate"][REPORT_EXT]["report"]["digest"]["sha256"]
        actual = hashlib.sha256(open(argv[3], "rb").read()).hexdigest()
        if actual != expected:
            raise SystemExit("report digest mismatch: %s != %s" % (actual, expected))
        print("report digest OK")
    if len(argv) > 4:
        actual = hashlib.sha256(open(argv[4], "rb").read()).hexdigest()
        if actual not in [s["digest"]["sha256"] for s in statement["subject"]]:
            raise SystemExit("bundle digest matches no subject: %s" % actual)
        print("bundle digest OK")


if __name__ == "__main__":
    main(sys.argv)
