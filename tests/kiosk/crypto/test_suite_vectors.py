"""Known-answer tests pinning both suites to the published vectors."""

from __future__ import annotations

import gmalg
import pytest
from cryptography.hazmat.primitives.asymmetric import x25519

from kiosk.crypto import CryptoError, GmSuite, IntlSuite, get_suite

H = bytes.fromhex


def test_sm3_abc_gbt32905():
    assert GmSuite().digest(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_sm3_512_bit_message_gbt32905():
    assert GmSuite().digest(b"abcd" * 16).hex() == (
        "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")


def test_sm4_ecb_gbt32907():
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key = H("0123456789abcdeffedcba9876543210")
    enc = Cipher(algorithms.SM4(key), modes.ECB()).encryptor()
    assert (enc.update(key) + enc.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"


RFC8998_KEY = H("0123456789ABCDEFFEDCBA9876543210")
RFC8998_IV = H("00001234567800000000ABCD")
RFC8998_AAD = H("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
RFC8998_PT = H("AA" * 8 + "BB" * 8 + "CC" * 8 + "DD" * 8 + "EE" * 8 + "FF" * 8 + "EE" * 8 + "AA" * 8)
RFC8998_CT = H("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
               "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D")
RFC8998_TAG = H("83DE3541E4C2B58177E065A9BF7B62EC")


def test_sm4_gcm_rfc8998_a1():
    out = GmSuite().aead_encrypt(RFC8998_KEY, RFC8998_IV, RFC8998_PT, RFC8998_AAD)
    assert out == RFC8998_CT + RFC8998_TAG
    assert GmSuite().aead_decrypt(RFC8998_KEY, RFC8998_IV, out, RFC8998_AAD) == RFC8998_PT


def test_sm4_gcm_rejects_tampering():
    out = bytearray(RFC8998_CT + RFC8998_TAG)
    out[3] ^= 1
    with pytest.raises(CryptoError):
        GmSuite().aead_decrypt(RFC8998_KEY, RFC8998_IV, bytes(out), RFC8998_AAD)
    with pytest.raises(CryptoError):
        GmSuite().aead_decrypt(RFC8998_KEY, RFC8998_IV, RFC8998_CT + RFC8998_TAG, b"other aad")


# GB/T 32918 example key pair on the recommended curve (the dA -> PA derivation is the published vector)
SM2_DA = H("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8")
SM2_PA = ("0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
          "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13")


def test_sm2_public_key_from_published_private_key():
    assert GmSuite().signing_public_from_private(SM2_DA).upper() == SM2_PA


def test_sm2_sign_verify_round_trip_and_tamper():
    gm = GmSuite()
    sig = gm.sign(SM2_DA, b"message digest")
    assert len(sig) == 64
    assert gm.verify(SM2_PA, b"message digest", sig)
    assert not gm.verify(SM2_PA, b"message digest!", sig)
    assert not gm.verify(SM2_PA, b"message digest", sig[:-1] + bytes([sig[-1] ^ 1]))


def test_sm2_signature_interoperates_with_plain_gmalg_default_uid():
    gm = GmSuite()
    sig = gm.sign(SM2_DA, b"checkpoint")
    plain = gmalg.SM2(uid=b"1234567812345678", pk=H(SM2_PA))
    assert plain.verify(b"checkpoint", sig[:32], sig[32:])


def test_sm2_wrap_unwrap_and_wrong_key():
    gm = GmSuite()
    pair = gm.new_wrap_keypair()
    wrapped = gm.wrap_key(pair.public_text, b"k" * 16)
    assert gm.unwrap_key(pair.private, wrapped) == b"k" * 16
    other = gm.new_wrap_keypair()
    with pytest.raises(CryptoError):
        gm.unwrap_key(other.private, wrapped)


def test_sha256_and_hmac_sha256_rfc4231_case1():
    intl = IntlSuite()
    assert intl.digest(b"abc").hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert intl.mac(b"\x0b" * 20, b"Hi There").hex() == (
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")


def test_ed25519_rfc8032_test1():
    intl = IntlSuite()
    sk = H("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    expected = H("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
    pub = intl.signing_public_from_private(sk)
    assert intl.sign(sk, b"") == expected
    assert intl.verify(pub, b"", expected)
    assert not intl.verify(pub, b"x", expected)


def test_x25519_rfc7748_section_6_1():
    alice = x25519.X25519PrivateKey.from_private_bytes(
        H("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))
    bob_pub = x25519.X25519PublicKey.from_public_bytes(
        H("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"))
    assert alice.public_key().public_bytes_raw().hex() == (
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    assert alice.exchange(bob_pub).hex() == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"


def test_intl_wrap_unwrap_and_wrong_key():
    intl = IntlSuite()
    pair = intl.new_wrap_keypair()
    wrapped = intl.wrap_key(pair.public_text, b"k" * 32)
    assert intl.unwrap_key(pair.private, wrapped) == b"k" * 32
    with pytest.raises(CryptoError):
        intl.unwrap_key(intl.new_wrap_keypair().private, wrapped)


def test_unknown_suite_names_the_choices():
    with pytest.raises(ValueError, match="gm, intl"):
        get_suite("rot13")
