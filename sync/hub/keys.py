"""The hub's key folder: TLS certificate, bundle-signing key, and the sealing key pair per suite.

Created on first start (``kiosk-hub serve`` or ``kiosk-hub init``); files are 0600. A county that
has its own certificate passes ``--cert/--key`` instead of using the self-signed one.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync import signing

from . import sealing_keys


@dataclass(frozen=True)
class HubKeys:
    folder: Path
    cert_file: Path
    key_file: Path
    bundle_key: dict[str, signing.SigningKey] = field(repr=False)  # by suite
    sealing: dict[str, sealing_keys.SealingKeyPair] = field(repr=False)  # by suite


def load_or_create(folder: Path, hostnames: tuple[str, ...] = ()) -> HubKeys:
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    cert_file, key_file = folder / "tls-cert.pem", folder / "tls-key.pem"
    if not cert_file.exists():
        _write_self_signed(cert_file, key_file, hostnames)
    bundle_key = {}
    sealing = {}
    for suite in signing.SUITES:
        path = folder / f"bundle-signing-{suite}.key"
        if not path.exists():
            _write_private(path, signing.generate(suite).private.hex())
        bundle_key[suite] = signing.from_private(suite, bytes.fromhex(path.read_text().strip()))
        sealing[suite] = sealing_keys.load_or_create(folder, suite)
    return HubKeys(folder, cert_file, key_file, bundle_key, sealing)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def _write_self_signed(cert_file: Path, key_file: Path, hostnames: tuple[str, ...]) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    for host in hostnames:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "county hub (self-signed)")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    _write_private(key_file, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()).decode())
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
