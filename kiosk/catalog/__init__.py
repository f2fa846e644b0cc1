"""The service catalog as data: typed services, forms and materials loaded from assets/catalog/.

    catalog = Catalog.load()                   # or Catalog.load("county.yaml"), or from a verified bundle
    catalog.by_category()["办社保"]
    catalog.search("ylbx")                      # Chinese, pinyin or initials
    validate_form(catalog.get("SB-001"), {"phone": "138…"})  # {field key: 中文错误}
"""

from .bundle import Bundle, BundleError, open_bundle, seal_bundle
from .catalog import Catalog, catalog_from_bundle
from .forms import validate_form
from .loader import DEFAULT_CATALOG, CatalogError
from .model import CAMERA_PROFILES, CATEGORIES, Field, Material, Service

__all__ = [
    "Bundle", "BundleError", "CAMERA_PROFILES", "catalog_from_bundle", "CATEGORIES", "Catalog", "CatalogError", "DEFAULT_CATALOG",
    "Field", "Material", "Service", "open_bundle", "seal_bundle", "validate_form",
]
