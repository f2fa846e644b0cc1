"""Technician diagnostics beyond the core: device and network checks, the idle health monitor, fault tickets.

No Qt here (the screen's bridge is ``ui.bridges.diag``), so ``kiosk diag`` runs headless over SSH. Each check
goes through the same driver the kiosk uses and is a ``kiosk.diag.Check``; no check reports personal data.
"""
