"""The private file store: uploads and issued PDFs live here, never under MEDIA_ROOT or STATIC_ROOT.

No URL serves this store. Every download goes through a view that checks permissions, audits where
needed and sends the file as an attachment. `MEDIA_ROOT` stays for what may be public (the office
logo printed on letters).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system store rooted at `settings.LONTAR_PRIVATE_ROOT`, without a public URL.

    The root is read when first needed and again after `LONTAR_PRIVATE_ROOT` changes, so a test
    overriding the setting moves the store (FileSystemStorage does the same for MEDIA_ROOT).
    """

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "LONTAR_PRIVATE_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.LONTAR_PRIVATE_ROOT)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


def private_storage():
    """`STORAGES["private"]` when a deployment configures one (e.g. object storage), else the
    private folder on the file system."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateFileSystemStorage()
