import xml.etree.ElementTree as etree
from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.templatetags.static import static
from django.test import RequestFactory
from django.utils import timezone
from django.utils.cache import _generate_cache_header_key
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_hosts.resolvers import get_host, reverse, reverse_host
from docutils.core import publish_parts
from docutils.nodes import document
from docutils.writers.html4css1 import HTMLTranslator, Writer
from markdown import Markdown
from markdown.extensions.toc import TocExtension, slugify as _md_title_slugify
from markdown.treeprocessors import Treeprocessor

BLOG_DOCUTILS_SETTINGS = {
    "doctitle_xform": False,
    "initial_header_level": 2,
    "id_prefix": "s-",
    "raw_enabled": False,
    "file_insertion_enabled": False,
}
BLOG_DOCUTILS_SETTINGS.update(getattr(settings, "BLOG_DOCUTILS_SETTINGS", {}))


def _md_slugify(value, separator):
    # matches the `id_prefix` setting of BLOG_DOCUTILS_SETTINGS
    return "s" + separator + _md_title_slugify(value, separator)


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.active().filter(pub_date__lte=timezone.now())

    def active(self):
        return self.filter(is_active=True)


_IMG_LAZY_ATTRIBUTES = {"loading": "lazy"}


class LazyImageHTMLTranslator(HTMLTranslator):
    """
    Alter img tags to include the lazy attribute.
    """

    def __init__(
        self, document: document, img_attributes: dict[str, str] | None = None
    ) -> None:
        super().__init__(document)
        self._img_attributes = img_attributes or _IMG_LAZY_ATTRIBUTES

    def emptytag(self, node, tagname, suffix="\n", **attributes):
        """
        Construct and return an XML-compatible empty tag.
        """
        if tagname == "img":
            attributes.update(self._img_attributes)
        return super().emptytag(node, tagname, suffix, **attributes)


class LazyImageTreeprocessor(Treeprocessor):
    """
    Adds loading=lazy attribute on img tags.
    Runs on the ElementTree object before serialization.
    """

    def __init__(
        self, img_attributes: dict[str, str] | None = None, md: Markdown | None = None
    ) -> None:
        super().__init__(md)
        self._img_attributes = img_attributes or _IMG_LAZY_ATTRIBUTES

    def run(self, root: etree.Element) -> etree.Element | None:
        """
        Alter img tags with the supplemental attributes.
        """
        for img_elem in root.iter("img"):
            img_elem.attrib.update(self._img_attributes)


class ContentFormat(models.TextChoices):
    REST = "reST", "reStructuredText"
    HTML = "html", "Raw HTML"
    MARKDOWN = "md", "Markdown"

    @classmethod
    def to_html(cls, fmt, source):
        """
        Convert the given source from the given format to HTML
        """
        if not fmt or fmt == cls.HTML:
            return source
        if fmt == cls.REST:
            writer = Writer()
            writer.translator_class = LazyImageHTMLTranslator

            return publish_parts(
                source=source,
                writer=writer,
                settings_overrides=BLOG_DOCUTILS_SETTINGS,
            )["fragment"]
        if fmt == cls.MARKDOWN:
            md = Markdown(
                output_format="html",
                extensions=[
                    # baselevel is 1 unlike `initial_header_level` from
                    # BLOG_DOCUTILS_SETTINGS because rst always starts from heading
                    # level 1, but markdown can have specific heading levels so
                    # starting from 1 makes sense.
                    "tables",
                    TocExtension(baselevel=1, slugify=_md_slugify),
                ],
            )
