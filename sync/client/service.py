"""Building a ready sync client from a data dir: the one place the CLI and the UI wire it up.

    client = make_client(data_dir, config, store, events=hub_events)
    client.start()          # the "sync-sender" thread; client.nudge() after each enqueue
    ...
    client.stop()
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from kiosk.config import Config
from kiosk.errors import UserFacingError
from kiosk.events import EventHub

from . import identity
from .backoff import Backoff, Clock
from .downlink import Applied, BundleShelf, fetch_bundles
from .sender import SyncClient
from .store_link import StoreCheckpoints
from .updates import Fetch, UpdateFolder, fetch_update, pinned_key

log = logging.getLogger(__name__)


def make_client(data_dir: Path, config: Config, store, *, events: EventHub | None = None,
                clock: Clock | None = None) -> SyncClient:
    link, state = identity.hub_link(Path(data_dir), config.hub.timeout_s)
    if config.hub.ca_file and config.hub.ca_file != link.ca_file:
        link = dataclasses.replace(link, ca_file=config.hub.ca_file)  # a county-issued CA replaces the pin
    sync = config.sync

    def remember(seq: int) -> None:
        current = identity.load_state(Path(data_dir)) or state
        identity.save_state(Path(data_dir), dataclasses.replace(current, hub_checkpoint_seq=seq))

    return SyncClient(store, link, batch_max_items=sync.batch_max_items, batch_max_bytes=sync.batch_max_bytes,
                      backoff=Backoff(sync.backoff_initial_s, sync.backoff_max_s), interval_s=sync.interval_s,
                      events=events, clock=clock, checkpoints=StoreCheckpoints(store),
                      hub_checkpoint_seq=state.hub_checkpoint_seq, on_checkpoint=remember, window=sync.window,
                      after_drain=[DownlinkAfterDrain(Path(data_dir))])


def update_bundles(data_dir: Path, client: SyncClient) -> list[Applied]:
    """Fetch and apply newer downlink bundles over the client's pinned session."""
    state = identity.load_state(Path(data_dir))
    assert state is not None  # make_client already required enrolment
    return fetch_bundles(client.session, client.link, state.suite, identity.read_hub_signing_key(Path(data_dir)),
                         BundleShelf(Path(data_dir)))


def fetch_app_update(data_dir: Path, client: SyncClient) -> Fetch:
    """One step of fetching the hub's newest app update into updates/ready (sync/client/updates.py)."""
    return fetch_update(client.session, client.link, pinned_key(Path(data_dir)), UpdateFolder(Path(data_dir)))


class DownlinkAfterDrain:
    """The app's after-drain hook (on its "sync-sender" thread): once a round finds the outbox drained, at
    most every ``every_s``, fetch newer bundles and a step of the app update. ``kiosk sync now`` does the
    same by hand after ``drain``."""

    def __init__(self, data_dir: Path, every_s: float = 600.0):
        self.data_dir, self.every_s = data_dir, every_s
        self._due = 0.0

    def __call__(self, client: SyncClient) -> None:
        now = client.clock.monotonic()
        if now < self._due:
            return
        self._due = now + self.every_s
        for step in (update_bundles, fetch_app_update):
            try:
                step(self.data_dir, client)
            except UserFacingError as exc:  # offline or a bad bundle: the old one stays, try later
                log.info("downlink %s: %s (%s)", step.__name__, exc.message, exc.detail)
