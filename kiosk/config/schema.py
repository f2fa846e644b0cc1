"""The kiosk's configuration: one TOML file, one frozen dataclass per section.

Each field's type annotation is the validation rule: ``Literal[...]`` lists the allowed values, ``int``
and ``float`` fields may carry ``metadata={"min": .., "max": ..}``. Add a device or subsystem by adding
a section here; ``kiosk.config.load`` validates it with no further code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


def _range(lo: float | None = None, hi: float | None = None):
    return {"min": lo, "max": hi}


@dataclass(frozen=True)
class KioskSection:
    device_name: str = "村便民服务中心自助终端"
    village: str = "示范村"
    county: str = "示范县"
    language: Literal["zh_CN", "en"] = "zh_CN"
    elder_mode_default: bool = True
    voice_default: bool = True
    demo: bool = False


@dataclass(frozen=True)
class PathsSection:
    data_dir: str = ""  # empty: platformdirs' site data dir, or --data-dir / KIOSK_DATA_DIR


@dataclass(frozen=True)
class CryptoSection:
    suite: Literal["gm", "intl"] = "gm"
    epoch_max_items: int = field(default=500, metadata=_range(1, 1_000_000))
    epoch_max_hours: float = field(default=24.0, metadata=_range(0.01, 24 * 30))


@dataclass(frozen=True)
class StoreSection:
    retention_days: int = field(default=90, metadata=_range(1, 3650))
    min_free_mb: int = field(default=50, metadata=_range(0, 100_000))
    # how long a caller waits for the store's thread; past it the outcome is asked, never guessed
    call_timeout_s: float = field(default=60.0, metadata=_range(0.05, 600))
    # how long the store's thread waits for another process (a CLI command) holding the write lock
    busy_timeout_s: float = field(default=10.0, metadata=_range(0.05, 600))


@dataclass(frozen=True)
class CardSection:
    driver: Literal["pcsc", "virtual", "none"] = "pcsc"
    reader: str = ""  # exact name or prefix of the PC/SC reader; never "the first one"
    psam_reader: str = ""  # a SAM slot shown as a second reader; empty: no PSAM
    read_timeout_s: float = field(default=5.0, metadata=_range(0.5, 60))
    # third-generation cards: the hub round trip (crypto service) within the read; past it, the offline fallback
    hub_auth_timeout_s: float = field(default=3.0, metadata=_range(0.2, 30))


@dataclass(frozen=True)
class CameraSection:
    driver: Literal["opencv", "virtual", "none"] = "opencv"
    device: int = field(default=0, metadata=_range(0, 64))
    width: int = field(default=1280, metadata=_range(160, 8192))
    height: int = field(default=720, metadata=_range(120, 8192))
    still_width: int = field(default=2592, metadata=_range(160, 8192))
    still_height: int = field(default=1944, metadata=_range(120, 8192))
    autofocus: bool = True
    stable_frames: int = field(default=5, metadata=_range(1, 60))  # auto-capture: frames the page must hold still
    min_sharpness: float = field(default=40.0, metadata=_range(0, 100000))  # calibrate on the real 高拍仪


@dataclass(frozen=True)
class SigpadSection:
    driver: Literal["serial", "virtual", "glass"] = "serial"
    port: str = "/dev/kiosk-sigpad"
    protocol: Literal["auto", "isdv4", "hanvon", "wacom4", "topaz"] = "auto"
    baud: int = field(default=0, metadata=_range(0, 921600))  # 0: the protocol's default
    # pads without a capability query (hanvon, topaz): their ranges; 0 keeps the protocol's default
    max_x: int = field(default=0, metadata=_range(0, 65535))
    max_y: int = field(default=0, metadata=_range(0, 65535))
    max_pressure: int = field(default=0, metadata=_range(0, 4095))
    reopen_interval_s: float = field(default=1.0, metadata=_range(0.05, 60))  # retry after unplug


@dataclass(frozen=True)
class PrinterSection:
    driver: Literal["cups", "virtual", "none"] = "cups"
    name: str = ""  # CUPS queue; empty: the default destination
    paper_width_mm: int = field(default=80, metadata=_range(40, 216))
    cups_server: str = ""  # empty: CUPS' own default (/run/cups/cups.sock); a socket path or host:port
    job_timeout_s: float = field(default=60.0, metadata=_range(1, 600))
    virtual_dir: str = ""  # virtual driver: where PDFs go; empty: <data dir>/printed


@dataclass(frozen=True)
class HubSection:
    url: str = ""  # empty until `kiosk enroll`
    ca_file: str = ""  # pinned hub certificate, written by enrolment
    timeout_s: float = field(default=15.0, metadata=_range(1, 300))


@dataclass(frozen=True)
class SyncSection:
    enabled: bool = True
    batch_max_items: int = field(default=50, metadata=_range(1, 10_000))
    batch_max_bytes: int = field(default=2_000_000, metadata=_range(1_000, 100_000_000))
    backoff_initial_s: float = field(default=2.0, metadata=_range(0.01, 3600))
    backoff_max_s: float = field(default=300.0, metadata=_range(0.1, 86_400))
    interval_s: float = field(default=30.0, metadata=_range(0.1, 86_400))
    window: int = field(default=2, metadata=_range(1, 8))  # batches in flight at once (fills a long, slow line)


@dataclass(frozen=True)
class SessionSection:
    idle_warning_s: int = field(default=90, metadata=_range(10, 3600))
    idle_countdown_s: int = field(default=30, metadata=_range(20, 600))  # ≥ 20 s to extend (适老化)
    elder_idle_factor: float = field(default=2.0, metadata=_range(1, 10))


@dataclass(frozen=True)
class UiSection:
    # The panel's physical size and the viewing distance turn the 适老化 dp numbers into pixels.
    screen_width_mm: float = field(default=476.0, metadata=_range(100, 3000))  # 21.5" 16:9
    viewing_distance_cm: float = field(default=60.0, metadata=_range(20, 200))
    fullscreen: bool = True


@dataclass(frozen=True)
class DiagSection:
    health_interval_s: float = field(default=300.0, metadata=_range(5, 86_400))  # idle self-check period
    card_read_runs: int = field(default=3, metadata=_range(1, 100))  # N reads for the timing statistics
    camera_window_s: float = field(default=1.5, metadata=_range(0.3, 30))  # preview watched per check
    cert_warn_days: int = field(default=30, metadata=_range(1, 3650))
    auto_ticket: bool = True  # a device that newly fails the idle check files a fault ticket


@dataclass(frozen=True)
class Config:
    kiosk: KioskSection = field(default_factory=KioskSection)
    paths: PathsSection = field(default_factory=PathsSection)
    crypto: CryptoSection = field(default_factory=CryptoSection)
    store: StoreSection = field(default_factory=StoreSection)
    card: CardSection = field(default_factory=CardSection)
    camera: CameraSection = field(default_factory=CameraSection)
    sigpad: SigpadSection = field(default_factory=SigpadSection)
    printer: PrinterSection = field(default_factory=PrinterSection)
    hub: HubSection = field(default_factory=HubSection)
    sync: SyncSection = field(default_factory=SyncSection)
    session: SessionSection = field(default_factory=SessionSection)
    ui: UiSection = field(default_factory=UiSection)
    diag: DiagSection = field(default_factory=DiagSection)
